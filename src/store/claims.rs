use super::{exec, query_row, search, team};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use std::sync::LazyLock;

use crate::model::{
    Claim, ClaimId, ClaimList, ClaimRow, CoderId, DocumentId, Span, SpeakerId, Status,
};
use crate::review::CodedSpan;

const SELECT: &str = "SELECT id, document_id, start, \"end\", quote, prefix, suffix, status,
        speaker_id, cue_start, cue_end, note, coder_id, created, modified FROM claims";

fn from_row(r: &Row) -> rusqlite::Result<Claim> {
    let status: String = r.get(7)?;
    let cue = match (r.get::<_, Option<u32>>(9)?, r.get::<_, Option<u32>>(10)?) {
        (Some(start), Some(end)) => Some(Span { start, end }),
        _ => None,
    };
    Ok(Claim {
        id: ClaimId(r.get(0)?),
        document: DocumentId(r.get(1)?),
        start: r.get(2)?,
        end: r.get(3)?,
        quote: r.get(4)?,
        prefix: r.get(5)?,
        suffix: r.get(6)?,
        status: parse_status(&status, 7)?,
        speaker: r.get::<_, Option<String>>(8)?.map(SpeakerId),
        cue,
        note: r.get(11)?,
        coder: CoderId(r.get(12)?),
        created: r.get(13)?,
        modified: r.get(14)?,
    })
}

pub(crate) fn insert(conn: &Connection, c: &Claim) -> Result<()> {
    exec(
        conn,
        "INSERT INTO claims (id, document_id, start, \"end\", quote, prefix, suffix, status,
                             speaker_id, cue_start, cue_end, note, coder_id, created, modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            c.id.as_str(),
            c.document.as_str(),
            c.start,
            c.end,
            c.quote,
            c.prefix,
            c.suffix,
            c.status.as_str(),
            c.speaker.as_ref().map(SpeakerId::as_str),
            c.cue.map(|s| s.start),
            c.cue.map(|s| s.end),
            c.note,
            c.coder.as_str(),
            c.created,
            c.modified,
        ],
    )?;
    // What insert triggers would do, here so the insert has none (migration 10 says why).
    if c.note.is_some() {
        search::queue(conn, "note", c.id.as_str())?;
    }
    team::mark_pending(conn, "claim", c.id.as_str())?;
    Ok(())
}

/// Writes every field but the id, document, coder and creation time.
pub(crate) fn update(conn: &Connection, c: &Claim) -> Result<()> {
    let n = exec(
        conn,
        "UPDATE claims SET start = ?2, \"end\" = ?3, quote = ?4, prefix = ?5, suffix = ?6,
                status = ?7, speaker_id = ?8, cue_start = ?9, cue_end = ?10, note = ?11,
                modified = ?12
         WHERE id = ?1",
        params![
            c.id.as_str(),
            c.start,
            c.end,
            c.quote,
            c.prefix,
            c.suffix,
            c.status.as_str(),
            c.speaker.as_ref().map(SpeakerId::as_str),
            c.cue.map(|s| s.start),
            c.cue.map(|s| s.end),
            c.note,
            c.modified,
        ],
    )?;
    if n == 0 {
        return Err(not_found(&c.id));
    }
    Ok(())
}

pub(crate) fn delete(conn: &Connection, id: &ClaimId) -> Result<()> {
    if exec(conn, "DELETE FROM claims WHERE id = ?1", [id.as_str()])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

// The queries a large project runs often, named so that tests/integration/query_plans.rs checks
// the plans of exactly these (see `store::hot_queries`).
static FIND: LazyLock<String> = LazyLock::new(|| format!("{SELECT} WHERE id = ?1"));
pub(super) static FOR_DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    format!("{SELECT} WHERE document_id = ?1 ORDER BY start, \"end\", created, id")
});
/// The columns of [`ClaimRow`] only: the app's list reads no context and no times.
pub(super) const LISTED: &str =
    "SELECT id, start, \"end\", quote, status, speaker_id, cue_start, cue_end, note, coder_id
     FROM claims WHERE document_id = ?1 ORDER BY start, \"end\", created, id";
pub(super) static CITING: LazyLock<String> = LazyLock::new(|| {
    format!("{SELECT} WHERE speaker_id = ?1 ORDER BY document_id, start, \"end\", created, id")
});
pub(super) static BY_CODER: LazyLock<String> = LazyLock::new(|| {
    format!("{SELECT} WHERE coder_id = ?1 ORDER BY document_id, start, \"end\", created, id")
});
pub(super) const COUNT_BY_SPEAKER_AND_CODER: &str =
    "SELECT speaker_id, coder_id, count(*) FROM claims WHERE speaker_id IS NOT NULL
     GROUP BY speaker_id, coder_id";
pub(super) static ALL: LazyLock<String> =
    LazyLock::new(|| format!("{SELECT} ORDER BY document_id, start, \"end\", created, id"));
/// In the order the claims are stored: agreement groups them by document and sorts each
/// document's itself, and walking the text-order index cost a lookup per claim.
pub(super) const SPANS: &str =
    "SELECT id, document_id, coder_id, start, \"end\", status, speaker_id FROM claims";

pub(super) fn hot(out: &mut Vec<(&'static str, String)>) {
    out.push(("a claim by id", FIND.clone()));
    out.push(("a document's claims", FOR_DOCUMENT.clone()));
    out.push(("a document's claims as the app lists them", LISTED.into()));
    out.push(("a speaker's claims", CITING.clone()));
    out.push(("a coder's claims", BY_CODER.clone()));
    out.push((
        "claims by speaker and coder (counts)",
        COUNT_BY_SPEAKER_AND_CODER.into(),
    ));
}

pub fn find(conn: &Connection, id: &ClaimId) -> Result<Option<Claim>> {
    Ok(query_row(conn, &FIND, [id.as_str()], from_row).optional()?)
}

pub fn get(conn: &Connection, id: &ClaimId) -> Result<Claim> {
    find(conn, id)?.ok_or_else(|| not_found(id))
}

/// The claims of one document in text order.
pub fn for_document(conn: &Connection, doc: &DocumentId) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(&FOR_DOCUMENT)?;
    let rows = stmt.query_map([doc.as_str()], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A document's claims as the app lists them (see [`ClaimList`]), in text order.
pub fn listed(conn: &Connection, doc: &DocumentId) -> Result<ClaimList> {
    let mut stmt = conn.prepare_cached(LISTED)?;
    let mut rows = stmt.query([doc.as_str()])?;
    let mut list = ClaimList::new(doc.clone());
    while let Some(r) = rows.next()? {
        let status: String = r.get(4)?;
        let cue = match (r.get::<_, Option<u32>>(6)?, r.get::<_, Option<u32>>(7)?) {
            (Some(start), Some(end)) => Some(Span { start, end }),
            _ => None,
        };
        let coder = list.coder_place(CoderId(r.get(9)?));
        list.rows.push(ClaimRow(
            ClaimId(r.get(0)?),
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            parse_status(&status, 4)?,
            r.get::<_, Option<String>>(5)?.map(SpeakerId),
            cue,
            r.get(8)?,
            coder,
        ));
    }
    Ok(list)
}

/// The claims that cite a speaker.
pub fn citing(conn: &Connection, speaker: &SpeakerId) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(&CITING)?;
    let rows = stmt.query_map([speaker.as_str()], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many claims cite each speaker, by coder.
pub fn count_by_speaker_and_coder(
    conn: &Connection,
) -> Result<std::collections::HashMap<(SpeakerId, CoderId), u32>> {
    let mut stmt = conn.prepare_cached(COUNT_BY_SPEAKER_AND_CODER)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (SpeakerId(r.get(0)?), CoderId(r.get(1)?)),
            r.get::<_, u32>(2)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every claim of the project, by document then text order.
pub fn all(conn: &Connection) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare(&ALL)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every claim of the project, in the order they are stored: read straight through the table,
/// without a lookup per claim through the text-order index. For callers that sort them anyway.
pub fn all_in_any_order(conn: &Connection) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(SELECT)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One coder's claims, by document then text order.
pub fn by_coder(conn: &Connection, coder: &CoderId) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare(&BY_CODER)?;
    let rows = stmt.query_map([coder.as_str()], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What agreement reads of every claim (no quotes, context or notes), in no particular order.
pub fn spans(conn: &Connection) -> Result<Vec<(DocumentId, CodedSpan)>> {
    let mut stmt = conn.prepare(SPANS)?;
    let rows = stmt.query_map([], |r| {
        let status: String = r.get(5)?;
        Ok((
            DocumentId(r.get(1)?),
            CodedSpan {
                claim: ClaimId(r.get(0)?),
                coder: CoderId(r.get(2)?),
                start: r.get(3)?,
                end: r.get(4)?,
                status: parse_status(&status, 5)?,
                speaker: r.get::<_, Option<String>>(6)?.map(SpeakerId),
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn parse_status(status: &str, column: usize) -> rusqlite::Result<Status> {
    // The table's CHECK constraint admits only the three statuses.
    Status::parse(status).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("unknown status {status:?}").into(),
        )
    })
}

fn not_found(id: &ClaimId) -> Error {
    Error::NotFound {
        entity: "claim",
        id: id.to_string(),
    }
}
