//! The Sources: each document a TextSource holding its claims as PlainTextSelections coded with
//! their status and speaker, its cues as selections coded "Cue", and its source's variables.

use super::source_field;
use super::xml::Xml;
use crate::error::{Error, Result};
use crate::interchange::qdpx::ids::{cue_guid, derived_guid, guid_of, status_guid, variable_guid};
use crate::interchange::qdpx::INTERNAL;
use crate::model::{Claim, Document, Span};
use crate::text::IndexedText;

/// Writes the Sources; returns each cue's (claim selection guid, cue selection guid) for the
/// links.
pub(super) fn write(
    x: &mut Xml,
    by_doc: &[(&Document, Vec<&Claim>)],
    variables: &[usize],
) -> Result<Vec<(String, String)>> {
    let mut cues = Vec::new();
    x.start("Sources", &[]);
    for (d, claims) in by_doc {
        let guid = guid_of("document", d.id.as_str());
        let path = format!("{INTERNAL}{guid}.txt");
        x.start(
            "TextSource",
            &[
                ("guid", &guid),
                ("name", &d.title),
                ("plainTextPath", &path),
                ("creationDateTime", &d.created),
            ],
        );
        // The text indexed for the cues' texts (their claims carry quotes), when needed.
        let mut indexed: Option<IndexedText> = None;
        for cl in claims {
            let claim_guid = guid_of("claim", cl.id.as_str());
            selection(x, d, cl, &claim_guid)?;
            if let Some(cue) = cl.cue {
                let cue_sel = derived_guid(&format!("cue/{claim_guid}"));
                let text = indexed.get_or_insert_with(|| IndexedText::new(d.text.as_str()));
                cue_selection(x, d, text, cl, cue, &cue_sel)?;
                cues.push((claim_guid, cue_sel));
            }
        }
        for &i in variables {
            if let Some(v) = source_field(d, i) {
                x.start("VariableValue", &[]);
                x.empty("VariableRef", &[("targetGUID", &variable_guid(i))]);
                x.text_element("TextValue", v);
                x.end("VariableValue");
            }
        }
        x.end("TextSource");
    }
    x.end("Sources");
    Ok(cues)
}

fn selection(x: &mut Xml, d: &Document, cl: &Claim, guid: &str) -> Result<()> {
    let coder = guid_of("coder", cl.coder.as_str());
    let (start, end) = (cl.start.to_string(), cl.end.to_string());
    // The modifying user is not recorded (any coder may edit a claim), so only the time is.
    x.start(
        "PlainTextSelection",
        &[
            ("guid", guid),
            ("name", &label(&cl.quote)),
            ("startPosition", &start),
            ("endPosition", &end),
            ("creatingUser", &coder),
            ("creationDateTime", &cl.created),
            ("modifiedDateTime", &cl.modified),
        ],
    );
    if let Some(note) = cl.note.as_deref().filter(|n| !n.is_empty()) {
        x.text_element("Description", note);
    }
    coding(
        x,
        &format!("{guid}/status"),
        &status_guid(cl.status),
        &coder,
        cl,
    );
    if let Some(s) = &cl.speaker {
        let code = guid_of("speaker", s.as_str());
        coding(x, &format!("{guid}/speaker"), &code, &coder, cl);
    }
    x.end("PlainTextSelection");
    check_in_text(d, cl.start, cl.end, &cl.id.0)
}

fn cue_selection(
    x: &mut Xml,
    d: &Document,
    text: &IndexedText,
    cl: &Claim,
    cue: Span,
    guid: &str,
) -> Result<()> {
    let what = format!("the cue of {}", cl.id);
    check_in_text(d, cue.start, cue.end, &what)?;
    let text = text
        .slice(cue.start as usize, cue.end as usize)
        .ok_or_else(|| not_inside(d, cue.start, cue.end, &what))?;
    let coder = guid_of("coder", cl.coder.as_str());
    let (start, end) = (cue.start.to_string(), cue.end.to_string());
    x.start(
        "PlainTextSelection",
        &[
            ("guid", guid),
            ("name", &label(text)),
            ("startPosition", &start),
            ("endPosition", &end),
            ("creatingUser", &coder),
            ("creationDateTime", &cl.created),
            ("modifiedDateTime", &cl.modified),
        ],
    );
    coding(x, &format!("{guid}/cue"), &cue_guid(), &coder, cl);
    x.end("PlainTextSelection");
    Ok(())
}

fn coding(x: &mut Xml, seed: &str, code: &str, coder: &str, cl: &Claim) {
    x.start(
        "Coding",
        &[
            ("guid", &derived_guid(&format!("coding/{seed}"))),
            ("creatingUser", coder),
            ("creationDateTime", &cl.created),
        ],
    );
    x.empty("CodeRef", &[("targetGUID", code)]);
    x.end("Coding");
}

fn check_in_text(d: &Document, start: u32, end: u32, what: &str) -> Result<()> {
    if start < end && end <= d.length {
        Ok(())
    } else {
        Err(not_inside(d, start, end, what))
    }
}

fn not_inside(d: &Document, start: u32, end: u32, what: &str) -> Error {
    Error::InvalidSpan(format!(
        "{what}: {start}..{end} is not inside document {} ({} code points)",
        d.id, d.length
    ))
}

/// A selection's display name: the quote on one line, shortened.
fn label(quote: &str) -> String {
    const MAX: usize = 80;
    let one_line = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > MAX {
        let cut: String = one_line.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        one_line
    }
}
