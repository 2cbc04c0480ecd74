//! The full-text index (FTS5, trigram tokenizer) over documents' texts and claims' notes. The
//! index only narrows the candidates; the caller finds the matches' offsets in the texts.

use rusqlite::Connection;

use crate::error::Result;

/// What an indexed text belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Indexed {
    Document(String),
    Note(String),
}

/// The texts holding every term (case-insensitively), documents first, oldest first. Terms of
/// three code points or more go through the trigram index; shorter ones (a CJK word of one or
/// two characters) are matched with LIKE on the same table, which scans it.
pub fn candidates(conn: &Connection, terms: &[String]) -> Result<Vec<Indexed>> {
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
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT k.kind, k.entity FROM search_text s JOIN search_keys k ON k.key = s.rowid
         WHERE {} ORDER BY k.kind, k.key",
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
        let kind: String = r.get(0)?;
        let entity: String = r.get(1)?;
        Ok(if kind == "document" {
            Indexed::Document(entity)
        } else {
            Indexed::Note(entity)
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
