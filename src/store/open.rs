//! Opening a project file: recognise it, refuse what is not ours, then set pragmas and migrate.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use super::check_record;
use crate::error::{Error, Result};

/// Marks a SQLite file as a Claimcoder project (`PRAGMA application_id`, "ClCo").
pub const APPLICATION_ID: i32 = 0x436C_436F;

const MIGRATIONS_SQL: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_adjudication.sql"),
    include_str!("migrations/003_document_tags.sql"),
    include_str!("migrations/004_versions.sql"),
    include_str!("migrations/005_document_metadata.sql"),
    include_str!("migrations/006_indices.sql"),
    include_str!("migrations/007_document_summaries.sql"),
    include_str!("migrations/008_team_sync.sql"),
    include_str!("migrations/009_search_at_commit.sql"),
    include_str!("migrations/010_team_marks_when_linked.sql"),
];

/// The page size of a new project file, in bytes.
const PAGE_SIZE: u32 = 16_384;

/// The project format this version writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS_SQL.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// An opened project's connection, why it is read-only if it is, and how it was checked.
pub(super) struct Opened {
    pub conn: Connection,
    pub read_only: Option<String>,
    pub check: OpeningCheck,
}

/// Opens the project for writing, or read-only (with why) when this process may not write the
/// file or its folder: the file is then never written.
pub(super) fn open_project(path: &Path) -> Result<Opened> {
    let mut check = OpeningCheck::Created;
    if path.exists() {
        let found = inspect_existing(path)?;
        if let Some(reason) = found.damage {
            return Err(Error::CorruptProject {
                path: path.to_owned(),
                reason,
            });
        }
        if let Some(why) = not_writable(path) {
            return connect_read_only(path, found, why);
        }
        check = found.check;
    } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create folder {}", dir.display()), e))?;
        if let Some(why) = cannot_write(dir) {
            return Err(Error::ReadOnly {
                path: path.to_owned(),
                reason: format!("it cannot be created: {why}"),
            });
        }
    }
    let mut conn = Connection::open(path)?;
    if check == OpeningCheck::Created {
        // Set before anything is written, after which it is fixed. 16 KiB pages: a merge of
        // 100,000 claims took a tenth less time than with SQLite's 4 KiB (fewer pages to split,
        // find and log), and the file came out smaller.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    }
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
    // Texts another writer queued for the search index and did not index (see migration 9).
    if super::search::any_pending(&conn)? {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        super::search::index_pending(&tx)?;
        tx.commit()?;
    }
    Ok(Opened {
        conn,
        read_only: None,
        check,
    })
}

/// Opens an existing project so that nothing is ever written to it, `why` saying why; a
/// damaged one too (what can be read of it can be read), saying so in why it is read-only.
pub(super) fn open_read_only(path: &Path, why: &str) -> Result<Opened> {
    let found = inspect_existing(path)?;
    connect_read_only(path, found, why.to_owned())
}

fn connect_read_only(path: &Path, found: Inspected, why: String) -> Result<Opened> {
    let Inspected {
        version,
        damage,
        check,
    } = found;
    let why = match damage {
        Some(damage) => format!("{why}; it failed its check: {damage}"),
        None => why,
    };
    if version < SCHEMA_VERSION {
        return Err(Error::ReadOnly {
            path: path.to_owned(),
            reason: format!(
                "{why}; it is in an older format ({version}) that must be upgraded, which needs \
                 writing: open it where it can be written"
            ),
        });
    }
    let conn = read_only_connection(path).map_err(|e| Error::CorruptProject {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Belt and braces: SQLite itself refuses any write on this connection.
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(Opened {
        conn,
        read_only: Some(why),
        check,
    })
}

/// Why this process may not write the project at `path` (the file, or the folder where SQLite
/// keeps its -wal and -shm files), if it may not. Asks the system without writing anything.
fn not_writable(path: &Path) -> Option<String> {
    if let Some(why) = cannot_write(path) {
        return Some(why);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty())?;
    cannot_write(dir)
}

#[cfg(unix)]
fn cannot_write(path: &Path) -> Option<String> {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK)
        .err()
        .map(|e| {
            let what = if path.is_dir() {
                "the folder"
            } else {
                "the file"
            };
            // "Read-only file system", without the "(os error 30)" a user can do nothing with.
            let reason = std::io::Error::from(e).to_string();
            let reason = reason.split(" (os error").next().unwrap_or_default();
            format!("{what} {} cannot be written: {reason}", path.display())
        })
}

#[cfg(not(unix))]
fn cannot_write(path: &Path) -> Option<String> {
    let ro = std::fs::metadata(path).ok()?.permissions().readonly();
    ro.then(|| format!("{} is marked read-only", path.display()))
}

/// A connection that reads the project and writes nothing, not even a -wal or -shm file. With
/// no -wal holding changes, the main file is the whole project, and `immutable` reads it without
/// locks or side files; with one (another process has it open), `mode=ro` reads through it.
fn read_only_connection(path: &Path) -> rusqlite::Result<Connection> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_in_use = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let uri = format!(
        "file:{}?mode=ro{}",
        uri_path(path),
        if wal_in_use { "" } else { "&immutable=1" }
    );
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// `path` as the path of a `file:` URI: every byte but unreserved ones and `/` percent-encoded.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let bytes = absolute.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    // Statement journals (one per write whose triggers or checks may need that statement
    // alone undone: an UPDATE of a claim, say) and sorts in memory rather than temporary files:
    // a merge wrote every page it changed a second time, to a file, for nothing crash recovery
    // needs (the WAL keeps the transaction).
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Room for every statement of a merge, coding and the reads, so none is parsed twice.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// What checking an existing project found.
struct Inspected {
    version: i64,
    /// What `quick_check` reported, when it is not "ok".
    damage: Option<String>,
    check: OpeningCheck,
}

/// How an existing project was checked on opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpeningCheck {
    /// Every page read and checked (`PRAGMA quick_check`).
    Checked,
    /// Not checked: the file and its -wal are as they were when it last passed (see
    /// `check_record`).
    UnchangedSincePassed,
    /// A new file: nothing to check.
    Created,
}

/// Checks an existing file read-only, so that a refused file is never modified: refuses what
/// is not a project of a version this one reads, and reports damage for the caller to refuse
/// (or, opening read-only, to tell).
fn inspect_existing(path: &Path) -> Result<Inspected> {
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
    // Taken before any connection reads it: the state the check will be of.
    let state = check_record::ProjectState::of(path);
    let conn = read_only_connection(path).map_err(corrupt)?;
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
    let record = check_record::default_record();
    if state
        .as_ref()
        .is_some_and(|s| check_record::passed_in(&record, path, s))
    {
        return Ok(Inspected {
            version,
            damage: None,
            check: OpeningCheck::UnchangedSincePassed,
        });
    }
    let began = std::time::SystemTime::now();
    let check = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0))
        .unwrap_or_else(|e| e.to_string());
    if let Some(state) = state.filter(|_| check == "ok") {
        check_record::remember_passed(&record, path, &state, began, check_record::SETTLED);
    }
    Ok(Inspected {
        version,
        damage: (check != "ok").then_some(check),
        check: OpeningCheck::Checked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn a_new_project_has_large_pages_and_an_existing_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let page_size = |conn: &Connection| -> u32 {
            conn.pragma_query_value(None, "page_size", |r| r.get(0))
                .unwrap()
        };
        let new = dir.path().join("new.claimcoder");
        assert_eq!(page_size(&open_project(&new).unwrap().conn), PAGE_SIZE);
        // A project made with SQLite's default pages, as every earlier version made them.
        let old = dir.path().join("old.claimcoder");
        let conn = Connection::open(&old).unwrap();
        conn.pragma_update(None, "page_size", 4096).unwrap();
        conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
        drop(conn);
        let opened = open_project(&old).unwrap();
        assert_eq!(page_size(&opened.conn), 4096);
        let version: i64 = opened
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }
}
