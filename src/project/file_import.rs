//! Importing files one by one, each in its own transaction, with an outcome per file:
//! imported, a duplicate of a document already there (same text, by SHA-256), or skipped with
//! the reason. A batch reports progress through a callback and stops between files when its
//! cancel flag is set, keeping the files that finished.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::{add_document, Project};
use crate::error::{AppError, Error, ErrorCode};
use crate::import::{self, Found, ReadOptions};
use crate::model::{DocumentId, DocumentSummary, NewDocument};
use crate::store::documents;

/// Why a file was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Not a kind of file Claimcoder imports.
    Unsupported,
    TooLarge,
    /// The path does not exist or cannot be read.
    Unreadable,
    /// Binary, or text in an encoding that could not be decoded.
    NotText,
    /// A damaged file (a .docx that is not a zip, say).
    Malformed,
    /// No text in it (or no article text in a page).
    Empty,
    /// Storing it failed; nothing of it was written.
    Failed,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FileOutcome {
    Imported {
        document: DocumentSummary,
    },
    /// The same text is already in the project, as `of`.
    Duplicate {
        of: DocumentSummary,
    },
    /// An edited article: the same canonical address as `of`, another text. It became the
    /// next version of `of`'s article, its claims carried over (`orphaned` of them without
    /// their words, listed to be placed again).
    NewVersion {
        // Boxed: two summaries would make every outcome twice as large.
        document: Box<DocumentSummary>,
        of: Box<DocumentSummary>,
        carried: u32,
        orphaned: u32,
    },
    Skipped {
        reason: SkipReason,
        error: AppError,
    },
}

/// One file's path and outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FileResult {
    pub path: String,
    #[serde(flatten)]
    pub outcome: FileOutcome,
}

impl FileResult {
    /// Whether the file failed (skipped for any reason); a duplicate is not a failure.
    pub fn failed(&self) -> bool {
        matches!(self.outcome, FileOutcome::Skipped { .. })
    }
}

/// Where a batch is, for a progress bar: `done` of `total` files finished, `path` the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub path: String,
}

/// A batch's results; when cancelled, the files not started are counted, not listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchReport {
    pub files: Vec<FileResult>,
    pub cancelled: bool,
    pub not_started: u32,
}

fn reason_of(e: &Error) -> SkipReason {
    match e.code() {
        ErrorCode::UnsupportedFile => SkipReason::Unsupported,
        ErrorCode::TooLarge => SkipReason::TooLarge,
        ErrorCode::Io => SkipReason::Unreadable,
        ErrorCode::NotText => SkipReason::NotText,
        ErrorCode::InvalidFile => SkipReason::Malformed,
        ErrorCode::EmptyInput => SkipReason::Empty,
        _ => SkipReason::Failed,
    }
}

fn skipped(path: &Path, e: Error) -> FileResult {
    FileResult {
        path: path.display().to_string(),
        outcome: FileOutcome::Skipped {
            reason: reason_of(&e),
            error: AppError::from(e),
        },
    }
}

impl Project {
    /// Imports one file in its own transaction: a refused file writes nothing.
    pub fn import_file(&mut self, path: &Path, options: ReadOptions) -> FileResult {
        match import::read_file_with(path, options) {
            Ok(doc) => self.store_new(path, doc),
            Err(e) => skipped(path, e),
        }
    }

    /// Imports a file given as its name and bytes (dropped on the window), in its own
    /// transaction, like [`Project::import_file`].
    pub fn import_named_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: ReadOptions,
    ) -> FileResult {
        let path = Path::new(name);
        match import::read_named_bytes(name, bytes, options) {
            Ok(doc) => self.store_new(path, doc),
            Err(e) => skipped(path, e),
        }
    }

    /// Stores a document unless its text is already in the project; a page whose canonical
    /// address is already there with another text is that article's next version.
    fn store_new(&mut self, path: &Path, doc: NewDocument) -> FileResult {
        if let Some(r) = self.as_new_version(path, &doc) {
            return r;
        }
        self.store_document(path, doc)
    }

    /// When `doc` is an edited version of an article already stored (same canonical address,
    /// another text), imports it as that article's next version.
    fn as_new_version(&mut self, path: &Path, doc: &NewDocument) -> Option<FileResult> {
        let url = doc.source.url.as_deref()?;
        let sha = crate::text::sha256_hex(&doc.text);
        let found = self.store.read(|c| {
            if documents::find_by_sha256(c, &sha)?.is_some() {
                return Ok(None);
            }
            match documents::find_latest_by_url(c, url)? {
                Some(id) => Ok(Some(documents::get_summary(c, &id)?)),
                None => Ok(None),
            }
        });
        let of = match found {
            Ok(Some(of)) => of,
            Ok(None) => return None,
            Err(e) => return Some(skipped(path, e)),
        };
        Some(match self.import_version(&of.id, doc.clone()) {
            Ok(v) => FileResult {
                path: path.display().to_string(),
                outcome: FileOutcome::NewVersion {
                    carried: v.carried.len() as u32,
                    orphaned: v.orphaned,
                    document: Box::new(v.document),
                    of: Box::new(of),
                },
            },
            Err(e) => skipped(path, e),
        })
    }

    fn store_document(&mut self, path: &Path, doc: NewDocument) -> FileResult {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        let sha = crate::text::sha256_hex(&doc.text);
        let stored = self.store.write(|tx| {
            if let Some(id) = documents::find_by_sha256(tx, &sha)? {
                return Ok(FileOutcome::Duplicate {
                    of: documents::get_summary(tx, &id)?,
                });
            }
            let d = add_document(tx, DocumentId::generate(), &doc, by.as_ref(), None)?;
            Ok(FileOutcome::Imported {
                document: documents::get_summary(tx, &d.id)?,
            })
        });
        match stored {
            Ok(outcome) => FileResult {
                path: path.display().to_string(),
                outcome,
            },
            Err(e) => skipped(path, e),
        }
    }

    /// Imports files and folders (recursively), each file on its own: `progress` hears after
    /// each file; when `cancel` is set the batch stops before the next file.
    pub fn import_paths(
        &mut self,
        paths: &[impl AsRef<Path>],
        options: ReadOptions,
        progress: &mut dyn FnMut(&BatchProgress),
        cancel: &AtomicBool,
    ) -> BatchReport {
        let found = import::collect_files(paths);
        let total = found.len() as u32;
        let mut files = Vec::with_capacity(found.len());
        for (i, f) in found.into_iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return BatchReport {
                    files,
                    cancelled: true,
                    not_started: total - i as u32,
                };
            }
            let result = match f {
                Found::File(p) => self.import_file(&p, options),
                Found::Unsupported(p) => {
                    let what = p.display().to_string();
                    skipped(
                        &p,
                        Error::UnsupportedFile {
                            what,
                            accepted: ".txt, .md, .html, .htm or .docx".into(),
                        },
                    )
                }
                Found::Unreadable(p, e) => {
                    let what = p.display().to_string();
                    skipped(&p, Error::io(format!("cannot read {what}"), e))
                }
            };
            progress(&BatchProgress {
                done: i as u32 + 1,
                total,
                path: result.path.clone(),
            });
            files.push(result);
        }
        BatchReport {
            files,
            cancelled: false,
            not_started: 0,
        }
    }

    /// Imports pasted HTML: the article's text and the page's metadata.
    pub fn import_html(
        &mut self,
        title: Option<&str>,
        html: &str,
    ) -> crate::Result<DocumentSummary> {
        let doc = import::import_html(title, html)?;
        Ok(self.import_documents(vec![doc])?.remove(0))
    }
}
