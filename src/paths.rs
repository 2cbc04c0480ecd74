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

/// The tokens of the team projects this user's projects are linked to, outside any project
/// file (a project gets copied, backed up and mailed; a token must not travel with it).
pub fn team_tokens_file() -> PathBuf {
    settings_file().with_file_name("team-tokens.json")
}

/// Where the backups of the project at `project` go: beside the user's data, never inside the
/// project's own folder (a shared or synced folder must not fill with copies), one folder per
/// project file (its name and a hash of its full path, so two "notes.claimcoder" stay apart).
pub fn backups_dir(project: &std::path::Path) -> PathBuf {
    let full = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_owned());
    let stem = full
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let hash = crate::text::sha256_hex(&full.to_string_lossy());
    data_dir()
        .join("backups")
        .join(format!("{stem}-{}", &hash[..8]))
}

/// A file of this machine's own about its projects, in the user's data folder.
pub fn data_file(name: &str) -> PathBuf {
    data_dir().join(name)
}

fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}
