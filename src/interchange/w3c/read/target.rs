//! An annotation's target: the document it names (by id, else by the name of its text), the
//! passage (by position, checked against the quote, else found by the quote), and its cue.

use serde_json::{Map, Value};

use super::json::{has_type, str_of, text_of, values};
use super::Reader;
use crate::interchange::w3c::ids::{id_of, ni_of};
use crate::model::{Document, Span};
use crate::text::{reanchor, IndexedText};

impl<'a> Reader<'a> {
    pub(super) fn document_of(&mut self, target: &Value, at: &str) -> Option<&'a Document> {
        let (source, canonical) = source_of(target);
        let Some(source) = source else {
            self.note(at, "its target names no source document: skipped");
            return None;
        };
        let found = self.known.get(&id_of(source)).copied().or_else(|| {
            let canonical = canonical?;
            let all = self.all;
            self.by_hash
                .get_or_insert_with(|| all.iter().map(|d| (ni_of(&d.text), d)).collect())
                .get(canonical)
                .copied()
        });
        match found {
            Some(d) => {
                self.texts
                    .entry(d.id.to_string())
                    .or_insert_with(|| IndexedText::new(d.text.as_str()));
                Some(d)
            }
            None => {
                self.note(
                    at,
                    format!("its document {source} is not in this project: skipped"),
                );
                None
            }
        }
    }

    /// The passage, by position and checked against the quote; found by the quote when the
    /// position is missing or disagrees with it.
    pub(super) fn span_of(
        &mut self,
        target: &Value,
        doc: &Document,
        at: &str,
    ) -> Option<(u32, u32)> {
        let selectors = values(target.get("selector"));
        let pos = selectors
            .iter()
            .find(|s| has_type(s, "TextPositionSelector"));
        let quote = selectors.iter().find(|s| has_type(s, "TextQuoteSelector"));
        let text = &self.texts[doc.id.as_str()];
        let len = text.len();
        let position = pos.and_then(|p| {
            let n = |k: &str| {
                p.get(k)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
            };
            Some((n("start")?, n("end")?))
        });
        let exact = quote.and_then(|q| str_of(q, "exact"));
        let slice = |s: u32, e: u32| {
            (s < e)
                .then(|| text.slice(s as usize, e as usize))
                .flatten()
        };
        match (position, exact) {
            (Some((s, e)), exact) if slice(s, e).is_some_and(|t| exact.is_none_or(|x| x == t)) => {
                Some((s, e))
            }
            (position, Some(exact)) => {
                let q = quote.expect("an exact comes from a quote selector");
                let prefix = str_of(q, "prefix").unwrap_or_default();
                let suffix = str_of(q, "suffix").unwrap_or_default();
                let near = position.map_or(0, |(s, _)| s);
                match reanchor(&doc.text, exact, prefix, suffix, near) {
                    Some(f) => {
                        if let Some((s, e)) = position {
                            self.note(at, format!("its position {s}..{e} does not hold its quote; found the quote at {}..{}", f.start, f.end));
                        } else if doc.text.matches(exact).nth(1).is_some()
                            && prefix.is_empty()
                            && suffix.is_empty()
                        {
                            self.note(at, format!("has no position and its quote occurs several times: took the first, at {}..{}", f.start, f.end));
                        }
                        Some((f.start, f.end))
                    }
                    None => {
                        self.note(
                            at,
                            format!(
                                "its quote {:?} is not in document {}: skipped",
                                text_of(exact, 60),
                                doc.id
                            ),
                        );
                        None
                    }
                }
            }
            (Some((s, e)), None) => {
                self.note(at, format!("its position {s}..{e} is not a passage of document {} ({len} code points): skipped", doc.id));
                None
            }
            (None, None) => {
                self.note(
                    at,
                    "its target has no TextPositionSelector or TextQuoteSelector: skipped",
                );
                None
            }
        }
    }

    pub(super) fn cue_of(
        &mut self,
        cue: &Map<String, Value>,
        target_source: &str,
        doc: &Document,
        at: &str,
    ) -> Option<Span> {
        let v = Value::Object(cue.clone());
        // The target's own source, or any name of the same document.
        let same_doc = source_of(&v)
            .0
            .is_some_and(|iri| iri == target_source || id_of(iri) == doc.id.as_str());
        if !same_doc {
            self.note(
                at,
                "its linking body is not a passage of the same document: not read as a cue",
            );
            return None;
        }
        let (s, e) = self.span_of(&v, doc, at)?;
        Some(Span { start: s, end: e })
    }
}

/// The source document a target (or a SpecificResource body) names: its IRI and, when it
/// says so, the `canonical` name of its text.
pub(super) fn source_of(v: &Value) -> (Option<&str>, Option<&str>) {
    match v {
        Value::String(iri) => (Some(iri.as_str()), None),
        Value::Object(o) => match o.get("source") {
            Some(Value::String(iri)) => (Some(iri.as_str()), None),
            Some(s @ Value::Object(_)) => (str_of(s, "id"), str_of(s, "canonical")),
            _ => (None, None),
        },
        _ => (None, None),
    }
}
