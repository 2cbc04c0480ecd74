//! Review of a team's coding: agreement, the review view's units, and adjudication.

use std::path::Path;

use super::{claim_writes, Project, GOLD_CODER};
use crate::error::{Error, Result};
use crate::interchange;
use crate::model::{
    now, Claim, ClaimId, Coder, Decision, DecisionAction, DocumentId, DocumentSummary, NewDecision,
};
use crate::review::view::{unit_id, Differences, ReviewUnit};
use crate::review::{Agreement, AgreementInput, CodedSpan};
use crate::store::changes::Action;
use crate::store::{claims, coders, decisions, documents};

/// The Jaccard index from which claims of different coders form one unit, unless chosen.
pub const DEFAULT_MIN_JACCARD: f64 = 0.5;

/// Refuses an overlap threshold outside (0, 1]: at 0 every pair of claims would be one unit.
fn check_min_jaccard(x: f64) -> Result<()> {
    if x > 0.0 && x <= 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidOption(format!(
            "the overlap threshold is {x}; it must be above 0 and at most 1"
        )))
    }
}

/// What an agreement report covers.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgreementOptions {
    /// Coders by name; empty: every coder with claims.
    pub coders: Vec<String>,
    /// Documents; empty: all.
    pub documents: Vec<DocumentId>,
    /// The Jaccard index from which claims of different coders form one unit.
    pub min_jaccard: f64,
    /// Resamples for the bootstrap intervals of each alpha; `None`: no intervals.
    pub bootstrap: Option<u32>,
    /// A fixed seed for the bootstrap (else one from the clock).
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub seed: Option<u64>,
}

impl Default for AgreementOptions {
    fn default() -> Self {
        AgreementOptions {
            coders: Vec::new(),
            documents: Vec::new(),
            min_jaccard: DEFAULT_MIN_JACCARD,
            bootstrap: None,
            seed: None,
        }
    }
}

impl Project {
    // Review

    /// Agreement between coders over the chosen documents (all when none are named), each
    /// coder's claims pooled over all of them. Coders are named (all coders with claims when
    /// none are named); unknown names and documents are refused.
    pub fn agreement(&self, options: &AgreementOptions) -> Result<Agreement> {
        check_min_jaccard(options.min_jaccard)?;
        self.store.read(|c| {
            // Only what agreement reads: quotes, context and notes are most of a claim's bytes.
            let all_claims = claims::spans(c)?;
            let with_claims: std::collections::HashSet<&crate::model::CoderId> =
                all_claims.iter().map(|(_, cl)| &cl.coder).collect();
            let chosen = chosen_coders(c, &options.coders, |k| with_claims.contains(&k.id))?;
            let docs: Vec<DocumentSummary> = if options.documents.is_empty() {
                documents::list(c)?
            } else {
                options
                    .documents
                    .iter()
                    .map(|id| documents::get_summary(c, id))
                    .collect::<Result<_>>()?
            };
            // Coders are keyed by name in the report: unique in a project, and what a reader
            // of the figures knows them by.
            let names: std::collections::HashMap<&crate::model::CoderId, crate::model::CoderId> =
                chosen
                    .iter()
                    .map(|k| (&k.id, crate::model::CoderId(k.name.clone())))
                    .collect();
            let input = AgreementInput {
                coders: chosen
                    .iter()
                    .map(|k| (crate::model::CoderId(k.name.clone()), k.name.clone()))
                    .collect(),
                documents: docs.iter().map(|d| (d.id.clone(), d.length)).collect(),
                claims: all_claims
                    .into_iter()
                    .filter_map(|(document, cl)| {
                        let coder = names.get(&cl.coder)?.clone();
                        Some((document, CodedSpan { coder, ..cl }))
                    })
                    .collect(),
                min_jaccard: options.min_jaccard,
                bootstrap: options.bootstrap.map(|n| {
                    let seed = options.seed.unwrap_or_else(|| {
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_nanos() as u64)
                    });
                    (n, seed)
                }),
            };
            Ok(crate::review::agreement(&input))
        })
    }

    // Adjudication

    /// Decides a unit: its gold claim (none for a rejection) is made by the "gold" coder, and
    /// the decision is recorded with who, when, what was chosen from what, and why. A unit
    /// already decided must have that decision undone first.
    pub fn adjudicate(&mut self, new: NewDecision) -> Result<Decision> {
        let me = self.current_coder()?;
        let reason = new.reason.trim().to_owned();
        if reason.is_empty() {
            return Err(Error::InvalidDecision("a decision needs a reason".into()));
        }
        let text = self.text_of(&new.document)?;
        self.store.write(|tx| {
            let gold = coders::ensure(tx, GOLD_CODER)?;
            let considered = considered_claims(tx, &new, &gold)?;
            for earlier in decisions::list(tx, Some(&new.document))? {
                let overlaps = earlier
                    .considered
                    .iter()
                    .any(|c| new.considered.contains(&c.id));
                if earlier.undone_at.is_none() && overlaps {
                    return Err(Error::AlreadyDecided {
                        action: earlier.action.as_str().to_owned(),
                        by: earlier.decided_by,
                        at: earlier.decided_at,
                    });
                }
            }
            let pick = |id: &Option<ClaimId>, part: &str| -> Result<&Claim> {
                let id = id.as_ref().ok_or_else(|| {
                    Error::InvalidDecision(format!("say which claim the {part} comes from"))
                })?;
                considered.iter().find(|c| &c.id == id).ok_or_else(|| {
                    Error::InvalidDecision(format!(
                        "the {part} must come from a claim of this unit"
                    ))
                })
            };
            let draft = match new.action {
                DecisionAction::Reject => None,
                DecisionAction::Accept => Some(pick(&new.chosen.span, "claim")?.clone()),
                DecisionAction::Merge => {
                    let span = pick(&new.chosen.span, "span")?;
                    let status = pick(&new.chosen.status, "status")?;
                    let speaker = match &new.chosen.speaker {
                        Some(_) => pick(&new.chosen.speaker, "speaker")?.speaker.clone(),
                        None => None,
                    };
                    Some(Claim {
                        status: status.status,
                        speaker,
                        ..span.clone()
                    })
                }
                DecisionAction::Edit => {
                    let e = new.edited.clone().ok_or_else(|| {
                        Error::InvalidDecision("an edit needs the edited claim".into())
                    })?;
                    Some(Claim {
                        start: e.start,
                        end: e.end,
                        quote: e.quote,
                        status: e.status,
                        speaker: e.speaker,
                        cue: e.cue,
                        note: e.note,
                        ..considered[0].clone()
                    })
                }
            };
            let stamp = now();
            let result = match draft {
                None => None,
                Some(d) => {
                    let claim = claim_writes::insert(
                        tx,
                        &text,
                        Some(&me.id),
                        Action::Create,
                        Claim {
                            id: ClaimId::generate(),
                            coder: gold.id.clone(),
                            created: stamp.clone(),
                            modified: stamp.clone(),
                            ..d
                        },
                    )?;
                    Some(claim)
                }
            };
            let decision = Decision {
                id: uuid::Uuid::now_v7().to_string(),
                document: new.document.clone(),
                unit_start: considered.iter().map(|c| c.start).min().unwrap_or_default(),
                unit_end: considered.iter().map(|c| c.end).max().unwrap_or_default(),
                action: new.action,
                considered,
                chosen: new.chosen.clone(),
                result,
                reason,
                decided_by: me.name.clone(),
                decided_at: stamp,
                undone_at: None,
                undone_by: None,
            };
            decisions::insert(tx, &decision, &me.id)?;
            Ok(decision)
        })
    }

    /// The units of `document` for the review view: the named coders' claims (every coder
    /// but gold with claims there when none are named) grouped as the agreement measures group
    /// them, with their differences and the decision in force on each.
    pub fn review_units(
        &self,
        document: &DocumentId,
        coder_names: &[String],
        min_jaccard: f64,
    ) -> Result<Vec<ReviewUnit>> {
        check_min_jaccard(min_jaccard)?;
        self.store.read(|c| {
            let on_doc = claims::for_document(c, document)?;
            let chosen =
                chosen_coders(c, coder_names, |k| on_doc.iter().any(|cl| cl.coder == k.id))?;
            let ids: Vec<_> = chosen.iter().map(|k| k.id.clone()).collect();
            let spans: Vec<CodedSpan> = on_doc
                .iter()
                .filter(|cl| ids.contains(&cl.coder))
                .map(|cl| CodedSpan {
                    coder: cl.coder.clone(),
                    claim: cl.id.clone(),
                    start: cl.start,
                    end: cl.end,
                    status: cl.status,
                    speaker: cl.speaker.clone(),
                })
                .collect();
            let decided: Vec<Decision> = decisions::list(c, Some(document))?
                .into_iter()
                .filter(|d| d.undone_at.is_none())
                .collect();
            Ok(crate::review::units(document, &spans, &ids, min_jaccard)
                .into_iter()
                .map(|u| {
                    let claims: Vec<Claim> = chosen
                        .iter()
                        .filter_map(|k| u.members.get(&k.id))
                        .filter_map(|m| on_doc.iter().find(|cl| cl.id == m.claim).cloned())
                        .collect();
                    let missing: Vec<String> = chosen
                        .iter()
                        .filter(|k| !u.members.contains_key(&k.id))
                        .map(|k| k.name.clone())
                        .collect();
                    let decision = decided
                        .iter()
                        .find(|d| {
                            d.considered
                                .iter()
                                .any(|x| claims.iter().any(|cl| cl.id == x.id))
                        })
                        .cloned();
                    ReviewUnit {
                        id: unit_id(&claims),
                        start: u.start,
                        end: u.end,
                        differs: Differences::of(&claims, missing.len()),
                        claims,
                        missing,
                        decision,
                    }
                })
                .collect())
        })
    }

    /// The unit called `id` (see [`unit_id`]) among the units of every document, as the review
    /// view shows them by default (every coder but gold, the default overlap).
    pub fn review_unit(&self, id: &str) -> Result<ReviewUnit> {
        for doc in self.all_documents()? {
            let units = self.review_units(&doc.id, &[], DEFAULT_MIN_JACCARD)?;
            if let Some(u) = units.into_iter().find(|u| u.id == id) {
                return Ok(u);
            }
        }
        Err(Error::NotFound {
            entity: "review unit",
            id: id.to_owned(),
        })
    }

    /// Undoes a decision: its gold claim goes; the record stays, marked undone.
    pub fn undo_decision(&mut self, id: &str) -> Result<Decision> {
        let me = self.current_coder()?;
        self.store.write(|tx| {
            let d = decisions::get(tx, id)?;
            if d.undone_at.is_some() {
                return Err(Error::AlreadyUndone(id.to_owned()));
            }
            if let Some(gold) = &d.result {
                if claims::find(tx, &gold.id)?.is_some() {
                    claim_writes::remove(tx, Some(&me.id), &gold.id)?;
                }
            }
            decisions::mark_undone(tx, id, &me.id, &now())?;
            decisions::get(tx, id)
        })
    }

    /// The decisions (the audit trail), oldest first; of one document when given.
    pub fn decisions(&self, document: Option<&DocumentId>) -> Result<Vec<Decision>> {
        self.store.read(|c| decisions::list(c, document))
    }

    /// Writes the audit trail to `path` as JSON or CSV, atomically.
    pub fn export_decisions(&self, path: &Path, as_csv: bool) -> Result<usize> {
        let all = self.decisions(None)?;
        let bytes = if as_csv {
            let titles = self
                .all_documents()?
                .into_iter()
                .map(|d| (d.id.0, d.title))
                .collect();
            let coders = self
                .coders()?
                .into_iter()
                .map(|c| (c.id.0, c.name))
                .collect();
            interchange::audit::csv(&all, &titles, &coders, &self.speakers()?)?
        } else {
            interchange::audit::json(&all)
        };
        interchange::write_atomically(path, &bytes)?;
        Ok(all.len())
    }
}

/// The coders' claims a decision is made from: on its document, none of them gold, each
/// coder at most once.
fn considered_claims(
    conn: &rusqlite::Connection,
    new: &NewDecision,
    gold: &Coder,
) -> Result<Vec<Claim>> {
    if new.considered.is_empty() {
        return Err(Error::InvalidDecision(
            "a decision needs the unit's claims".into(),
        ));
    }
    let mut out: Vec<Claim> = Vec::new();
    for id in &new.considered {
        let c = claims::get(conn, id)?;
        if c.document != new.document {
            return Err(Error::InvalidDecision(format!(
                "claim {id} is on another document"
            )));
        }
        if c.coder == gold.id {
            return Err(Error::InvalidDecision(format!(
                "claim {id} is already a gold claim"
            )));
        }
        if out.iter().any(|o| o.coder == c.coder) {
            return Err(Error::InvalidDecision(format!(
                "claim {id}: a unit holds at most one claim of each coder"
            )));
        }
        out.push(c);
    }
    Ok(out)
}

/// The coders named (unknown names refused), or when none are: every coder but gold for whom
/// `has_claims` holds.
fn chosen_coders(
    conn: &rusqlite::Connection,
    names: &[String],
    has_claims: impl Fn(&Coder) -> bool,
) -> Result<Vec<Coder>> {
    if names.is_empty() {
        return Ok(coders::list(conn)?
            .into_iter()
            .filter(|k| !k.name.eq_ignore_ascii_case(GOLD_CODER))
            .filter(|k| has_claims(k))
            .collect());
    }
    names.iter().map(|name| coders::named(conn, name)).collect()
}
