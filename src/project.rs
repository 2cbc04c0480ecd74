//! The operations a user can do on a project: the one API that the desktop shell and the
//! command-line tool both call. Each write is one transaction and leaves a change record.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::import;
use crate::interchange::merge::{merge, ImportReport};
use crate::interchange::set::AnnotationSet;
use crate::interchange::{self, Corpus, ExportFormat, ExportScope, ExportSummary};
use crate::model::{
    now, Claim, ClaimEdit, ClaimId, Coder, Decision, DecisionAction, Document, DocumentId,
    DocumentSummary, NewClaim, NewDecision, NewDocument, NewSpeaker, Speaker, SpeakerId,
};
use crate::review::view::{Differences, ReviewUnit};
use crate::review::{Agreement, AgreementInput, CodedSpan};
use crate::sample::sample_document;
use crate::store::changes::{self, Action};
use crate::store::{claims, coders, decisions, documents, speakers, Store};
use crate::text::IndexedText;

const MAX_NAME_CHARS: usize = 200;

/// The coder whose claims are the reviewed (gold) set that adjudication decides.
pub const GOLD_CODER: &str = "gold";

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
            min_jaccard: 0.5,
            bootstrap: None,
            seed: None,
        }
    }
}
const MAX_NOTE_CHARS: usize = 20_000;

pub struct Project {
    store: Store,
    coder: Option<Coder>,
    /// Texts of documents that claims were checked against. A document's text never changes
    /// once imported, so an entry can never be stale; it spares re-reading a long text from
    /// SQLite at every keystroke of coding.
    texts: HashMap<DocumentId, Arc<IndexedText>>,
}

impl Project {
    /// Opens the project at `path`, creating an empty one when the file does not exist.
    pub fn open(path: &Path) -> Result<Project> {
        Ok(Project {
            store: Store::open(path)?,
            coder: None,
            texts: HashMap::new(),
        })
    }

    /// Opens the project the app starts on; a project created by this call gets the sample
    /// article, so that a newcomer sees something at once.
    pub fn open_with_sample(path: &Path) -> Result<Project> {
        let created = !path.exists();
        let mut project = Project::open(path)?;
        if created {
            project.import_documents(vec![sample_document()])?;
        }
        Ok(project)
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn coder(&self) -> Option<&Coder> {
        self.coder.as_ref()
    }

    /// Sets who is coding; the project learns the name if it is new.
    pub fn set_coder(&mut self, name: &str) -> Result<Coder> {
        let name = clean_name(name, "a coder's name")?;
        let coder = self.store.write(|tx| coders::ensure(tx, &name))?;
        self.coder = Some(coder.clone());
        Ok(coder)
    }

    pub fn coders(&self) -> Result<Vec<Coder>> {
        self.store.read(coders::list)
    }

    fn current_coder(&self) -> Result<Coder> {
        self.coder.clone().ok_or(Error::NoCoder)
    }

    fn text_of(&mut self, id: &DocumentId) -> Result<Arc<IndexedText>> {
        if let Some(t) = self.texts.get(id) {
            return Ok(t.clone());
        }
        const MAX_CACHED: usize = 16;
        if self.texts.len() >= MAX_CACHED {
            self.texts.clear();
        }
        let text = Arc::new(IndexedText::new(
            self.store.read(|c| documents::text(c, id))?,
        ));
        self.texts.insert(id.clone(), text.clone());
        Ok(text)
    }

    // Documents

    pub fn documents(&self) -> Result<Vec<DocumentSummary>> {
        self.store.read(documents::list)
    }

    pub fn document(&self, id: &DocumentId) -> Result<Document> {
        self.store.read(|c| documents::get(c, id))
    }

    /// Imports a pasted text.
    pub fn import_text(&mut self, title: Option<&str>, text: &str) -> Result<DocumentSummary> {
        let doc = import::pasted(title, text)?;
        Ok(self.import_documents(vec![doc])?.remove(0))
    }

    /// Imports files (.txt, .md): all of them, or none when any is refused.
    pub fn import_files(&mut self, paths: &[impl AsRef<Path>]) -> Result<Vec<DocumentSummary>> {
        let docs = paths
            .iter()
            .map(|p| import::read_file(p.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        self.import_documents(docs)
    }

    fn import_documents(&mut self, docs: Vec<NewDocument>) -> Result<Vec<DocumentSummary>> {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        self.store.write(|tx| {
            docs.iter()
                .map(|d| {
                    let stored = documents::insert(tx, DocumentId::generate(), d, by.as_ref())?;
                    changes::record(
                        tx,
                        by.as_ref(),
                        "document",
                        stored.id.as_str(),
                        Action::Create,
                        None,
                        Some(&DocumentRecord::of(&stored)),
                    )?;
                    documents::get_summary(tx, &stored.id)
                })
                .collect()
        })
    }

    // Claims

    /// The claims of a document in text order.
    pub fn claims(&self, document: &DocumentId) -> Result<Vec<Claim>> {
        self.store.read(|c| {
            documents::get_summary(c, document)?;
            claims::for_document(c, document)
        })
    }

    pub fn all_claims(&self) -> Result<Vec<Claim>> {
        self.store.read(claims::all)
    }

    pub fn create_claim(&mut self, new: NewClaim) -> Result<Claim> {
        let coder = self.current_coder()?;
        let text = self.text_of(&new.document)?;
        self.store.write(|tx| {
            let stamp = now();
            let claim = checked(
                tx,
                &text,
                Claim {
                    id: ClaimId::generate(),
                    document: new.document,
                    start: new.start,
                    end: new.end,
                    quote: new.quote,
                    prefix: String::new(),
                    suffix: String::new(),
                    status: new.status,
                    speaker: new.speaker,
                    cue: new.cue,
                    note: new.note,
                    coder: coder.id.clone(),
                    created: stamp.clone(),
                    modified: stamp,
                },
            )?;
            claims::insert(tx, &claim)?;
            record_claim(tx, &coder, Action::Create, None, Some(&claim))?;
            Ok(claim)
        })
    }

    /// Sets a claim's editable fields to `edit`.
    pub fn update_claim(&mut self, edit: ClaimEdit) -> Result<Claim> {
        let coder = self.current_coder()?;
        let document = self.store.read(|c| claims::get(c, &edit.id))?.document;
        let text = self.text_of(&document)?;
        self.store.write(|tx| {
            let before = claims::get(tx, &edit.id)?;
            let after = checked(
                tx,
                &text,
                Claim {
                    start: edit.start,
                    end: edit.end,
                    quote: edit.quote,
                    status: edit.status,
                    speaker: edit.speaker,
                    cue: edit.cue,
                    note: edit.note,
                    modified: now(),
                    ..before.clone()
                },
            )?;
            claims::update(tx, &after)?;
            record_claim(tx, &coder, Action::Update, Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Deletes a claim and returns it, so that it can be restored.
    pub fn delete_claim(&mut self, id: &ClaimId) -> Result<Claim> {
        let coder = self.current_coder()?;
        self.store.write(|tx| {
            let before = claims::get(tx, id)?;
            claims::delete(tx, id)?;
            record_claim(tx, &coder, Action::Delete, Some(&before), None)?;
            Ok(before)
        })
    }

    /// Puts back a deleted claim with its id, coder and times (the undo of a delete).
    pub fn restore_claim(&mut self, claim: Claim) -> Result<Claim> {
        let coder = self.current_coder()?;
        let text = self.text_of(&claim.document)?;
        self.store.write(|tx| {
            if claims::find(tx, &claim.id)?.is_some() {
                return Err(Error::InvalidInput(format!(
                    "claim {} already exists and cannot be restored over",
                    claim.id
                )));
            }
            let claim = checked(tx, &text, claim)?;
            claims::insert(tx, &claim)?;
            record_claim(tx, &coder, Action::Restore, None, Some(&claim))?;
            Ok(claim)
        })
    }

    // Exports

    /// Gathers what `scope` exports. With no filter, every document (coded or not); with a
    /// coder or status filter and no document list, the documents holding claims in scope.
    pub fn corpus(&self, scope: &ExportScope) -> Result<Corpus> {
        self.store.read(|c| {
            let coder = match &scope.coder {
                Some(name) => {
                    Some(
                        coders::find_by_name(c, name)?.ok_or_else(|| Error::NotFound {
                            entity: "coder",
                            id: name.clone(),
                        })?,
                    )
                }
                None => None,
            };
            for id in &scope.documents {
                documents::get_summary(c, id)?;
            }
            let claims: Vec<Claim> = claims::all(c)?
                .into_iter()
                .filter(|cl| coder.as_ref().is_none_or(|k| k.id == cl.coder))
                .filter(|cl| scope.statuses.is_empty() || scope.statuses.contains(&cl.status))
                .filter(|cl| scope.documents.is_empty() || scope.documents.contains(&cl.document))
                .collect();
            let filtered = coder.is_some() || !scope.statuses.is_empty();
            let mut docs = Vec::new();
            for summary in documents::list(c)? {
                let wanted = if scope.documents.is_empty() {
                    !filtered || claims.iter().any(|cl| cl.document == summary.id)
                } else {
                    scope.documents.contains(&summary.id)
                };
                if wanted {
                    docs.push(documents::get(c, &summary.id)?);
                }
            }
            let mut claims = claims;
            let order: std::collections::HashMap<_, _> = docs
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.clone(), i))
                .collect();
            claims.sort_by_key(|cl| (order.get(&cl.document).copied(), cl.start, cl.end));
            let speakers = speakers::list(c)?
                .into_iter()
                .filter(|s| claims.iter().any(|cl| cl.speaker.as_ref() == Some(&s.id)))
                .collect();
            let coders = coders::list(c)?
                .into_iter()
                .filter(|k| claims.iter().any(|cl| cl.coder == k.id))
                .collect();
            Ok(Corpus::new(docs, speakers, coders, claims))
        })
    }

    /// Writes the claims of `scope` to `path` in `format`, atomically.
    pub fn export(
        &self,
        scope: &ExportScope,
        format: ExportFormat,
        path: &Path,
    ) -> Result<ExportSummary> {
        let corpus = self.corpus(scope)?;
        let bytes = format.write(&corpus)?;
        interchange::write_atomically(path, &bytes)?;
        Ok(ExportSummary {
            path: path.display().to_string(),
            format,
            documents: corpus.documents.len() as u32,
            claims: corpus.claims.len() as u32,
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        })
    }

    /// Imports a file holding an annotation set (or a standard format that comes back in).
    pub fn import_set_file(&mut self, path: &Path, accept_partial: bool) -> Result<ImportReport> {
        let read = interchange::read_file(path, || {
            let ids = self.documents()?;
            ids.iter().map(|d| self.document(&d.id)).collect()
        })?;
        let mut report = self.import_set(&read.set, &path.display().to_string(), accept_partial)?;
        report.notes = read.notes;
        Ok(report)
    }

    /// Merges an annotation set (see [`crate::interchange::merge`]). With refused claims and
    /// no `accept_partial`, nothing is written and the report says why.
    pub fn import_set(
        &mut self,
        set: &AnnotationSet,
        source: &str,
        accept_partial: bool,
    ) -> Result<ImportReport> {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        let report = self.store.write_or_roll_back(|tx| {
            let mut report = ImportReport {
                source: source.to_owned(),
                ..ImportReport::default()
            };
            merge(tx, set, by.as_ref(), accept_partial, &mut report)?;
            let keep = report.imported;
            Ok((report, keep))
        })?;
        Ok(report)
    }

    // Review

    /// Agreement between coders over the chosen documents (all when none are named), each
    /// coder's claims pooled over all of them. Coders are named (all coders with claims when
    /// none are named); unknown names and documents are refused.
    pub fn agreement(&self, options: &AgreementOptions) -> Result<Agreement> {
        self.store.read(|c| {
            let known = coders::list(c)?;
            let all_claims = claims::all(c)?;
            let chosen: Vec<Coder> = if options.coders.is_empty() {
                known
                    .into_iter()
                    .filter(|k| !k.name.eq_ignore_ascii_case(GOLD_CODER))
                    .filter(|k| all_claims.iter().any(|cl| cl.coder == k.id))
                    .collect()
            } else {
                options
                    .coders
                    .iter()
                    .map(|name| {
                        coders::find_by_name(c, name)?.ok_or_else(|| Error::NotFound {
                            entity: "coder",
                            id: name.clone(),
                        })
                    })
                    .collect::<Result<_>>()?
            };
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
            let key = |id: &crate::model::CoderId| {
                chosen
                    .iter()
                    .find(|k| &k.id == id)
                    .map(|k| crate::model::CoderId(k.name.clone()))
            };
            let input = AgreementInput {
                coders: chosen
                    .iter()
                    .map(|k| (crate::model::CoderId(k.name.clone()), k.name.clone()))
                    .collect(),
                documents: docs.iter().map(|d| (d.id.clone(), d.length)).collect(),
                claims: all_claims
                    .iter()
                    .filter_map(|cl| {
                        Some((
                            cl.document.clone(),
                            CodedSpan {
                                coder: key(&cl.coder)?,
                                claim: cl.id.clone(),
                                start: cl.start,
                                end: cl.end,
                                status: cl.status,
                                speaker: cl.speaker.clone(),
                            },
                        ))
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
            return Err(Error::InvalidInput("a decision needs a reason".into()));
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
                    return Err(Error::InvalidInput(format!(
                        "this unit was already decided ({} by {} at {}); undo that decision first",
                        earlier.action.as_str(),
                        earlier.decided_by,
                        earlier.decided_at
                    )));
                }
            }
            let pick = |id: &Option<ClaimId>, part: &str| -> Result<&Claim> {
                let id = id.as_ref().ok_or_else(|| {
                    Error::InvalidInput(format!("say which claim the {part} comes from"))
                })?;
                considered.iter().find(|c| &c.id == id).ok_or_else(|| {
                    Error::InvalidInput(format!("the {part} must come from a claim of this unit"))
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
                        Error::InvalidInput("an edit needs the edited claim".into())
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
                    let claim = checked(
                        tx,
                        &text,
                        Claim {
                            id: ClaimId::generate(),
                            coder: gold.id.clone(),
                            created: stamp.clone(),
                            modified: stamp.clone(),
                            ..d
                        },
                    )?;
                    claims::insert(tx, &claim)?;
                    record_claim(tx, &me, Action::Create, None, Some(&claim))?;
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
        self.store.read(|c| {
            let on_doc = claims::for_document(c, document)?;
            let chosen: Vec<Coder> = if coder_names.is_empty() {
                coders::list(c)?
                    .into_iter()
                    .filter(|k| !k.name.eq_ignore_ascii_case(GOLD_CODER))
                    .filter(|k| on_doc.iter().any(|cl| cl.coder == k.id))
                    .collect()
            } else {
                coder_names
                    .iter()
                    .map(|n| {
                        coders::find_by_name(c, n)?.ok_or_else(|| Error::NotFound {
                            entity: "coder",
                            id: n.clone(),
                        })
                    })
                    .collect::<Result<_>>()?
            };
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

    /// Undoes a decision: its gold claim goes; the record stays, marked undone.
    pub fn undo_decision(&mut self, id: &str) -> Result<Decision> {
        let me = self.current_coder()?;
        self.store.write(|tx| {
            let d = decisions::get(tx, id)?;
            if d.undone_at.is_some() {
                return Err(Error::InvalidInput(format!(
                    "decision {id} was already undone"
                )));
            }
            if let Some(gold) = &d.result {
                if let Some(current) = claims::find(tx, &gold.id)? {
                    claims::delete(tx, &gold.id)?;
                    record_claim(tx, &me, Action::Delete, Some(&current), None)?;
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
                .documents()?
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

    // Speakers

    pub fn speakers(&self) -> Result<Vec<Speaker>> {
        self.store.read(speakers::list)
    }

    /// Adds a speaker. A name already known (as a name or an alias) is refused.
    pub fn create_speaker(&mut self, new: NewSpeaker) -> Result<Speaker> {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        let name = clean_name(&new.name, "a speaker's name")?;
        let mut aliases = Vec::new();
        for a in &new.aliases {
            let a = clean_name(a, "an alias")?;
            if !a.eq_ignore_ascii_case(&name) && !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        self.store.write(|tx| {
            for n in std::iter::once(&name).chain(&aliases) {
                if speakers::find_by_name(tx, n)?.is_some() {
                    return Err(Error::InvalidInput(format!(
                        "a speaker called {n:?} already exists"
                    )));
                }
            }
            let speaker = Speaker {
                id: SpeakerId::generate(),
                name,
                kind: new.kind,
                aliases,
            };
            speakers::create(tx, &speaker, by.as_ref())?;
            Ok(speaker)
        })
    }
}

/// What the change record keeps of a new document: not its whole text.
#[derive(serde::Serialize)]
struct DocumentRecord<'a> {
    title: &'a str,
    length: u32,
    sha256: String,
}

impl<'a> DocumentRecord<'a> {
    fn of(d: &'a Document) -> Self {
        DocumentRecord {
            title: &d.title,
            length: d.length,
            sha256: documents::sha256_hex(&d.text),
        }
    }
}

fn clean_name(name: &str, what: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::InvalidInput(format!("{what} cannot be empty")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::InvalidInput(format!(
            "{what} is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(name)
}

fn clean_note(note: Option<String>) -> Result<Option<String>> {
    let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if let Some(n) = &note {
        if n.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::InvalidInput(format!(
                "the note is longer than {MAX_NOTE_CHARS} characters"
            )));
        }
    }
    Ok(note)
}

/// `claim` checked against its document's `text` (span, quote, cue), its speaker known and its
/// note tidied, with the quote's context captured: every way a claim is written passes here.
fn checked(conn: &rusqlite::Connection, text: &IndexedText, claim: Claim) -> Result<Claim> {
    let at = text.anchor(claim.start, claim.end, Some(&claim.quote))?;
    if let Some(cue) = claim.cue {
        text.anchor(cue.start, cue.end, None)
            .map_err(|e| Error::InvalidSpan(format!("cue: {e}")))?;
    }
    if let Some(s) = &claim.speaker {
        speakers::exists(conn, s)?;
    }
    Ok(Claim {
        quote: at.quote,
        prefix: at.prefix,
        suffix: at.suffix,
        note: clean_note(claim.note)?,
        ..claim
    })
}

/// The coders' claims a decision is made from: on its document, none of them gold, each
/// coder at most once.
fn considered_claims(
    conn: &rusqlite::Connection,
    new: &NewDecision,
    gold: &Coder,
) -> Result<Vec<Claim>> {
    if new.considered.is_empty() {
        return Err(Error::InvalidInput(
            "a decision needs the unit's claims".into(),
        ));
    }
    let mut out: Vec<Claim> = Vec::new();
    for id in &new.considered {
        let c = claims::get(conn, id)?;
        if c.document != new.document {
            return Err(Error::InvalidInput(format!(
                "claim {id} is on another document"
            )));
        }
        if c.coder == gold.id {
            return Err(Error::InvalidInput(format!(
                "claim {id} is already a gold claim"
            )));
        }
        if out.iter().any(|o| o.coder == c.coder) {
            return Err(Error::InvalidInput(format!(
                "claim {id}: a unit holds at most one claim of each coder"
            )));
        }
        out.push(c);
    }
    Ok(out)
}

fn record_claim(
    conn: &rusqlite::Connection,
    coder: &Coder,
    action: Action,
    before: Option<&Claim>,
    after: Option<&Claim>,
) -> Result<()> {
    let id = after.or(before).map(|c| c.id.as_str()).unwrap_or_default();
    changes::record(conn, Some(&coder.id), "claim", id, action, before, after)
}
