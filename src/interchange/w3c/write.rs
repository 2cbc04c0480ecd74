//! Writing: one AnnotationCollection whose first page embeds an Annotation per claim.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::ids::{iri, ni_of};
use super::kinds::schema_type;
use super::CONTEXT;
use crate::error::{Error, Result};
use crate::interchange::Corpus;
use crate::model::Claim;
use crate::text::{uuid_of_name, IndexedText};

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page<'a>,
    last: String,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Items<'a>,
}

/// The annotations, each made as it is written and dropped after it: a collection of 100,000
/// held whole took ~200 MB and a third of the export's time in allocation and copying.
struct Items<'a> {
    corpus: &'a Corpus,
    /// Each document's canonical name (its text's hash) and its indexed text, by id.
    names: &'a HashMap<&'a str, String>,
    texts: &'a HashMap<&'a str, IndexedText>,
    /// Why making an annotation failed, for the caller (serde's error can only carry text).
    failed: std::cell::RefCell<Option<Error>>,
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.corpus.claims.len()))?;
        for claim in &self.corpus.claims {
            let doc = claim.document.as_str();
            let canonical = self.names.get(doc).map_or("", String::as_str);
            match annotation(self.corpus, claim, canonical, self.texts.get(doc)) {
                Ok(a) => seq.serialize_element(&a)?,
                Err(e) => {
                    let text = e.to_string();
                    *self.failed.borrow_mut() = Some(e);
                    return Err(S::Error::custom(text));
                }
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    modified: &'a str,
    creator: Creator<'a>,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

// Typed values in place of `serde_json::Value` trees (a tree per annotation made this the
// slowest writer). Their fields are in alphabetical order: the order in which the
// `serde_json::Map` of the former trees wrote them, so the file is byte for byte the same.

#[derive(Serialize)]
struct Creator<'a> {
    id: String,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Textual {
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<&'static str>,
        purpose: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: &'a str,
    },
    Speaker {
        purpose: &'static str,
        #[serde(rename = "schema:about")]
        about: About<'a>,
        #[serde(rename = "type")]
        kind: &'static str,
        value: &'a str,
    },
    Cue {
        purpose: &'static str,
        selector: (PositionSelector, QuoteSelector<'a>),
        source: String,
        #[serde(rename = "type")]
        kind: &'static str,
    },
}

#[derive(Serialize)]
struct About<'a> {
    id: String,
    name: &'a str,
    #[serde(
        rename = "schema:alternateName",
        skip_serializing_if = "<[String]>::is_empty"
    )]
    alternate_names: &'a [String],
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct PositionSelector {
    end: u32,
    start: u32,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    exact: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    prefix: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Target<'a> {
    selector: (PositionSelector, QuoteSelector<'a>),
    source: Source<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Source<'a> {
    canonical: &'a str,
    format: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn position(start: u32, end: u32) -> PositionSelector {
    PositionSelector {
        end,
        start,
        kind: "TextPositionSelector",
    }
}

/// The W3C annotation collection of a corpus, as pretty JSON.
pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_to(c, &mut out)?;
    Ok(out)
}

/// Writes the W3C annotation collection of a corpus to `out`, as pretty JSON. On an error,
/// part of it may be in `out` already (exports write through `write_atomically_with`, which
/// then keeps nothing).
pub fn write_to(c: &Corpus, out: &mut dyn std::io::Write) -> Result<()> {
    // A text's hash once per document, not once per claim (a book hashed 10,000 times took
    // seconds).
    let names: HashMap<&str, String> = c
        .documents
        .iter()
        .map(|d| (d.id.as_str(), ni_of(&d.text)))
        .collect();
    // Texts indexed once, for the cues' words (slicing from a text's start for every cue is
    // quadratic on a long document).
    let texts: HashMap<&str, IndexedText> = c
        .documents
        .iter()
        .map(|d| (d.id.as_str(), IndexedText::new(d.text.as_str())))
        .collect();
    let items = Items {
        corpus: c,
        names: &names,
        texts: &texts,
        failed: std::cell::RefCell::new(None),
    };
    let total = c.claims.len();
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
            total,
            c.documents.len(),
            if c.documents.len() == 1 { "" } else { "s" }
        ),
        total,
        first: Page {
            id: page_id.clone(),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
        last: page_id,
    };
    // serde_json writes token by token: to a concrete buffer, not through `dyn Write` each time.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    if let Err(e) = serde_json::to_writer_pretty(&mut buffered, &collection) {
        // A claim that could not be made into an annotation is reported as itself.
        return Err(match collection.first.items.failed.take() {
            Some(failed) => failed,
            None => crate::interchange::output_error(e.into()),
        });
    }
    buffered
        .write_all(b"\n")
        .and_then(|()| buffered.flush())
        .map_err(crate::interchange::output_error)
}

fn annotation<'a>(
    c: &'a Corpus,
    claim: &'a Claim,
    canonical: &'a str,
    text: Option<&'a IndexedText>,
) -> Result<Annotation<'a>> {
    let p = crate::interchange::jsonl::parts(c, claim)?;
    let mut body = vec![Body::Textual {
        format: None,
        purpose: "classifying",
        kind: "TextualBody",
        value: claim.status.as_str(),
    }];
    if let Some(s) = p.speaker {
        body.push(Body::Speaker {
            purpose: "identifying",
            about: About {
                id: iri(s.id.as_str()),
                name: &s.name,
                alternate_names: &s.aliases,
                kind: schema_type(s.kind),
            },
            kind: "TextualBody",
            value: &s.name,
        });
    }
    if let Some(note) = &claim.note {
        body.push(Body::Textual {
            format: Some("text/plain"),
            purpose: "commenting",
            kind: "TextualBody",
            value: note,
        });
    }
    if let Some(cue) = claim.cue {
        let exact = match text {
            Some(t) => t.slice(cue.start as usize, cue.end as usize),
            None => crate::text::slice_cp(&p.document.text, cue.start as usize, cue.end as usize),
        }
        .ok_or_else(|| {
            Error::CannotExport(format!(
                "claim {}: its cue {}..{} falls outside its document's text",
                claim.id, cue.start, cue.end
            ))
        })?;
        body.push(Body::Cue {
            purpose: "linking",
            selector: (
                position(cue.start, cue.end),
                QuoteSelector {
                    exact,
                    prefix: "",
                    suffix: "",
                    kind: "TextQuoteSelector",
                },
            ),
            source: iri(p.document.id.as_str()),
            kind: "SpecificResource",
        });
    }
    Ok(Annotation {
        id: iri(claim.id.as_str()),
        kind: "Annotation",
        motivation: "classifying",
        created: &claim.created,
        modified: &claim.modified,
        creator: Creator {
            id: iri(p.coder.id.as_str()),
            name: &p.coder.name,
            kind: "Person",
        },
        body,
        target: Target {
            selector: (
                position(claim.start, claim.end),
                QuoteSelector {
                    exact: &claim.quote,
                    prefix: &claim.prefix,
                    suffix: &claim.suffix,
                    kind: "TextQuoteSelector",
                },
            ),
            source: Source {
                canonical,
                format: "text/plain",
                id: iri(p.document.id.as_str()),
                kind: "Text",
            },
            kind: "SpecificResource",
        },
    })
}
