//! Where the app and the command-line tool find their files, so both open the same default
//! project. `CLAIMCODER_PROJECT` names another project file.

use std::path::PathBuf;

/// The app's identifier; also the name of its data and config folders.
pub const APP_IDENTIFIER: &str = "org.claimcoder.app";

/// The extension of project files.
pub const PROJECT_EXTENSION: &str = "claimcoder";

/// The project to open when none is named: `CLAIMCODER_PROJECT`, else the default project in
/// the platform's data folder.
pub fn startup_project() -> PathBuf {
    match std::env::var_os("CLAIMCODER_PROJECT").filter(|v| !v.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => default_project(),
    }
}

pub fn default_project() -> PathBuf {
    data_dir().join(format!("default.{PROJECT_EXTENSION}"))
}

pub fn settings_file() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join("settings.json")
}

fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}
