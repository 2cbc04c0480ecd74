//! Merging an annotation set into a project ("merge a teammate's set"): documents matched by
//! SHA-256 of their text, speakers by name or alias (case-insensitive), coders by name; claims
//! keep their ids, coders and times. Importing the same set twice changes nothing. A claim whose
//! quote does not match its document at its offsets is re-anchored by its quote or refused with
//! the reason; with any refusal nothing is imported unless a partial import is accepted. Every
//! document, speaker and claim is written through the same checked paths as the app's own.

use std::collections::HashMap;

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::{add_document_as, add_speaker, claim_writes, clean_name};
use crate::error::{AppError, Error, ErrorCode, Result};
use crate::interchange::set::{AnnotationSet, SetClaim};
use crate::model::{
    Claim, ClaimId, ClaimPlacement, CoderId, DocumentId, NewDocument, NewSpeaker, Placement,
    ReviewReason, Source, SpeakerId,
};
use crate::store::changes::Action;
use crate::store::{claims, coders, documents, speakers, versions};
use crate::text::{Carrier, IndexedText, OldSpan, Placed};

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
    /// Why the file could not be imported at all (unreadable, not a set, broken), if so.
    pub error: Option<AppError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimNote {
    pub claim: String,
    pub message: String,
}

/// Merges `set` inside `tx`. The caller commits only when `report.imported`; otherwise the
/// report tells what the import would have done. The set's structure must have been checked
/// ([`AnnotationSet::check`]): every reference in it resolves.
pub(super) fn merge(
    tx: &Transaction,
    set: &AnnotationSet,
    by: Option<&CoderId>,
    accept_partial: bool,
    report: &mut ImportReport,
) -> Result<()> {
    let docs = merge_documents(tx, set, by, report)?;
    let speakers = merge_speakers(tx, set, by, report)?;
    let mut coder_ids: HashMap<&str, CoderId> = HashMap::new();
    let mut texts: HashMap<&DocumentId, IndexedText> = HashMap::new();
    // The accepted claims are written even when the import will be rolled back, so that the
    // report's counts say what the import would do.
    for c in &set.claims {
        let doc = &docs[c.document.as_str()];
        if !texts.contains_key(doc) {
            texts.insert(doc, IndexedText::new(documents::text(tx, doc)?));
        }
        let text = &texts[doc];
        let placed = match place(text, c) {
            Ok(found) => found,
            Err(reason) => {
                report.refused.push(ClaimNote::of(c, reason));
                continue;
            }
        };
        let coder_name = set.coder_of(c);
        let coder = match coder_ids.get(coder_name) {
            Some(id) => id.clone(),
            None => {
                let k = coders::ensure(tx, &clean_name(coder_name, "a coder's name")?)?;
                if !report.coders.contains(&k.name) {
                    report.coders.push(k.name.clone());
                }
                coder_ids.insert(coder_name, k.id.clone());
                k.id
            }
        };
        let claim = Claim {
            id: ClaimId(c.id.clone()),
            document: doc.clone(),
            start: placed.start,
            end: placed.end,
            // Found approximately, the words are the text's, not the set's.
            quote: text
                .slice(placed.start as usize, placed.end as usize)
                .unwrap_or_default()
                .to_owned(),
            prefix: String::new(),
            suffix: String::new(),
            status: c.status,
            speaker: c.speaker.as_ref().map(|s| speakers[s.as_str()].clone()),
            cue: c.cue,
            note: c.note.clone(),
            coder,
            created: c.created.clone(),
            modified: c.modified.clone(),
        };
        let written = match claims::find(tx, &claim.id)? {
            None => claim_writes::insert(tx, text, by, Action::Create, claim)
                .map(|_| &mut report.claims_added),
            Some(existing) if existing.document != claim.document => Err(Error::ClaimExists {
                id: claim.id.to_string(),
                detail: format!(
                    "in this project on another document ({})",
                    existing.document
                ),
            }),
            Some(existing) if existing.modified >= claim.modified => {
                Ok(&mut report.claims_unchanged)
            }
            Some(existing) => claim_writes::replace(tx, text, by, &existing, claim)
                .map(|_| &mut report.claims_updated),
        };
        match written {
            Ok(count) => {
                *count += 1;
                let (start, end) = (placed.start, placed.end);
                if (start, end) != (c.start, c.end) {
                    let how = match (placed.placement, placed.ambiguous) {
                        (Placement::Fuzzy, _) => format!(
                            " with edited words (to review: the set's words were {:?})",
                            excerpt(&c.quote)
                        ),
                        (_, true) => {
                            " (to review: the quote occurs elsewhere with the same context)".into()
                        }
                        _ => String::new(),
                    };
                    report.reanchored.push(ClaimNote::of(
                        c,
                        format!(
                            "the quote was not at {}..{}; found at {start}..{end}{how}",
                            c.start, c.end
                        ),
                    ));
                    let review = if placed.placement == Placement::Fuzzy {
                        Some(ReviewReason::Fuzzy)
                    } else if placed.ambiguous {
                        Some(ReviewReason::Ambiguous)
                    } else {
                        None
                    };
                    // Kept when the claim was written here (not one the project had already).
                    let stored = claims::get(tx, &ClaimId(c.id.clone()))?;
                    if (stored.start, stored.end) != (start, end) {
                        continue;
                    }
                    versions::insert_placement(
                        tx,
                        &ClaimPlacement {
                            claim: ClaimId(c.id.clone()),
                            placement: if placed.placement == Placement::Exact {
                                Placement::Moved
                            } else {
                                placed.placement
                            },
                            from_claim: ClaimId(c.id.clone()),
                            from_quote: c.quote.clone(),
                            review,
                        },
                    )?;
                }
            }
            // A claim the project's checks refuse is reported; a failure of the store is not a
            // refusal and ends the import.
            Err(e) if matches!(e.code(), ErrorCode::Database | ErrorCode::Io) => return Err(e),
            Err(e) => report.refused.push(ClaimNote::of(c, e.to_string())),
        }
    }
    report.imported = report.refused.is_empty() || accept_partial;
    Ok(())
}

impl ClaimNote {
    fn of(c: &SetClaim, message: String) -> ClaimNote {
        ClaimNote {
            claim: c.id.clone(),
            message,
        }
    }
}

/// Where the claim goes in `text`: at its offsets when its quote is there, else found again by
/// the same search that carries claims to a new version (exact with context, then
/// approximate), or refused with the reason. The rest of the claim is checked when it is
/// written.
fn place(text: &IndexedText, c: &SetClaim) -> std::result::Result<Placed, String> {
    let Err(first) = text.span(c.start, c.end, Some(&c.quote)) else {
        return Ok(Placed {
            start: c.start,
            end: c.end,
            placement: Placement::Exact,
            ambiguous: false,
        });
    };
    let span = OldSpan {
        start: c.start,
        end: c.end,
        quote: &c.quote,
        prefix: c.prefix.as_deref().unwrap_or_default(),
        suffix: c.suffix.as_deref().unwrap_or_default(),
    };
    Carrier::without_old_text(text)
        .search(&span, c.start as usize)
        .ok_or_else(|| {
            format!(
                "{first}; and the quote {:?} is nowhere in the document",
                excerpt(&c.quote)
            )
        })
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
                let new = NewDocument {
                    title: d.title.clone(),
                    text: d.text.clone(),
                    source: Source {
                        url: d.source.url.clone(),
                        publisher: d.source.publisher.clone(),
                        author: d.source.author.clone(),
                        published: d.source.published.clone(),
                        language: None,
                    },
                };
                let stored = add_document_as(tx, &d.id, &new, by, Some(&report.source))?;
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
            // Looked up as stored: tidied, as `add_speaker` keeps it (else a name with a
            // double space is not found again, and a second merge of the set is refused).
            let Ok(name) = clean_name(name, "a speaker's name") else {
                continue;
            };
            if let Some(id) = speakers::find_by_name(tx, &name)? {
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
                let id = if speakers::is_known(tx, &id)? {
                    SpeakerId::generate()
                } else {
                    id
                };
                let new = NewSpeaker {
                    name: s.name.clone(),
                    kind: s.kind,
                    aliases: s.aliases.clone(),
                };
                report.speakers_added += 1;
                add_speaker(tx, id, &new, by)?.id
            }
        };
        map.insert(s.id.clone(), id);
    }
    Ok(map)
}
