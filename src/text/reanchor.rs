//! Finding a quote again when its offsets no longer match the text (a teammate's set made on
//! another version of an article, a format that lost offsets): by the exact quote, with its
//! context and the old position to choose among several occurrences.

/// Where a quote was found again, in code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: u32,
    pub end: u32,
}

/// An occurrence of a quote: where it starts (code points) and how many code points of the
/// context around it agree with the prefix and suffix it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub start: usize,
    pub context: usize,
}

/// Every occurrence of `quote` in `text`, in text order, with its context's agreement.
pub fn occurrences(text: &str, quote: &str, prefix: &str, suffix: &str) -> Vec<Occurrence> {
    if quote.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cp_at_byte = 0usize;
    let mut last_byte = 0usize;
    // Every occurrence, overlapping ones included ("aa" in "aaa" is at 0 and at 1):
    // `match_indices` skips those, and the span sought may be one of them.
    let mut from = 0;
    let occurrences = std::iter::from_fn(|| {
        let at = from + text[from..].find(quote)?;
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    });
    for byte in occurrences {
        cp_at_byte += text[last_byte..byte].chars().count();
        last_byte = byte;
        out.push(Occurrence {
            start: cp_at_byte,
            context: common_suffix(&text[..byte], prefix)
                + common_prefix(&text[byte + quote.len()..], suffix),
        });
    }
    out
}

/// Finds `quote` in `text`. Among several occurrences, the one whose surrounding text best
/// matches `prefix`/`suffix` wins, then the one nearest `near`. `None` when the quote is not in
/// the text at all.
pub fn reanchor(text: &str, quote: &str, prefix: &str, suffix: &str, near: u32) -> Option<Found> {
    let len = quote.chars().count() as u32;
    occurrences(text, quote, prefix, suffix)
        .into_iter()
        .min_by_key(|o| {
            (
                std::cmp::Reverse(o.context),
                (o.start as u32).abs_diff(near),
            )
        })
        .map(|o| Found {
            start: o.start as u32,
            end: o.start as u32 + len,
        })
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_occurrence_with_matching_context_then_the_nearest() {
        let text = "Zoë 👍🏽 said yes. Later Ana said yes. Then Zoë said yes.";
        let f = reanchor(text, "said yes", "Ana ", ".", 0).unwrap();
        assert_eq!((f.start, f.end), (27, 35));
        assert_eq!(crate::text::slice_cp(text, 27, 35), Some("said yes"));
        // No context: the occurrence nearest the old offset.
        let near_end = reanchor(text, "said yes", "", "", 50).unwrap();
        assert_eq!(near_end.start, 46);
        assert_eq!(reanchor(text, "said no", "", "", 0), None);
    }

    #[test]
    fn finds_overlapping_occurrences() {
        // "aa" at 1..3 overlaps the one at 0..2; its context picks it.
        let f = reanchor("aaab", "aa", "a", "b", 1).unwrap();
        assert_eq!((f.start, f.end), (1, 3));
        assert_eq!(reanchor("aaa", "aa", "", "", 1).map(|f| f.start), Some(1));
    }
}
