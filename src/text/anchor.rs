//! Checks a span against a document's text and captures its quote with context, as a W3C
//! TextQuoteSelector does.

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

/// Validates `start..end` (code points, end exclusive) against `text` and, when given, the
/// quote the coder saw; returns the quote with its context.
pub fn anchor(text: &str, start: u32, end: u32, quote: Option<&str>) -> Result<Anchor> {
    let (start, end) = (start as usize, end as usize);
    check_order(start, end)?;
    // One pass that stops after the suffix: claims early in a long text cost little.
    let wanted = [
        start.saturating_sub(CONTEXT_CHARS),
        start,
        end,
        end + CONTEXT_CHARS,
    ];
    let mut bytes = [None; 4];
    let mut seen = 0;
    for (cp, (b, _)) in text
        .char_indices()
        .enumerate()
        .take(end + CONTEXT_CHARS + 1)
    {
        for (slot, want) in bytes.iter_mut().zip(wanted) {
            if want == cp {
                *slot = Some(b);
            }
        }
        seen = cp + 1;
    }
    if end > seen {
        return Err(outside(start, end, crate::text::cp_len(text)));
    }
    let byte = |i: usize| bytes[i].unwrap_or(text.len());
    finish(
        text,
        start,
        end,
        quote,
        [byte(0), byte(1), byte(2), byte(3)],
    )
}

/// The checks and the capture shared by both ways of finding the byte offsets: `at` holds the
/// bytes of the prefix's start, the quote's start and end, and the suffix's end.
fn finish(
    text: &str,
    start: usize,
    end: usize,
    quote: Option<&str>,
    at: [usize; 4],
) -> Result<Anchor> {
    let [prefix_at, start_at, end_at, suffix_end] = at;
    let found = &text[start_at..end_at];
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
    Ok(Anchor {
        quote: found.to_owned(),
        prefix: text[prefix_at..start_at].to_owned(),
        suffix: text[end_at..suffix_end].to_owned(),
    })
}

/// A text with a byte offset for every 64th code point, so that anchoring many spans in a long
/// text costs a short walk each instead of a walk from the start (10,000 claims on a book:
/// seconds otherwise).
#[derive(Debug, Clone)]
pub struct IndexedText {
    text: std::sync::Arc<str>,
    marks: Vec<usize>,
    len: usize,
}

const STRIDE: usize = 64;

impl IndexedText {
    pub fn new(text: impl Into<std::sync::Arc<str>>) -> IndexedText {
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
        let from = self.marks[cp / STRIDE];
        self.text[from..]
            .char_indices()
            .nth(cp % STRIDE)
            .map(|(b, _)| from + b)
    }

    /// [`anchor`] on this text.
    pub fn anchor(&self, start: u32, end: u32, quote: Option<&str>) -> Result<Anchor> {
        let (start, end) = (start as usize, end as usize);
        check_order(start, end)?;
        if end > self.len {
            return Err(outside(start, end, self.len));
        }
        let byte = |cp: usize| self.byte(cp.min(self.len)).unwrap_or(self.text.len());
        finish(
            &self.text,
            start,
            end,
            quote,
            [
                byte(start.saturating_sub(CONTEXT_CHARS)),
                byte(start),
                byte(end),
                byte(end + CONTEXT_CHARS),
            ],
        )
    }
}

fn check_order(start: usize, end: usize) -> Result<()> {
    if start >= end {
        return Err(Error::InvalidSpan(if start == end {
            format!("the span {start}..{end} is empty")
        } else {
            format!("the span {start}..{end} is reversed (start after end)")
        }));
    }
    Ok(())
}

fn outside(start: usize, end: usize, len: usize) -> Error {
    Error::InvalidSpan(format!(
        "the span {start}..{end} falls outside the text, which has {len} code points"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn captures_quote_and_context_in_code_points() {
        let text = "Он сказал: «👍🏽 да» — e\u{301}nd";
        let a = anchor(text, 12, 16, Some("👍🏽 д")).unwrap();
        assert_eq!(a.quote, "👍🏽 д");
        assert_eq!(a.prefix, "Он сказал: «");
        assert_eq!(a.suffix, "а» — e\u{301}nd");
    }

    #[test]
    fn refuses_bad_spans_with_typed_errors() {
        let text = "hello world";
        let code = |r: Result<Anchor>| r.unwrap_err().code();
        assert_eq!(code(anchor(text, 3, 3, None)), ErrorCode::InvalidSpan);
        assert_eq!(code(anchor(text, 5, 2, None)), ErrorCode::InvalidSpan);
        assert_eq!(code(anchor(text, 6, 12, None)), ErrorCode::InvalidSpan);
        assert_eq!(code(anchor(text, 5, 6, None)), ErrorCode::InvalidSpan);
        assert_eq!(
            code(anchor(text, 0, 5, Some("hellO"))),
            ErrorCode::QuoteMismatch
        );
    }

    #[test]
    fn the_indexed_text_anchors_exactly_as_the_plain_walk() {
        let text: String = (0..500)
            .map(|i| format!("{i} Zoë 👍🏽 e\u{301} 中文 שלום\n"))
            .collect();
        let indexed = IndexedText::new(text.as_str());
        let len = crate::text::cp_len(&text) as u32;
        assert_eq!(indexed.len(), len as usize);
        for (start, end) in [
            (0, 1),
            (0, 40),
            (63, 65),
            (64, 128),
            (1000, 1033),
            (len - 5, len),
            (len - 1, len + 1),
            (9, 9),
            (9, 3),
        ] {
            let plain = anchor(&text, start, end, None).map_err(|e| e.to_string());
            let fast = indexed.anchor(start, end, None).map_err(|e| e.to_string());
            assert_eq!(plain, fast, "{start}..{end}");
        }
        for cp in [0, 1, 63, 64, 65, 127, 128, len as usize] {
            assert_eq!(indexed.byte(cp), crate::text::byte_of_cp(&text, cp), "{cp}");
        }
        assert_eq!(indexed.byte(len as usize + 1), None);
    }

    #[test]
    fn context_is_clipped_at_text_edges() {
        let long = "x".repeat(100);
        let a = anchor(&long, 40, 50, None).unwrap();
        assert_eq!(a.prefix.len(), CONTEXT_CHARS);
        assert_eq!(a.suffix.len(), CONTEXT_CHARS);
        let a = anchor("ab", 0, 2, None).unwrap();
        assert_eq!((a.prefix.as_str(), a.suffix.as_str()), ("", ""));
    }
}
