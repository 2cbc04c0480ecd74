//! Writing: one AnnotationCollection whose first page embeds an Annotation per claim.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::ids::{iri, ni_of};
use super::kinds::schema_type;
use super::CONTEXT;
use crate::error::{Error, Result};
use crate::interchange::Corpus;
use crate::model::Claim;
use crate::text::uuid_of_name;

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page,
    last: String,
}

#[derive(Serialize)]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation>,
}

#[derive(Serialize)]
struct Annotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    modified: String,
    creator: Value,
    body: Vec<Value>,
    target: Value,
}

/// The W3C annotation collection of a corpus, as pretty JSON.
pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    // A text's hash once per document, not once per claim (a book hashed 10,000 times took
    // seconds).
    let names: HashMap<&str, String> = c
        .documents
        .iter()
        .map(|d| (d.id.as_str(), ni_of(&d.text)))
        .collect();
    let items = c
        .claims
        .iter()
        .map(|claim| {
            let canonical = names
                .get(claim.document.as_str())
                .map_or("", String::as_str);
            annotation(c, claim, canonical)
        })
        .collect::<Result<Vec<_>>>()?;
    // Ids derived from the contents, so exporting the same claims twice gives the same file.
    let mut h = Sha256::new();
    for d in &c.documents {
        h.update(d.id.as_str().as_bytes());
        h.update([0]);
    }
    for claim in &c.claims {
        h.update(claim.id.as_str().as_bytes());
        h.update(claim.modified.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let id_from = |salt: u8| {
        format!(
            "urn:uuid:{}",
            uuid_of_name(&[&digest[..], &[salt]].concat())
        )
    };
    let page_id = id_from(2);
    let collection = Collection {
        context: CONTEXT,
        id: id_from(1),
        kind: "AnnotationCollection",
        label: format!(
            "Claimcoder claims: {} on {} document{}",
            items.len(),
            c.documents.len(),
            if c.documents.len() == 1 { "" } else { "s" }
        ),
        total: items.len(),
        first: Page {
            id: page_id.clone(),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
        last: page_id,
    };
    let mut out = serde_json::to_vec_pretty(&collection).expect("annotations serialise");
    out.push(b'\n');
    Ok(out)
}

fn annotation(c: &Corpus, claim: &Claim, canonical: &str) -> Result<Annotation> {
    let p = crate::interchange::jsonl::parts(c, claim)?;
    let source = json!({
        "id": iri(p.document.id.as_str()),
        "type": "Text",
        "format": "text/plain",
        "canonical": canonical,
    });
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "classifying",
        "value": claim.status.as_str(),
    })];
    if let Some(s) = p.speaker {
        let mut about = json!({
            "id": iri(s.id.as_str()),
            "type": schema_type(s.kind),
            "name": s.name,
        });
        if !s.aliases.is_empty() {
            about["schema:alternateName"] = json!(s.aliases);
        }
        body.push(json!({
            "type": "TextualBody",
            "purpose": "identifying",
            "value": s.name,
            "schema:about": about,
        }));
    }
    if let Some(note) = &claim.note {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": note,
            "format": "text/plain",
        }));
    }
    if let Some(cue) = claim.cue {
        let text = &p.document.text;
        let exact =
            crate::text::slice_cp(text, cue.start as usize, cue.end as usize).ok_or_else(|| {
                Error::CannotExport(format!(
                    "claim {}: its cue {}..{} falls outside its document's text",
                    claim.id, cue.start, cue.end
                ))
            })?;
        body.push(json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": iri(p.document.id.as_str()),
            "selector": [
                {"type": "TextPositionSelector", "start": cue.start, "end": cue.end},
                {"type": "TextQuoteSelector", "exact": exact},
            ],
        }));
    }
    let mut quote = Map::new();
    quote.insert("type".into(), "TextQuoteSelector".into());
    quote.insert("exact".into(), claim.quote.clone().into());
    if !claim.prefix.is_empty() {
        quote.insert("prefix".into(), claim.prefix.clone().into());
    }
    if !claim.suffix.is_empty() {
        quote.insert("suffix".into(), claim.suffix.clone().into());
    }
    Ok(Annotation {
        id: iri(claim.id.as_str()),
        kind: "Annotation",
        motivation: "classifying",
        created: claim.created.clone(),
        modified: claim.modified.clone(),
        creator: json!({
            "id": iri(p.coder.id.as_str()),
            "type": "Person",
            "name": p.coder.name,
        }),
        body,
        target: json!({
            "type": "SpecificResource",
            "source": source,
            "selector": [
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
                Value::Object(quote),
            ],
        }),
    })
}
