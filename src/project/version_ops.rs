//! Versions of an article: a new version is a new document linked to the one it replaces,
//! whose claims are carried over to it (the old version and its claims stay as they were).
//! Each carried claim is written through the checked claim path by its original coder, with a
//! change record by whoever imported the version saying where it came from; its placement is
//! kept. A claim whose words are gone becomes an orphan: never dropped, never at a wrong place.

use std::path::Path;

use serde::Serialize;

use super::{add_document, claim_writes, Project};
use crate::error::{Error, ErrorCode, Result};
use crate::import;
use crate::model::{
    now, Attention, CarriedClaim, Claim, ClaimId, ClaimPlacement, ClaimToReview, CoderId, Document,
    DocumentId, DocumentVersion, NewDocument, Orphan, Placement, ReviewReason, Span, VersionImport,
};
use crate::store::changes::{self, Action};
use crate::store::{claims, documents, versions};
use crate::text::{sha256_hex, Carrier, IndexedText, OldSpan, Placed};

/// How far from its claim a cue found by search may be (code points) to be carried with it.
const CUE_REACH: u32 = 300;

/// An orphan and where it came from, for its change record.
#[derive(Serialize)]
struct CarriedFrom<'a, T: Serialize> {
    #[serde(flatten)]
    item: &'a T,
    carried_from: Origin<'a>,
}

/// Where a carried claim or orphan came from, for its change record.
#[derive(Serialize)]
pub(super) struct Origin<'a> {
    claim: &'a ClaimId,
    document: &'a DocumentId,
    version: u32,
    placement: Placement,
}

impl Project {
    /// Imports `doc` as the next version of the article `of` belongs to (after its latest
    /// version, whichever version `of` is), carrying the latest version's claims and orphans
    /// over. Refused when the text is the same as the latest version's.
    pub fn import_version(&mut self, of: &DocumentId, doc: NewDocument) -> Result<VersionImport> {
        let coder = self.current_coder()?;
        let previous = self.store.read(|c| {
            let mut id = of.clone();
            while let Some(next) = documents::next_version(c, &id)? {
                id = next;
            }
            documents::get(c, &id)
        })?;
        if sha256_hex(&previous.text) == sha256_hex(&doc.text) {
            return Err(Error::InvalidOption(format!(
                "the text is the same as version {} of {:?}: there is no new version to import",
                previous.version, previous.title
            )));
        }
        let new_text = IndexedText::new(doc.text.clone());
        let carrier = Carrier::new(&previous.text, &new_text);
        let old_text = IndexedText::new(previous.text.clone());
        self.store.write(|tx| {
            // Another process (the CLI beside the app) may have added a version meanwhile.
            if documents::next_version(tx, &previous.id)?.is_some() {
                return Err(Error::InvalidOption(format!(
                    "another version of {:?} was imported meanwhile: import this one again",
                    previous.title
                )));
            }
            let stored = add_document(tx, DocumentId::generate(), &doc, Some(&coder.id), None)?;
            documents::link_version(tx, &stored.id, &previous.id)?;
            let mut carried = Vec::new();
            for old in claims::for_document(tx, &previous.id)? {
                let span = OldSpan {
                    start: old.start,
                    end: old.end,
                    quote: &old.quote,
                    prefix: &old.prefix,
                    suffix: &old.suffix,
                };
                let placed = carrier.place(&span);
                let cue = old.cue.map(|c| carry_cue(&carrier, &old_text, c, placed));
                let outcome = match placed {
                    Some(p) => {
                        let claim = Claim {
                            id: ClaimId::generate(),
                            document: stored.id.clone(),
                            start: p.start,
                            end: p.end,
                            quote: new_text
                                .slice(p.start as usize, p.end as usize)
                                .unwrap_or_default()
                                .to_owned(),
                            cue: cue.flatten(),
                            modified: now(),
                            ..old.clone()
                        };
                        place_claim(
                            tx,
                            &new_text,
                            &coder.id,
                            claim,
                            &old,
                            p,
                            origin(&previous, &old.id, p.placement),
                        )?
                    }
                    None => None,
                };
                let done = match outcome {
                    Some(mut done) => {
                        done.cue_dropped = old.cue.is_some() && cue.flatten().is_none();
                        done
                    }
                    None => {
                        let orphan = Orphan {
                            id: ClaimId::generate(),
                            document: stored.id.clone(),
                            from_claim: old.id.clone(),
                            quote: old.quote.clone(),
                            prefix: old.prefix.clone(),
                            suffix: old.suffix.clone(),
                            status: old.status,
                            speaker: old.speaker.clone(),
                            note: old.note.clone(),
                            coder: old.coder.clone(),
                            created: old.created.clone(),
                            modified: now(),
                        };
                        write_orphan(
                            tx,
                            &coder.id,
                            &orphan,
                            origin(&previous, &old.id, Placement::Orphaned),
                            old.cue.is_some(),
                        )?
                    }
                };
                carried.push(done);
            }
            // The previous version's orphans may find their words again in this one.
            for old in versions::orphans(tx, Some(&previous.id))? {
                let span = OldSpan {
                    start: u32::MAX - 1,
                    end: u32::MAX,
                    quote: &old.quote,
                    prefix: &old.prefix,
                    suffix: &old.suffix,
                };
                let found = carrier.search(&span, 0);
                let as_claim = Claim {
                    id: ClaimId::generate(),
                    document: stored.id.clone(),
                    start: 0,
                    end: 0,
                    quote: String::new(),
                    prefix: String::new(),
                    suffix: String::new(),
                    status: old.status,
                    speaker: old.speaker.clone(),
                    cue: None,
                    note: old.note.clone(),
                    coder: old.coder.clone(),
                    created: old.created.clone(),
                    modified: now(),
                };
                let outcome = match found {
                    Some(p) => {
                        let claim = Claim {
                            start: p.start,
                            end: p.end,
                            quote: new_text
                                .slice(p.start as usize, p.end as usize)
                                .unwrap_or_default()
                                .to_owned(),
                            ..as_claim.clone()
                        };
                        let was = Claim {
                            id: old.id.clone(),
                            quote: old.quote.clone(),
                            ..as_claim.clone()
                        };
                        place_claim(
                            tx,
                            &new_text,
                            &coder.id,
                            claim,
                            &was,
                            p,
                            origin(&previous, &old.id, p.placement),
                        )?
                    }
                    None => None,
                };
                carried.push(match outcome {
                    Some(done) => done,
                    None => {
                        let orphan = Orphan {
                            id: ClaimId::generate(),
                            document: stored.id.clone(),
                            modified: now(),
                            ..old.clone()
                        };
                        write_orphan(
                            tx,
                            &coder.id,
                            &orphan,
                            origin(&previous, &old.id, Placement::Orphaned),
                            false,
                        )?
                    }
                });
            }
            let count = |p: Placement| carried.iter().filter(|c| c.placement == p).count() as u32;
            Ok(VersionImport {
                document: documents::get_summary(tx, &stored.id)?,
                previous: previous.id.clone(),
                exact: count(Placement::Exact),
                moved: count(Placement::Moved),
                fuzzy: count(Placement::Fuzzy),
                orphaned: count(Placement::Orphaned),
                to_review: carried.iter().filter(|c| c.review.is_some()).count() as u32,
                carried,
            })
        })
    }

    /// Imports a file (as [`Project::import_files`] reads it) as the next version of `of`.
    pub fn import_version_file(&mut self, of: &DocumentId, path: &Path) -> Result<VersionImport> {
        let doc = import::read_file(path)?;
        self.import_version(of, doc)
    }

    /// Imports a pasted text (as [`Project::import_text`] takes it) as the next version of `of`.
    pub fn import_version_text(
        &mut self,
        of: &DocumentId,
        title: Option<&str>,
        text: &str,
    ) -> Result<VersionImport> {
        let doc = import::pasted(title, text)?;
        self.import_version(of, doc)
    }

    /// Every version of the article `of` belongs to, first to latest.
    pub fn versions(&self, of: &DocumentId) -> Result<Vec<DocumentVersion>> {
        self.store.read(|c| {
            documents::versions_of(c, of)?
                .into_iter()
                .map(|d| {
                    let (orphan_count, review_count) = versions::attention_counts(c, &d.id)?;
                    Ok(DocumentVersion {
                        id: d.id,
                        version: d.version,
                        title: d.title,
                        length: d.length,
                        claim_count: d.claim_count,
                        orphan_count,
                        review_count,
                        created: d.created,
                    })
                })
                .collect()
        })
    }

    /// How the claims of a document (or of every document) were placed, for those carried
    /// over or re-anchored.
    pub fn placements(&self, document: Option<&DocumentId>) -> Result<Vec<ClaimPlacement>> {
        self.store.read(|c| versions::placements(c, document))
    }

    /// Orphaned claims of a document, or of every document.
    pub fn orphans(&self, document: Option<&DocumentId>) -> Result<Vec<Orphan>> {
        self.store.read(|c| versions::orphans(c, document))
    }

    /// What in a document needs an analyst: its orphans, and its claims placed on a guess.
    pub fn attention(&self, document: &DocumentId) -> Result<Attention> {
        self.store.read(|c| {
            documents::get_summary(c, document)?;
            let review = versions::placements(c, Some(document))?
                .into_iter()
                .filter(|p| p.review.is_some())
                .map(|placement| {
                    Ok(ClaimToReview {
                        claim: claims::get(c, &placement.claim)?,
                        placement,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(Attention {
                orphans: versions::orphans(c, Some(document))?,
                review,
            })
        })
    }

    /// Re-places an orphan on the words `start..end` (`quote` as the analyst saw them): it
    /// becomes a claim of its coder, with its id, status, speaker and note.
    pub fn replace_orphan(
        &mut self,
        id: &ClaimId,
        start: u32,
        end: u32,
        quote: &str,
    ) -> Result<Claim> {
        let coder = self.current_coder()?;
        let orphan = self.store.read(|c| versions::orphan(c, id))?;
        let text = self.text_of(&orphan.document)?;
        self.store.write(|tx| {
            let orphan = take_orphan(tx, &coder.id, id)?;
            claim_writes::insert(
                tx,
                &text,
                Some(&coder.id),
                Action::Create,
                Claim {
                    id: orphan.id.clone(),
                    document: orphan.document.clone(),
                    start,
                    end,
                    quote: quote.to_owned(),
                    prefix: String::new(),
                    suffix: String::new(),
                    status: orphan.status,
                    speaker: orphan.speaker.clone(),
                    cue: None,
                    note: orphan.note.clone(),
                    coder: orphan.coder.clone(),
                    created: orphan.created.clone(),
                    modified: now(),
                },
            )
        })
    }

    /// Discards an orphan (its words are gone and the analyst lets it go); returns it.
    pub fn discard_orphan(&mut self, id: &ClaimId) -> Result<Orphan> {
        let coder = self.current_coder()?;
        self.store.write(|tx| {
            let orphan = take_orphan(tx, &coder.id, id)?;
            Ok(orphan)
        })
    }

    /// Puts back an orphan as it was (the undo of [`Project::discard_orphan`], or of
    /// [`Project::replace_orphan`] once the claim it became is deleted).
    pub fn restore_orphan(&mut self, orphan: Orphan) -> Result<Orphan> {
        let coder = self.current_coder()?;
        self.store.write(|tx| {
            documents::get_summary(tx, &orphan.document)?;
            if claims::find(tx, &orphan.id)?.is_some() || versions::orphan(tx, &orphan.id).is_ok() {
                return Err(Error::ClaimExists {
                    id: orphan.id.to_string(),
                    detail: "and the orphan cannot be restored over it".into(),
                });
            }
            versions::insert_orphan(tx, &orphan)?;
            changes::record(
                tx,
                Some(&coder.id),
                "orphan",
                orphan.id.as_str(),
                Action::Restore,
                None,
                Some(&orphan),
            )?;
            Ok(orphan)
        })
    }

    /// Marks a carried claim placed on a guess as checked: it leaves the review list.
    pub fn confirm_placement(&mut self, claim: &ClaimId) -> Result<ClaimPlacement> {
        let coder = self.current_coder()?;
        self.store.write(|tx| {
            let before = versions::placement(tx, claim)?.ok_or_else(|| Error::NotFound {
                entity: "carried claim",
                id: claim.to_string(),
            })?;
            versions::clear_review(tx, claim)?;
            let after = ClaimPlacement {
                review: None,
                ..before.clone()
            };
            changes::record(
                tx,
                Some(&coder.id),
                "placement",
                claim.as_str(),
                Action::Update,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }
}

/// Writes a carried claim at its place with its placement; `None` when the project's checks
/// refuse it there (it then becomes an orphan: a claim is never dropped).
fn place_claim(
    tx: &rusqlite::Connection,
    text: &IndexedText,
    by: &CoderId,
    claim: Claim,
    old: &Claim,
    p: Placed,
    origin: Origin,
) -> Result<Option<CarriedClaim>> {
    let review = if p.placement == Placement::Fuzzy {
        Some(ReviewReason::Fuzzy)
    } else if p.ambiguous {
        Some(ReviewReason::Ambiguous)
    } else {
        None
    };
    let written = match claim_writes::insert_carried(tx, text, Some(by), claim, &origin) {
        Ok(c) => c,
        Err(e) if matches!(e.code(), ErrorCode::Database | ErrorCode::Io) => return Err(e),
        Err(_) => return Ok(None),
    };
    versions::insert_placement(
        tx,
        &ClaimPlacement {
            claim: written.id.clone(),
            placement: p.placement,
            from_claim: old.id.clone(),
            from_quote: old.quote.clone(),
            review,
        },
    )?;
    Ok(Some(CarriedClaim {
        from_claim: old.id.clone(),
        claim: written.id,
        placement: p.placement,
        start: Some(written.start),
        end: Some(written.end),
        review,
        cue_dropped: false,
    }))
}

fn origin<'a>(previous: &'a Document, claim: &'a ClaimId, placement: Placement) -> Origin<'a> {
    Origin {
        claim,
        document: &previous.id,
        version: previous.version,
        placement,
    }
}

/// Takes an orphan off the list (placed again, or let go), recorded as the coder's change.
fn take_orphan(tx: &rusqlite::Connection, by: &CoderId, id: &ClaimId) -> Result<Orphan> {
    let orphan = versions::orphan(tx, id)?;
    versions::delete_orphan(tx, id)?;
    changes::record(
        tx,
        Some(by),
        "orphan",
        id.as_str(),
        Action::Delete,
        Some(&orphan),
        None,
    )?;
    Ok(orphan)
}

/// Keeps a claim whose words are gone as an orphan of the new version, and says so.
fn write_orphan(
    tx: &rusqlite::Connection,
    by: &CoderId,
    o: &Orphan,
    origin: Origin,
    cue_dropped: bool,
) -> Result<CarriedClaim> {
    let from_claim = origin.claim.clone();
    versions::insert_orphan(tx, o)?;
    changes::record(
        tx,
        Some(by),
        "orphan",
        o.id.as_str(),
        Action::Create,
        None,
        Some(&CarriedFrom {
            item: o,
            carried_from: origin,
        }),
    )?;
    Ok(CarriedClaim {
        from_claim,
        claim: o.id.clone(),
        placement: Placement::Orphaned,
        start: None,
        end: None,
        review: None,
        cue_dropped,
    })
}

/// The cue of a claim in the new text: where the diff maps it with the same words, or its words
/// found near the carried claim; `None` when neither (the claim goes without it).
fn carry_cue(
    carrier: &Carrier,
    old_text: &IndexedText,
    cue: Span,
    claim: Option<Placed>,
) -> Option<Span> {
    let claim = claim?;
    let at = old_text.anchor(cue.start, cue.end, None).ok()?;
    let p = carrier.place(&OldSpan {
        start: cue.start,
        end: cue.end,
        quote: &at.quote,
        prefix: &at.prefix,
        suffix: &at.suffix,
    })?;
    let near = p.start.abs_diff(claim.start).min(p.end.abs_diff(claim.end)) <= CUE_REACH;
    (matches!(p.placement, Placement::Exact | Placement::Moved) && !p.ambiguous && near).then_some(
        Span {
            start: p.start,
            end: p.end,
        },
    )
}
