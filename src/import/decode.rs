//! Bytes to clean text: UTF-8 with or without a BOM, line endings normalised to LF.

use crate::error::{Error, Result};

/// The largest file accepted, in bytes (10 MiB: a long book is about 2 MiB of text).
pub const MAX_IMPORT_BYTES: u64 = 10 * 1024 * 1024;

/// Decodes `bytes` as UTF-8 text; `what` names the input in errors.
pub fn decode_text(bytes: &[u8], what: &str) -> Result<String> {
    let text = decode_utf8(bytes, what, "save the file as UTF-8 and import it again")?;
    let bytes = text.as_bytes();
    if let Some(at) = text.find('\0') {
        let (line, col) = line_col(&bytes[..at]);
        return Err(Error::NotText {
            what: what.to_owned(),
            reason: format!(
                "it holds a NUL byte at byte {at} (line {line}, column {col}), so it looks like a binary file"
            ),
        });
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(Error::EmptyInput(what.to_owned()));
    }
    Ok(text)
}

/// `bytes` as UTF-8 without a byte order mark; an invalid byte is refused with where it is,
/// and `advice` on what to do.
pub(crate) fn decode_utf8<'b>(bytes: &'b [u8], what: &str, advice: &str) -> Result<&'b str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (line, col) = line_col(&bytes[..at]);
        Error::NotText {
            what: what.to_owned(),
            reason: format!("invalid UTF-8 at byte {at} (line {line}, column {col}); {advice}"),
        }
    })
}

/// The line and column (1-based, in characters) just after `before`.
pub(crate) fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn strips_bom_and_normalises_line_endings() {
        let t = decode_text(b"\xEF\xBB\xBFone\r\ntwo\rthree\n", "x").unwrap();
        assert_eq!(t, "one\ntwo\nthree\n");
    }

    #[test]
    fn names_the_place_of_invalid_utf8() {
        let err = decode_text(b"ok\nab\xFFcd", "f.txt").unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotText);
        let msg = err.to_string();
        assert!(
            msg.contains("f.txt") && msg.contains("byte 5") && msg.contains("line 2, column 3"),
            "{msg}"
        );
    }

    #[test]
    fn refuses_binary_and_empty_input() {
        assert_eq!(
            decode_text(b"ab\0c", "x").unwrap_err().code(),
            ErrorCode::NotText
        );
        assert_eq!(
            decode_text(b" \r\n\t", "x").unwrap_err().code(),
            ErrorCode::EmptyInput
        );
        assert_eq!(
            decode_text(b"\xEF\xBB\xBF", "x").unwrap_err().code(),
            ErrorCode::EmptyInput
        );
    }
}
