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
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(BOM.to_vec());
    let failed = |e: csv::Error| Error::io("writing CSV", e.into());
    w.write_record(HEADER).map_err(failed)?;
    for claim in &c.claims {
        w.write_record(row(c, claim)?).map_err(failed)?;
    }
    w.into_inner()
        .map_err(|e| Error::io("writing CSV", e.into_error()))
}

fn row(c: &Corpus, claim: &Claim) -> Result<[String; 15]> {
    let parts = super::jsonl::parts(c, claim)?;
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    Ok([
        claim.document.to_string(),
        parts.document.title.clone(),
        claim.id.to_string(),
        parts.coder.name.clone(),
        claim.start.to_string(),
        claim.end.to_string(),
        claim.quote.clone(),
        claim.status.as_str().to_owned(),
        parts.speaker.map(|s| s.name.clone()).unwrap_or_default(),
        parts
            .speaker
            .map(|s| s.kind.as_str().to_owned())
            .unwrap_or_default(),
        num(claim.cue.map(|s| s.start)),
        num(claim.cue.map(|s| s.end)),
        claim.note.clone().unwrap_or_default(),
        claim.created.clone(),
        claim.modified.clone(),
    ])
}
