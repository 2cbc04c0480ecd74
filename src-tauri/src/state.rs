//! The app's state: the open project (if any), why opening failed (if it did), and the
//! user's settings.

use std::path::Path;
use std::sync::Mutex;

use claimcoder::settings::Settings;
use claimcoder::{paths, Project};
use serde::Serialize;

use crate::error::{AppError, CmdResult};

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Session {
    pub project_path: String,
    pub coder: Option<claimcoder::model::Coder>,
    pub recent_projects: Vec<String>,
}

pub struct AppState {
    project: Mutex<Result<Project, AppError>>,
    settings: Mutex<Settings>,
}

impl AppState {
    /// Opens the startup project; a failure is kept to be shown, not fatal.
    pub fn start() -> AppState {
        let mut settings = Settings::load(&paths::settings_file());
        let path = paths::startup_project();
        let project = Project::open_with_sample(&path)
            .map_err(AppError::from)
            .and_then(|p| adopt(p, &mut settings));
        AppState {
            project: Mutex::new(project),
            settings: Mutex::new(settings),
        }
    }

    /// Runs `f` on the open project.
    pub fn with_project<T>(
        &self,
        f: impl FnOnce(&mut Project) -> claimcoder::Result<T>,
    ) -> CmdResult<T> {
        let mut guard = self.project.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(p) => f(p).map_err(AppError::from),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn session(&self) -> CmdResult<Session> {
        let settings = self
            .settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        self.with_project(|p| {
            Ok(Session {
                project_path: p.path().display().to_string(),
                coder: p.coder().cloned(),
                recent_projects: settings
                    .recent_projects
                    .iter()
                    .map(|r| r.display().to_string())
                    .collect(),
            })
        })
    }

    /// Replaces the open project with the one at `path` (created if missing). On failure the
    /// project that was open stays open.
    pub fn switch_to(&self, path: &Path) -> CmdResult<Session> {
        let mut settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        let project = adopt(Project::open(path)?, &mut settings)?;
        drop(settings);
        *self.project.lock().unwrap_or_else(|p| p.into_inner()) = Ok(project);
        // The project switched to is backed up on opening, like the one the app starts on.
        self.backup_if_changed();
        self.session()
    }

    /// Backs up the open project if it changed since its last backup: on opening and every
    /// half hour. A failed backup must not keep the analyst from their project; it is said on
    /// stderr, and the next attempt may succeed.
    pub fn backup_if_changed(&self) {
        if let Err(e) = self.with_project(|p| p.backup_if_changed()) {
            eprintln!("claimcoder: no backup: {}", e.message);
        }
    }

    pub fn set_coder(&self, name: &str) -> CmdResult<claimcoder::model::Coder> {
        let coder = self.with_project(|p| p.set_coder(name))?;
        let mut settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        settings.coder_name = Some(coder.name.clone());
        settings.save(&paths::settings_file())?;
        Ok(coder)
    }
}

/// Makes `project` the user's current one: their coder name applies, and it is remembered.
fn adopt(mut project: Project, settings: &mut Settings) -> CmdResult<Project> {
    if let Some(name) = settings.coder_name(None) {
        project.set_coder(&name)?;
    }
    settings.remember_project(project.path());
    settings.save(&paths::settings_file())?;
    Ok(project)
}
