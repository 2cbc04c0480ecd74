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
        return Err(Error::InvalidSpan(format!(
            "the span {start}..{end} falls outside the text, which has {} code points",
            crate::text::cp_len(text)
        )));
    }
    let byte = |i: usize| bytes[i].unwrap_or(text.len());
    let (prefix_at, start_at, end_at, suffix_end) = (byte(0), byte(1), byte(2), byte(3));
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
