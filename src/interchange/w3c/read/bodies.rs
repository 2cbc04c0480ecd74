//! An annotation's bodies sorted by purpose: its status (classifying), its speaker
//! (identifying, else tagging), its note (commenting) and its cue (linking); the others are
//! listed as not read.

use serde_json::{json, Map, Value};

use super::json::{has_type, str_of, text_of, values};
use super::Reader;
use crate::interchange::set::SetSpeaker;
use crate::interchange::w3c::ids::id_of;
use crate::interchange::w3c::kinds::kind_of_type;
use crate::model::{SpeakerKind, Status};

/// What an annotation's bodies say.
#[derive(Default)]
pub(super) struct Bodies<'v> {
    statuses: Vec<&'v str>,
    speakers: Vec<&'v Map<String, Value>>,
    taggers: Vec<&'v Map<String, Value>>,
    notes: Vec<&'v str>,
    pub(super) cues: Vec<&'v Map<String, Value>>,
}

/// An annotation's bodies, its `bodyValue` as a TextualBody among them.
pub(super) fn of(a: &Value) -> Vec<Value> {
    values(a.get("body"))
        .into_iter()
        .cloned()
        .chain(
            a.get("bodyValue")
                .and_then(Value::as_str)
                .map(|v| json!({"type": "TextualBody", "value": v})),
        )
        .collect()
}

impl Reader<'_> {
    /// Sorts the bodies of annotation `a`; a body without a purpose takes the annotation's
    /// one motivation.
    pub(super) fn sort_bodies<'v>(
        &mut self,
        a: &Value,
        bodies: &'v [Value],
        at: &str,
    ) -> Bodies<'v> {
        let motivation = values(a.get("motivation"));
        let default_purpose = match motivation.as_slice() {
            [one] => one.as_str(),
            _ => None,
        };
        let mut b = Bodies::default();
        let mut unread = vec![];
        for body in bodies {
            sort_body(body, default_purpose, &mut b, &mut unread);
        }
        for u in unread {
            self.note(at, u);
        }
        b
    }

    /// The status: exactly one of ours, in any case; `None` (noted) skips the annotation.
    pub(super) fn status(&mut self, b: &Bodies, at: &str) -> Option<Status> {
        let mut statuses: Vec<Status> = vec![];
        for v in &b.statuses {
            let t = v.trim();
            let st = Status::parse(t).or_else(|| Status::parse(&t.to_lowercase()));
            match st {
                Some(st) => {
                    if st.as_str() != *v {
                        self.mapped_statuses
                            .entry((*v).to_owned())
                            .or_insert((st, 0))
                            .1 += 1;
                    }
                    if !statuses.contains(&st) {
                        statuses.push(st);
                    }
                }
                None => {
                    self.note(
                        at,
                        format!(
                            "status {v:?} is not one of attributed, disputed, unverified: skipped"
                        ),
                    );
                    return None;
                }
            }
        }
        match statuses.as_slice() {
            [one] => Some(*one),
            [] => {
                self.note(at, "no classifying body gives its status (attributed, disputed or unverified): skipped");
                None
            }
            many => {
                let names: Vec<_> = many.iter().map(|s| s.as_str()).collect();
                self.note(
                    at,
                    format!("has several statuses ({}): skipped", names.join(", ")),
                );
                None
            }
        }
    }

    /// The speaker: the first identifying body, else the first tagging one.
    pub(super) fn who(&mut self, b: &Bodies, at: &str) -> Option<String> {
        let mut who: Vec<_> = b.speakers.iter().chain(b.taggers.iter()).copied().collect();
        if who.is_empty() {
            return None;
        }
        let first = who.remove(0);
        for other in who {
            let v = other
                .get("value")
                .and_then(Value::as_str)
                .unwrap_or_default();
            self.note(at, format!("also names {v:?} (identifying or tagging): a claim has one speaker, so only the first is kept"));
        }
        self.speaker(first, at)
    }

    /// The note: the comments, joined.
    pub(super) fn comment(&mut self, b: &Bodies, at: &str) -> Option<String> {
        match b.notes.as_slice() {
            [] => None,
            [one] => Some((*one).to_owned()),
            many => {
                self.note(
                    at,
                    format!("has {} comments: joined into one note", many.len()),
                );
                Some(many.join("\n\n"))
            }
        }
        .filter(|n| !n.trim().is_empty())
    }

    fn speaker(&mut self, body: &Map<String, Value>, at: &str) -> Option<String> {
        let name = body.get("value").and_then(Value::as_str)?.trim().to_owned();
        if name.is_empty() {
            self.note(at, "its speaker body is empty: no speaker");
            return None;
        }
        let about = body.get("schema:about").filter(|v| v.is_object());
        let key = about
            .and_then(|a| str_of(a, "id"))
            .map(id_of)
            .unwrap_or_else(|| format!("name:{name}"));
        if let Some(s) = self.speakers.get(&key) {
            return Some(s.id.clone());
        }
        let kind = about
            .map(|a| values(a.get("type")))
            .unwrap_or_default()
            .iter()
            .find_map(|t| t.as_str().and_then(kind_of_type));
        let kind = kind.unwrap_or_else(|| {
            self.notes.push(format!(
                "speaker {name:?}: the file does not say what kind of speaker this is: set to other"
            ));
            SpeakerKind::Other
        });
        let aliases = about
            .map(|a| values(a.get("schema:alternateName")))
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let id = if key.starts_with("name:") {
            crate::model::SpeakerId::generate().to_string()
        } else {
            key.clone()
        };
        self.speakers.insert(
            key,
            SetSpeaker {
                id: id.clone(),
                name,
                kind,
                aliases,
            },
        );
        Some(id)
    }
}

fn sort_body<'v>(
    body: &'v Value,
    default_purpose: Option<&str>,
    b: &mut Bodies<'v>,
    unread: &mut Vec<String>,
) {
    let Value::Object(o) = body else {
        unread.push(format!("body {body} is a reference, not text: not read"));
        return;
    };
    let purposes = values(o.get("purpose"));
    let purpose = purposes
        .first()
        .and_then(|p| p.as_str())
        .or(default_purpose)
        .unwrap_or("");
    let value = o.get("value").and_then(Value::as_str);
    let textual = has_type(body, "TextualBody") || (value.is_some() && o.get("type").is_none());
    match (purpose, textual, value) {
        ("classifying", true, Some(v)) => b.statuses.push(v),
        ("identifying", true, Some(_)) => b.speakers.push(o),
        ("tagging", true, Some(_)) => b.taggers.push(o),
        ("commenting", true, Some(v)) => b.notes.push(v),
        ("linking", false, _) if has_type(body, "SpecificResource") => b.cues.push(o),
        _ => {
            let shown = value.map_or_else(|| body.to_string(), |v| format!("{v:?}"));
            let why = if purpose.is_empty() {
                "without a purpose".to_owned()
            } else {
                format!("with purpose {purpose:?}")
            };
            unread.push(format!(
                "body {} {why} has no place in a claim: not read",
                text_of(&shown, 80)
            ));
        }
    }
}
