//! A project's link to a team project: the link, the team's id and version of each row the
//! team has, the pending marks (set by the triggers of migration 8), and refused items.

use super::{exec, query_row};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::team::wire::Role;

/// The kinds of row a team project holds, in the order a push sends them (a claim's document
/// and speaker before it, a decision's claims before it).
pub const KINDS: [&str; 4] = ["document", "speaker", "claim", "decision"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The server's base address, e.g. `http://127.0.0.1:8080`.
    pub server: String,
    pub project_id: String,
    /// Who this project syncs as (the token's member), and with which role.
    pub member: String,
    pub role: Role,
    /// The last version of the team's change log applied here.
    pub pulled: i64,
    pub linked_at: String,
    pub last_synced: Option<String>,
    pub last_error: Option<String>,
}

/// A push sent and not yet answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    pub batch_id: String,
    /// The request's JSON, sent again byte for byte.
    pub body: String,
    /// The local row (kind, id) of each item, by index.
    pub rows: Vec<(String, String)>,
}

/// A row the server refused, until it changes again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Refusal {
    pub kind: String,
    pub id: String,
    pub code: String,
    pub message: String,
}

pub fn link(conn: &Connection) -> Result<Option<Link>> {
    Ok(query_row(
        conn,
        "SELECT server, project_id, member, role, pulled, linked_at, last_synced, last_error
           FROM team_link WHERE id = 1",
        [],
        |r| {
            let role: String = r.get(3)?;
            Ok(Link {
                server: r.get(0)?,
                project_id: r.get(1)?,
                member: r.get(2)?,
                // The table's CHECK admits only the three roles.
                role: Role::parse(&role).unwrap_or(Role::Coder),
                pulled: r.get(4)?,
                linked_at: r.get(5)?,
                last_synced: r.get(6)?,
                last_error: r.get(7)?,
            })
        },
    )
    .optional()?)
}

/// Links the project. Linked again to the same team project as the same member (the server
/// moved, a new token), it keeps where its sync stands; otherwise it starts afresh.
pub(crate) fn set_link(conn: &Connection, link: &Link) -> Result<()> {
    if let Some(old) = self::link(conn)? {
        if old.project_id == link.project_id && old.member.eq_ignore_ascii_case(&link.member) {
            exec(
                conn,
                "UPDATE team_link SET server = ?1, member = ?2, role = ?3 WHERE id = 1",
                params![link.server, link.member, link.role.as_str()],
            )?;
            return Ok(());
        }
    }
    forget(conn)?;
    exec(
        conn,
        "INSERT INTO team_link (id, server, project_id, member, role, pulled, linked_at)
         VALUES (1, ?1, ?2, ?3, ?4, 0, ?5)",
        params![
            link.server,
            link.project_id,
            link.member,
            link.role.as_str(),
            link.linked_at
        ],
    )?;
    // Everything the project has is new to the team until a push says otherwise.
    for (kind, table) in [
        ("document", "documents"),
        ("speaker", "speakers"),
        ("claim", "claims"),
        ("decision", "decisions"),
    ] {
        exec(
            conn,
            &format!("INSERT OR IGNORE INTO team_pending SELECT '{kind}', id FROM {table}"),
            [],
        )?;
    }
    Ok(())
}

/// Unlinks the project: the link, the team's ids and the refusals go; the rows stay.
pub(crate) fn forget(conn: &Connection) -> Result<()> {
    for table in ["team_link", "team_rows", "team_refused", "team_pending"] {
        exec(conn, &format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

pub(crate) fn set_pulled(conn: &Connection, version: i64) -> Result<()> {
    exec(
        conn,
        "UPDATE team_link SET pulled = ?1 WHERE id = 1",
        [version],
    )?;
    Ok(())
}

/// Records how the last sync ended: when it finished, or why it did not.
pub(crate) fn set_outcome(
    conn: &Connection,
    synced: Option<&str>,
    error: Option<&str>,
) -> Result<()> {
    exec(
        conn,
        "UPDATE team_link SET last_synced = coalesce(?1, last_synced), last_error = ?2 WHERE id = 1",
        params![synced, error],
    )?;
    Ok(())
}

pub fn in_flight(conn: &Connection) -> Result<Option<InFlight>> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = query_row(
        conn,
        "SELECT batch_id, batch, batch_rows FROM team_link WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?;
    Ok(match row {
        Some((Some(batch_id), Some(body), Some(rows))) => Some(InFlight {
            batch_id,
            body,
            rows: serde_json::from_str(&rows).unwrap_or_default(),
        }),
        _ => None,
    })
}

pub(crate) fn set_in_flight(conn: &Connection, batch: Option<&InFlight>) -> Result<()> {
    exec(
        conn,
        "UPDATE team_link SET batch_id = ?1, batch = ?2, batch_rows = ?3 WHERE id = 1",
        params![
            batch.map(|b| &b.batch_id),
            batch.map(|b| &b.body),
            batch.map(|b| serde_json::to_string(&b.rows).expect("pairs of strings serialise")),
        ],
    )?;
    Ok(())
}

/// The local ids of `kind` changed since they were last pushed.
pub fn pending(conn: &Connection, kind: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT local_id FROM team_pending WHERE kind = ?1 ORDER BY local_id")?;
    let rows = stmt.query_map([kind], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks a local row changed since it was last pushed: only while the project is linked, and
/// not while a pull applies the team's own changes (what the triggers of migration 10 check).
pub(crate) fn mark_pending(conn: &Connection, kind: &str, local: &str) -> Result<()> {
    exec(
        conn,
        "INSERT OR IGNORE INTO team_pending (kind, local_id)
             SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM team_link)
                 AND (SELECT applying FROM team_applying) = 0",
        [kind, local],
    )?;
    Ok(())
}

pub fn pending_count(conn: &Connection) -> Result<u32> {
    Ok(query_row(
        conn,
        "SELECT count(*) FROM team_pending",
        [],
        |r| r.get(0),
    )?)
}

pub(crate) fn clear_pending(conn: &Connection, kind: &str, local: &str) -> Result<()> {
    exec(
        conn,
        "DELETE FROM team_pending WHERE kind = ?1 AND local_id = ?2",
        [kind, local],
    )?;
    Ok(())
}

pub fn is_pending(conn: &Connection, kind: &str, local: &str) -> Result<bool> {
    Ok(query_row(
        conn,
        "SELECT 1 FROM team_pending WHERE kind = ?1 AND local_id = ?2",
        [kind, local],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// The team's id and last seen version of a local row, if the team has it.
pub fn team_row(conn: &Connection, kind: &str, local: &str) -> Result<Option<(String, i64)>> {
    Ok(query_row(
        conn,
        "SELECT team_id, version FROM team_rows WHERE kind = ?1 AND local_id = ?2",
        [kind, local],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

/// The local id of the team's row `team`, if this project has it.
pub fn local_id(conn: &Connection, kind: &str, team: &str) -> Result<Option<String>> {
    Ok(query_row(
        conn,
        "SELECT local_id FROM team_rows WHERE kind = ?1 AND team_id = ?2",
        [kind, team],
        |r| r.get(0),
    )
    .optional()?)
}

pub(crate) fn set_row(
    conn: &Connection,
    kind: &str,
    local: &str,
    team: &str,
    version: i64,
) -> Result<()> {
    // A team id is one local row's: a row that held it before (a speaker merged away) lets go.
    exec(
        conn,
        "DELETE FROM team_rows WHERE kind = ?1 AND team_id = ?2 AND local_id <> ?3",
        [kind, team, local],
    )?;
    exec(
        conn,
        "INSERT INTO team_rows (kind, local_id, team_id, version) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, local_id) DO UPDATE SET team_id = excluded.team_id, version = excluded.version",
        params![kind, local, team, version],
    )?;
    Ok(())
}

pub(crate) fn drop_row(conn: &Connection, kind: &str, local: &str) -> Result<()> {
    exec(
        conn,
        "DELETE FROM team_rows WHERE kind = ?1 AND local_id = ?2",
        [kind, local],
    )?;
    Ok(())
}

/// Every claim the team has here: (coder's name, team id, version), for the summary check.
pub fn synced_claims(conn: &Connection) -> Result<Vec<(String, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.name, t.team_id, t.version
           FROM team_rows t JOIN claims c ON c.id = t.local_id JOIN coders k ON k.id = c.coder_id
          WHERE t.kind = 'claim'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The local ids of every row of `kind` the team has.
pub fn rows_of(conn: &Connection, kind: &str) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT local_id, team_id FROM team_rows WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// While set, the team's changes are being applied: the triggers set no pending marks.
pub(crate) fn set_applying(conn: &Connection, on: bool) -> Result<()> {
    exec(
        conn,
        "UPDATE team_applying SET applying = ?1 WHERE id = 1",
        [on as i64],
    )?;
    Ok(())
}

pub(crate) fn refuse(conn: &Connection, r: &Refusal) -> Result<()> {
    exec(
        conn,
        "INSERT OR REPLACE INTO team_refused (kind, local_id, code, message) VALUES (?1, ?2, ?3, ?4)",
        params![r.kind, r.id, r.code, r.message],
    )?;
    Ok(())
}

pub(crate) fn clear_refused(conn: &Connection, kind: &str, local: &str) -> Result<()> {
    exec(
        conn,
        "DELETE FROM team_refused WHERE kind = ?1 AND local_id = ?2",
        [kind, local],
    )?;
    Ok(())
}

pub fn refused(conn: &Connection) -> Result<Vec<Refusal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, local_id, code, message FROM team_refused ORDER BY kind, local_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Refusal {
            kind: r.get(0)?,
            id: r.get(1)?,
            code: r.get(2)?,
            message: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
