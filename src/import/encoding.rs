//! Bytes in any common encoding to UTF-8: a byte order mark first (UTF-8, UTF-16 LE/BE), then
//! the charset a page declares, then UTF-8 when the bytes are valid UTF-8, else a guess from
//! the bytes (chardetng). Binary files are refused, whatever their name.

use encoding_rs::{Encoding, UTF_8};

use crate::error::{Error, Result};

use super::decode::line_col;

/// How the text of a file was decoded, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static Encoding,
}

/// Decodes `bytes` to text with LF line endings. With `html`, the charset the page declares
/// in its markup is used (unless the bytes are valid UTF-8); `what` names the input in errors.
pub fn decode_any(bytes: &[u8], what: &str, html: bool) -> Result<(String, Decoded)> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (choose(bytes, html), bytes),
    };
    if encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE {
        if let Some(at) = memchr_nul(body) {
            let (line, col) = line_col(&body[..at]);
            return Err(Error::NotText {
                what: what.to_owned(),
                reason: format!(
                    "it holds a NUL byte at byte {at} (line {line}, column {col}), so it looks like a binary file"
                ),
            });
        }
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors && encoding == UTF_8 {
        // Only reached for a page that declares UTF-8 but is not: say where.
        let at = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let (line, col) = line_col(&body[..at]);
        return Err(Error::NotText {
            what: what.to_owned(),
            reason: format!(
                "it declares UTF-8 but has an invalid byte at byte {at} (line {line}, column {col}); save it again as UTF-8"
            ),
        });
    }
    let controls = text
        .chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || *c == '\u{fffd}'
        })
        .count();
    let chars = text.chars().count().max(1);
    // Real text in any encoding has next to no control characters; a binary file has many.
    if controls * 50 > chars {
        return Err(Error::NotText {
            what: what.to_owned(),
            reason: format!(
                "{controls} of its {chars} characters are control characters in {}, so it looks like a binary file",
                encoding.name()
            ),
        });
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(Error::EmptyInput(what.to_owned()));
    }
    Ok((text, Decoded { encoding }))
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// The encoding of bytes without a byte order mark.
fn choose(bytes: &[u8], html: bool) -> &'static Encoding {
    // Valid UTF-8 with any non-ASCII byte is next to impossible by accident in a legacy
    // encoding, and pages re-saved as UTF-8 often keep their old declaration.
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    if html {
        if let Some(enc) = declared_charset(bytes) {
            // A page saved as UTF-16 has a BOM; one that claims UTF-16 without it is ASCII-compatible.
            if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                return enc;
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The charset named by `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in the first 4 KiB of a page (the HTML standard's prescan looks at 1 KiB; saved
/// pages often put scripts and comments first).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(p) = tag.find("charset") {
            let value = tag[p + 7..]
                .trim_start()
                .strip_prefix('=')?
                .trim_start()
                .trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(value.len());
            if let Some(enc) = Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(enc);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn decode(bytes: &[u8], html: bool) -> (String, &'static str) {
        let (t, d) = decode_any(bytes, "x", html).unwrap();
        (t, d.encoding.name())
    }

    #[test]
    fn boms_win() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb", false),
            ("a\nb".into(), "UTF-8")
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Привет".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le, false), ("Привет".into(), "UTF-16LE"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("héllo".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be, true), ("héllo".into(), "UTF-16BE"));
    }

    #[test]
    fn a_page_declares_its_charset() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("Москва");
        let page = [b"<meta charset=\"koi8-r\"><p>".as_slice(), &bytes].concat();
        assert!(decode(&page, true).0.ends_with("Москва"));
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Москва");
        let page = [
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'><p>"
                .as_slice(),
            &bytes,
        ]
        .concat();
        assert_eq!(decode(&page, true).1, "windows-1251");
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        let text = "Министр иностранных дел заявил журналистам, что переговоры продолжатся на следующей неделе в Женеве.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes, false), (text.into(), "windows-1251"));
        let text = "Le ministre a déclaré à la presse que les négociations reprendraient à Genève, où l'été est très chaud.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode(&bytes, false), (text.into(), "windows-1252"));
        let text =
            "Правительство сообщило во вторник, что навигация будет продлена до середины декабря.";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        // chardetng names KOI8-U, the superset that decodes Russian KOI8-R identically.
        let (decoded, name) = decode(&bytes, false);
        assert_eq!(decoded, text);
        assert!(name.starts_with("KOI8"), "{name}");
    }

    #[test]
    fn a_page_re_saved_as_utf8_keeps_its_words_despite_an_old_declaration() {
        let page = "<meta charset=\"gb2312\"><p>港口工人罢工</p>".as_bytes();
        assert_eq!(decode(page, true).1, "UTF-8");
    }

    #[test]
    fn binary_is_refused_by_its_bytes() {
        let err = decode_any(b"PK\x03\x04\x14\0\0\0", "photo.txt", false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotText);
        assert!(err.to_string().contains("photo.txt") && err.to_string().contains("binary"));
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 97 % 251) as u8 + 1).collect();
        let err = decode_any(&noise, "noise.html", true).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotText, "{err}");
    }
}
