use super::{exec, query_row};
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::model::{now, Speaker, SpeakerId, SpeakerKind};

fn insert(conn: &Connection, s: &Speaker) -> Result<()> {
    let at = now();
    exec(
        conn,
        "INSERT INTO speakers (id, name, kind, created, modified) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![s.id.as_str(), s.name, s.kind.as_str(), at],
    )?;
    insert_aliases(conn, s)
}

fn insert_aliases(conn: &Connection, s: &Speaker) -> Result<()> {
    let mut alias = conn.prepare_cached(
        "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias) VALUES (?1, ?2)",
    )?;
    for a in &s.aliases {
        alias.execute(params![s.id.as_str(), a])?;
    }
    Ok(())
}

/// Writes a speaker's name, kind and aliases (the complete new state).
pub(crate) fn update(conn: &Connection, s: &Speaker) -> Result<()> {
    let n = exec(
        conn,
        "UPDATE speakers SET name = ?2, kind = ?3, modified = ?4 WHERE id = ?1",
        params![s.id.as_str(), s.name, s.kind.as_str(), now()],
    )?;
    if n == 0 {
        return Err(not_found(&s.id));
    }
    exec(
        conn,
        "DELETE FROM speaker_aliases WHERE speaker_id = ?1",
        [s.id.as_str()],
    )?;
    insert_aliases(conn, s)
}

/// Deletes a speaker (its aliases go with it); no claim may cite it any more.
pub(crate) fn delete(conn: &Connection, id: &SpeakerId) -> Result<()> {
    if exec(conn, "DELETE FROM speakers WHERE id = ?1", [id.as_str()])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: &SpeakerId) -> Result<Speaker> {
    let (name, kind): (String, String) = query_row(
        conn,
        "SELECT name, kind FROM speakers WHERE id = ?1",
        [id.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| not_found(id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ?1 ORDER BY alias COLLATE NOCASE",
    )?;
    let aliases = stmt
        .query_map([id.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Speaker {
        id: id.clone(),
        name,
        kind: SpeakerKind::parse(&kind).unwrap_or(SpeakerKind::Other),
        aliases,
    })
}

fn not_found(id: &SpeakerId) -> Error {
    Error::NotFound {
        entity: "speaker",
        id: id.to_string(),
    }
}

/// Inserts a speaker and records the change, as every way of adding one must.
pub(crate) fn create(
    conn: &Connection,
    s: &Speaker,
    by: Option<&crate::model::CoderId>,
) -> Result<()> {
    insert(conn, s)?;
    super::changes::record(
        conn,
        by,
        "speaker",
        s.id.as_str(),
        super::changes::Action::Create,
        None,
        Some(s),
    )
}

/// All speakers by name, each with its aliases.
pub fn list(conn: &Connection) -> Result<Vec<Speaker>> {
    let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT speaker_id, alias FROM speaker_aliases ORDER BY alias COLLATE NOCASE")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (id, alias) = row?;
        aliases.entry(id).or_default().push(alias);
    }
    let mut stmt =
        conn.prepare("SELECT id, name, kind FROM speakers ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, kind) = row?;
        out.push(Speaker {
            aliases: aliases.remove(&id).unwrap_or_default(),
            id: SpeakerId(id),
            name,
            // The table's CHECK constraint admits only the known kinds.
            kind: SpeakerKind::parse(&kind).unwrap_or(SpeakerKind::Other),
        });
    }
    Ok(out)
}

/// The speaker whose name or an alias is `name`, case-insensitively.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<SpeakerId>> {
    Ok(query_row(
        conn,
        "SELECT id FROM speakers WHERE name = ?1 COLLATE NOCASE
             UNION SELECT speaker_id FROM speaker_aliases WHERE alias = ?1 COLLATE NOCASE
             LIMIT 1",
        [name],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(SpeakerId))
}

pub fn is_known(conn: &Connection, id: &SpeakerId) -> Result<bool> {
    Ok(query_row(
        conn,
        "SELECT 1 FROM speakers WHERE id = ?1",
        [id.as_str()],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// `Ok` when the speaker exists, else a `NotFound` error naming it.
pub fn exists(conn: &Connection, id: &SpeakerId) -> Result<()> {
    if is_known(conn, id)? {
        Ok(())
    } else {
        Err(not_found(id))
    }
}
