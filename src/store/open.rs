//! Opening a project file: recognise it, refuse what is not ours, then set pragmas and migrate.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Marks a SQLite file as a Claimcoder project (`PRAGMA application_id`, "ClCo").
pub const APPLICATION_ID: i32 = 0x436C_436F;

const MIGRATIONS_SQL: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_adjudication.sql"),
    include_str!("migrations/003_document_tags.sql"),
    include_str!("migrations/004_document_metadata.sql"),
];

/// The project format this version writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS_SQL.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS_SQL.iter().map(|sql| M::up(sql)).collect())
}

pub(super) fn open_project(path: &Path) -> Result<Connection> {
    if path.exists() {
        inspect_existing(path)?;
    } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create folder {}", dir.display()), e))?;
    }
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    // A new file, or an empty SQLite database adopted as a project.
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id == 0 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > 0 && version < SCHEMA_VERSION {
        backup_before_migration(&conn, path, version)?;
    }
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// A project written by an older version is backed up, as it was, before it is upgraded: the
/// upgrade cannot be undone otherwise.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let dir = crate::paths::backups_dir(path);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    let dest = dir.join(super::backup::file_name(chrono::Utc::now()));
    super::backup::copy_to(conn, &dest).map_err(|e| {
        Error::io(
            format!(
                "cannot back up {} (format {version}) before upgrading it; it was left as it is",
                path.display()
            ),
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(())
}

/// Every connection gets the same pragmas: durable WAL, enforced foreign keys, and a wait
/// rather than an error when another process holds the lock.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: an acknowledged save survives a power cut, not only an app crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Checks an existing file read-only, so that a refused file is never modified.
fn inspect_existing(path: &Path) -> Result<()> {
    let not_ours = |reason: &str| Error::NotAProject {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let got = file
        .read(&mut header)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    if got == 0 {
        return Err(not_ours("the file is empty"));
    }
    if got < 16 || &header != b"SQLite format 3\0" {
        return Err(not_ours("it is not an SQLite database"));
    }
    let corrupt = |e: rusqlite::Error| Error::CorruptProject {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(corrupt)?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(corrupt)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(corrupt)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(corrupt)?;
        if !(app_id == 0 && tables == 0) {
            return Err(not_ours("it is an SQLite database of another application"));
        }
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerVersion {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(corrupt)?;
    if check != "ok" {
        return Err(Error::CorruptProject {
            path: path.to_owned(),
            reason: check,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
