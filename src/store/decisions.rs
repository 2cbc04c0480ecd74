use super::{exec, query_row};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{CoderId, Decision, DecisionAction, DocumentId, Timestamp};

pub fn insert(conn: &Connection, d: &Decision, by: &CoderId) -> Result<()> {
    exec(
        conn,
        "INSERT INTO decisions (id, document_id, unit_start, unit_end, action, considered, chosen,
                                gold_claim_id, result, reason, decided_by, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            d.id,
            d.document.as_str(),
            d.unit_start,
            d.unit_end,
            d.action.as_str(),
            to_json(&d.considered),
            to_json(&d.chosen),
            d.result.as_ref().map(|c| c.id.as_str()),
            d.result.as_ref().map(to_json),
            d.reason,
            by.as_str(),
            d.decided_at,
        ],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT d.id, d.document_id, d.unit_start, d.unit_end, d.action, d.considered,
        d.chosen, d.result, d.reason, c.name, d.decided_at, d.undone_at, u.name
     FROM decisions d JOIN coders c ON c.id = d.decided_by LEFT JOIN coders u ON u.id = d.undone_by";

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("model types serialise")
}

fn parse<T: serde::de::DeserializeOwned>(i: usize, text: String) -> rusqlite::Result<T> {
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

fn from_row(r: &Row) -> rusqlite::Result<Decision> {
    let action: String = r.get(4)?;
    Ok(Decision {
        id: r.get(0)?,
        document: DocumentId(r.get(1)?),
        unit_start: r.get(2)?,
        unit_end: r.get(3)?,
        // The table's CHECK constraint admits only the four actions.
        action: DecisionAction::parse(&action).unwrap_or(DecisionAction::Reject),
        considered: parse(5, r.get(5)?)?,
        chosen: parse(6, r.get(6)?)?,
        result: match r.get::<_, Option<String>>(7)? {
            Some(t) => Some(parse(7, t)?),
            None => None,
        },
        reason: r.get(8)?,
        decided_by: r.get(9)?,
        decided_at: r.get(10)?,
        undone_at: r.get(11)?,
        undone_by: r.get(12)?,
    })
}

/// Every decision, oldest first; only those on `document` when given.
pub fn list(conn: &Connection, document: Option<&DocumentId>) -> Result<Vec<Decision>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE ?1 IS NULL OR d.document_id = ?1 ORDER BY d.decided_at, d.id"
    ))?;
    let rows = stmt.query_map([document.map(DocumentId::as_str)], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: &str) -> Result<Decision> {
    query_row(conn, &format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: "decision",
            id: id.to_owned(),
        })
}

pub fn mark_undone(conn: &Connection, id: &str, by: &CoderId, at: &Timestamp) -> Result<()> {
    exec(
        conn,
        "UPDATE decisions SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
        params![id, at, by.as_str()],
    )?;
    Ok(())
}
