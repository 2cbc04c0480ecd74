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
    if start >= end {
        return Err(Error::InvalidSpan(if start == end {
            format!("the span {start}..{end} is empty")
        } else {
            format!("the span {start}..{end} is reversed (start after end)")
        }));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let len = chars.len();
    if end > len {
        return Err(Error::InvalidSpan(format!(
            "the span {start}..{end} falls outside the text, which has {len} code points"
        )));
    }
    let byte = |cp: usize| chars.get(cp).map_or(text.len(), |(b, _)| *b);
    let found = &text[byte(start)..byte(end)];
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
        prefix: text[byte(start.saturating_sub(CONTEXT_CHARS))..byte(start)].to_owned(),
        suffix: text[byte(end)..byte((end + CONTEXT_CHARS).min(len))].to_owned(),
    })
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
    fn context_is_clipped_at_text_edges() {
        let long = "x".repeat(100);
        let a = anchor(&long, 40, 50, None).unwrap();
        assert_eq!(a.prefix.len(), CONTEXT_CHARS);
        assert_eq!(a.suffix.len(), CONTEXT_CHARS);
        let a = anchor("ab", 0, 2, None).unwrap();
        assert_eq!((a.prefix.as_str(), a.suffix.as_str()), ("", ""));
    }
}
