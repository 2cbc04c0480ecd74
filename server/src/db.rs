//! The connection pool and the embedded, versioned schema migrations.

use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

/// The schema, one file per version, applied in order. Never edit a released one: add the next.
const MIGRATIONS: &[(i32, &str)] = &[(1, include_str!("../migrations/001_initial.sql"))];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Serialises migrations between servers (and admin commands) started at once on one database.
const MIGRATION_LOCK: i64 = 0x636c_6169_6d63_6f64; // "claimcod"

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the database URL is not valid: {0}")]
    BadUrl(String),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error(
        "the database's schema is version {found}, newer than this claimcoder-server knows \
         (up to {known}); it was written by a newer server: upgrade claimcoder-server, nothing was changed"
    )]
    Newer { found: i32, known: i32 },
    #[error("database error: {0}")]
    Sql(#[from] tokio_postgres::Error),
}

/// An error with the errors that caused it ("error connecting to server: Connection refused").
pub fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = cause.source();
    }
    text
}

/// A pool of connections to `url` (`postgres://user@host:port/db`). Connections that broke
/// (a restarted server, a cut connection) are dropped on their next use and replaced.
pub fn pool(url: &str, size: usize) -> Result<Pool, DbError> {
    let mut config =
        tokio_postgres::Config::from_str(url).map_err(|e| DbError::BadUrl(e.to_string()))?;
    config.connect_timeout(Duration::from_secs(5));
    config.application_name("claimcoder-server");
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Verified,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .runtime(Runtime::Tokio1)
        .create_timeout(Some(Duration::from_secs(5)))
        .wait_timeout(Some(Duration::from_secs(30)))
        .build()
        .map_err(|e| DbError::Connect(e.to_string()))
}

/// Brings the schema up to [`SCHEMA_VERSION`] in one transaction, or refuses, untouched, a
/// database whose schema is newer than this binary.
pub async fn migrate(pool: &Pool) -> Result<i32, DbError> {
    let mut client = pool
        .get()
        .await
        .map_err(|e| DbError::Connect(with_causes(&e)))?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version    integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now()
         )",
    )
    .await?;
    let found: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])
        .await?
        .get(0);
    if found > SCHEMA_VERSION {
        // Dropping the transaction rolls it back: not even the version table is touched.
        return Err(DbError::Newer {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[version],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(SCHEMA_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_from_one() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v, i as i32 + 1);
        }
    }
}
