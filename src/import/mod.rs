//! Readers of outside text. Each turns bytes into a [`NewDocument`]; nothing here touches the
//! store, so a refused file changes nothing.

pub mod chrome;
mod decode;
mod docx;
mod encoding;
pub mod html;
mod markdown;
mod plain;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::NewDocument;

pub use chrome::LineRange;
pub use decode::{decode_text, MAX_IMPORT_BYTES};
pub(crate) use decode::{decode_utf8, line_col};
pub use docx::MAX_DOCX_ENTRY_BYTES;
pub use encoding::decode_any;

/// The kinds of file this version imports, by extension.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx",
];

const ACCEPTED: &str = ".txt, .md, .html, .htm or .docx";

/// Choices that apply to every file of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Drop the leading and trailing site chrome [`chrome::propose`] finds in plain text.
    pub trim_chrome: bool,
}

/// The lower-cased extension of a path.
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Whether a file is of a kind this version imports (by extension).
pub fn is_supported(path: &Path) -> bool {
    EXTENSIONS.contains(&extension(path).as_str())
}

/// Reads one file into a document, choosing the reader by its extension.
pub fn read_file(path: &Path) -> Result<NewDocument> {
    read_file_with(path, ReadOptions::default())
}

/// Reads one file into a document with `options`.
pub fn read_file_with(path: &Path, options: ReadOptions) -> Result<NewDocument> {
    let what = path.display().to_string();
    let ext = extension(path);
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::UnsupportedFile {
            what,
            accepted: ACCEPTED.into(),
        });
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    if meta.is_dir() {
        return Err(Error::UnsupportedFile {
            what,
            accepted: ACCEPTED.into(),
        });
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge {
            what,
            size: meta.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {what}"), e))?;
    let fallback_title = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Untitled")
        .to_owned();
    read_bytes(&bytes, &ext, &what, &fallback_title, options)
}

/// Reads a file that arrives as its name and its bytes (dropped on the app's window: the page
/// reads it, not the file system), choosing the reader by the name's extension.
pub fn read_named_bytes(name: &str, bytes: &[u8], options: ReadOptions) -> Result<NewDocument> {
    let path = Path::new(name);
    let ext = extension(path);
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::UnsupportedFile {
            what: name.to_owned(),
            accepted: ACCEPTED.into(),
        });
    }
    let fallback_title = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Untitled");
    read_bytes(bytes, &ext, name, fallback_title, options)
}

/// Reads the bytes of a file of kind `ext` (its extension) into a document.
pub fn read_bytes(
    bytes: &[u8],
    ext: &str,
    what: &str,
    fallback_title: &str,
    options: ReadOptions,
) -> Result<NewDocument> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge {
            what: what.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_IMPORT_BYTES,
        });
    }
    let doc = match ext {
        "docx" => docx::to_document(bytes, what, fallback_title)?,
        "html" | "htm" | "xhtml" => {
            let (text, _) = decode_any(bytes, what, true)?;
            html::to_document(&text, fallback_title)
        }
        "md" | "markdown" => {
            let (text, _) = decode_any(bytes, what, false)?;
            markdown::to_document(&text, fallback_title)
        }
        _ => {
            let (mut text, _) = decode_any(bytes, what, false)?;
            if options.trim_chrome {
                text = chrome::trim_text(&text);
            }
            plain::to_document(&text, Some(fallback_title))
        }
    };
    if doc.text.trim().is_empty() {
        return Err(Error::EmptyInput(format!(
            "{what} (no article text was found in it)"
        )));
    }
    Ok(doc)
}

/// A pasted text, with an optional title (else its first line).
pub fn pasted(title: Option<&str>, text: &str) -> Result<NewDocument> {
    check_paste_size(text)?;
    let text = decode_text(text.as_bytes(), "the pasted text")?;
    let mut doc = plain::to_document(&text, None);
    set_title(&mut doc, title);
    Ok(doc)
}

/// Pasted HTML (the clipboard's text/html): the article's text and the page's metadata.
pub fn import_html(title: Option<&str>, markup: &str) -> Result<NewDocument> {
    check_paste_size(markup)?;
    let markup = decode_text(markup.as_bytes(), "the pasted HTML")?;
    let mut doc = html::to_document(&markup, "Pasted article");
    if doc.text.trim().is_empty() {
        return Err(Error::EmptyInput(
            "the pasted HTML (it has no visible text)".into(),
        ));
    }
    set_title(&mut doc, title);
    Ok(doc)
}

fn check_paste_size(text: &str) -> Result<()> {
    if text.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge {
            what: "the pasted text".into(),
            size: text.len() as u64,
            limit: MAX_IMPORT_BYTES,
        });
    }
    Ok(())
}

fn set_title(doc: &mut NewDocument, title: Option<&str>) {
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        doc.title = t.to_owned();
    }
}

/// One entry of an import's list of files: a file to read, or a path that cannot be.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    /// A file skipped for its kind (inside a folder, files of other kinds are passed over
    /// silently; named on their own, they are reported).
    Unsupported(PathBuf),
    Unreadable(PathBuf, std::io::Error),
}

/// The files of `paths`, folders walked recursively (in name order, hidden entries skipped,
/// symbolic links to folders not followed, so a loop cannot trap the walk).
pub fn collect_files(paths: &[impl AsRef<Path>]) -> Vec<Found> {
    let mut out = Vec::new();
    for p in paths {
        let p = p.as_ref();
        match std::fs::metadata(p) {
            Err(e) => out.push(Found::Unreadable(p.to_owned(), e)),
            Ok(m) if m.is_dir() => walk_dir(p, &mut out),
            Ok(_) if is_supported(p) => out.push(Found::File(p.to_owned())),
            Ok(_) => out.push(Found::Unsupported(p.to_owned())),
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<Found>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return out.push(Found::Unreadable(dir.to_owned(), e)),
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => walk_dir(&path, out),
            Ok(t) if t.is_symlink() && path.is_dir() => {}
            Ok(_) if is_supported(&path) => out.push(Found::File(path)),
            Ok(_) => {}
            Err(err) => out.push(Found::Unreadable(path, err)),
        }
    }
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
