//! Readers of outside text. Each turns bytes into a [`NewDocument`]; nothing here touches the
//! store, so a refused file changes nothing.

mod decode;
mod markdown;
mod plain;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::NewDocument;

pub use decode::{decode_text, MAX_IMPORT_BYTES};
pub(crate) use decode::{decode_utf8, line_col};

/// The kinds of file this version imports, by extension.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Reads one file into a document, choosing the reader by its extension.
pub fn read_file(path: &Path) -> Result<NewDocument> {
    let what = path.display().to_string();
    check_extension(path, &what)?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge {
            what,
            size: meta.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    read_bytes(&bytes, path)
}

/// Reads the contents of a file named `path` (not opened: its name chooses the reader and the
/// fallback title), as [`read_file`] does once it has the bytes. Public so that the fuzz
/// targets and their regression tests reach the readers through this one entry point.
pub fn read_bytes(bytes: &[u8], path: &Path) -> Result<NewDocument> {
    let what = path.display().to_string();
    let ext = check_extension(path, &what)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge {
            what,
            size: bytes.len() as u64,
            limit: MAX_IMPORT_BYTES,
        });
    }
    let text = decode_text(bytes, &what)?;
    let fallback_title = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Untitled")
        .to_owned();
    let doc = match ext.as_str() {
        "md" | "markdown" => markdown::to_document(&text, &fallback_title),
        _ => plain::to_document(&text, Some(&fallback_title)),
    };
    // Markdown that is all markup ("##", a lone HTML block) leaves no text to code.
    if doc.text.trim().is_empty() {
        return Err(Error::EmptyInput(what));
    }
    Ok(doc)
}

/// The file's extension, lower case, when it is one this version imports.
fn check_extension(path: &Path, what: &str) -> Result<String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::UnsupportedFile {
            what: what.to_owned(),
            accepted: ".txt or .md".into(),
        });
    }
    Ok(ext)
}

/// A pasted text, with an optional title (else its first line).
pub fn pasted(title: Option<&str>, text: &str) -> Result<NewDocument> {
    if text.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge {
            what: "the pasted text".into(),
            size: text.len() as u64,
            limit: MAX_IMPORT_BYTES,
        });
    }
    let text = decode_text(text.as_bytes(), "the pasted text")?;
    let mut doc = plain::to_document(&text, None);
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        doc.title = t.to_owned();
    }
    Ok(doc)
}

/// The first non-blank line, shortened, as a title.
fn title_from_first_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    const MAX: usize = 160;
    Some(if line.chars().count() > MAX {
        let cut: String = line.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_owned()
    })
}
