//! Annotation sets and standard formats: one module per format, each with its writer (and
//! reader where the format comes back in). Writers take a [`Corpus`], the one gathered view of
//! what a scope exports, so every format exports the same claims.

pub mod corpus;
mod head;
pub mod qdpx;
pub mod set;

pub mod audit;
pub mod brat;
pub mod csv;
pub mod html;
pub mod jsonl;
pub mod w3c;
mod zipping;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use crate::files::{write_atomically, write_atomically_with};
pub use corpus::{Corpus, ExportScope};
pub use zipping::zip_files;
pub(crate) use zipping::{zipped, ZipSender};

/// A foreign format read into an annotation set, with what reading it had to map or could not
/// say (never dropped silently): the import report shows these notes. A `ReadSet` from
/// [`read_file`] has passed [`set::AnnotationSet::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSet {
    pub set: set::AnnotationSet,
    pub notes: Vec<String>,
}

/// The formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// One export format, all it takes in one row: adding a format is a variant of
/// [`ExportFormat`], its writer module and one row of [`FORMATS`]. The CLI's help, the app's
/// save dialog and its list of formats (through the bindings) all read this table.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FormatInfo {
    pub format: ExportFormat,
    /// Its name in `--format`: its serialised form, which `format` carries to the bindings.
    #[serde(skip)]
    pub name: &'static str,
    /// Its name for people.
    pub label: &'static str,
    /// The file extension it is saved with.
    pub extension: &'static str,
    /// Writes the format to a stream (the file being saved), so that a large export is never
    /// held whole in memory.
    #[serde(skip)]
    write: fn(&Corpus, &mut dyn Write) -> Result<()>,
}

/// Every export format, in the order the app offers them.
pub static FORMATS: &[FormatInfo] = &[
    FormatInfo {
        format: ExportFormat::Json,
        name: "json",
        label: "Claimcoder annotation set",
        extension: "json",
        write: set::write_to,
    },
    FormatInfo {
        format: ExportFormat::Jsonl,
        name: "jsonl",
        label: "JSON Lines",
        extension: "jsonl",
        write: jsonl::write_to,
    },
    FormatInfo {
        format: ExportFormat::Csv,
        name: "csv",
        label: "CSV spreadsheet",
        extension: "csv",
        write: csv::write_to,
    },
    FormatInfo {
        format: ExportFormat::W3c,
        name: "w3c",
        label: "W3C Web Annotation",
        extension: "jsonld",
        write: w3c::write_to,
    },
    FormatInfo {
        format: ExportFormat::Qdpx,
        name: "qdpx",
        label: "REFI-QDA project",
        extension: "qdpx",
        write: qdpx::write_to,
    },
    FormatInfo {
        format: ExportFormat::Brat,
        name: "brat",
        label: "brat standoff (zip)",
        extension: "zip",
        write: brat::write_to,
    },
    FormatInfo {
        format: ExportFormat::Html,
        name: "html",
        label: "HTML report",
        extension: "html",
        write: html::write_to,
    },
];

impl ExportFormat {
    /// This format's row of [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|i| i.format == self)
            .expect("every format has its row in FORMATS")
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        FORMATS.iter().find(|f| f.name == s).map(|f| f.format)
    }

    /// The bytes of `corpus` in this format.
    pub fn write(self, corpus: &Corpus) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.write_to(corpus, &mut out)?;
        Ok(out)
    }

    /// Writes `corpus` in this format to `out`.
    pub fn write_to(self, corpus: &Corpus, out: &mut dyn Write) -> Result<()> {
        (self.info().write)(corpus, out)
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

/// The error of a writer's output failing (the disk full, say).
pub(crate) fn output_error(e: std::io::Error) -> Error {
    Error::io("writing the export", e)
}

/// For the writers that build their bytes whole (zip archives, the HTML report).
fn emit(out: &mut dyn Write, bytes: Result<Vec<u8>>) -> Result<()> {
    out.write_all(&bytes?).map_err(output_error)
}

/// Extensions of the files [`read_file`] takes.
pub const IMPORT_EXTENSIONS: &[&str] = &["json", "jsonld", "qdpx"];

/// A file read as far as it can be without the project: all of it but a W3C file, which
/// waits for the project's documents ([`ReadAlone::finish`]). So a batch can read the next
/// file on another thread while the project merges this one.
pub enum ReadAlone {
    Read(ReadSet),
    W3c { bytes: Vec<u8>, what: String },
}

impl ReadAlone {
    /// The set the file holds, checked; `known` gives the project's documents, which W3C
    /// annotations point at (they do not carry the text): it is called only for that format.
    pub fn finish(
        self,
        known: impl FnOnce() -> Result<Vec<crate::model::Document>>,
    ) -> Result<ReadSet> {
        match self {
            ReadAlone::Read(read) => Ok(read),
            ReadAlone::W3c { bytes, what } => checked(
                w3c::read(&bytes, &known()?).map_err(|e| in_file(e, &what))?,
                &what,
            ),
        }
    }
}

/// Reads an annotation set, a W3C Web Annotation file or a REFI-QDA project from a file, by
/// its extension and contents, as far as it can without the project (see [`ReadAlone`]).
pub fn read_file(path: &Path) -> Result<ReadAlone> {
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
        return Ok(ReadAlone::Read(checked(qdpx::read(&bytes, &what)?, &what)?));
    }
    if looks_like_w3c(&bytes) {
        return Ok(ReadAlone::W3c { bytes, what });
    }
    Ok(ReadAlone::Read(ReadSet {
        set: set::AnnotationSet::parse(&bytes, &what)?,
        notes: Vec::new(),
    }))
}

/// A set read from a standard format, checked as a parsed annotation set is.
fn checked(read: ReadSet, what: &str) -> Result<ReadSet> {
    read.set.check(what)?;
    Ok(read)
}

fn is_qdpx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
}

/// A JSON document with a JSON-LD `@context` and no annotation-set `format` marker.
fn looks_like_w3c(bytes: &[u8]) -> bool {
    let Ok(head) = head::read(bytes) else {
        return false;
    };
    let first = head.first.as_ref().unwrap_or(&head.top);
    first.format.is_none() && first.context
}

/// A reader's refusal, named by the file it came from.
fn in_file(e: Error, what: &str) -> Error {
    match e {
        Error::InvalidFile { reason, .. } => Error::invalid_file(what, reason),
        Error::TooLarge { size, limit, .. } => Error::TooLarge {
            what: what.to_owned(),
            size,
            limit,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_has_one_row_and_its_name_round_trips() {
        let mut seen = std::collections::HashSet::new();
        for row in FORMATS {
            assert!(seen.insert(row.format), "{:?} has two rows", row.format);
            assert_eq!(ExportFormat::parse(row.name), Some(row.format));
            assert_eq!(serde_json::to_value(row.format).unwrap(), row.name);
            assert!(std::ptr::eq(row.format.info(), row));
        }
        assert_eq!(ExportFormat::Brat.name(), "brat");
        assert_eq!(ExportFormat::parse("xml"), None);
    }
}
