//! The app's state: the open project (if any), why opening failed (if it did), and the
//! user's settings.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use claimcoder::project::backups::{self, Backup, Kept};
use claimcoder::settings::Settings;
use claimcoder::{paths, Project};
use serde::Serialize;

use crate::error::{AppError, CmdResult};

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Session {
    pub project_path: String,
    pub coder: Option<claimcoder::model::Coder>,
    pub recent_projects: Vec<String>,
    /// Why the project is open read-only, when it is (the UI shows it in a banner).
    pub read_only: Option<String>,
}

/// A backup put in place of the project: the project as it now is, and what was kept of the
/// file it replaced.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Restored {
    pub session: Session,
    pub kept: Kept,
}

pub struct AppState {
    project: Mutex<Opened>,
    settings: Mutex<Settings>,
    pub team: crate::team::TeamSync,
}

/// The project the app is on: open, or the file it could not open and why (its backups can
/// still be listed and restored).
enum Opened {
    Project(Box<Project>),
    Failed { path: PathBuf, error: AppError },
}

impl Opened {
    fn from(path: &Path, opened: CmdResult<Project>) -> Opened {
        match opened {
            Ok(p) => Opened::Project(Box::new(p)),
            Err(error) => Opened::Failed {
                path: path.to_owned(),
                error,
            },
        }
    }

    fn path(&self) -> &Path {
        match self {
            Opened::Project(p) => p.path(),
            Opened::Failed { path, .. } => path,
        }
    }
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
            project: Mutex::new(Opened::from(&path, project)),
            settings: Mutex::new(settings),
            team: crate::team::TeamSync::default(),
        }
    }

    fn opened(&self) -> std::sync::MutexGuard<'_, Opened> {
        self.project.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the open project.
    pub fn with_project<T>(
        &self,
        f: impl FnOnce(&mut Project) -> claimcoder::Result<T>,
    ) -> CmdResult<T> {
        match &mut *self.opened() {
            Opened::Project(p) => f(p).map_err(AppError::from),
            Opened::Failed { error, .. } => Err(error.clone()),
        }
    }

    /// Runs `f` on the open project, for the core's own callers (the team sync).
    pub fn with_core<T>(
        &self,
        f: impl FnOnce(&mut Project) -> claimcoder::Result<T>,
    ) -> claimcoder::Result<T> {
        match &mut *self.opened() {
            Opened::Project(p) => f(p),
            Opened::Failed { error, .. } => {
                Err(claimcoder::Error::InvalidOption(error.message.clone()))
            }
        }
    }

    /// The backups of the project the app is on, also when it could not be opened.
    pub fn backups(&self) -> CmdResult<Vec<Backup>> {
        let path = self.opened().path().to_owned();
        Ok(backups::list(&path)?)
    }

    /// Puts a backup in place of the project the app is on (open or not), keeping the file
    /// as it was first, and opens the result. When the restore fails, the project that was
    /// open is opened again.
    pub fn restore_backup(&self, backup: &Path) -> CmdResult<Restored> {
        let mut opened = self.opened();
        let path = opened.path().to_owned();
        // The project's connection must be closed before its file is replaced.
        let was = std::mem::replace(
            &mut *opened,
            Opened::Failed {
                path: path.clone(),
                error: AppError {
                    code: claimcoder::error::ErrorCode::Io,
                    message: format!("{} is being restored from a backup", path.display()),
                },
            },
        );
        let was_open = matches!(was, Opened::Project(_));
        drop(was);
        let restored = backups::restore(&path, backup);
        let mut settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        if let (Err(e), false) = (&restored, was_open) {
            // Nothing changed: the project is still the one that could not be opened.
            *opened = Opened::from(&path, Project::open(&path).map_err(AppError::from));
            return Err(e.into());
        }
        *opened = Opened::from(
            &path,
            Project::open(&path)
                .map_err(AppError::from)
                .and_then(|p| adopt(p, &mut settings)),
        );
        drop(settings);
        drop(opened);
        let kept = restored?;
        Ok(Restored {
            session: self.session()?,
            kept,
        })
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
                read_only: p.read_only(),
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
        *self.opened() = Opened::Project(Box::new(project));
        // The project switched to is backed up on opening, like the one the app starts on.
        self.backup_if_changed();
        self.session()
    }

    /// Opens the project the app is on (typically one that failed its check) read-only:
    /// nothing is written to its file.
    pub fn open_read_only(&self) -> CmdResult<Session> {
        let mut opened = self.opened();
        let path = opened.path().to_owned();
        let mut project = Project::open_read_only(&path)?;
        let settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(name) = settings.coder_name(None) {
            // A damaged project may not be able to say who its coders are; reading needs none.
            let _ = project.set_coder(&name);
        }
        drop(settings);
        *opened = Opened::Project(Box::new(project));
        drop(opened);
        self.session()
    }

    /// Backs up the open project if it changed since its last backup: on opening and every
    /// half hour. A failed backup must not keep the analyst from their project; it is said on
    /// stderr, and the next attempt may succeed.
    pub fn backup_if_changed(&self) {
        // The decision under the project's lock; the copy (seconds for a large project) off it,
        // through a connection of its own, so the app answers meanwhile.
        let done = self
            .with_project(|p| p.backup_job_if_changed())
            .and_then(|job| job.map(|j| j.run()).transpose().map_err(Into::into));
        if let Err(e) = done {
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
