//! Writing files so that a crash leaves the old file or the new one, never half of one.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` so that a crash leaves the old file or the new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_bytes(path, bytes, false)
}

/// Like [`write_atomically`], the bytes written by `write` as they come (through a buffer);
/// returns how many there were. When `write` fails, the partial file is removed.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<u64> {
    write_through_partial(path, false, write)
}

/// Saves one of the app's own files (its settings, a team's token, the record of checked
/// projects) with [`write_atomically`], making its folder first when missing. A `private` file
/// can be read by its owner only (a token is a password).
pub fn save(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    }
    write_bytes(path, bytes, private)
}

fn write_bytes(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    write_through_partial(path, private, |w| {
        w.write_all(bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    })
    .map(|_| ())
}

fn write_through_partial(
    path: &Path,
    private: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<u64> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A name of its own for each write, so that two writers of one file (two exports, two
    // processes recording checked projects) never write into each other's partial file.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{name}.{}-{}.partial",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let io = |e| Error::io(format!("cannot write {}", path.display()), e);
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let file = options.open(&tmp).map_err(io)?;
        let mut out = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            count: 0,
        };
        write(&mut out)?;
        let file = out.inner.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        Ok(out.count)
    })();
    match written {
        Ok(count) => {
            std::fs::rename(&tmp, path).map_err(io)?;
            Ok(count)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A writer that counts the bytes through it.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
