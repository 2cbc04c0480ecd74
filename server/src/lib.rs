//! The Claimcoder team server: one ordered change log per team project that every desktop app
//! syncs with, with accounts and roles checked on every request. See `server/README.md`.

pub mod admin;
pub mod auth;
pub mod cli;
pub mod db;
pub mod error;
pub mod log;
pub mod members;
pub mod push;
pub mod routes;
pub use claimcoder::team::wire;

use std::future::Future;
use std::sync::Arc;

use deadpool_postgres::Pool;
use tokio::net::TcpListener;

/// The largest request body accepted (a push of documents and claims).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

pub struct AppState {
    pub pool: Pool,
    pub verified: auth::VerifiedCache,
    /// Argon2id verifications running at once: each takes 19 MiB and a core for tens of
    /// milliseconds, so a flood of wrong tokens queues here instead of exhausting the machine.
    pub hashing: tokio::sync::Semaphore,
    pub summaries: SummaryCache,
}

/// The last summary computed of each project, with the version it holds at.
#[derive(Default)]
pub struct SummaryCache(std::sync::Mutex<std::collections::HashMap<String, wire::Summary>>);

impl SummaryCache {
    pub fn get(&self, project: &str, latest: i64) -> Option<wire::Summary> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(project).filter(|s| s.latest == latest).cloned()
    }

    pub fn put(&self, project: &str, summary: wire::Summary) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.get(project).is_none_or(|s| s.latest <= summary.latest) {
            map.insert(project.to_owned(), summary);
        }
    }
}

/// How many argon2id verifications run at once.
pub const HASHING_SLOTS: usize = 4;

/// The application's routes over a pool whose schema is migrated.
pub fn app(pool: Pool) -> axum::Router {
    routes::router(Arc::new(AppState {
        pool,
        verified: auth::VerifiedCache::default(),
        hashing: tokio::sync::Semaphore::new(HASHING_SLOTS),
        summaries: SummaryCache::default(),
    }))
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests under way.
pub async fn serve(
    listener: TcpListener,
    pool: Pool,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(pool))
        .with_graceful_shutdown(shutdown)
        .await
}
