//! Merging an annotation set into a project ("merge a teammate's set"): documents matched by
//! SHA-256 of their text, speakers by name or alias (case-insensitive), coders by name; claims
//! keep their ids, coders and times. Importing the same set twice changes nothing. A claim whose
//! quote does not match its document at its offsets is re-anchored by its quote or refused with
//! the reason; with any refusal nothing is imported unless a partial import is accepted.

use std::collections::HashMap;

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::set::{AnnotationSet, SetClaim};
use crate::error::{Error, Result};
use crate::model::{Claim, ClaimId, CoderId, DocumentId, NewDocument, Source, Speaker, SpeakerId};
use crate::store::changes::{self, Action};
use crate::store::{claims, coders, documents, speakers};
use crate::text::{reanchor, Anchor, IndexedText};

/// What an import did, or would do: every refusal and re-anchoring with its reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    /// The file (or input) the set came from.
    pub source: String,
    /// Whether anything was written: false when claims were refused and a partial import was
    /// not accepted.
    pub imported: bool,
    pub documents_added: u32,
    pub documents_matched: u32,
    pub speakers_added: u32,
    pub speakers_matched: u32,
    pub coders: Vec<String>,
    pub claims_added: u32,
    /// Already in the project, identical or newer there.
    pub claims_unchanged: u32,
    /// Already in the project, and newer in the set.
    pub claims_updated: u32,
    pub reanchored: Vec<ClaimNote>,
    pub refused: Vec<ClaimNote>,
    /// What reading a foreign format had to map or could not carry.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimNote {
    pub claim: String,
    pub message: String,
}

/// Merges `set` inside `tx`. The caller commits only when `report.imported`; otherwise the
/// report tells what the import would have done.
pub fn merge(
    tx: &Transaction,
    set: &AnnotationSet,
    by: Option<&CoderId>,
    accept_partial: bool,
    report: &mut ImportReport,
) -> Result<()> {
    let docs = merge_documents(tx, set, by, report)?;
    let speakers = merge_speakers(tx, set, by, report)?;
    let mut coder_ids: HashMap<String, CoderId> = HashMap::new();
    let mut texts: HashMap<&DocumentId, IndexedText> = HashMap::new();
    let mut accepted = Vec::new();
    for c in &set.claims {
        let doc = &docs[c.document.as_str()];
        if !texts.contains_key(doc) {
            texts.insert(doc, IndexedText::new(documents::text(tx, doc)?));
        }
        match place(&texts[doc], c) {
            Ok((at, start, end, moved)) => {
                if moved {
                    report.reanchored.push(ClaimNote {
                        claim: c.id.clone(),
                        message: format!(
                            "the quote was not at {}..{}; found at {start}..{end}",
                            c.start, c.end
                        ),
                    });
                }
                accepted.push((c, at, start, end));
            }
            Err(reason) => report.refused.push(ClaimNote {
                claim: c.id.clone(),
                message: reason,
            }),
        }
    }
    // The accepted claims are written even when the import will be rolled back, so that the
    // report's counts say what the import would do.
    for (c, at, start, end) in accepted {
        let coder_name = set.coder_of(c);
        let coder = match coder_ids.get(coder_name) {
            Some(id) => id.clone(),
            None => {
                let k = coders::ensure(tx, coder_name)?;
                if !report.coders.contains(&k.name) {
                    report.coders.push(k.name.clone());
                }
                coder_ids.insert(coder_name.to_owned(), k.id.clone());
                k.id
            }
        };
        let claim = Claim {
            id: ClaimId(c.id.clone()),
            document: docs[c.document.as_str()].clone(),
            start,
            end,
            quote: at.quote,
            prefix: at.prefix,
            suffix: at.suffix,
            status: c.status,
            speaker: c.speaker.as_ref().map(|s| speakers[s.as_str()].clone()),
            cue: c.cue,
            note: c.note.clone().filter(|n| !n.trim().is_empty()),
            coder,
            created: c.created.clone(),
            modified: c.modified.clone(),
        };
        match claims::find(tx, &claim.id)? {
            None => {
                claims::insert(tx, &claim)?;
                changes::record(
                    tx,
                    by,
                    "claim",
                    claim.id.as_str(),
                    Action::Create,
                    None,
                    Some(&claim),
                )?;
                report.claims_added += 1;
            }
            Some(existing) if existing.document != claim.document => {
                return Err(Error::InvalidInput(format!(
                    "claim {} exists in this project on another document",
                    claim.id
                )));
            }
            Some(existing) if existing == claim || existing.modified >= claim.modified => {
                report.claims_unchanged += 1;
            }
            Some(existing) => {
                claims::update(tx, &claim)?;
                changes::record(
                    tx,
                    by,
                    "claim",
                    claim.id.as_str(),
                    Action::Update,
                    Some(&existing),
                    Some(&claim),
                )?;
                report.claims_updated += 1;
            }
        }
    }
    report.imported = report.refused.is_empty() || accept_partial;
    Ok(())
}

/// The claim's span in `text`: as given when the quote is there, else found by its quote.
fn place(
    text: &IndexedText,
    c: &SetClaim,
) -> std::result::Result<(Anchor, u32, u32, bool), String> {
    let checked = |start, end| text.anchor(start, end, Some(&c.quote));
    let (at, start, end, moved) = match checked(c.start, c.end) {
        Ok(at) => (at, c.start, c.end, false),
        Err(first) => {
            let prefix = c.prefix.as_deref().unwrap_or_default();
            let suffix = c.suffix.as_deref().unwrap_or_default();
            let found =
                reanchor(text.text(), &c.quote, prefix, suffix, c.start).ok_or_else(|| {
                    format!(
                        "{first}; and the quote {:?} is nowhere in the document",
                        excerpt(&c.quote)
                    )
                })?;
            let at = checked(found.start, found.end).map_err(|e| e.to_string())?;
            (at, found.start, found.end, true)
        }
    };
    if let Some(cue) = c.cue {
        text.anchor(cue.start, cue.end, None)
            .map_err(|e| format!("cue: {e}"))?;
    }
    Ok((at, start, end, moved))
}

fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Maps each set document id to a project document, adding those the project lacks (under
/// their set id unless that id is taken by another text).
fn merge_documents(
    tx: &Transaction,
    set: &AnnotationSet,
    by: Option<&CoderId>,
    report: &mut ImportReport,
) -> Result<HashMap<String, DocumentId>> {
    let mut map = HashMap::new();
    for d in &set.documents {
        let id = match documents::find_by_sha256(tx, &d.sha256)? {
            Some(found) => {
                report.documents_matched += 1;
                found
            }
            None => {
                let id = DocumentId(d.id.clone());
                let id = if documents::exists(tx, &id)? {
                    DocumentId::generate()
                } else {
                    id
                };
                let new = NewDocument {
                    title: d.title.clone(),
                    text: d.text.clone(),
                    source: Source {
                        url: d.source.url.clone(),
                        publisher: d.source.publisher.clone(),
                        author: d.source.author.clone(),
                        published: d.source.published.clone(),
                    },
                };
                let stored = documents::insert(tx, id, &new, by)?;
                changes::record(
                    tx,
                    by,
                    "document",
                    stored.id.as_str(),
                    Action::Create,
                    None,
                    Some(
                        &serde_json::json!({ "title": stored.title, "sha256": d.sha256, "imported": report.source }),
                    ),
                )?;
                report.documents_added += 1;
                stored.id
            }
        };
        map.insert(d.id.clone(), id);
    }
    Ok(map)
}

/// Maps each set speaker to a project speaker by name or alias, adding the unknown ones.
fn merge_speakers(
    tx: &Transaction,
    set: &AnnotationSet,
    by: Option<&CoderId>,
    report: &mut ImportReport,
) -> Result<HashMap<String, SpeakerId>> {
    let mut map = HashMap::new();
    for s in &set.speakers {
        let mut found = None;
        for name in std::iter::once(&s.name).chain(&s.aliases) {
            if let Some(id) = speakers::find_by_name(tx, name)? {
                found = Some(id);
                break;
            }
        }
        let id = match found {
            Some(id) => {
                report.speakers_matched += 1;
                id
            }
            None => {
                let id = SpeakerId(s.id.clone());
                let speaker = Speaker {
                    id: if speakers::is_known(tx, &id)? {
                        SpeakerId::generate()
                    } else {
                        id
                    },
                    name: s.name.trim().to_owned(),
                    kind: s.kind,
                    aliases: s.aliases.clone(),
                };
                speakers::create(tx, &speaker, by)?;
                report.speakers_added += 1;
                speaker.id
            }
        };
        map.insert(s.id.clone(), id);
    }
    Ok(map)
}
