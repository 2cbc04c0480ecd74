//! CSV (RFC 4180, UTF-8): one row per claim, for spreadsheets, R and pandas.
//!
//! Choices, for data that must come back exactly as it went out:
//! - **A UTF-8 byte order mark.** RFC 4180 says nothing about encodings; Excel reads a CSV
//!   without a BOM in the machine's legacy code page, which garbles exactly the text this app
//!   is for (Cyrillic, CJK, Arabic, Hebrew, emoji). LibreOffice, pandas (`read_csv`) and readr
//!   skip the BOM; Python's `csv` module wants `encoding="utf-8-sig"` and base R
//!   `fileEncoding = "UTF-8-BOM"`.
//! - **CRLF between records**, as RFC 4180 specifies. Line breaks *inside* a field (a note, a
//!   quote spanning paragraphs) are written as they are in the text, inside a quoted field:
//!   rewriting them would change the quote, which must equal the document's text.
//! - **No formula defusing.** Prefixing cells that start with `=`, `+`, `-` or `@` with `'`
//!   would change quotes and notes (a quote "-40 °C, the mayor said" would no longer equal the
//!   text at its offsets, and R or pandas would read the apostrophe). The export is data, and
//!   round-trips; the HTML report is the format meant for people who should not see raw data.

use std::borrow::Cow;

use super::Corpus;
use crate::error::{Error, Result};
use crate::model::Claim;

pub const HEADER: [&str; 15] = [
    "document_id",
    "document_title",
    "claim_id",
    "coder",
    "start",
    "end",
    "quote",
    "status",
    "speaker",
    "speaker_kind",
    "cue_start",
    "cue_end",
    "note",
    "created",
    "modified",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_to(c, &mut out)?;
    Ok(out)
}

/// Writes the rows to `out` as they are made.
pub fn write_to(c: &Corpus, out: &mut dyn std::io::Write) -> Result<()> {
    let failed = |e: csv::Error| Error::io("writing CSV", e.into());
    out.write_all(BOM)
        .map_err(|e| Error::io("writing CSV", e))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    w.write_record(HEADER).map_err(failed)?;
    for claim in &c.claims {
        w.write_record(row(c, claim)?.iter().map(|s| s.as_bytes()))
            .map_err(failed)?;
    }
    w.flush().map_err(|e| Error::io("writing CSV", e))
}

/// A claim's cells, borrowed where the claim has them as text.
fn row<'a>(c: &'a Corpus, claim: &'a Claim) -> Result<[Cow<'a, str>; 15]> {
    let parts = super::jsonl::parts(c, claim)?;
    let num = |n: Option<u32>| Cow::Owned(n.map(|n| n.to_string()).unwrap_or_default());
    let text = |s: &'a str| Cow::Borrowed(s);
    Ok([
        text(claim.document.as_str()),
        text(&parts.document.title),
        text(claim.id.as_str()),
        text(&parts.coder.name),
        num(Some(claim.start)),
        num(Some(claim.end)),
        text(&claim.quote),
        text(claim.status.as_str()),
        text(parts.speaker.map_or("", |s| s.name.as_str())),
        text(parts.speaker.map_or("", |s| s.kind.as_str())),
        num(claim.cue.map(|s| s.start)),
        num(claim.cue.map(|s| s.end)),
        text(claim.note.as_deref().unwrap_or_default()),
        text(&claim.created),
        text(&claim.modified),
    ])
}
