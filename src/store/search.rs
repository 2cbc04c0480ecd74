//! The full-text index (FTS5, trigram tokenizer) over documents' texts and claims' notes. The
//! index only narrows the candidates; the caller finds the matches' offsets in the texts.

use rusqlite::Connection;

use super::{exec, query_row};
use crate::error::Result;

/// Indexes the texts and notes written in this transaction, all in one statement, so that FTS5
/// writes its index once (migration 9: the triggers only queue their keys). `Store` runs it
/// before every commit, and on opening for what another writer may have left queued.
pub(crate) fn index_pending(conn: &Connection) -> Result<()> {
    if any_pending(conn)? {
        exec(
            conn,
            "INSERT INTO search_text (rowid, body)
                 SELECT k.key, d.text FROM search_pending p JOIN search_keys k ON k.key = p.key
                     JOIN documents d ON k.kind = 'document' AND d.id = k.entity
                 UNION ALL
                 SELECT k.key, c.note FROM search_pending p JOIN search_keys k ON k.key = p.key
                     JOIN claims c ON k.kind = 'note' AND c.id = k.entity
                     WHERE c.note IS NOT NULL",
            [],
        )?;
        exec(conn, "DELETE FROM search_pending", [])?;
    }
    Ok(())
}

/// Queues a new text of `kind` ('document', 'note') belonging to `entity` for the index, as
/// the insert triggers do for documents.
pub(crate) fn queue(conn: &Connection, kind: &str, entity: &str) -> Result<()> {
    exec(
        conn,
        "INSERT INTO search_keys (kind, entity) VALUES (?1, ?2)",
        [kind, entity],
    )?;
    exec(
        conn,
        "INSERT INTO search_pending (key) VALUES (last_insert_rowid())",
        [],
    )?;
    Ok(())
}

/// Whether texts wait to be indexed.
pub(crate) fn any_pending(conn: &Connection) -> Result<bool> {
    Ok(query_row(
        conn,
        "SELECT EXISTS (SELECT 1 FROM search_pending)",
        [],
        |r| r.get(0),
    )?)
}

/// What an indexed text belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Indexed {
    Document(String),
    Note(String),
}

/// Calls `each` with the texts holding every term (case-insensitively), documents first,
/// oldest first, until it answers false: a search that wants the first 200 reads no further.
/// Terms of three code points or more go through the trigram index; shorter ones (a CJK word
/// of one or two characters) are matched with LIKE on the same table, which scans it.
pub fn each_candidate(
    conn: &Connection,
    terms: &[String],
    mut each: impl FnMut(Indexed) -> Result<bool>,
) -> Result<()> {
    let mut conditions = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let long: Vec<String> = terms
        .iter()
        .filter(|t| t.chars().count() >= 3)
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    if !long.is_empty() {
        conditions.push("search_text MATCH ?".to_owned());
        values.push(long.join(" AND "));
    }
    for t in terms.iter().filter(|t| t.chars().count() < 3) {
        conditions.push("s.body LIKE ? ESCAPE '\\'".to_owned());
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        values.push(format!("%{escaped}%"));
    }
    if conditions.is_empty() {
        return Ok(());
    }
    for kind in ["document", "note"] {
        // The index first (CROSS JOIN keeps that order): its matches come in key order, which
        // is the order asked for, so nothing is sorted and reading stops at the last one taken.
        let sql = format!(
            "SELECT k.entity FROM search_text s CROSS JOIN search_keys k ON k.key = s.rowid
             WHERE {} AND k.kind = '{kind}' ORDER BY s.rowid",
            conditions.join(" AND ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        while let Some(row) = rows.next()? {
            let entity: String = row.get(0)?;
            let found = if kind == "document" {
                Indexed::Document(entity)
            } else {
                Indexed::Note(entity)
            };
            if !each(found)? {
                return Ok(());
            }
        }
    }
    Ok(())
}
