//! JSON Lines: one claim per line, self-contained (its document's id and title, its speaker's
//! name and kind, its coder's name), for pandas (`read_json(lines=True)`), R and `jq`.

use serde::Serialize;

use super::Corpus;
use crate::error::{Error, Result};
use crate::model::{Claim, Coder, Document, Span, Speaker};

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    document_id: &'a str,
    document_title: &'a str,
    start: u32,
    end: u32,
    quote: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    status: &'static str,
    speaker: Option<&'a str>,
    speaker_id: Option<&'a str>,
    speaker_kind: Option<&'static str>,
    cue: Option<Span>,
    note: Option<&'a str>,
    coder: &'a str,
    created: &'a str,
    modified: &'a str,
}

pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_to(c, &mut out)?;
    Ok(out)
}

/// Writes the lines to `out` as they are made.
pub fn write_to(c: &Corpus, out: &mut dyn std::io::Write) -> Result<()> {
    // One line's JSON at a time, reused.
    let mut json = Vec::with_capacity(4096);
    for claim in &c.claims {
        let p = parts(c, claim)?;
        let line = Line {
            id: claim.id.as_str(),
            document_id: claim.document.as_str(),
            document_title: &p.document.title,
            start: claim.start,
            end: claim.end,
            quote: &claim.quote,
            prefix: &claim.prefix,
            suffix: &claim.suffix,
            status: claim.status.as_str(),
            speaker: p.speaker.map(|s| s.name.as_str()),
            speaker_id: p.speaker.map(|s| s.id.as_str()),
            speaker_kind: p.speaker.map(|s| s.kind.as_str()),
            cue: claim.cue,
            note: claim.note.as_deref(),
            coder: &p.coder.name,
            created: &claim.created,
            modified: &claim.modified,
        };
        json.clear();
        serde_json::to_writer(&mut json, &line).expect("a claim serialises");
        json.push(b'\n');
        // Most lines hold no separator to escape: written as they are, not copied.
        let written = if has_line_separator(&json) {
            let text = std::str::from_utf8(&json).expect("serde_json writes UTF-8");
            out.write_all(escape_line_separators(text).as_bytes())
        } else {
            out.write_all(&json)
        };
        written.map_err(super::output_error)?;
    }
    Ok(())
}

/// Whether UTF-8 `bytes` hold U+2028, U+2029 or U+0085, found by their lead bytes (E2 80 A8,
/// E2 80 A9, C2 85) without decoding every character.
fn has_line_separator(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(0xE2, 0xC2, bytes).any(|i| {
        matches!(
            bytes.get(i..),
            Some([0xE2, 0x80, 0xA8 | 0xA9, ..] | [0xC2, 0x85, ..])
        )
    })
}

/// JSON allows U+2028, U+2029 and U+0085 raw inside strings, but line readers that split on
/// every Unicode line boundary (Python's `str.splitlines`, some editors) would cut the record
/// there. They can only occur inside strings, so escaping them keeps the JSON the same.
fn escape_line_separators(json: &str) -> String {
    json.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

/// A claim's document, coder and speaker, looked up in the corpus.
pub(crate) struct Parts<'a> {
    pub document: &'a Document,
    pub coder: &'a Coder,
    pub speaker: Option<&'a Speaker>,
}

/// Looks up what a claim refers to; a corpus missing one of them is a bug in its gathering,
/// reported rather than written as an empty cell.
pub(crate) fn parts<'a>(c: &'a Corpus, claim: &Claim) -> Result<Parts<'a>> {
    let missing = |what: &str, id: &str| {
        Error::CannotExport(format!(
            "claim {}: its {what} {id} is not in the export",
            claim.id
        ))
    };
    let document = c
        .document(&claim.document)
        .ok_or_else(|| missing("document", claim.document.as_str()))?;
    let coder = c
        .coder(&claim.coder)
        .ok_or_else(|| missing("coder", claim.coder.as_str()))?;
    let speaker = match &claim.speaker {
        Some(id) => Some(
            c.speaker(id)
                .ok_or_else(|| missing("speaker", id.as_str()))?,
        ),
        None => None,
    };
    Ok(Parts {
        document,
        coder,
        speaker,
    })
}

#[cfg(test)]
mod tests {
    use super::has_line_separator;

    #[test]
    fn finds_the_three_separators_and_nothing_that_shares_their_bytes() {
        for sep in ['\u{2028}', '\u{2029}', '\u{85}'] {
            assert!(has_line_separator(format!("a{sep}b").as_bytes()), "{sep:?}");
            assert!(
                has_line_separator(format!("€{sep}").as_bytes()),
                "{sep:?} at the end"
            );
        }
        // Same lead or trail bytes, other characters: € (E2 82 AC), U+2027 (E2 80 A7),
        // U+202A (E2 80 AA), NBSP (C2 A0), Å (C3 85), and a lone lead byte at the end.
        for text in ["€ ‧ \u{202A} \u{A0} Å", "plain ASCII", "Â"] {
            assert!(!has_line_separator(text.as_bytes()), "{text}");
        }
        assert!(!has_line_separator(&[b'a', 0xE2, 0x80]));
    }
}
