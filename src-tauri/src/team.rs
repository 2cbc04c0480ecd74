//! The team sync in the background: a tokio task that syncs the open project while it is
//! linked — soon after a change here, every minute to pull the team's, and at once when asked —
//! never holding the project while it waits on the network, so the app stays usable offline.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use claimcoder::paths;
use claimcoder::project::TeamStatus;
use claimcoder::team::{self, sync::KeptClient, ProjectAccess, SyncReport};
use serde::Serialize;
use tauri::{AppHandle, Manager};
use tokio::sync::Notify;

use crate::state::AppState;

/// How soon a change here is pushed, and how often the team's changes are pulled.
const AFTER_CHANGE: Duration = Duration::from_secs(3);
const EVERY: Duration = Duration::from_secs(60);
/// After a failure (offline), how long before trying again on its own.
const RETRY: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Unlinked,
    Idle,
    Syncing,
    Offline,
    Error,
}

/// What the app shows of the team link.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TeamState {
    pub phase: SyncPhase,
    /// The link, its last sync and what is pending (none when unlinked).
    pub status: Option<TeamStatus>,
    /// What the last sync did, this session.
    pub last_report: Option<SyncReport>,
}

#[derive(Default)]
pub struct TeamSync {
    wake: Notify,
    syncing: AtomicBool,
    /// A sync applied the team's changes since the UI last asked (it reloads then).
    pulled: AtomicBool,
    last: Mutex<Last>,
    /// The team project's client, kept from one sync to the next.
    client: Mutex<KeptClient>,
}

#[derive(Default)]
struct Last {
    at: Option<Instant>,
    failed: Option<claimcoder::ErrorCode>,
    report: Option<SyncReport>,
    /// What still waited after it (rows that wait for something else, such as claims on a
    /// document the lead has not shared): only more than that is a change to push.
    pending_left: u32,
}

impl TeamSync {
    /// Asks for a sync now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Whether a sync brought the team's changes since this was last asked.
    pub fn take_pulled(&self) -> bool {
        self.pulled.swap(false, Ordering::AcqRel)
    }

    pub fn state(&self, status: Option<TeamStatus>) -> TeamState {
        let last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let phase = match (&status, last.failed) {
            (None, _) => SyncPhase::Unlinked,
            _ if self.syncing.load(Ordering::Acquire) => SyncPhase::Syncing,
            (_, Some(claimcoder::ErrorCode::TeamOffline)) => SyncPhase::Offline,
            (_, Some(_)) => SyncPhase::Error,
            (Some(s), None) if s.last_error.is_some() && last.at.is_none() => SyncPhase::Error,
            _ => SyncPhase::Idle,
        };
        TeamState {
            phase,
            status,
            last_report: last.report.clone(),
        }
    }

    /// Forgets this session's outcome (a new link, another project).
    pub fn reset(&self) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Last::default();
    }
}

/// The open project, for the sync's steps: taken for each one only.
struct Shell<'a>(&'a AppState);

impl ProjectAccess for Shell<'_> {
    fn with<T>(
        &mut self,
        f: impl FnOnce(&mut claimcoder::Project) -> claimcoder::Result<T>,
    ) -> claimcoder::Result<T> {
        self.0.with_core(f)
    }
}

/// Starts the background task.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let state = app.state::<AppState>();
            let team = &state.team;
            tokio::select! {
                _ = team.wake.notified() => {}
                _ = tokio::time::sleep(AFTER_CHANGE) => {
                    if !due(&state) {
                        continue;
                    }
                }
            }
            let handle = app.clone();
            let _ = tauri::async_runtime::spawn_blocking(move || {
                sync_once(&handle.state::<AppState>())
            })
            .await;
        }
    });
}

/// Whether the timer should sync now: linked, and a change waits or the last sync is old.
fn due(state: &AppState) -> bool {
    let Ok(Some(status)) = state.with_core(|p| match p.team_link()? {
        Some(_) => p.team_status().map(Some),
        None => Ok(None),
    }) else {
        return false;
    };
    let last = state.team.last.lock().unwrap_or_else(|p| p.into_inner());
    let since = last.at.map(|t| t.elapsed());
    let wait = if last.failed.is_some() { RETRY } else { EVERY };
    match since {
        None => true,
        Some(s) => s >= wait || (status.pending > last.pending_left && last.failed.is_none()),
    }
}

/// Syncs the open project once, if it is linked.
pub fn sync_once(state: &AppState) {
    let team = &state.team;
    let Ok(Some(link)) = state.with_core(|p| p.team_link()) else {
        return;
    };
    if team.syncing.swap(true, Ordering::AcqRel) {
        return;
    }
    let client = team
        .client
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .for_link(&link, &paths::team_tokens_file());
    let result = client.and_then(|client| team::run(&mut Shell(state), &client));
    {
        let mut last = team.last.lock().unwrap_or_else(|p| p.into_inner());
        last.at = Some(Instant::now());
        match result {
            Ok(report) => {
                if report.pulled.applied() > 0 {
                    team.pulled.store(true, Ordering::Release);
                }
                last.failed = None;
                last.pending_left = report.status.as_ref().map_or(0, |s| s.pending);
                last.report = Some(report);
            }
            Err(e) => last.failed = Some(e.code()),
        }
    }
    team.syncing.store(false, Ordering::Release);
}
