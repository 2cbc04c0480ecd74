//! Reading W3C annotations into an annotation set: what the file holds (`pages`), each
//! annotation's target (`target`), bodies (`bodies`), creator and times (`provenance`).

mod bodies;
mod json;
mod pages;
mod provenance;
mod target;

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::ids::id_of;
use crate::error::{Error, Result};
use crate::interchange::set::{
    AnnotationSet, SetClaim, SetCoder, SetDocument, SetSpeaker, FORMAT, MAX_SET_BYTES, VERSION,
};
use crate::interchange::ReadSet;
use crate::model::{Document, Status};
use crate::text::{Anchor, IndexedText};
use json::{has_type, str_of, values};

/// Reads a collection, a page or a single annotation (or a JSON array of annotations) whose
/// targets are documents of the project (`known`), into an annotation set. What cannot be
/// mapped is reported in the notes, with the annotation's id: an annotation without a status
/// of ours, on an unknown document or whose passage cannot be found in the text is skipped;
/// a status in another case (`"Disputed"`) is taken as ours; bodies that say something else
/// are listed.
/// How the reader names its input; [`crate::interchange::read_file`] puts the file's path in.
const WHAT: &str = "the W3C annotation file";

pub fn read(bytes: &[u8], known: &[Document]) -> Result<ReadSet> {
    if bytes.len() as u64 > MAX_SET_BYTES {
        return Err(Error::TooLarge {
            what: WHAT.into(),
            size: bytes.len() as u64,
            limit: MAX_SET_BYTES,
        });
    }
    let root: Value = serde_json::from_slice(bytes).map_err(|e| {
        Error::invalid_file(
            WHAT,
            format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let mut r = Reader::new(known);
    let items = r.items(&root)?;
    for (i, a) in items.iter().enumerate() {
        r.annotation(a, i + 1);
    }
    Ok(r.finish())
}

struct Reader<'a> {
    known: HashMap<String, &'a Document>,
    by_hash: Option<HashMap<String, &'a Document>>,
    all: &'a [Document],
    /// The texts of the documents used, indexed once each.
    texts: HashMap<String, IndexedText>,
    notes: Vec<String>,
    claims: Vec<(SetClaim, String)>,
    speakers: BTreeMap<String, SetSpeaker>,
    used_docs: Vec<&'a Document>,
    mapped_statuses: BTreeMap<String, (Status, usize)>,
}

impl<'a> Reader<'a> {
    fn new(known: &'a [Document]) -> Self {
        Reader {
            known: known.iter().map(|d| (d.id.to_string(), d)).collect(),
            by_hash: None,
            all: known,
            texts: HashMap::new(),
            notes: vec![],
            claims: vec![],
            speakers: BTreeMap::new(),
            used_docs: vec![],
            mapped_statuses: BTreeMap::new(),
        }
    }

    fn note(&mut self, at: &str, msg: impl std::fmt::Display) {
        self.notes.push(format!("annotation {at}: {msg}"));
    }

    /// Reads annotation number `n` (from 1) into a claim, or says why it is skipped.
    fn annotation(&mut self, a: &Value, n: usize) {
        let given_id = str_of(a, "id").map(str::to_owned);
        let at = given_id.clone().unwrap_or_else(|| format!("#{n} (no id)"));
        if !a.is_object() || !has_type(a, "Annotation") {
            self.note(&at, "not of type Annotation: skipped");
            return;
        }
        let id = match &given_id {
            Some(iri) => id_of(iri),
            None => {
                let id = crate::model::ClaimId::generate().to_string();
                self.note(&at, format!("has no id: it becomes claim {id}"));
                id
            }
        };
        if self.claims.iter().any(|(c, _)| c.id == id) {
            self.note(&at, "its id appears twice: the second is skipped");
            return;
        }
        // Target: the first one that is a passage of a known document.
        let targets = values(a.get("target"));
        if targets.is_empty() {
            self.note(&at, "has no target: skipped");
            return;
        }
        if targets.len() > 1 {
            self.note(
                &at,
                format!("has {} targets: only the first is read", targets.len()),
            );
        }
        let target = targets[0];
        let Some(doc) = self.document_of(target, &at) else {
            return;
        };
        let Some((start, end)) = self.span_of(target, doc, &at) else {
            return;
        };
        let Anchor {
            quote,
            prefix,
            suffix,
        } = match self.texts[doc.id.as_str()].anchor(start, end, None) {
            Ok(a) => a,
            Err(e) => {
                self.note(&at, format!("{e}: skipped"));
                return;
            }
        };

        let bodies = bodies::of(a);
        let b = self.sort_bodies(a, &bodies, &at);
        let Some(status) = self.status(&b, &at) else {
            return;
        };
        let speaker = self.who(&b, &at);
        let note = self.comment(&b, &at);
        let cue = match b.cues.first() {
            None => None,
            Some(c) => self.cue_of(c, target::source_of(target).0.unwrap_or_default(), doc, &at),
        };
        if b.cues.len() > 1 {
            self.note(
                &at,
                "has several linking bodies: only the first is read as the cue",
            );
        }

        let coder = self.creator(a, &at);
        let (created, modified) = self.times(a, &at);
        if !self.used_docs.iter().any(|d| d.id == doc.id) {
            self.used_docs.push(doc);
        }
        self.claims.push((
            SetClaim {
                id,
                document: doc.id.to_string(),
                start,
                end,
                quote,
                prefix: Some(prefix),
                suffix: Some(suffix),
                status,
                speaker,
                cue,
                note,
                coder: None,
                created,
                modified,
            },
            coder,
        ));
    }

    fn finish(mut self) -> ReadSet {
        for (given, (st, n)) in &self.mapped_statuses {
            self.notes.push(format!(
                "status {given:?} read as {} ({n} annotation{})",
                st.as_str(),
                if *n == 1 { "" } else { "s" }
            ));
        }
        let single = match self.claims.first() {
            Some((_, first)) if self.claims.iter().all(|(_, c)| c == first) => Some(first.clone()),
            _ => None,
        };
        let claims = self
            .claims
            .into_iter()
            .map(|(mut c, coder)| {
                if single.is_none() {
                    c.coder = Some(SetCoder { name: coder });
                }
                c
            })
            .collect();
        ReadSet {
            set: AnnotationSet {
                format: FORMAT.into(),
                version: VERSION,
                coder: single.map(|name| SetCoder { name }),
                documents: self.used_docs.iter().map(|d| SetDocument::of(d)).collect(),
                speakers: self.speakers.into_values().collect(),
                claims,
            },
            notes: self.notes,
        }
    }
}
