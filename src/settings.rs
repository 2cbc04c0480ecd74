//! The user's own settings, kept beside (not inside) projects: a shared project file must not
//! carry who is coding on this machine.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;

const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The name this machine's user codes under.
    pub coder_name: Option<String>,
    /// Recently opened projects, most recent first.
    pub recent_projects: Vec<PathBuf>,
}

impl Settings {
    /// Reads the settings; a missing file gives defaults. A damaged file is set aside as
    /// `settings.json.damaged` rather than silently overwritten.
    pub fn load(path: &Path) -> Settings {
        let Ok(bytes) = std::fs::read(path) else {
            return Settings::default();
        };
        match serde_json::from_slice(&bytes) {
            Ok(s) => s,
            Err(_) => {
                let _ = std::fs::rename(path, path.with_extension("json.damaged"));
                Settings::default()
            }
        }
    }

    /// Writes atomically: a crash leaves the old file or the new one, never half of one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("settings serialise");
        crate::files::save(path, &json, false)
    }

    /// Who is coding, by one rule for every client: the name given for this run (the CLI's
    /// `--as`), else `$CLAIMCODER_CODER`, else the name this machine's user gave the app.
    pub fn coder_name(&self, given: Option<&str>) -> Option<String> {
        choose_coder(
            given,
            std::env::var("CLAIMCODER_CODER").ok().as_deref(),
            self.coder_name.as_deref(),
        )
    }

    pub fn remember_project(&mut self, project: &Path) {
        let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_owned());
        self.recent_projects.retain(|p| p != &project);
        self.recent_projects.insert(0, project);
        self.recent_projects.truncate(MAX_RECENT);
    }
}

/// The first of the names that says something.
fn choose_coder(given: Option<&str>, env: Option<&str>, saved: Option<&str>) -> Option<String> {
    [given, env, saved]
        .into_iter()
        .flatten()
        .find(|n| !n.trim().is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_recent_projects_unique_and_short() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cfg/settings.json");
        let mut s = Settings::load(&file);
        assert_eq!(s, Settings::default());
        for i in 0..12 {
            s.remember_project(Path::new(&format!("/p/{i}.claimcoder")));
        }
        s.remember_project(Path::new("/p/5.claimcoder"));
        s.coder_name = Some("Ana".into());
        s.save(&file).unwrap();
        let back = Settings::load(&file);
        assert_eq!(back.coder_name.as_deref(), Some("Ana"));
        assert_eq!(back.recent_projects.len(), MAX_RECENT);
        assert_eq!(back.recent_projects[0], PathBuf::from("/p/5.claimcoder"));
    }

    #[test]
    fn a_damaged_file_is_set_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        std::fs::write(&file, b"{not json").unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
        assert_eq!(
            std::fs::read(dir.path().join("settings.json.damaged")).unwrap(),
            b"{not json"
        );
    }

    #[test]
    fn the_coder_is_the_given_name_then_the_environment_then_the_saved_one() {
        let pick = super::choose_coder;
        assert_eq!(
            pick(Some("Ana"), Some("Bo"), Some("Cy")).as_deref(),
            Some("Ana")
        );
        assert_eq!(pick(None, Some("Bo"), Some("Cy")).as_deref(), Some("Bo"));
        assert_eq!(pick(None, Some("  "), Some("Cy")).as_deref(), Some("Cy"));
        assert_eq!(pick(None, None, None), None);
    }
}
