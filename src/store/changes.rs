//! The change record: every write says who made it, when, and what it was before and after.

use super::{exec, query_row};
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::model::{now, CoderId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
        }
    }
}

pub fn record<T: Serialize>(
    conn: &Connection,
    coder: Option<&CoderId>,
    entity: &str,
    entity_id: &str,
    action: Action,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let json = |v: Option<&T>| v.map(serde_json::to_string).transpose();
    exec(
        conn,
        "INSERT INTO changes (at, coder_id, entity, entity_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            now(),
            coder.map(CoderId::as_str),
            entity,
            entity_id,
            action.as_str(),
            json(before).expect("model types serialise"),
            json(after).expect("model types serialise"),
        ],
    )?;
    Ok(())
}

/// How many changes touched `entity_id` (for tests and audit views).
pub fn count_for(conn: &Connection, entity_id: &str) -> Result<u32> {
    Ok(query_row(
        conn,
        "SELECT count(*) FROM changes WHERE entity_id = ?1",
        [entity_id],
        |r| r.get(0),
    )?)
}

const LAST_CHANGE: &str = "SELECT max(at) FROM changes";

// `count_for` is left out: tests use it, and an index for it would cost every write.
pub(super) fn hot(out: &mut Vec<(&'static str, String)>) {
    out.push(("when the project last changed", LAST_CHANGE.into()));
}

/// When the project last changed (RFC 3339), or `None` when it never has.
pub fn last_change(conn: &Connection) -> Result<Option<String>> {
    Ok(query_row(conn, LAST_CHANGE, [], |r| r.get(0))?)
}

/// The state of `entity_id` before its last deletion, if one is recorded.
pub fn before_last_delete<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    entity: &str,
    entity_id: &str,
) -> Result<Option<T>> {
    use rusqlite::OptionalExtension;
    let before: Option<Option<String>> = query_row(
        conn,
        "SELECT before FROM changes WHERE entity = ?1 AND entity_id = ?2 AND action = 'delete'
          ORDER BY seq DESC LIMIT 1",
        [entity, entity_id],
        |r| r.get(0),
    )
    .optional()?;
    Ok(before.flatten().and_then(|b| serde_json::from_str(&b).ok()))
}
