//! Writing a .qdpx: `project.qde` with its children in the schema's order and no empty
//! containers, and each document's text as `sources/<guid>.txt`.

mod codebook;
mod sources;
mod xml;

use std::collections::HashSet;

use super::ids::{derived_guid, guid_of, variable_guid};
use super::{
    CUE_LINK, NAMESPACE, ORIGIN, PROJECT_FILE, PROJECT_NAME, SOURCES_DIR, UNKNOWN_CODER, VARIABLES,
};
use crate::error::{Error, Result};
use crate::interchange::Corpus;
use crate::model::{Claim, Document};
use xml::Xml;

const DESCRIPTION: &str = "Claims in news articles coded with Claimcoder: each selection is a claim, coded with its status (under \"Status\") and, when known, its speaker (under \"Speakers\"); its description is the coder's note. Attribution cues are selections coded \"Cue\", linked to their claim.";

/// The .qdpx bytes of a corpus: `project.qde`, deflated while it is written, then each
/// document's text.
pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    let by_doc = c.claims_by_document();
    check_complete(c, &by_doc)?;
    crate::interchange::zipped(|zip| {
        zip.start(PROJECT_FILE.to_owned())?;
        project_xml(c, &by_doc, Xml::new(&zip))?;
        for d in &c.documents {
            let guid = guid_of("document", d.id.as_str());
            // Readers (ours included) take a leading U+FEFF for a byte order mark and drop it;
            // a text that starts with one gets a mark of its own, so that the text read is the
            // text written and positions still count from its start.
            let mut bytes = Vec::with_capacity(d.text.len() + 3);
            if d.text.starts_with('\u{FEFF}') {
                bytes.extend_from_slice("\u{FEFF}".as_bytes());
            }
            bytes.extend_from_slice(d.text.as_bytes());
            zip.file(format!("{SOURCES_DIR}{guid}.txt"), bytes)?;
        }
        Ok(())
    })
}

/// `project.qde` of a corpus, written to `x`.
fn project_xml(c: &Corpus, by_doc: &[(&Document, Vec<&Claim>)], mut x: Xml) -> Result<()> {
    x.start(
        "Project",
        &[
            ("xmlns", NAMESPACE),
            ("name", PROJECT_NAME),
            ("origin", ORIGIN),
        ],
    );
    users(&mut x, c);
    codebook::write(&mut x, &c.speakers);
    let used: Vec<usize> = (0..VARIABLES.len())
        .filter(|&i| c.documents.iter().any(|d| source_field(d, i).is_some()))
        .collect();
    variables(&mut x, &used);
    let cues = if c.documents.is_empty() {
        Vec::new()
    } else {
        sources::write(&mut x, by_doc, &used)?
    };
    links(&mut x, &cues);
    x.text_element("Description", DESCRIPTION);
    x.end("Project");
    x.finish()
}

/// Every claim's document and speaker must be in the export, or the file would point at
/// nothing.
fn check_complete(c: &Corpus, by_doc: &[(&Document, Vec<&Claim>)]) -> Result<()> {
    let placed: usize = by_doc.iter().map(|(_, cl)| cl.len()).sum();
    if placed != c.claims.len() {
        return Err(Error::CannotExport(format!(
            "the export holds {} claims on documents that are not in it",
            c.claims.len() - placed
        )));
    }
    let speakers: HashSet<&str> = c.speakers.iter().map(|s| s.id.as_str()).collect();
    for cl in &c.claims {
        if let Some(s) = &cl.speaker {
            if !speakers.contains(s.as_str()) {
                return Err(Error::CannotExport(format!(
                    "claim {} refers to speaker {s}, which is not in the export",
                    cl.id
                )));
            }
        }
    }
    Ok(())
}

/// Users: the corpus's coders, and any coder a claim names that the corpus lacks.
fn users(x: &mut Xml, c: &Corpus) {
    let mut users: Vec<(String, String)> = c
        .coders
        .iter()
        .map(|k| (guid_of("coder", k.id.as_str()), k.name.clone()))
        .collect();
    let mut known: HashSet<String> = users.iter().map(|(g, _)| g.clone()).collect();
    for cl in &c.claims {
        let g = guid_of("coder", cl.coder.as_str());
        if known.insert(g.clone()) {
            users.push((g, UNKNOWN_CODER.to_owned()));
        }
    }
    if !users.is_empty() {
        x.start("Users", &[]);
        for (guid, name) in &users {
            x.empty("User", &[("guid", guid), ("name", name)]);
        }
        x.end("Users");
    }
}

/// The variables (of `VARIABLES`) that some document has a value for.
fn variables(x: &mut Xml, used: &[usize]) {
    if used.is_empty() {
        return;
    }
    x.start("Variables", &[]);
    for &i in used {
        x.start(
            "Variable",
            &[
                ("guid", &variable_guid(i)),
                ("name", VARIABLES[i]),
                ("typeOfVariable", "Text"),
            ],
        );
        x.text_element("Description", "Where the document came from, when known.");
        x.end("Variable");
    }
    x.end("Variables");
}

/// The links from each claim's selection to its cue's: (claim guid, cue guid).
fn links(x: &mut Xml, cues: &[(String, String)]) {
    if cues.is_empty() {
        return;
    }
    x.start("Links", &[]);
    for (claim, cue) in cues {
        x.empty(
            "Link",
            &[
                ("guid", &derived_guid(&format!("cue-link/{claim}"))),
                ("name", CUE_LINK),
                ("direction", "OneWay"),
                ("originGUID", claim),
                ("targetGUID", cue),
            ],
        );
    }
    x.end("Links");
}

/// A document's value of `VARIABLES[i]`, when it has one.
fn source_field(d: &Document, i: usize) -> Option<&str> {
    let s = &d.source;
    [&s.url, &s.publisher, &s.author, &s.published][i]
        .as_deref()
        .filter(|v| !v.trim().is_empty())
}
