//! Zip archives of exports (brat, REFI-QDA), deflated on a thread of their own while the files
//! are being made: making them and deflating them each took about as long, one after the
//! other. Fixed times, so that the same export gives the same bytes.

use std::io::Write;
use std::sync::mpsc::{sync_channel, SyncSender};

use crate::error::{Error, Result};

/// What the maker sends the zip writer: a new file, then its bytes in one or more pieces.
enum Part {
    File(String),
    Bytes(Vec<u8>),
}

/// Where a maker puts the archive's files (see [`zipped`]).
pub(crate) struct ZipSender(SyncSender<Part>);

impl ZipSender {
    /// A whole file.
    pub(crate) fn file(&self, name: String, bytes: Vec<u8>) -> Result<()> {
        self.start(name)?;
        self.bytes(bytes).map_err(zip_stopped)
    }

    /// A file whose bytes follow through [`ZipSender::bytes`] until the next file.
    pub(crate) fn start(&self, name: String) -> Result<()> {
        self.send(Part::File(name)).map_err(zip_stopped)
    }

    pub(crate) fn bytes(&self, bytes: Vec<u8>) -> std::io::Result<()> {
        self.send(Part::Bytes(bytes))
    }

    fn send(&self, part: Part) -> std::io::Result<()> {
        self.0.send(part).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the zip writer stopped")
        })
    }
}

fn zip_stopped(e: std::io::Error) -> Error {
    Error::io("writing a zip archive", e)
}

/// The archive of the files `make` sends, deflated as they come. An error of the zip writer
/// comes first (it stops the maker, whose error then only says so).
pub(crate) fn zipped(make: impl FnOnce(ZipSender) -> Result<()>) -> Result<Vec<u8>> {
    std::thread::scope(|s| {
        let (to, parts) = sync_channel(8);
        let zipping = s.spawn(move || -> Result<Vec<u8>> {
            let zip_err = |e: zip::result::ZipError| Error::io("writing a zip archive", e.into());
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(zip::DateTime::default());
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for part in parts {
                match part {
                    Part::File(name) => zip.start_file(name, options).map_err(zip_err)?,
                    Part::Bytes(bytes) => zip
                        .write_all(&bytes)
                        .map_err(|e| Error::io("writing a zip archive", e))?,
                }
            }
            Ok(zip.finish().map_err(zip_err)?.into_inner())
        });
        let made = make(ZipSender(to));
        let bytes = zipping
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let bytes = bytes?;
        made?;
        Ok(bytes)
    })
}

/// A zip archive of `files` (name, bytes).
pub fn zip_files(files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    zipped(|zip| {
        files
            .into_iter()
            .try_for_each(|(name, bytes)| zip.file(name, bytes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_sent_whole_or_in_pieces_come_out_in_order() {
        let bytes = zipped(|zip| {
            zip.file("a.txt".into(), b"whole".to_vec())?;
            zip.start("b.txt".into())?;
            for piece in ["in ", "three ", "pieces"] {
                zip.bytes(piece.as_bytes().to_vec()).unwrap();
            }
            Ok(())
        })
        .unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let read = |archive: &mut zip::ZipArchive<_>, i| {
            let mut f = archive.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            (f.name().unwrap().into_owned(), text)
        };
        assert_eq!(read(&mut archive, 0), ("a.txt".into(), "whole".into()));
        assert_eq!(
            read(&mut archive, 1),
            ("b.txt".into(), "in three pieces".into())
        );
    }

    #[test]
    fn the_makers_error_is_the_answer() {
        let err = zipped(|zip| {
            zip.file("a.txt".into(), b"half".to_vec())?;
            Err(Error::CannotExport("claim x: no".into()))
        })
        .unwrap_err();
        assert!(err.to_string().contains("claim x: no"), "{err}");
    }
}
