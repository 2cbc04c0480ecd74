//! Copies of a project file for backups: written with `VACUUM INTO` (a consistent copy while
//! the project stays open), checked, and only then given their name.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// Backup file names sort by time: `2026-12-02T01-40-05.123Z.claimcoder`.
pub const NAME_FORMAT: &str = "%Y-%m-%dT%H-%M-%S%.3fZ";

/// The file name of a backup made at `at`.
pub fn file_name(at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{}.{}",
        at.format(NAME_FORMAT),
        crate::paths::PROJECT_EXTENSION
    )
}

/// What a project file holds, read without changing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub documents: u32,
    pub claims: u32,
}

/// Writes a copy of the database behind `conn` to `dest` (which must not exist): first to a
/// temporary file beside it, synced to disk and checked, then renamed into place.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<Contents> {
    let tmp = dest.with_extension("partial");
    let _ = std::fs::remove_file(&tmp);
    let io = |e| Error::io(format!("cannot write the backup {}", dest.display()), e);
    if let Err(e) = conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()]) {
        // A disk that filled mid-copy keeps no half-made backup.
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::from(e).at_file(dest));
    }
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    let contents = match check(&tmp) {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    std::fs::rename(&tmp, dest).map_err(io)?;
    if let Some(dir) = dest.parent() {
        // The rename itself must reach the disk too.
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
    }
    Ok(contents)
}

/// Opens `path` read-only, checks it is a whole Claimcoder project, and counts what it holds.
pub fn check(path: &Path) -> Result<Contents> {
    let what = path.display().to_string();
    let bad = |reason: String| Error::CorruptProject {
        path: path.to_owned(),
        reason,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("cannot open {what}: {e}")))?;
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if app != super::APPLICATION_ID {
        return Err(Error::NotAProject {
            path: path.to_owned(),
            reason: "its application id is not Claimcoder's".into(),
        });
    }
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if verdict != "ok" {
        return Err(bad(format!("the integrity check says: {verdict}")));
    }
    let count = |table: &str| -> Result<u32> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| bad(e.to_string()))
    };
    Ok(Contents {
        documents: count("documents")?,
        claims: count("claims")?,
    })
}
