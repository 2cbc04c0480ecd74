//! brat standoff: for each document `<id>.txt` (its exact text) and `<id>.ann`, plus the
//! collection's `annotation.conf` and `visual.conf`.
//!
//! - Offsets: brat (Python 3) reads the `.txt` as UTF-8 without newline translation and
//!   indexes it by `str`, that is by code points: our own unit, so offsets are written as they
//!   are.
//! - Each claim is a text-bound annotation `T<n>` typed `Attributed`, `Disputed` or
//!   `Unverified`. brat reads an `.ann` line by line, splitting at every Unicode line boundary
//!   (its files are read through `codecs`, whose `readline` uses `str.splitlines`), so a
//!   fragment cannot hold one: a passage across lines is written as the discontinuous
//!   fragments `start end;start end` of its lines, and its text as they are joined by brat
//!   (one space between fragments).
//! - The speaker, the coder and the note go in one `AnnotatorNotes` line per claim. An
//!   attribute would have to declare every speaker as a value in `annotation.conf`, where a
//!   name cannot hold spaces or commas. Notes are one line, so line breaks and tabs in a note
//!   become spaces.
//! - A cue is a `Cue` entity linked to its claim by a `Signalled_by` relation.
//! - Claims overlap (several coders, nested claims), so `annotation.conf` allows any overlap.
//!
//! brat has no place for claim ids, times or speaker ids; this export is for reading and
//! revising in brat, not for coming back (there is no brat reader).

use super::Corpus;
use crate::error::{Error, Result};
use crate::model::{Span, Status};

/// brat's separator between the texts of a discontinuous annotation's fragments.
const DISCONT_SEP: &str = " ";

pub const ANNOTATION_CONF: &str = "\
# Claimcoder export: claims typed by status; speaker, coder and note in each claim's notes.
[entities]
Attributed
Disputed
Unverified
Cue

[relations]
Signalled_by\tArg1:Attributed|Disputed|Unverified, Arg2:Cue
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
";

// The app's colours (lighter, as brat draws text on them); the letter keeps the status
// readable without colour.
pub const VISUAL_CONF: &str = "\
[labels]
Attributed | Attributed | A
Disputed | Disputed | D
Unverified | Unverified | U
Cue | Cue
Signalled_by | signalled by
\n[drawing]
Attributed\tbgColor:#9fdcb9
Disputed\tbgColor:#f2a9a0
Unverified\tbgColor:#f5dc85
Cue\tbgColor:#d9d9d9
Signalled_by\tcolor:#555555, dashArray:3-3
";

fn type_of(s: Status) -> &'static str {
    match s {
        Status::Attributed => "Attributed",
        Status::Disputed => "Disputed",
        Status::Unverified => "Unverified",
    }
}

/// What `str.splitlines` splits at: none of these may sit inside an `.ann` line.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'
            | '\u{1D}'
            | '\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// [`write`] to a stream.
pub fn write_to(c: &Corpus, out: &mut dyn std::io::Write) -> Result<()> {
    super::emit(out, write(c))
}

/// The archive, deflated while its files are made.
pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    super::zipped(|zip| each_file(c, &mut |name, bytes| zip.file(name, bytes)))
}

/// The standoff files of `c` (name, bytes).
pub fn files(c: &Corpus) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    each_file(c, &mut |name, bytes| {
        out.push((name, bytes));
        Ok(())
    })?;
    Ok(out)
}

/// Hands each standoff file of `c` to `out` as it is made: the configuration, then a text and
/// its annotations for each document.
fn each_file(c: &Corpus, out: &mut dyn FnMut(String, Vec<u8>) -> Result<()>) -> Result<()> {
    out(
        "annotation.conf".to_owned(),
        ANNOTATION_CONF.as_bytes().to_vec(),
    )?;
    out("visual.conf".to_owned(), VISUAL_CONF.as_bytes().to_vec())?;
    for (doc, claims) in c.claims_by_document() {
        let name = doc.id.as_str();
        if name.is_empty()
            || !name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        {
            return Err(Error::CannotExport(format!(
                "document {name:?} ({:?}): its id cannot be a file name",
                doc.title
            )));
        }
        let chars: Vec<char> = doc.text.chars().collect();
        let mut ann = String::new();
        let (mut t, mut r, mut n) = (0, 0, 0);
        for claim in claims {
            let p = super::jsonl::parts(c, claim)?;
            t += 1;
            let claim_t = t;
            let span = Span {
                start: claim.start,
                end: claim.end,
            };
            ann.push_str(&text_bound(
                claim_t,
                type_of(claim.status),
                span,
                &chars,
                &|| format!("claim {}", claim.id),
            )?);
            let mut notes = vec![];
            if let Some(s) = p.speaker {
                notes.push(format!("speaker: {} ({})", s.name, s.kind.as_str()));
            }
            notes.push(format!("coder: {}", p.coder.name));
            if let Some(note) = &claim.note {
                notes.push(format!("note: {note}"));
            }
            n += 1;
            ann.push_str(&format!(
                "#{n}\tAnnotatorNotes T{claim_t}\t{}\n",
                one_line(&notes.join(" | "))
            ));
            if let Some(cue) = claim.cue {
                t += 1;
                ann.push_str(&text_bound(t, "Cue", cue, &chars, &|| {
                    format!("the cue of claim {}", claim.id)
                })?);
                r += 1;
                ann.push_str(&format!("R{r}\tSignalled_by Arg1:T{claim_t} Arg2:T{t}\n"));
            }
        }
        out(format!("{name}.txt"), doc.text.as_bytes().to_vec())?;
        out(format!("{name}.ann"), ann.into_bytes())?;
    }
    Ok(())
}

/// One `T` line: the span cut into fragments at line breaks (empty fragments dropped).
fn text_bound(
    t: usize,
    kind: &str,
    span: Span,
    chars: &[char],
    what: &dyn Fn() -> String,
) -> Result<String> {
    let (start, end) = (span.start as usize, span.end as usize);
    if start >= end || end > chars.len() {
        return Err(Error::CannotExport(format!(
            "{}: the span {start}..{end} is not a passage of its document ({} code points)",
            what(),
            chars.len()
        )));
    }
    let mut fragments: Vec<(usize, usize)> = vec![];
    let mut from = start;
    let breaks = chars[start..end]
        .iter()
        .enumerate()
        .filter(|(_, c)| is_line_break(**c))
        .map(|(i, _)| start + i);
    for i in breaks.chain([end]) {
        if i > from {
            fragments.push((from, i));
        }
        from = i + 1;
    }
    if fragments.is_empty() {
        return Err(Error::CannotExport(format!(
            "{}: the span {start}..{end} holds only line breaks",
            what()
        )));
    }
    let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
    let texts: Vec<String> = fragments
        .iter()
        .map(|&(s, e)| chars[s..e].iter().collect())
        .collect();
    Ok(format!(
        "T{t}\t{kind} {}\t{}\n",
        offsets.join(";"),
        texts.join(DISCONT_SEP)
    ))
}

fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for ch in s.chars() {
        let space = is_line_break(ch) || ch == '\t';
        if space {
            if !last_space {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
        last_space = space;
    }
    out
}
