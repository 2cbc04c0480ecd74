//! Word documents (.docx) to a document: paragraphs, headings, list items and table cells as
//! blocks of text (images, drawings, field codes and deleted text are not text); title,
//! author, date and language from `docProps/core.xml`. The archive is read in memory by entry
//! name, with a bound on what is unpacked (a zip bomb is refused, not inflated).

use std::io::{Cursor, Read};

use roxmltree::{Document as Xml, Node};

use super::html::Kind;
use crate::error::{Error, Result};
use crate::model::{NewDocument, Source};

/// The most bytes unpacked from one entry of a .docx: a book's document.xml is a few MiB,
/// markup included, and the text it holds must fit the 10 MiB import limit anyway.
pub const MAX_DOCX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(crate) fn to_document(bytes: &[u8], what: &str, fallback_title: &str) -> Result<NewDocument> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::InvalidFile {
        what: what.to_owned(),
        reason: format!("not a Word document (.docx): it is not a ZIP archive ({e})"),
    })?;
    let body = entry(&mut zip, "word/document.xml", what)?.ok_or_else(|| Error::InvalidFile {
        what: what.to_owned(),
        reason: "not a Word document (.docx): the archive has no word/document.xml".into(),
    })?;
    let xml = Xml::parse(&body).map_err(|e| Error::InvalidFile {
        what: what.to_owned(),
        reason: format!("word/document.xml is malformed: {e}"),
    })?;
    let mut blocks = Vec::new();
    let mut first_heading = None;
    if let Some(b) = xml.root_element().children().find(|n| is(n, "body")) {
        walk(b, &mut blocks, &mut first_heading);
    }
    let text = super::html::layout(&blocks);
    if text.trim().is_empty() {
        return Err(Error::EmptyInput(what.to_owned()));
    }
    let core = match entry(&mut zip, "docProps/core.xml", what)? {
        Some(c) => core_properties(&c),
        None => CoreProps::default(),
    };
    Ok(NewDocument {
        title: core
            .title
            .or(first_heading)
            .or_else(|| super::title_from_first_line(&text))
            .unwrap_or_else(|| fallback_title.to_owned()),
        text,
        source: Source {
            author: core.creator,
            published: core.created,
            language: core.language,
            ..Source::default()
        },
    })
}

/// An entry's text, read up to the bound; `None` when the archive lacks it.
fn entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    what: &str,
) -> Result<Option<String>> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Error::InvalidFile {
                what: what.to_owned(),
                reason: format!("{name} cannot be read from the archive ({e})"),
            })
        }
    };
    let mut out = Vec::new();
    let read = file
        .by_ref()
        .take(MAX_DOCX_ENTRY_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::InvalidFile {
            what: what.to_owned(),
            reason: format!("{name} cannot be unpacked ({e})"),
        })?;
    if read as u64 > MAX_DOCX_ENTRY_BYTES {
        return Err(Error::TooLarge {
            what: format!("{what}: {name} unpacked (the limit guards against zip bombs)"),
            size: read as u64,
            limit: MAX_DOCX_ENTRY_BYTES,
        });
    }
    String::from_utf8(out)
        .map(Some)
        .map_err(|e| Error::InvalidFile {
            what: what.to_owned(),
            reason: format!("{name} is not UTF-8 ({e})"),
        })
}

fn is(n: &Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(W)
}

fn attr<'a>(n: Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == local && a.namespace() == Some(W))
        .map(|a| a.value())
}

fn walk(node: Node, blocks: &mut Vec<(Kind, String)>, first_heading: &mut Option<String>) {
    for child in node.children() {
        if is(&child, "p") {
            paragraph(child, blocks, first_heading);
        } else if is(&child, "tbl") {
            // Each cell's paragraphs are blocks of their own.
            for cell in child.descendants().filter(|n| is(n, "tc")) {
                for p in cell.children().filter(|n| is(n, "p")) {
                    paragraph(p, blocks, first_heading);
                }
            }
        } else if child.is_element() && !is(&child, "sectPr") {
            // Content controls (sdt, sdtContent), inserted-text wrappers and the like.
            walk(child, blocks, first_heading);
        }
    }
}

fn paragraph(p: Node, blocks: &mut Vec<(Kind, String)>, first_heading: &mut Option<String>) {
    let props = p.children().find(|n| is(n, "pPr"));
    let style = props
        .and_then(|pp| pp.children().find(|n| is(n, "pStyle")))
        .and_then(|s| attr(s, "val"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let list = props.is_some_and(|pp| pp.children().any(|n| is(&n, "numPr")))
        || style.starts_with("listparagraph")
        || style.starts_with("listbullet");
    let mut text = String::new();
    collect_runs(p, &mut text);
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return;
    }
    let heading = style.starts_with("heading") || style == "title";
    if heading && first_heading.is_none() {
        *first_heading = Some(lines.join(" "));
    }
    if list {
        lines[0] = format!("• {}", lines[0]);
    }
    for l in lines {
        blocks.push((if list { Kind::Item } else { Kind::Para }, l));
    }
}

/// The text of a paragraph's runs: `t` text, tabs and breaks; never drawings, pictures, field
/// instructions or deleted text.
fn collect_runs(node: Node, out: &mut String) {
    for n in node.children() {
        if !n.is_element() {
            continue;
        }
        match (n.tag_name().namespace(), n.tag_name().name()) {
            (Some(W), "t") => out.push_str(n.text().unwrap_or("")),
            (Some(W), "tab") => out.push(' '),
            (Some(W), "br" | "cr") => out.push('\n'),
            (
                Some(W),
                "drawing" | "pict" | "object" | "instrText" | "delText" | "del" | "pPr" | "rPr",
            )
            | (_, "AlternateContent") => {}
            _ => collect_runs(n, out),
        }
    }
}

#[derive(Default)]
struct CoreProps {
    title: Option<String>,
    creator: Option<String>,
    created: Option<String>,
    language: Option<String>,
}

/// `docProps/core.xml`; a malformed one is ignored (the text is what matters).
fn core_properties(xml: &str) -> CoreProps {
    let Ok(doc) = Xml::parse(xml) else {
        return CoreProps::default();
    };
    let get = |name: &str| {
        doc.root_element()
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    CoreProps {
        title: get("title"),
        creator: get("creator"),
        created: get("created"),
        language: get("language"),
    }
}
