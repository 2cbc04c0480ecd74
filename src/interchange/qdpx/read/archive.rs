//! The .qdpx archive, read by entry name only (nothing is ever extracted to disk), with a
//! budget of bytes that may still be unpacked against zip bombs, and the UTF-8 its files are.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::{Error, Result};
use crate::interchange::qdpx::{MAX_UNPACKED_BYTES, PROJECT_FILE, SOURCES_DIR};

/// The archive, read by entry name only (nothing is ever extracted to disk), with a budget of
/// bytes that may still be unpacked.
pub(super) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    what: String,
    budget: u64,
}

impl<'a> Archive<'a> {
    pub(super) fn open(bytes: &'a [u8], what: &str) -> Result<Archive<'a>> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::invalid_file(
                what,
                format!("not a REFI-QDA project (.qdpx): it is not a ZIP archive ({e})"),
            )
        })?;
        // Refused even though nothing is extracted: such a name only comes from a hostile
        // or broken archive.
        for i in 0..zip.len() {
            let raw = match zip.name_for_index(i) {
                Some(Ok(n)) => n.into_owned(),
                _ => {
                    return Err(Error::invalid_file(
                        what,
                        format!(
                            "entry {} of the archive has an unreadable name; refused",
                            i + 1
                        ),
                    ))
                }
            };
            let name = raw.replace('\\', "/");
            let unsafe_name = name.starts_with('/')
                || name.split('/').any(|part| part == "..")
                || name.contains('\0')
                || name.as_bytes().get(1) == Some(&b':');
            if unsafe_name {
                return Err(Error::invalid_file(what, format!("the archive holds an entry named {raw:?}, a path that leads outside the archive; refused"
                )));
            }
        }
        Ok(Archive {
            zip,
            what: what.to_owned(),
            budget: MAX_UNPACKED_BYTES,
        })
    }

    pub(super) fn project_file(&mut self) -> Result<Vec<u8>> {
        let index = self.zip.index_for_name(PROJECT_FILE).or_else(|| {
            (0..self.zip.len()).find(|&i| {
                matches!(self.zip.name_for_index(i), Some(Ok(n)) if n.eq_ignore_ascii_case(PROJECT_FILE))
            })
        });
        match index {
            Some(i) => self.entry(i, PROJECT_FILE),
            None => Err(Error::invalid_file(
                &self.what,
                format!("not a REFI-QDA project (.qdpx): the archive has no {PROJECT_FILE}"),
            )),
        }
    }

    /// The bytes of `sources/<name>`, or `None` when the archive lacks it.
    pub(super) fn source_file(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let path = format!("{SOURCES_DIR}{name}");
        match self.zip.index_for_name(&path) {
            Some(i) => self.entry(i, &path).map(Some),
            None => Ok(None),
        }
    }

    fn entry(&mut self, index: usize, name: &str) -> Result<Vec<u8>> {
        let too_large = |size| Error::TooLarge {
            what: format!(
                "{}: {name} (with what was unpacked before it; the limit guards against zip bombs)",
                self.what
            ),
            size,
            limit: MAX_UNPACKED_BYTES,
        };
        let used = MAX_UNPACKED_BYTES - self.budget;
        let mut file = self.zip.by_index(index).map_err(|e| {
            Error::invalid_file(
                &self.what,
                format!("cannot open {name} in the archive: {e}"),
            )
        })?;
        // The declared size first, so that a bomb is refused before anything is inflated...
        if file.size() > self.budget {
            return Err(too_large(used + file.size()));
        }
        // ...and the actual size too, since a declared size can lie.
        let mut out = Vec::new();
        (&mut file)
            .take(self.budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                Error::invalid_file(&self.what, format!("{name} in the archive is damaged: {e}"))
            })?;
        if out.len() as u64 > self.budget {
            return Err(too_large(used + out.len() as u64));
        }
        self.budget -= out.len() as u64;
        Ok(out)
    }
}

/// A file of the archive as text: REFI-QDA files are UTF-8.
pub(super) fn decode_utf8<'b>(bytes: &'b [u8], what: &str) -> Result<&'b str> {
    crate::import::decode_utf8(bytes, what, "REFI-QDA files are UTF-8")
}

pub(super) use crate::import::line_col;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_larger_than_it_declares_is_cut_at_the_budget() {
        let mut bytes =
            crate::interchange::zip_files(vec![("sources/a.txt".into(), vec![b'x'; 1000])])
                .unwrap();
        // Declare 50 bytes unpacked where there are 1000.
        for (sig, at) in [
            ([0x50, 0x4b, 0x03, 0x04], 22),
            ([0x50, 0x4b, 0x01, 0x02], 24),
        ] {
            let p = bytes.windows(4).position(|w| w == sig).unwrap();
            bytes[p + at..p + at + 4].copy_from_slice(&50u32.to_le_bytes());
        }
        let mut archive = Archive::open(&bytes, "lying.qdpx").unwrap();
        archive.budget = 100;
        // The zip reader stops at the declared size, and our budget would stop it after.
        let e = archive.source_file("a.txt").unwrap_err();
        assert!(
            matches!(
                e.code(),
                crate::ErrorCode::TooLarge | crate::ErrorCode::InvalidFile
            ),
            "{e}"
        );
        assert!(e.to_string().contains("sources/a.txt"), "{e}");
    }
}
