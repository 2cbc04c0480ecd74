//! Full-text search over every document's text and every claim's note. The FTS5 index (kept
//! by triggers in the writing transaction, see migration 005) narrows the candidates; the
//! matches are then found in each text here, so their offsets are code points, like claims'.

use serde::{Deserialize, Serialize};

use super::Project;
use crate::error::{Error, Result};
use crate::model::{ClaimId, DocumentId, Span};
use crate::store::search::{each_candidate, Indexed};
use crate::store::{claims, documents};

/// Matches kept per text (a common word in a long article would otherwise flood the answer).
const MAX_MATCHES: usize = 500;
/// Texts returned at most, the first found (oldest first): a common word in a project of
/// thousands of articles would otherwise read them all and list them all. Clients say "add
/// words" when a search returns this many.
pub const MAX_HITS: usize = 200;
/// Code points of text shown either side of the first match.
const SNIPPET_CONTEXT: usize = 40;
const MAX_TERMS: usize = 16;

/// Where a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// In a document's text.
    Document,
    /// In a claim's note.
    Note,
}

/// A text holding every word searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub kind: HitKind,
    pub document: DocumentId,
    pub title: String,
    pub version: u32,
    /// The claim whose note matched (for a note).
    pub claim: Option<ClaimId>,
    /// Each match, in code points of the document's text (or of the note), in text order.
    pub matches: Vec<Span>,
    /// The text around the first match, and where it begins (code points of the same text).
    pub snippet: String,
    pub snippet_start: u32,
}

impl Project {
    /// Finds the documents and notes holding every word of `query` (case-insensitively; a
    /// word may be part of a longer one, which is how CJK text, without spaces, is searched):
    /// the first [`MAX_HITS`] found.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        let terms: Vec<String> = query.split_whitespace().map(str::to_owned).collect();
        if terms.is_empty() {
            return Err(Error::InvalidOption(
                "the search is empty: type the words to find".into(),
            ));
        }
        if terms.len() > MAX_TERMS {
            return Err(Error::InvalidOption(format!(
                "the search has {} words; at most {MAX_TERMS} are searched together",
                terms.len()
            )));
        }
        let folded: Vec<Vec<char>> = terms
            .iter()
            .map(|t| t.chars().map(fold).collect())
            .collect();
        self.store.read(|c| {
            let mut hits = Vec::new();
            each_candidate(c, &terms, |found| {
                let (kind, document, claim, text) = match found {
                    Indexed::Document(id) => {
                        let id = DocumentId(id);
                        let text = documents::text(c, &id)?;
                        (HitKind::Document, id, None, text)
                    }
                    Indexed::Note(id) => {
                        let claim = claims::get(c, &ClaimId(id))?;
                        let note = claim.note.unwrap_or_default();
                        (HitKind::Note, claim.document, Some(claim.id), note)
                    }
                };
                let Some(matches) = find_all(&text, &folded) else {
                    return Ok(true);
                };
                let summary = documents::get_summary(c, &document)?;
                let (snippet, snippet_start) = snippet(&text, matches[0]);
                hits.push(SearchHit {
                    kind,
                    document,
                    title: summary.title,
                    version: summary.version,
                    claim,
                    matches,
                    snippet,
                    snippet_start,
                });
                Ok(hits.len() < MAX_HITS)
            })?;
            Ok(hits)
        })
    }
}

/// A code point compared without case (one code point for one; the rare letters whose lower
/// case is longer are compared as they are).
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Every match of every term in `text`, in order; `None` unless each term occurs.
fn find_all(text: &str, terms: &[Vec<char>]) -> Option<Vec<Span>> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut spans = Vec::new();
    for term in terms {
        let before = spans.len();
        let m = term.len();
        if m == 0 || m > chars.len() {
            return None;
        }
        for start in 0..=chars.len() - m {
            if chars[start] == term[0] && chars[start..start + m] == term[..] {
                spans.push(Span {
                    start: start as u32,
                    end: (start + m) as u32,
                });
            }
        }
        if spans.len() == before {
            return None;
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    spans.truncate(MAX_MATCHES);
    Some(spans)
}

fn snippet(text: &str, first: Span) -> (String, u32) {
    let from = (first.start as usize).saturating_sub(SNIPPET_CONTEXT);
    let len = (first.end as usize + SNIPPET_CONTEXT) - from;
    (text.chars().skip(from).take(len).collect(), from as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_code_points_and_case_blind() {
        let terms = vec!["порт".chars().map(fold).collect::<Vec<_>>()];
        let got = find_all("👍🏽 Порт и порт", &terms).unwrap();
        assert_eq!(
            got,
            [Span { start: 3, end: 7 }, Span { start: 10, end: 14 }]
        );
        let missing = vec!["xyz".chars().collect::<Vec<_>>()];
        assert_eq!(find_all("abc", &missing), None);
    }
}
