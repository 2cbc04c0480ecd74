//! The only SQL in the project. One project is one SQLite file: WAL, foreign keys, versioned
//! migrations, and every write one transaction.

pub mod backup;
pub mod changes;
mod check_record;
pub mod claims;
pub mod coders;
pub mod decisions;
pub mod documents;
mod open;
pub mod search;
pub mod speakers;
pub mod team;
pub mod versions;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use open::{OpeningCheck, APPLICATION_ID, SCHEMA_VERSION};

/// The one owner of a project's database connection.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Why the project is open read-only, if it is: every write is then refused unattempted.
    read_only: Option<String>,
    /// `PRAGMA data_version` when last looked at: it moves when another connection commits.
    data_version: i64,
    opening_check: OpeningCheck,
}

impl Store {
    /// Opens the project at `path`, creating it when the file does not exist. A file that is
    /// not a Claimcoder project, is damaged, or was written by a newer version is refused and
    /// left untouched.
    /// A file this process may not write (a read-only file, folder or mount) is opened
    /// read-only instead (see [`Store::read_only`]).
    pub fn open(path: &Path) -> Result<Store> {
        Store::with(open::open_project(path).map_err(|e| e.at_file(path))?, path)
    }

    /// Opens an existing project so that nothing is ever written to it: not its file, and no
    /// -wal or -shm file beside it that was not there.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Store::with(
            open::open_read_only(path, "opened read-only as asked")?,
            path,
        )
    }

    fn with(opened: open::Opened, path: &Path) -> Result<Store> {
        let open::Opened {
            conn,
            read_only,
            check,
        } = opened;
        let data_version = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            read_only,
            data_version,
            opening_check: check,
        })
    }

    /// How the file was checked when it was opened.
    pub fn opening_check(&self) -> OpeningCheck {
        self.opening_check
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the project is open read-only, if it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Whether another connection (another process, another window) committed a change since
    /// this was last asked (or since opening). This connection's own writes do not count.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let now: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(|e| Error::from(e).at_file(&self.path))?;
        let changed = now != self.data_version;
        self.data_version = now;
        Ok(changed)
    }

    fn refuse_if_read_only(&self) -> Result<()> {
        match &self.read_only {
            Some(why) => Err(Error::ReadOnly {
                path: self.path.clone(),
                reason: why.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Writes a checked copy of the project to `dest` (see [`backup::copy_to`]).
    pub fn backup_to(&self, dest: &Path) -> Result<backup::Contents> {
        if self.read_only.is_none() {
            return backup::copy_to(&self.conn, dest);
        }
        // query_only also refuses VACUUM INTO, which writes only `dest`; the connection was
        // opened read-only, so the project itself still cannot be written meanwhile.
        self.conn.pragma_update(None, "query_only", "OFF")?;
        let copied = backup::copy_to(&self.conn, dest);
        self.conn.pragma_update(None, "query_only", "ON")?;
        copied
    }

    /// Runs `f` for reading in one transaction, so that every query it makes sees the same
    /// snapshot: a change committed meanwhile (by the CLI, say) is seen whole or not at all.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let run = || {
            // Deferred: takes no lock until the first read, and in WAL mode never blocks writers.
            let tx = self.conn.unchecked_transaction()?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run().map_err(|e: Error| e.at_file(&self.path))
    }

    /// Runs `f` in one immediate transaction: all of its writes land, or none do.
    /// Refused, unattempted, when the project is read-only.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_or_roll_back(|tx| Ok((f(tx)?, true)))
    }

    /// [`Store::write_or_roll_back`] for a transaction that writes a lot (a merge of a set), with
    /// 64 MiB of page cache instead of SQLite's 2 MiB, so that its pages are not spilled to the
    /// WAL half-way. Only for such writes: a cache that size, filled by a large read (an
    /// export), cost more to fill and to free on closing than it saved.
    pub fn large_write_or_roll_back<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<(T, bool)>,
    ) -> Result<T> {
        self.refuse_if_read_only()?;
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let written = self.write_or_roll_back(f);
        self.conn.pragma_update(None, "cache_size", cache)?;
        written
    }

    /// Like [`Store::write`], but `f` also says whether to keep its writes: `false` rolls the
    /// transaction back (a dry run that reports what it would have done).
    pub fn write_or_roll_back<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<(T, bool)>,
    ) -> Result<T> {
        self.refuse_if_read_only()?;
        let run = || {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (value, keep) = f(&tx)?;
            if keep {
                search::index_pending(&tx)?;
                tx.commit()?;
            }
            Ok(value)
        };
        run().map_err(|e: Error| e.at_file(&self.path))
    }
}

/// Runs a write through the connection's statement cache, so that SQL run once per claim (a
/// merge runs it 100,000 times) is parsed once: parsing was a fifth of a large merge's time.
pub(crate) fn exec(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

/// Reads one row through the connection's statement cache (see [`exec`]).
pub(crate) fn query_row<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(params, f)
}

/// The queries a large project runs often (a name and the SQL, parameters as `?1`): what
/// tests/integration/query_plans.rs runs `EXPLAIN QUERY PLAN` on.
pub fn hot_queries() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    claims::hot(&mut out);
    documents::hot(&mut out);
    changes::hot(&mut out);
    out
}
