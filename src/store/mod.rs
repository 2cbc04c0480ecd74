//! The only SQL in the project. One project is one SQLite file: WAL, foreign keys, versioned
//! migrations, and every write one transaction.

pub mod backup;
pub mod changes;
pub mod claims;
pub mod coders;
pub mod decisions;
pub mod documents;
mod open;
pub mod search;
pub mod speakers;
pub mod versions;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::Result;

pub use open::{APPLICATION_ID, SCHEMA_VERSION};

/// The one owner of a project's database connection.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the project at `path`, creating it when the file does not exist. A file that is
    /// not a Claimcoder project, is damaged, or was written by a newer version is refused and
    /// left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = open::open_project(path)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a checked copy of the project to `dest` (see [`backup::copy_to`]).
    pub fn backup_to(&self, dest: &Path) -> Result<backup::Contents> {
        backup::copy_to(&self.conn, dest)
    }

    /// Runs `f` for reading in one transaction, so that every query it makes sees the same
    /// snapshot: a change committed meanwhile (by the CLI, say) is seen whole or not at all.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // Deferred: takes no lock until the first read, and in WAL mode never blocks writers.
        let tx = self.conn.unchecked_transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in one immediate transaction: all of its writes land, or none do.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`Store::write`], but `f` also says whether to keep its writes: `false` rolls the
    /// transaction back (a dry run that reports what it would have done).
    pub fn write_or_roll_back<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<(T, bool)>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (value, keep) = f(&tx)?;
        if keep {
            tx.commit()?;
        }
        Ok(value)
    }
}
