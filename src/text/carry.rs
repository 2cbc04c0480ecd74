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

/// Minimum share of the quote's code points that must match for a fuzzy placement, and the
/// shortest quote searched approximately (shorter ones match noise).
const FUZZY_MAX_ERROR_RATE: f64 = 0.25;
const FUZZY_MIN_QUOTE: usize = 12;
/// Code points of context that must agree for a quote found elsewhere to be taken as moved.
const MIN_CONTEXT: usize = 8;

/// Places spans of one old text in one new text.
pub struct Carrier<'a> {
    new: &'a IndexedText,
    map: Option<OffsetMap>,
    /// The new text as code points, made on the first approximate search.
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

    /// Where `old` is in the new text, or `None` for an orphan.
    pub fn place(&self, old: &OldSpan) -> Option<Placed> {
        let (start, end) = (old.start as usize, old.end as usize);
        let near = match &self.map {
            Some(map) => {
                if let Some((s, e)) = map.span(start, end) {
                    if self.new.slice(s, e) == Some(old.quote) {
                        return Some(placed(s, e, Placement::Exact, false));
                    }
                }
                map.near(start)
            }
            None => {
                if self.new.slice(start, end) == Some(old.quote) {
                    return Some(placed(start, end, Placement::Exact, false));
                }
                start
            }
        };
        self.search(old, near)
    }

    /// Where `old`'s quote is in the new text by search alone (exact, then approximate), its
    /// offsets ignored; `near` breaks ties.
    pub fn search(&self, old: &OldSpan, near: usize) -> Option<Placed> {
        self.exact_elsewhere(old, near)
            .or_else(|| self.approximate(old, near))
    }

    fn exact_elsewhere(&self, old: &OldSpan, near: usize) -> Option<Placed> {
        let found = occurrences(self.new.text(), old.quote, old.prefix, old.suffix);
        let quote_len = old.quote.chars().count();
        let context_len = old.prefix.chars().count() + old.suffix.chars().count();
        // Context must vouch for the place, unless the old one had none to give, or the quote
        // is long and occurs only once.
        let needed = if found.len() == 1 && quote_len >= 3 * MIN_CONTEXT {
            0
        } else {
            MIN_CONTEXT.min(context_len / 4)
        };
        let best = found.iter().map(|o| o.context).max()?;
        if best < needed {
            return None;
        }
        let mut tied: Vec<_> = found.iter().filter(|o| o.context == best).collect();
        tied.sort_by_key(|o| (o.start.abs_diff(near), o.start));
        let at = tied[0];
        Some(placed(
            at.start,
            at.start + quote_len,
            Placement::Moved,
            tied.len() > 1,
        ))
    }

    fn approximate(&self, old: &OldSpan, near: usize) -> Option<Placed> {
        let quote: Vec<char> = old.quote.chars().collect();
        let m = quote.len();
        if m < FUZZY_MIN_QUOTE {
            return None;
        }
        let text = self.chars.get_or_init(|| self.new.text().chars().collect());
        let max_errors = (m as f64 * FUZZY_MAX_ERROR_RATE) as usize;
        let prefix: Vec<char> = old.prefix.chars().collect();
        let suffix: Vec<char> = old.suffix.chars().collect();
        let similarity = |want: &[char], got: &[char]| {
            if want.is_empty() {
                return None;
            }
            Some(1.0 - edit_distance(want, got) as f64 / want.len().max(got.len()) as f64)
        };
        let mut scored: Vec<(f64, f64, usize, usize)> = Vec::new();
        for c in approx_find(text, &quote, max_errors).into_iter().take(64) {
            let (s, e) = trim(text, c.start, c.end);
            if s >= e {
                continue;
            }
            let before = &text[s.saturating_sub(prefix.len())..s];
            let after = &text[e..(e + suffix.len()).min(text.len())];
            let contexts: Vec<f64> = [similarity(&prefix, before), similarity(&suffix, after)]
                .into_iter()
                .flatten()
                .collect();
            // With no context to compare, only a near-exact quote is convincing.
            let context = if contexts.is_empty() {
                if c.errors * 10 > m {
                    continue;
                }
                1.0
            } else {
                contexts.iter().sum::<f64>() / contexts.len() as f64
            };
            let quote_sim = 1.0 - c.errors as f64 / m as f64;
            let position = 1.0 - (s.abs_diff(near) as f64 / text.len().max(1) as f64).min(1.0);
            let score = 50.0 * quote_sim + 40.0 * context + 2.0 * position;
            scored.push((score, context, s, e));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let &(best, context, s, e) = scored.first()?;
        // Context must mostly agree (a look-alike passage elsewhere has other neighbours), and
        // a rival nearly as good elsewhere makes the choice a guess: an orphan is better.
        if context < 0.5 {
            return None;
        }
        if scored
            .iter()
            .skip(1)
            .any(|r| best - r.0 < 2.0 && (r.2 >= e || r.3 <= s))
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
    fn moved_when_the_paragraph_moves() {
        let new = "The council has not confirmed the date. Unions disputed the figures. \
            Мэр 👍🏽 said on Monday that the harbour would close in March.";
        let got = carry(OLD, new, "Unions disputed the figures").unwrap();
        // The diff keeps one of the reordered passages in place and finds the others moved.
        assert!(
            matches!(got.0, Placement::Exact | Placement::Moved),
            "{got:?}"
        );
        assert_eq!(got.1, "Unions disputed the figures");
        let got = carry(OLD, new, "the harbour would close in March").unwrap();
        assert!(
            matches!(got.0, Placement::Exact | Placement::Moved),
            "{got:?}"
        );
        assert_eq!(got.1, "the harbour would close in March");
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
