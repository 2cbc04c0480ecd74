//! How carried claims were placed, and the orphans: claims whose words are gone from the
//! version they were carried to.

use super::{exec, query_row};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{
    ClaimId, ClaimPlacement, CoderId, DocumentId, Orphan, Placement, ReviewReason, SpeakerId,
    Status,
};

fn conversion(col: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unknown {what} {value:?}").into(),
    )
}

fn placement_row(r: &Row) -> rusqlite::Result<ClaimPlacement> {
    let placement: String = r.get(1)?;
    let review: Option<String> = r.get(4)?;
    Ok(ClaimPlacement {
        claim: ClaimId(r.get(0)?),
        placement: Placement::parse(&placement)
            .ok_or_else(|| conversion(1, "placement", &placement))?,
        from_claim: ClaimId(r.get(2)?),
        from_quote: r.get(3)?,
        review: review
            .map(|v| ReviewReason::parse(&v).ok_or_else(|| conversion(4, "review reason", &v)))
            .transpose()?,
    })
}

const PLACEMENT_SELECT: &str =
    "SELECT p.claim_id, p.placement, p.from_claim, p.from_quote, p.review FROM claim_placements p";

pub(crate) fn insert_placement(conn: &Connection, p: &ClaimPlacement) -> Result<()> {
    exec(
        conn,
        "INSERT OR REPLACE INTO claim_placements (claim_id, placement, from_claim, from_quote, review)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            p.claim.as_str(),
            p.placement.as_str(),
            p.from_claim.as_str(),
            p.from_quote,
            p.review.map(ReviewReason::as_str)
        ],
    )?;
    Ok(())
}

/// Clears a placement's review flag (an analyst looked and agreed).
pub(crate) fn clear_review(conn: &Connection, claim: &ClaimId) -> Result<()> {
    exec(
        conn,
        "UPDATE claim_placements SET review = NULL WHERE claim_id = ?1",
        [claim.as_str()],
    )?;
    Ok(())
}

pub fn placement(conn: &Connection, claim: &ClaimId) -> Result<Option<ClaimPlacement>> {
    Ok(query_row(
        conn,
        &format!("{PLACEMENT_SELECT} WHERE p.claim_id = ?1"),
        [claim.as_str()],
        placement_row,
    )
    .optional()?)
}

/// The placements of a document's claims (only those that were carried or re-anchored), or
/// of every document's.
pub fn placements(conn: &Connection, doc: Option<&DocumentId>) -> Result<Vec<ClaimPlacement>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{PLACEMENT_SELECT} JOIN claims c ON c.id = p.claim_id
         WHERE ?1 IS NULL OR c.document_id = ?1 ORDER BY c.document_id, c.start, c.id"
    ))?;
    let rows = stmt.query_map([doc.map(DocumentId::as_str)], placement_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const ORPHAN_SELECT: &str = "SELECT id, document_id, from_claim, quote, prefix, suffix, status,
        speaker_id, note, coder_id, created, modified FROM orphans";

fn orphan_row(r: &Row) -> rusqlite::Result<Orphan> {
    let status: String = r.get(6)?;
    Ok(Orphan {
        id: ClaimId(r.get(0)?),
        document: DocumentId(r.get(1)?),
        from_claim: ClaimId(r.get(2)?),
        quote: r.get(3)?,
        prefix: r.get(4)?,
        suffix: r.get(5)?,
        status: Status::parse(&status).ok_or_else(|| conversion(6, "status", &status))?,
        speaker: r.get::<_, Option<String>>(7)?.map(SpeakerId),
        note: r.get(8)?,
        coder: CoderId(r.get(9)?),
        created: r.get(10)?,
        modified: r.get(11)?,
    })
}

pub(crate) fn insert_orphan(conn: &Connection, o: &Orphan) -> Result<()> {
    exec(
        conn,
        "INSERT INTO orphans (id, document_id, from_claim, quote, prefix, suffix, status,
                              speaker_id, note, coder_id, created, modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            o.id.as_str(),
            o.document.as_str(),
            o.from_claim.as_str(),
            o.quote,
            o.prefix,
            o.suffix,
            o.status.as_str(),
            o.speaker.as_ref().map(SpeakerId::as_str),
            o.note,
            o.coder.as_str(),
            o.created,
            o.modified,
        ],
    )?;
    Ok(())
}

pub(crate) fn delete_orphan(conn: &Connection, id: &ClaimId) -> Result<()> {
    if exec(conn, "DELETE FROM orphans WHERE id = ?1", [id.as_str()])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn orphan(conn: &Connection, id: &ClaimId) -> Result<Orphan> {
    query_row(
        conn,
        &format!("{ORPHAN_SELECT} WHERE id = ?1"),
        [id.as_str()],
        orphan_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// The orphans of a document, or of every document, oldest first.
pub fn orphans(conn: &Connection, doc: Option<&DocumentId>) -> Result<Vec<Orphan>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ORPHAN_SELECT} WHERE ?1 IS NULL OR document_id = ?1 ORDER BY document_id, created, id"
    ))?;
    let rows = stmt.query_map([doc.map(DocumentId::as_str)], orphan_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Orphans follow a speaker merged into another, like claims.
pub(crate) fn move_speaker(conn: &Connection, from: &SpeakerId, into: &SpeakerId) -> Result<()> {
    exec(
        conn,
        "UPDATE orphans SET speaker_id = ?2 WHERE speaker_id = ?1",
        [from.as_str(), into.as_str()],
    )?;
    Ok(())
}

/// How many orphans and claims waiting for review a document has.
pub fn attention_counts(conn: &Connection, doc: &DocumentId) -> Result<(u32, u32)> {
    Ok(query_row(
        conn,
        "SELECT (SELECT count(*) FROM orphans WHERE document_id = ?1),
                (SELECT count(*) FROM claim_placements p JOIN claims c ON c.id = p.claim_id
                 WHERE c.document_id = ?1 AND p.review IS NOT NULL)",
        [doc.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn not_found(id: &ClaimId) -> Error {
    Error::NotFound {
        entity: "orphaned claim",
        id: id.to_string(),
    }
}
