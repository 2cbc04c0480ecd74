//! Annotation sets and standard formats: one module per format, each with its writer (and
//! reader where the format comes back in). Writers take a [`Corpus`], the one gathered view of
//! what a scope exports, so every format exports the same claims.

pub mod corpus;
pub mod qdpx;
pub mod set;

pub mod audit;
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
    Jsonl,
    Csv,
    /// W3C Web Annotation (JSON-LD).
    W3c,
    /// REFI-QDA project exchange.
    Qdpx,
    /// brat standoff files, zipped.
    Brat,
    /// A readable, printable report.
    Html,
}

impl ExportFormat {
    pub const ALL: &[ExportFormat] = &[
        ExportFormat::Json,
        ExportFormat::Jsonl,
        ExportFormat::Csv,
        ExportFormat::W3c,
        ExportFormat::Qdpx,
        ExportFormat::Brat,
        ExportFormat::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::W3c => "w3c",
            ExportFormat::Qdpx => "qdpx",
            ExportFormat::Brat => "brat",
            ExportFormat::Html => "html",
        }
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// The format's name for people.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Json => "Claimcoder annotation set",
            ExportFormat::Jsonl => "JSON Lines",
            ExportFormat::Csv => "CSV spreadsheet",
            ExportFormat::W3c => "W3C Web Annotation",
            ExportFormat::Qdpx => "REFI-QDA project",
            ExportFormat::Brat => "brat standoff (zip)",
            ExportFormat::Html => "HTML report",
        }
    }

    /// The file extension the format is saved with.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::W3c => "jsonld",
            ExportFormat::Qdpx => "qdpx",
            ExportFormat::Brat => "zip",
            ExportFormat::Html => "html",
        }
    }

    /// The bytes of `corpus` in this format.
    pub fn write(self, corpus: &Corpus) -> Result<Vec<u8>> {
        match self {
            ExportFormat::Json => Ok(set::AnnotationSet::from_corpus(corpus)
                .to_json()
                .into_bytes()),
            ExportFormat::Jsonl => jsonl::write(corpus),
            ExportFormat::Csv => csv::write(corpus),
            ExportFormat::W3c => w3c::write(corpus),
            ExportFormat::Qdpx => qdpx::write(corpus),
            ExportFormat::Brat => zip_files(brat::files(corpus)?),
            ExportFormat::Html => html::write(corpus),
        }
    }
}

/// A zip archive of `files` (name, bytes), with fixed times so that the same export gives the
/// same bytes.
pub fn zip_files(files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let zip_err = |e: zip::result::ZipError| Error::io("writing a zip archive", e.into());
    let io_err = |e: std::io::Error| Error::io("writing a zip archive", e);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        zip.start_file(name, options).map_err(zip_err)?;
        zip.write_all(&bytes).map_err(io_err)?;
    }
    Ok(zip.finish().map_err(zip_err)?.into_inner())
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
pub const IMPORT_EXTENSIONS: &[&str] = &["json", "jsonld", "qdpx"];

/// Reads an annotation set, a W3C Web Annotation file or a REFI-QDA project from a file, by
/// its extension and contents. `known` gives the project's documents, which W3C annotations
/// point at (they do not carry the text); it is called only for that format.
pub fn read_file(
    path: &Path,
    known: impl FnOnce() -> Result<Vec<crate::model::Document>>,
) -> Result<ReadSet> {
    let what = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    let limit = if is_qdpx(path) {
        qdpx::MAX_UNPACKED_BYTES
    } else {
        set::MAX_SET_BYTES
    };
    if meta.len() > limit {
        return Err(Error::TooLarge {
            what,
            size: meta.len(),
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    if is_qdpx(path) {
        return qdpx::read(&bytes, &what);
    }
    if looks_like_w3c(&bytes) {
        return w3c::read(&bytes, &known()?).map_err(|e| name_input(e, &what));
    }
    Ok(ReadSet {
        set: set::AnnotationSet::parse(&bytes, &what)?,
        notes: Vec::new(),
    })
}

fn is_qdpx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
}

/// A JSON document with a JSON-LD `@context` and no annotation-set `format` marker.
fn looks_like_w3c(bytes: &[u8]) -> bool {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return false;
    };
    let first = v.as_array().and_then(|a| a.first()).unwrap_or(&v);
    first.get("format").is_none() && first.get("@context").is_some()
}

/// Prefixes an input error with the file it came from.
fn name_input(e: Error, what: &str) -> Error {
    match e {
        Error::InvalidInput(m) if !m.contains(what) => Error::InvalidInput(format!("{what}: {m}")),
        other => other,
    }
}
