//! Checks a span against a document's text and captures its quote with context, as a W3C
//! TextQuoteSelector does. [`IndexedText`] is the one way the code base turns code points into
//! places in a text: the project, the merge and every format's reader anchor through it.

use std::sync::Arc;

use crate::error::{Error, Result};

/// Code points of context kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A span checked against its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
}

/// A text with a byte offset for every 64th code point, so that anchoring many spans in a long
/// text costs a short walk each instead of a walk from the start (10,000 claims on a book:
/// seconds otherwise).
#[derive(Debug, Clone)]
pub struct IndexedText {
    text: Arc<str>,
    marks: Vec<usize>,
    len: usize,
}

const STRIDE: usize = 64;

impl IndexedText {
    pub fn new(text: impl Into<Arc<str>>) -> IndexedText {
        let text = text.into();
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len = 0;
        for (cp, (b, _)) in text.char_indices().enumerate() {
            if cp % STRIDE == 0 {
                marks.push(b);
            }
            len = cp + 1;
        }
        IndexedText { text, marks, len }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The byte offset of code point `cp` (the text's length for the end), or `None` past it.
    pub fn byte(&self, cp: usize) -> Option<usize> {
        if cp > self.len {
            return None;
        }
        if cp == self.len {
            return Some(self.text.len());
        }
        let (block, within) = (cp / STRIDE, cp % STRIDE);
        let from = self.marks[block];
        let to = self
            .marks
            .get(block + 1)
            .copied()
            .unwrap_or(self.text.len());
        let chars = STRIDE.min(self.len - block * STRIDE);
        if to - from == chars {
            // A block of one-byte characters: most of most texts.
            return Some(from + within);
        }
        // Else count the characters' first bytes (any byte but 0b10xxxxxx) up to the one wanted.
        let mut seen = 0;
        for (at, &b) in self.text.as_bytes()[from..to].iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if seen == within {
                    return Some(from + at);
                }
                seen += 1;
            }
        }
        unreachable!("code point {cp} is before the end, so in its block")
    }

    /// The text of code points `start..end`, or `None` when that is not a range of the text.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end {
            return None;
        }
        Some(&self.text[self.byte(start)?..self.byte(end)?])
    }

    /// Validates `start..end` (code points, end exclusive) against the text and, when given,
    /// the quote the coder saw; returns the quote with its context.
    pub fn anchor(&self, start: u32, end: u32, quote: Option<&str>) -> Result<Anchor> {
        let found = self.span(start, end, quote)?;
        let (start, end) = (start as usize, end as usize);
        // Context is clipped at the text's edges.
        let cut = |from: usize, to: usize| {
            self.slice(from, to.min(self.len))
                .expect("a range inside the text")
        };
        Ok(Anchor {
            quote: found.to_owned(),
            prefix: cut(start.saturating_sub(CONTEXT_CHARS), start).to_owned(),
            suffix: cut(end, end + CONTEXT_CHARS).to_owned(),
        })
    }

    /// The text of `start..end` when [`IndexedText::anchor`] would accept it, without its
    /// context: for a caller that only asks whether a span holds.
    pub fn span(&self, start: u32, end: u32, quote: Option<&str>) -> Result<&str> {
        let (start, end) = (start as usize, end as usize);
        if start >= end {
            return Err(Error::InvalidSpan(if start == end {
                format!("the span {start}..{end} is empty")
            } else {
                format!("the span {start}..{end} is reversed (start after end)")
            }));
        }
        if end > self.len {
            return Err(Error::InvalidSpan(format!(
                "the span {start}..{end} falls outside the text, which has {} code points",
                self.len
            )));
        }
        let found = self.slice(start, end).expect("a range inside the text");
        if let Some(given) = quote {
            if given != found {
                return Err(Error::QuoteMismatch {
                    start,
                    end,
                    expected: found.to_owned(),
                    given: given.to_owned(),
                });
            }
        }
        if found.trim().is_empty() {
            return Err(Error::InvalidSpan(format!(
                "the span {start}..{end} holds only white space"
            )));
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn code(r: Result<Anchor>) -> ErrorCode {
        r.unwrap_err().code()
    }

    #[test]
    fn captures_quote_and_context_in_code_points() {
        // Cyrillic, an emoji with a skin tone (two code points), a combining accent.
        let text = IndexedText::new("Он сказал: «👍🏽 да» — e\u{301}nd");
        let a = text.anchor(12, 16, Some("👍🏽 д")).unwrap();
        assert_eq!(a.quote, "👍🏽 д");
        assert_eq!(a.prefix, "Он сказал: «");
        assert_eq!(a.suffix, "а» — e\u{301}nd");
        // The combining mark is a code point of its own: 21..22 is "e" alone.
        assert_eq!(text.anchor(21, 22, None).unwrap().quote, "e");
        assert_eq!(text.anchor(21, 23, None).unwrap().quote, "e\u{301}");
    }

    #[test]
    fn cjk_and_right_to_left_text_count_one_per_code_point() {
        let text = IndexedText::new("北京称此说法不实。 שלום עולם!");
        assert_eq!(text.len(), 20);
        let a = text.anchor(0, 2, None).unwrap();
        assert_eq!((a.quote.as_str(), a.prefix.as_str()), ("北京", ""));
        assert_eq!(a.suffix, "称此说法不实。 שלום עולם!");
        let a = text.anchor(10, 14, Some("שלום")).unwrap();
        assert_eq!(a.prefix, "北京称此说法不实。 ");
        assert_eq!(a.suffix, " עולם!");
    }

    #[test]
    fn byte_offsets_across_the_index_marks() {
        // Three bytes per code point, so code point n starts at byte 3n.
        let text = IndexedText::new("中".repeat(200));
        assert_eq!((text.len(), text.is_empty()), (200, false));
        for cp in [0, 1, 63, 64, 65, 127, 128, 129, 199, 200] {
            assert_eq!(text.byte(cp), Some(3 * cp), "{cp}");
        }
        assert_eq!(text.byte(201), None);
        assert_eq!(text.slice(63, 65), Some("中中"));
        assert_eq!(text.slice(199, 201), None);
        assert_eq!(text.slice(5, 4), None);
    }

    #[test]
    fn byte_offsets_in_mixed_blocks_are_each_code_points_own() {
        // One-byte blocks, blocks with a character of 2, 3 or 4 bytes, and a short last block,
        // one-byte or not.
        for tail in ["", "abc", "ab\u{e9}", "\u{1F600}"] {
            let mut s = "a".repeat(64) + "\u{e9}" + &"b".repeat(63) + &"c".repeat(63) + "\u{4e2d}";
            s += &"\u{1F1FA}\u{1F1F8}".repeat(40);
            s += &"d".repeat(64);
            s += tail;
            let text = IndexedText::new(s.as_str());
            let expected: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
            for (cp, b) in expected.iter().enumerate() {
                assert_eq!(
                    text.byte(cp),
                    Some(*b),
                    "code point {cp} with tail {tail:?}"
                );
            }
            assert_eq!(text.byte(expected.len()), Some(s.len()));
            assert_eq!(text.byte(expected.len() + 1), None);
        }
    }

    #[test]
    fn spans_across_the_index_marks_keep_their_context() {
        // "0123456789" repeated: code point n is the digit n % 10.
        let digits: String = (0..200)
            .map(|i| char::from(b'0' + (i % 10) as u8))
            .collect();
        let text = IndexedText::new(digits);
        let a = text.anchor(62, 66, None).unwrap();
        assert_eq!(a.quote, "2345");
        assert_eq!(a.prefix, "01234567890123456789012345678901"); // 30..62
        assert_eq!(a.suffix, "67890123456789012345678901234567"); // 66..98
        let a = text.anchor(128, 200, None).unwrap();
        assert_eq!(a.quote.len(), 72);
        assert_eq!(a.suffix, "");
    }

    #[test]
    fn context_is_clipped_at_text_edges() {
        let long = IndexedText::new("x".repeat(100));
        let a = long.anchor(40, 50, None).unwrap();
        assert_eq!(a.prefix.len(), CONTEXT_CHARS);
        assert_eq!(a.suffix.len(), CONTEXT_CHARS);
        let a = IndexedText::new("ab").anchor(0, 2, None).unwrap();
        assert_eq!((a.prefix.as_str(), a.suffix.as_str()), ("", ""));
    }

    #[test]
    fn refuses_bad_spans_with_typed_errors() {
        let text = IndexedText::new("hello world");
        assert_eq!(code(text.anchor(3, 3, None)), ErrorCode::InvalidSpan);
        assert_eq!(code(text.anchor(5, 2, None)), ErrorCode::InvalidSpan);
        assert_eq!(code(text.anchor(6, 12, None)), ErrorCode::InvalidSpan);
        assert_eq!(code(text.anchor(5, 6, None)), ErrorCode::InvalidSpan);
        assert_eq!(
            code(text.anchor(0, 5, Some("hellO"))),
            ErrorCode::QuoteMismatch
        );
        let m = |r: Result<Anchor>| r.unwrap_err().to_string();
        assert!(m(text.anchor(3, 3, None)).contains("3..3 is empty"));
        assert!(m(text.anchor(5, 2, None)).contains("reversed"));
        assert!(m(text.anchor(6, 12, None)).contains("which has 11 code points"));
        assert!(m(text.anchor(5, 6, None)).contains("only white space"));
        // Past the end of an emoji text: counted in code points, not bytes or UTF-16 units.
        let emoji = IndexedText::new("👍🏽👍🏽");
        assert_eq!(emoji.len(), 4);
        assert!(m(emoji.anchor(2, 5, None)).contains("which has 4 code points"));
    }

    #[test]
    fn an_empty_text_has_no_span() {
        let empty = IndexedText::new("");
        assert!(empty.is_empty());
        assert_eq!((empty.byte(0), empty.byte(1)), (Some(0), None));
        assert_eq!(code(empty.anchor(0, 1, None)), ErrorCode::InvalidSpan);
    }
}
