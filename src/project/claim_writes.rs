//! The one path by which a claim reaches the store. Every claim written — coded in the app or
//! the CLI, restored by undo, merged from a teammate's set, decided in adjudication — is checked
//! here against its document's text (span, quote, cue), its speaker known and its note tidied
//! within its limit, with the quote's context captured, and leaves a change record.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Claim, ClaimId, CoderId};
use crate::store::changes::{self, Action};
use crate::store::{claims, speakers};
use crate::text::IndexedText;

pub(crate) const MAX_NOTE_CHARS: usize = 20_000;

/// Inserts a new claim (`Create`) or puts back a deleted one with its id and times (`Restore`).
pub(crate) fn insert(
    conn: &Connection,
    text: &IndexedText,
    by: Option<&CoderId>,
    action: Action,
    claim: Claim,
) -> Result<Claim> {
    let claim = checked(text, claim)?;
    claims::insert(conn, &claim).map_err(|e| named(conn, &claim, e))?;
    record(conn, by, action, None, Some(&claim))?;
    Ok(claim)
}

/// Inserts a claim carried over from another version; its change record says from where.
pub(crate) fn insert_carried(
    conn: &Connection,
    text: &IndexedText,
    by: Option<&CoderId>,
    claim: Claim,
    carried_from: &impl Serialize,
) -> Result<Claim> {
    #[derive(Serialize)]
    struct Carried<'a, T> {
        #[serde(flatten)]
        claim: &'a Claim,
        carried_from: &'a T,
    }
    let claim = checked(text, claim)?;
    claims::insert(conn, &claim).map_err(|e| named(conn, &claim, e))?;
    let after = Carried {
        claim: &claim,
        carried_from,
    };
    changes::record(
        conn,
        by,
        "claim",
        claim.id.as_str(),
        Action::Create,
        None,
        Some(&after),
    )?;
    Ok(claim)
}

/// Replaces `before` (the claim as stored) with `after`, which keeps its id.
pub(crate) fn replace(
    conn: &Connection,
    text: &IndexedText,
    by: Option<&CoderId>,
    before: &Claim,
    after: Claim,
) -> Result<Claim> {
    let after = checked(text, after)?;
    claims::update(conn, &after).map_err(|e| named(conn, &after, e))?;
    record(conn, by, Action::Update, Some(before), Some(&after))?;
    Ok(after)
}

/// Deletes a claim and returns it as it was.
pub(crate) fn remove(conn: &Connection, by: Option<&CoderId>, id: &ClaimId) -> Result<Claim> {
    let before = claims::get(conn, id)?;
    claims::delete(conn, id)?;
    record(conn, by, Action::Delete, Some(&before), None)?;
    Ok(before)
}

/// `claim` checked against its document's `text`, with its quote's context captured.
fn checked(text: &IndexedText, claim: Claim) -> Result<Claim> {
    let at = text.anchor(claim.start, claim.end, Some(&claim.quote))?;
    if let Some(cue) = claim.cue {
        text.span(cue.start, cue.end, None)
            .map_err(|e| Error::InvalidSpan(format!("cue: {e}")))?;
    }
    Ok(Claim {
        quote: at.quote,
        prefix: at.prefix,
        suffix: at.suffix,
        note: clean_note(claim.note)?,
        ..claim
    })
}

/// The error of a claim's write, naming its speaker when that is what the write's foreign key
/// refused. Checked here, on failure only, not before every write: the foreign key checks it
/// anyway, and a query of its own was a fiftieth of a large merge.
fn named(conn: &Connection, claim: &Claim, e: Error) -> Error {
    let refused_key = matches!(
        &e,
        Error::Database(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    );
    match &claim.speaker {
        Some(s) if refused_key => speakers::exists(conn, s).err().unwrap_or(e),
        _ => e,
    }
}

fn clean_note(note: Option<String>) -> Result<Option<String>> {
    let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if let Some(n) = &note {
        if n.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::TooLong {
                what: "the note".into(),
                limit: MAX_NOTE_CHARS,
            });
        }
    }
    Ok(note)
}

fn record(
    conn: &Connection,
    by: Option<&CoderId>,
    action: Action,
    before: Option<&Claim>,
    after: Option<&Claim>,
) -> Result<()> {
    let id = after.or(before).map(|c| c.id.as_str()).unwrap_or_default();
    changes::record(conn, by, "claim", id, action, before, after)
}
