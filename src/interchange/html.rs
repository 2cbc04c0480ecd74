//! The HTML report: the articles with their claims highlighted, a legend and a table of claims
//! under each article, as one self-contained file for editors who do not use the app.
//!
//! - Self-contained and inert: inline styles, no scripts, no outside resources, and a
//!   Content-Security-Policy that forbids both, so even a mistake in escaping could not run
//!   anything. Every piece of article and user text is escaped.
//! - Written as XHTML-compatible HTML5 (every element closed, attributes quoted), so it can be
//!   checked as XML as well as read by any browser.
//! - Claims are numbered in text order within each article. The text is cut at every claim
//!   boundary; each piece inside claims is one `<mark>` coloured by status (striped when its
//!   claims differ) and labelled with the numbers and letters (A, D, U) of all its claims, so
//!   colour is never the only signal. Labels are CSS generated content: the marked-up text is
//!   exactly the document's text.
//! - Printable: each article starts a page, colours are kept, table headers repeat.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::Corpus;
use crate::error::{Error, Result};
use crate::model::{Claim, Document, Status};
use crate::text::IndexedText;

const STYLE: &str = r#"
:root { --attributed: #1b7f4b; --attributed-bg: #d5efe0; --disputed: #c0392b;
  --disputed-bg: #f7d9d5; --unverified: #8a6d00; --unverified-bg: #f8ebbf; }
body { font: 16px/1.55 system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  color: #1d1d1f; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .25rem; }
.summary, .source { color: #555; margin: 0 0 1rem; }
.legend { border: 1px solid #ccc; border-radius: 6px; padding: .5rem 1rem; }
.legend h2 { font-size: 1rem; margin: .25rem 0; }
.legend ul { list-style: none; padding: 0; margin: .25rem 0; }
.legend li { margin: .2rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border-top: 1px solid #ddd;
  padding-top: .75rem; }
mark { color: inherit; border-bottom: 2px solid; padding: 0 1px; }
mark[data-c]::before { content: attr(data-c); font: 600 .68em/1 system-ui, sans-serif;
  vertical-align: super; margin-right: 2px; color: #333; }
.st-attributed { background: var(--attributed-bg); border-color: var(--attributed); }
.st-disputed { background: var(--disputed-bg); border-color: var(--disputed);
  border-bottom-style: double; border-bottom-width: 3px; }
.st-unverified { background: var(--unverified-bg); border-color: var(--unverified);
  border-bottom-style: dashed; }
.st-mixed { background: repeating-linear-gradient(135deg, var(--attributed-bg) 0 4px,
  var(--disputed-bg) 4px 8px, var(--unverified-bg) 8px 12px); border-color: #333;
  border-bottom-style: dotted; }
.badge { display: inline-block; min-width: 1.4em; text-align: center; font-weight: 700;
  border-radius: 3px; border: 1px solid; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; vertical-align: top; text-align: start; }
th { background: #f3f3f3; }
td { white-space: pre-wrap; overflow-wrap: anywhere; }
.cue { color: #555; font-size: .85em; }
.none { color: #777; font-style: italic; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  article { break-before: page; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  mark, .badge, .legend { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

fn letter(s: Status) -> char {
    match s {
        Status::Attributed => 'A',
        Status::Disputed => 'D',
        Status::Unverified => 'U',
    }
}

fn meaning(s: Status) -> &'static str {
    match s {
        Status::Attributed => "the text attributes the claim to a source",
        Status::Disputed => "the claim is contested in or beyond the text",
        Status::Unverified => "asserted with no attribution or support",
    }
}

/// Escapes text for HTML (and XML) text and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appended to `out`: the runs between the characters it replaces are copied
/// whole (a report escapes every article's text).
pub fn escape_into(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // An ASCII byte is always a character of its own, so `i` is a boundary.
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// [`write`] to a stream.
pub fn write_to(c: &Corpus, out: &mut dyn std::io::Write) -> Result<()> {
    super::emit(out, write(c))
}

pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    let mut h = String::new();
    let coders: Vec<&str> = c.coders.iter().map(|k| k.name.as_str()).collect();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    h.push_str("<title>Claims report</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Claims report</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"summary\">{} claim{} on {} document{}{}</p>",
        c.claims.len(),
        plural(c.claims.len()),
        c.documents.len(),
        plural(c.documents.len()),
        if coders.is_empty() {
            String::new()
        } else {
            format!(", coded by {}", escape(&coders.join(", ")))
        }
    );
    h.push_str("<section class=\"legend\">\n<h2>Legend</h2>\n<ul>\n");
    for s in Status::ALL {
        let _ = writeln!(
            h,
            "<li><span class=\"badge st-{st}\">{l}</span> <strong>{st}</strong>: {m}</li>",
            st = s.as_str(),
            l = letter(s),
            m = meaning(s)
        );
    }
    h.push_str("<li><mark class=\"st-mixed\" data-c=\"2D 3A\">striped</mark>: a passage in claims of different statuses</li>\n");
    h.push_str("</ul>\n<p>Each highlighted passage is labelled with the number and status letter of every claim it belongs to; the numbers refer to the table under each article.</p>\n</section>\n</header>\n<main>\n");
    for (doc, claims) in c.claims_by_document() {
        article(&mut h, c, doc, &claims)?;
    }
    h.push_str("</main>\n</body>\n</html>\n");
    Ok(h.into_bytes())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn article(h: &mut String, c: &Corpus, doc: &Document, claims: &[&Claim]) -> Result<()> {
    let _ = writeln!(
        h,
        "<article id=\"doc-{}\">\n<h2 dir=\"auto\">{}</h2>",
        escape(doc.id.as_str()),
        escape(&doc.title)
    );
    let s = &doc.source;
    let mut source: Vec<String> = [&s.publisher, &s.author, &s.published]
        .into_iter()
        .flatten()
        .map(|x| escape(x))
        .collect();
    if let Some(url) = &s.url {
        // Only web addresses become links: a javascript: or data: address stays text.
        let lower = url.trim_start().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            source.push(format!("<a href=\"{0}\">{0}</a>", escape(url)));
        } else {
            source.push(escape(url));
        }
    }
    if !source.is_empty() {
        let _ = writeln!(h, "<p class=\"source\">{}</p>", source.join(" · "));
    }
    // Claims and cues count code points: the text indexed once for both.
    let text = IndexedText::new(doc.text.as_str());
    h.push_str("<div class=\"text\" dir=\"auto\">");
    text_with_marks(h, doc, &text, claims)?;
    h.push_str("</div>\n");
    if claims.is_empty() {
        h.push_str("<p class=\"none\">No claims.</p>\n");
    } else {
        let _ = writeln!(
            h,
            "<table>\n<caption dir=\"auto\">Claims in {}</caption>\n<thead><tr><th>#</th><th>Quote</th><th>Status</th><th>Speaker</th><th>Note</th><th>Coder</th></tr></thead>\n<tbody>",
            escape(&doc.title)
        );
        for (i, claim) in claims.iter().enumerate() {
            let p = super::jsonl::parts(c, claim)?;
            let cue = claim
                .cue
                .and_then(|cue| text.slice(cue.start as usize, cue.end as usize))
                .map(|t| format!("<br /><span class=\"cue\">cue: {}</span>", escape(t)))
                .unwrap_or_default();
            let speaker = p.speaker.map_or_else(
                || "<span class=\"none\">none</span>".to_owned(),
                |s| format!("{} ({})", escape(&s.name), s.kind.as_str()),
            );
            let _ = writeln!(
                h,
                "<tr id=\"claim-{id}\"><td>{n}</td><td dir=\"auto\">{q}{cue}</td><td><span class=\"badge st-{st}\">{l}</span> {st}</td><td dir=\"auto\">{speaker}</td><td dir=\"auto\">{note}</td><td dir=\"auto\">{coder}</td></tr>",
                id = escape(claim.id.as_str()),
                n = i + 1,
                q = escape(&claim.quote),
                st = claim.status.as_str(),
                l = letter(claim.status),
                note = claim.note.as_deref().map(escape).unwrap_or_default(),
                coder = escape(&p.coder.name),
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</article>\n");
    Ok(())
}

/// The text cut at every claim boundary; each piece inside claims a `<mark>` naming them all.
fn text_with_marks(
    h: &mut String,
    doc: &Document,
    text: &IndexedText,
    claims: &[&Claim],
) -> Result<()> {
    let len = text.len();
    // At each boundary: the claims (by number) that start and that end there.
    let mut at: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    at.entry(0).or_default();
    at.entry(len).or_default();
    for (i, claim) in claims.iter().enumerate() {
        let (s, e) = (claim.start as usize, claim.end as usize);
        if s >= e || e > len {
            return Err(Error::CannotExport(format!(
                "claim {}: the span {s}..{e} is not a passage of document {} ({len} code points)",
                claim.id, doc.id
            )));
        }
        at.entry(s).or_default().0.push(i);
        at.entry(e).or_default().1.push(i);
    }
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut from = 0;
    for (&b, (starts, ends)) in &at {
        if b > from {
            let piece = text.slice(from, b).expect("boundaries within the text");
            if active.is_empty() {
                escape_into(h, piece);
            } else {
                let first = active.iter().next().map(|&i| claims[i].status);
                let class = match first {
                    Some(s) if active.iter().all(|&i| claims[i].status == s) => s.as_str(),
                    _ => "mixed",
                };
                let _ = write!(h, "<mark class=\"st-{class}\" data-c=\"");
                for (k, &i) in active.iter().enumerate() {
                    let sep = if k == 0 { "" } else { " " };
                    let _ = write!(h, "{sep}{}{}", i + 1, letter(claims[i].status));
                }
                h.push_str("\" title=\"");
                for (k, &i) in active.iter().enumerate() {
                    let sep = if k == 0 { "" } else { ", " };
                    let _ = write!(h, "{sep}claim {} ({})", i + 1, claims[i].status.as_str());
                }
                h.push_str("\">");
                escape_into(h, piece);
                h.push_str("</mark>");
            }
        }
        for i in ends {
            active.remove(i);
        }
        active.extend(starts.iter().copied());
        from = b;
    }
    Ok(())
}
