//! Carrying a span over to another version of its text, in order: (a) the diff of the two
//! texts maps its offsets, checked against its quote; (b) else an exact search of its quote,
//! context and nearness choosing among occurrences; (c) else an approximate search on code
//! points scored on quote, context and position. When none is convincing the span is an
//! orphan: a wrong place is worse than none (a claim silently on a look-alike passage).

use serde::{Deserialize, Serialize};

use super::approx::{approx_find, edit_distance};
use super::diffmap::OffsetMap;
use super::reanchor::occurrences;
use super::IndexedText;

/// How a carried claim was placed in the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    /// The same words at the place the diff maps it to.
    Exact,
    /// The same words, found elsewhere by their quote and context.
    Moved,
    /// Words close to the quote (some edited), found by approximate search.
    Fuzzy,
    /// Its words are gone: kept with its old quote, with no place in the new text.
    Orphaned,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Exact => "exact",
            Placement::Moved => "moved",
            Placement::Fuzzy => "fuzzy",
            Placement::Orphaned => "orphaned",
        }
    }

    pub fn parse(s: &str) -> Option<Placement> {
        [
            Placement::Exact,
            Placement::Moved,
            Placement::Fuzzy,
            Placement::Orphaned,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A span as it was in the old text, with the words it held and their context.
#[derive(Debug, Clone, Copy)]
pub struct OldSpan<'a> {
    pub start: u32,
    pub end: u32,
    pub quote: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
}

/// Where a span landed in the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub start: u32,
    pub end: u32,
    pub placement: Placement,
    /// Its quote occurs elsewhere with context as good: the place chosen is the nearest.
    pub ambiguous: bool,
}

/// Most edits per code point of the quote for a fuzzy placement, and the shortest quote
/// searched approximately (shorter ones match noise).
const FUZZY_MAX_ERROR_RATE: f64 = 0.25;
const FUZZY_MIN_QUOTE: usize = 12;
/// How alike (1 − edit distance / length) the text beside a place and the old context must be,
/// on at least one side, for the place to be taken: a look-alike passage elsewhere has other
/// neighbours on both sides, while a moved or lightly edited one keeps one side at least.
const CONTEXT_AGREEMENT: f64 = 0.6;

/// The context a span had, to compare with the text beside a candidate place.
struct Context {
    prefix: Vec<char>,
    suffix: Vec<char>,
}

impl Context {
    fn new(old: &OldSpan) -> Context {
        Context {
            prefix: old.prefix.chars().collect(),
            suffix: old.suffix.chars().collect(),
        }
    }

    /// How alike each side is (`None` for a side the old span had none of, at a text's edge).
    fn sides(&self, before: &[char], after: &[char]) -> [Option<f64>; 2] {
        let alike = |want: &[char], got: &[char]| {
            (!want.is_empty())
                .then(|| 1.0 - edit_distance(want, got) as f64 / want.len().max(got.len()) as f64)
        };
        [alike(&self.prefix, before), alike(&self.suffix, after)]
    }

    /// The best side's agreement; 1 when the old span had no context at all (nothing to
    /// compare, as with a set made without context).
    fn agreement(&self, before: &[char], after: &[char]) -> f64 {
        self.sides(before, after)
            .into_iter()
            .flatten()
            .reduce(f64::max)
            .unwrap_or(1.0)
    }

    /// Both sides' agreement together (to rank candidates).
    fn total(&self, before: &[char], after: &[char]) -> f64 {
        self.sides(before, after).into_iter().flatten().sum()
    }
}

/// Places spans of one old text in one new text.
pub struct Carrier<'a> {
    new: &'a IndexedText,
    map: Option<OffsetMap>,
    /// The new text as code points, made on first use.
    chars: std::cell::OnceCell<Vec<char>>,
}

impl<'a> Carrier<'a> {
    /// For spans of `old` carried into `new`: the diff is computed once here.
    pub fn new(old: &str, new: &'a IndexedText) -> Carrier<'a> {
        Carrier {
            new,
            map: Some(OffsetMap::new(old, new.text())),
            chars: std::cell::OnceCell::new(),
        }
    }

    /// For spans whose old text is unknown (an annotation set made on another version): the
    /// offsets are only a hint of where to look.
    pub fn without_old_text(new: &'a IndexedText) -> Carrier<'a> {
        Carrier {
            new,
            map: None,
            chars: std::cell::OnceCell::new(),
        }
    }

    fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.new.text().chars().collect())
    }

    /// The new text beside `start..end`, as long as the old context was.
    fn beside(&self, ctx: &Context, start: usize, end: usize) -> (&[char], &[char]) {
        let text = self.chars();
        (
            &text[start.saturating_sub(ctx.prefix.len())..start],
            &text[end..(end + ctx.suffix.len()).min(text.len())],
        )
    }

    /// Where `old` is in the new text, or `None` for an orphan.
    pub fn place(&self, old: &OldSpan) -> Option<Placed> {
        let (start, end) = (old.start as usize, old.end as usize);
        let Some(map) = &self.map else {
            // A set's offsets with the same words there are taken as they are.
            if self.new.slice(start, end) == Some(old.quote) {
                return Some(placed(start, end, Placement::Exact, false));
            }
            return self.search(old, start);
        };
        if let Some((s, e)) = map.span(start, end) {
            let ctx = Context::new(old);
            let (before, after) = self.beside(&ctx, s, e);
            if ctx.agreement(before, after) >= CONTEXT_AGREEMENT {
                let got: Vec<char> = self.chars()[s..e].to_vec();
                let want: Vec<char> = old.quote.chars().collect();
                if got == want {
                    return Some(placed(s, e, Placement::Exact, false));
                }
                // Its first and last words are where the diff says, with edits between.
                if want.len() >= FUZZY_MIN_QUOTE
                    && edit_distance(&want, &got) as f64 <= want.len() as f64 * FUZZY_MAX_ERROR_RATE
                {
                    return Some(placed(s, e, Placement::Fuzzy, false));
                }
            }
        }
        self.search(old, map.near(start))
    }

    /// Where `old`'s quote is in the new text by search alone (exact, then approximate), its
    /// offsets ignored; `near` breaks ties.
    pub fn search(&self, old: &OldSpan, near: usize) -> Option<Placed> {
        self.exact_elsewhere(old, near)
            .or_else(|| self.approximate(old, near))
    }

    fn exact_elsewhere(&self, old: &OldSpan, near: usize) -> Option<Placed> {
        let quote_len = old.quote.chars().count();
        let ctx = Context::new(old);
        let mut found = occurrences(self.new.text(), old.quote, old.prefix, old.suffix);
        // The exact-context ranking first; a common phrase is judged on its best 100 places.
        found.sort_by_key(|o| std::cmp::Reverse(o.context));
        found.truncate(100);
        let mut scored: Vec<(f64, usize)> = found
            .iter()
            .filter_map(|o| {
                let (before, after) = self.beside(&ctx, o.start, o.start + quote_len);
                (ctx.agreement(before, after) >= CONTEXT_AGREEMENT)
                    .then(|| (ctx.total(before, after), o.start))
            })
            .collect();
        let best = scored.iter().map(|s| s.0).reduce(f64::max)?;
        scored.retain(|s| best - s.0 < 1e-9);
        scored.sort_by_key(|s| (s.1.abs_diff(near), s.1));
        let start = scored[0].1;
        Some(placed(
            start,
            start + quote_len,
            Placement::Moved,
            scored.len() > 1,
        ))
    }

    fn approximate(&self, old: &OldSpan, near: usize) -> Option<Placed> {
        let quote: Vec<char> = old.quote.chars().collect();
        let m = quote.len();
        if m < FUZZY_MIN_QUOTE {
            return None;
        }
        let ctx = Context::new(old);
        let has_context = !(ctx.prefix.is_empty() && ctx.suffix.is_empty());
        let text = self.chars();
        let max_errors = (m as f64 * FUZZY_MAX_ERROR_RATE) as usize;
        let mut scored: Vec<(f64, usize, usize)> = Vec::new();
        for c in approx_find(text, &quote, max_errors) {
            let (s, e) = trim(text, c.start, c.end);
            if s >= e {
                continue;
            }
            let (s, e) = whole_words(text, s, e);
            // Beyond light edits, the passage must begin and end with the quote's own first and
            // last words: a match cut short inside the edits is not the claim's extent.
            if c.errors * 10 > m && !same_ends(&quote, &text[s..e]) {
                continue;
            }
            let (before, after) = self.beside(&ctx, s, e);
            // Without context to compare, only a near-exact quote is convincing.
            if (has_context && ctx.agreement(before, after) < CONTEXT_AGREEMENT)
                || (!has_context && c.errors * 10 > m)
            {
                continue;
            }
            let quote_sim = 1.0 - c.errors as f64 / m as f64;
            let position = 1.0 - (s.abs_diff(near) as f64 / text.len().max(1) as f64).min(1.0);
            let score = 50.0 * quote_sim + 20.0 * ctx.total(before, after) + 2.0 * position;
            scored.push((score, s, e));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let &(best, s, e) = scored.first()?;
        // A rival nearly as good elsewhere makes the choice a guess: an orphan is better.
        if scored
            .iter()
            .skip(1)
            .any(|r| best - r.0 < 2.0 && (r.1 >= e || r.2 <= s))
        {
            return None;
        }
        Some(placed(s, e, Placement::Fuzzy, false))
    }
}

fn placed(start: usize, end: usize, placement: Placement, ambiguous: bool) -> Placed {
    Placed {
        start: start as u32,
        end: end as u32,
        placement,
        ambiguous,
    }
}

/// `start..end` widened to whole words when it cuts one (an approximate match may start or
/// end inside a word; claims are words).
fn whole_words(text: &[char], mut start: usize, mut end: usize) -> (usize, usize) {
    while start > 0 && text[start - 1].is_alphanumeric() && text[start].is_alphanumeric() {
        start -= 1;
    }
    while end < text.len() && text[end - 1].is_alphanumeric() && text[end].is_alphanumeric() {
        end += 1;
    }
    (start, end)
}

/// Whether `a` and `b` begin with the same word and end with the same word.
fn same_ends(a: &[char], b: &[char]) -> bool {
    let words = |t: &[char]| {
        let t: String = t.iter().collect();
        let mut w = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned);
        let first = w.next();
        let last = w.next_back().or_else(|| first.clone());
        (first, last)
    };
    words(a) == words(b)
}

/// `start..end` without white space at either edge.
fn trim(text: &[char], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && text[start].is_whitespace() {
        start += 1;
    }
    while end > start && text[end - 1].is_whitespace() {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old_span<'a>(text: &'a IndexedText, start: u32, end: u32) -> (OldSpan<'a>, String, String) {
        let a = text.anchor(start, end, None).unwrap();
        (
            OldSpan {
                start,
                end,
                quote: text.slice(start as usize, end as usize).unwrap(),
                prefix: "",
                suffix: "",
            },
            a.prefix,
            a.suffix,
        )
    }

    fn carry(old: &str, new: &str, quote: &str) -> Option<(Placement, String, bool)> {
        let old_text = IndexedText::new(old);
        let start = old_text.text().find(quote).unwrap();
        let start = old_text.text()[..start].chars().count() as u32;
        let end = start + quote.chars().count() as u32;
        let (mut span, prefix, suffix) = old_span(&old_text, start, end);
        span.prefix = &prefix;
        span.suffix = &suffix;
        let new_text = IndexedText::new(new);
        let p = Carrier::new(old, &new_text).place(&span)?;
        let got = new_text
            .slice(p.start as usize, p.end as usize)
            .unwrap()
            .to_owned();
        Some((p.placement, got, p.ambiguous))
    }

    const OLD: &str = "Мэр 👍🏽 said on Monday that the harbour would close in March. \
        Unions disputed the figures. The council has not confirmed the date.";

    #[test]
    fn exact_when_the_diff_keeps_the_words() {
        let new = format!("UPDATED 🚢. {OLD} More to follow.");
        let got = carry(OLD, &new, "the harbour would close in March").unwrap();
        assert_eq!(
            got,
            (
                Placement::Exact,
                "the harbour would close in March".into(),
                false
            )
        );
    }

    #[test]
    fn moved_with_its_paragraph() {
        let old = "The strike enters its second week, costing the island dearly.\n\n\
            Мэр 👍🏽 said on Monday that the harbour would close in March, officials confirmed.\n\n\
            Fishermen say their catch is rotting on the quay.";
        let new = "The strike enters its second week, costing the island dearly.\n\n\
            Fishermen say their catch is rotting on the quay.\n\n\
            Мэр 👍🏽 said on Monday that the harbour would close in March, officials confirmed.";
        for quote in ["the harbour would close in March", "catch is rotting"] {
            let got = carry(old, new, quote).unwrap();
            // The diff keeps one of the reordered paragraphs in place, search finds the other.
            assert!(
                matches!(got.0, Placement::Exact | Placement::Moved),
                "{got:?}"
            );
            assert_eq!(got.1, quote);
        }
    }

    #[test]
    fn fuzzy_when_a_word_inside_changed() {
        let new = OLD.replace("would close in March", "will close in March");
        let got = carry(OLD, &new, "the harbour would close in March").unwrap();
        assert_eq!(got.0, Placement::Fuzzy);
        assert_eq!(got.1, "the harbour will close in March");
    }

    #[test]
    fn orphaned_when_the_words_are_gone_even_with_a_look_alike_elsewhere() {
        // The sentence is removed; a look-alike with other neighbours is added far away.
        let new = "Unions disputed the figures. The council has not confirmed the date. \
            In other news, a port would close in April, a ferry firm said.";
        assert_eq!(carry(OLD, new, "the harbour would close in March"), None);
        // A short quote found elsewhere with no agreeing context is not taken either.
        let new = "Completely rewritten. Nothing said here about March at all.";
        assert_eq!(carry(OLD, new, "in March"), None);
    }

    #[test]
    fn equal_contexts_are_flagged_ambiguous() {
        // A set's claim with no context, its offsets past the text: two equal candidates.
        let span = OldSpan {
            start: 100,
            end: 108,
            quote: "said yes",
            prefix: "",
            suffix: "",
        };
        let new_text = IndexedText::new("C said yes. D said yes.");
        let p = Carrier::without_old_text(&new_text).place(&span).unwrap();
        assert_eq!((p.placement, p.ambiguous), (Placement::Moved, true));
        // The nearer to where it was.
        assert_eq!((p.start, p.end), (14, 22));
    }
}
