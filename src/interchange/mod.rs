//! Annotation sets and standard formats: one module per format, each with its writer (and
//! reader where the format comes back in). Writers take a [`Corpus`], the one gathered view of
//! what a scope exports, so every format exports the same claims.

pub mod corpus;
pub mod merge;
pub mod qdpx;
pub mod set;

pub mod brat;
pub mod csv;
pub mod html;
pub mod jsonl;
pub mod w3c;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use corpus::{Corpus, ExportScope};

/// A foreign format read into an annotation set, with what reading it had to map or could not
/// say (never dropped silently): the import report shows these notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSet {
    pub set: set::AnnotationSet,
    pub notes: Vec<String>,
}

/// The formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Claimcoder's own annotation set.
    Json,
}

impl ExportFormat {
    pub const ALL: &[ExportFormat] = &[ExportFormat::Json];

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// The format's name for people.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Json => "Claimcoder annotation set (JSON)",
        }
    }

    /// The file extension the format is saved with.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
        }
    }

    /// The bytes of `corpus` in this format.
    pub fn write(self, corpus: &Corpus) -> Result<Vec<u8>> {
        Ok(match self {
            ExportFormat::Json => set::AnnotationSet::from_corpus(corpus)
                .to_json()
                .into_bytes(),
        })
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportSummary {
    pub path: String,
    pub format: ExportFormat,
    pub documents: u32,
    pub claims: u32,
    // u32: bindings carry no 64-bit integers; exports stay far below 4 GiB.
    pub bytes: u32,
}

/// Writes `bytes` to `path` so that a crash leaves the old file or the new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.partial"));
    let io = |e| Error::io(format!("cannot write {}", path.display()), e);
    {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).and_then(|_| f.sync_all()).map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)
}

/// Extensions of the files [`read_file`] takes.
pub const IMPORT_EXTENSIONS: &[&str] = &["json"];

/// Reads an annotation set, or a standard format that brings claims back, from a file.
pub fn read_file(path: &Path) -> Result<ReadSet> {
    let what = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    if meta.len() > set::MAX_SET_BYTES {
        return Err(Error::TooLarge {
            what,
            size: meta.len(),
            limit: set::MAX_SET_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    Ok(ReadSet {
        set: set::AnnotationSet::parse(&bytes, &what)?,
        notes: Vec::new(),
    })
}
