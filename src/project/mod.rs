//! The operations a user can do on a project: the one API that the desktop shell and the
//! command-line tool both call. Each write is one transaction and leaves a change record.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::import;
use crate::model::{
    now, Claim, ClaimEdit, ClaimId, ClaimList, Coder, CoderId, Document, DocumentEdit, DocumentId,
    DocumentSummary, NewClaim, NewDocument, Source,
};
use crate::sample::sample_document;
use crate::store::changes::{self, Action};
use crate::store::{claims, coders, documents, versions, Store};

pub mod backups;
mod claim_writes;
mod exchange;
mod file_import;
mod merge;
mod review;
mod search;
mod speaker_ops;
mod team_sync;
mod version_ops;

use crate::text::IndexedText;
pub use file_import::{BatchProgress, BatchReport, FileOutcome, FileResult, SkipReason};
pub use merge::{ClaimNote, ImportReport};
pub use review::{AgreementOptions, DEFAULT_MIN_JACCARD};
pub use search::{HitKind, SearchHit, MAX_HITS as MAX_SEARCH_HITS};
use speaker_ops::add_speaker;
pub use speaker_ops::{CoderCount, MergeSuggestion, SpeakerMerge, SpeakerUnmerge, SpeakerUse};
pub use team_sync::{PullTally, PushPhase, PushTally, TeamStatus};

const MAX_NAME_CHARS: usize = 200;
const MAX_TITLE_CHARS: usize = 1_000;

/// The coder whose claims are the reviewed (gold) set that adjudication decides.
pub const GOLD_CODER: &str = "gold";

pub struct Project {
    store: Store,
    coder: Option<Coder>,
    /// Texts of documents that claims were checked against. A document's text never changes
    /// once imported, so an entry can never be stale; it spares re-reading a long text from
    /// SQLite at every keystroke of coding.
    texts: HashMap<DocumentId, Arc<IndexedText>>,
}

impl Project {
    /// Opens the project at `path`, creating an empty one when the file does not exist. A
    /// project this process may not write (a read-only file, folder or mount) opens read-only:
    /// [`Project::read_only`] says why, and every change is refused with
    /// [`Error::ReadOnly`].
    pub fn open(path: &Path) -> Result<Project> {
        Ok(Project::with(Store::open(path)?))
    }

    /// Opens an existing project read-only, as a user may choose (for a project that failed
    /// its check, say): nothing is ever written to its file, nor a -wal or -shm file made.
    pub fn open_read_only(path: &Path) -> Result<Project> {
        Ok(Project::with(Store::open_read_only(path)?))
    }

    fn with(store: Store) -> Project {
        Project {
            store,
            coder: None,
            texts: HashMap::new(),
        }
    }

    /// Why the project is open read-only, if it is (the app shows it in a banner).
    pub fn read_only(&self) -> Option<String> {
        self.store.read_only().map(str::to_owned)
    }

    /// How the file was checked on opening: every page, or not at all because it is as it was
    /// when it last passed.
    pub fn opening_check(&self) -> crate::store::OpeningCheck {
        self.store.opening_check()
    }

    /// Whether another process (the CLI, another window) changed the project since this was
    /// last asked or since opening; the app polls it and reloads what it shows.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        self.store.changed_elsewhere()
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
        let coder = if self.store.read_only().is_some() {
            // Reading needs no record of who reads; a coder the project does not know yet is
            // known for this session only, since nothing can be written.
            self.store
                .read(|c| coders::find_by_name(c, &name))?
                .unwrap_or_else(|| Coder {
                    id: CoderId::generate(),
                    name,
                })
        } else {
            self.store.write(|tx| coders::ensure(tx, &name))?
        };
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
        let text = self.store.read(|c| documents::text(c, id))?;
        Ok(self.cache_text(id, text))
    }

    fn cache_text(&mut self, id: &DocumentId, text: String) -> Arc<IndexedText> {
        const MAX_CACHED: usize = 16;
        if self.texts.len() >= MAX_CACHED {
            self.texts.clear();
        }
        let text = Arc::new(IndexedText::new(text));
        self.texts.insert(id.clone(), text.clone());
        text
    }

    // Documents

    /// The documents list: the latest version of each article, with its version count.
    pub fn documents(&self) -> Result<Vec<DocumentSummary>> {
        self.store.read(documents::latest)
    }

    /// Every document, every version of each article, oldest first.
    pub fn all_documents(&self) -> Result<Vec<DocumentSummary>> {
        self.store.read(documents::list)
    }

    pub fn document(&self, id: &DocumentId) -> Result<Document> {
        self.store.read(|c| documents::get(c, id))
    }

    /// A document shown to be coded: [`Project::document`], with the index of its text made now
    /// (the one claims are checked against), so that the first claim coded in it does not wait
    /// for it. Measured in the app with a 1 MB text: the first claim's save took 14 ms, the
    /// next ones 3-4; reading and indexing the text was 6 of them.
    pub fn open_document(&mut self, id: &DocumentId) -> Result<Document> {
        let doc = self.document(id)?;
        if !self.texts.contains_key(id) {
            self.cache_text(id, doc.text.clone());
        }
        Ok(doc)
    }

    /// Sets a document's title, source and tags to `edit`; its text never changes. Empty source
    /// fields become unknown; tags are tidied and kept once each (case-insensitively).
    pub fn edit_document(&mut self, edit: DocumentEdit) -> Result<Document> {
        let coder = self.current_coder()?;
        let title = one_line(&edit.title, "a document's title", MAX_TITLE_CHARS)?;
        let field = |f: &Option<String>| {
            f.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let source = Source {
            url: field(&edit.source.url),
            publisher: field(&edit.source.publisher),
            author: field(&edit.source.author),
            published: field(&edit.source.published),
            language: field(&edit.source.language),
        };
        let mut tags: Vec<String> = Vec::new();
        for t in &edit.tags {
            let t = one_line(t, "a tag", MAX_NAME_CHARS)?;
            if !tags.iter().any(|u| u.eq_ignore_ascii_case(&t)) {
                tags.push(t);
            }
        }
        self.store.write(|tx| {
            let before = documents::get(tx, &edit.id)?;
            documents::update_metadata(tx, &edit.id, &title, &source)?;
            documents::set_tags(tx, &edit.id, &tags)?;
            let record = |d: &Document| {
                serde_json::json!({ "title": d.title, "source": d.source, "tags": d.tags })
            };
            let after = documents::get(tx, &edit.id)?;
            changes::record(
                tx,
                Some(&coder.id),
                "document",
                edit.id.as_str(),
                Action::Update,
                Some(&record(&before)),
                Some(&record(&after)),
            )?;
            Ok(after)
        })
    }

    /// Deletes a document. One with claims is refused unless `with_claims` (they go too, each
    /// recorded); one with review decisions is always refused, since the audit trail keeps it.
    pub fn delete_document(
        &mut self,
        id: &DocumentId,
        with_claims: bool,
    ) -> Result<DocumentSummary> {
        let coder = self.current_coder()?;
        // Its id may come back (a set holding it merged again), perhaps with another text.
        self.texts.remove(id);
        self.store.write(|tx| {
            let doc = documents::get_summary(tx, id)?;
            if !crate::store::decisions::list(tx, Some(id))?.is_empty() {
                return Err(Error::HasDecisions { title: doc.title });
            }
            // Versions are removed latest first, so that the chain of versions stays whole.
            if documents::next_version(tx, id)?.is_some() {
                return Err(Error::HasLaterVersion { title: doc.title });
            }
            let on_doc = claims::for_document(tx, id)?;
            let orphans = versions::orphans(tx, Some(id))?;
            let held = on_doc.len() + orphans.len();
            if held > 0 && !with_claims {
                return Err(Error::HasClaims {
                    title: doc.title,
                    claims: held as u32,
                });
            }
            for c in &on_doc {
                claim_writes::remove(tx, Some(&coder.id), &c.id)?;
            }
            for o in &orphans {
                versions::delete_orphan(tx, &o.id)?;
                changes::record(
                    tx,
                    Some(&coder.id),
                    "orphan",
                    o.id.as_str(),
                    Action::Delete,
                    Some(o),
                    None,
                )?;
            }
            let gone = documents::get(tx, id)?;
            documents::delete(tx, id)?;
            let record = serde_json::json!({
                "title": gone.title,
                "length": gone.length,
                "sha256": crate::text::sha256_hex(&gone.text),
            });
            changes::record(
                tx,
                Some(&coder.id),
                "document",
                id.as_str(),
                Action::Delete,
                Some(&record),
                None,
            )?;
            Ok(doc)
        })
    }

    /// Imports a pasted text.
    pub fn import_text(&mut self, title: Option<&str>, text: &str) -> Result<DocumentSummary> {
        let doc = import::pasted(title, text)?;
        Ok(self.import_documents(vec![doc])?.remove(0))
    }

    /// Imports files (.txt, .md, .html, .docx): all of them, or none when any is refused.
    pub fn import_files(&mut self, paths: &[impl AsRef<Path>]) -> Result<Vec<DocumentSummary>> {
        let docs = paths
            .iter()
            .map(|p| import::read_file(p.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        self.import_documents(docs)
    }

    /// Stores `docs` in one transaction; a text already in the project (the same SHA-256) is
    /// not stored twice: its document is answered instead.
    fn import_documents(&mut self, docs: Vec<NewDocument>) -> Result<Vec<DocumentSummary>> {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        self.store.write(|tx| {
            docs.iter()
                .map(|d| {
                    let sha = crate::text::sha256_hex(&d.text);
                    let id = match documents::find_by_sha256(tx, &sha)? {
                        Some(id) => id,
                        None => add_document(tx, DocumentId::generate(), d, by.as_ref(), None)?.id,
                    };
                    documents::get_summary(tx, &id)
                })
                .collect()
        })
    }

    // Claims

    /// The claims of a document in text order, as the app lists them (no context, no times).
    pub fn claim_list(&self, document: &DocumentId) -> Result<ClaimList> {
        self.store.read(|c| {
            documents::get_summary(c, document)?;
            claims::listed(c, document)
        })
    }

    /// The claims of a document in text order.
    pub fn claims(&self, document: &DocumentId) -> Result<Vec<Claim>> {
        self.store.read(|c| {
            documents::get_summary(c, document)?;
            claims::for_document(c, document)
        })
    }

    pub fn claim(&self, id: &ClaimId) -> Result<Claim> {
        self.store.read(|c| claims::get(c, id))
    }

    pub fn all_claims(&self) -> Result<Vec<Claim>> {
        self.store.read(claims::all)
    }

    pub fn create_claim(&mut self, new: NewClaim) -> Result<Claim> {
        let coder = self.current_coder()?;
        let text = self.text_of(&new.document)?;
        self.store.write(|tx| {
            let stamp = now();
            claim_writes::insert(
                tx,
                &text,
                Some(&coder.id),
                Action::Create,
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
            )
        })
    }

    /// Sets a claim's editable fields to `edit`.
    pub fn update_claim(&mut self, edit: ClaimEdit) -> Result<Claim> {
        let coder = self.current_coder()?;
        let document = self.store.read(|c| claims::get(c, &edit.id))?.document;
        let text = self.text_of(&document)?;
        self.store.write(|tx| {
            let before = claims::get(tx, &edit.id)?;
            claim_writes::replace(
                tx,
                &text,
                Some(&coder.id),
                &before,
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
            )
        })
    }

    /// Deletes a claim and returns it, so that it can be restored.
    pub fn delete_claim(&mut self, id: &ClaimId) -> Result<Claim> {
        let coder = self.current_coder()?;
        self.store
            .write(|tx| claim_writes::remove(tx, Some(&coder.id), id))
    }

    /// Puts back a deleted claim with its id, coder and times (the undo of a delete).
    pub fn restore_claim(&mut self, claim: Claim) -> Result<Claim> {
        let coder = self.current_coder()?;
        let text = self.text_of(&claim.document)?;
        self.store.write(|tx| {
            if claims::find(tx, &claim.id)?.is_some() {
                return Err(Error::ClaimExists {
                    id: claim.id.to_string(),
                    detail: "and cannot be restored over".into(),
                });
            }
            claim_writes::insert(tx, &text, Some(&coder.id), Action::Restore, claim)
        })
    }
}

/// Stores a new document under `wanted` (the id it had elsewhere) unless another text here
/// holds that id, then under a new one.
fn add_document_as(
    tx: &rusqlite::Connection,
    wanted: &str,
    doc: &NewDocument,
    by: Option<&CoderId>,
    from: Option<&str>,
) -> Result<Document> {
    let id = DocumentId(wanted.to_owned());
    let id = if documents::exists(tx, &id)? {
        DocumentId::generate()
    } else {
        id
    };
    add_document(tx, id, doc, by, from)
}

/// Stores a new document under `id` with its change record: every document enters here.
/// `from` names the set it came in with, if any.
fn add_document(
    tx: &rusqlite::Connection,
    id: DocumentId,
    doc: &NewDocument,
    by: Option<&CoderId>,
    from: Option<&str>,
) -> Result<Document> {
    let stored = documents::insert(tx, id, doc, by)?;
    let record = DocumentRecord {
        title: &stored.title,
        length: stored.length,
        sha256: crate::text::sha256_hex(&stored.text),
        from,
    };
    changes::record(
        tx,
        by,
        "document",
        stored.id.as_str(),
        Action::Create,
        None,
        Some(&record),
    )?;
    Ok(stored)
}

/// What the change record keeps of a new document: not its whole text.
#[derive(serde::Serialize)]
struct DocumentRecord<'a> {
    title: &'a str,
    length: u32,
    sha256: String,
    #[serde(rename = "imported", skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
}

/// A name (of a coder, a speaker, an alias) on one line, its white space tidied, within the
/// names' limit.
fn clean_name(name: &str, what: &str) -> Result<String> {
    one_line(name, what, MAX_NAME_CHARS)
}

/// `text` on one line with its white space tidied: not empty, at most `limit` characters.
fn one_line(text: &str, what: &str, limit: usize) -> Result<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(Error::EmptyName(what.to_owned()));
    }
    if text.chars().count() > limit {
        return Err(Error::TooLong {
            what: what.to_owned(),
            limit,
        });
    }
    Ok(text)
}
