//! Units of review: for one document, the claims of different coders that cover the same
//! passage. Claims belong together when their spans are identical or overlap with a Jaccard
//! index (|a ∩ b| / |a ∪ b|, in code points) of at least a threshold; each coder gives at most
//! one claim to a unit, and a coder with none there is "missing" in it.
//!
//! The algorithm (greedy, deterministic):
//! 1. Keep the chosen coders' claims and sort them by (start, end, coder, claim id); the
//!    result then does not depend on the order the store returned them in.
//! 2. Walk that order. The first claim not yet in a unit seeds a new one. For every other
//!    coder (in id order), among that coder's claims not yet in a unit, the one with the
//!    highest Jaccard index against the seed joins, if it is identical to the seed or at or
//!    above the threshold; ties go to the earliest start, then the earliest end, then the
//!    lowest claim id.
//! 3. A claim joins at most one unit; a coder appears at most once in a unit.
//!
//! Why match against the seed rather than the growing unit: every member then overlaps one
//! common span by the threshold, so a chain of small shifts cannot pull two claims that hardly
//! overlap into one unit, and the outcome is independent of the order coders are visited in.
//! Why seeds in text order: units come out in reading order, and each claim is first offered
//! to the earliest passage it could belong to. The known limit of any greedy grouping: when a
//! coder made two overlapping claims, the later one of theirs may have matched another coder's
//! claim better than the seed did; such a claim then forms (or joins) a later unit.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{ClaimId, CoderId, DocumentId, SpeakerId, Status};

/// One coder's claim as review sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodedSpan {
    pub coder: CoderId,
    pub claim: ClaimId,
    pub start: u32,
    pub end: u32,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
}

/// A passage of a document and the claim each coder made there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub document: DocumentId,
    /// The smallest span that covers every member.
    pub start: u32,
    pub end: u32,
    pub members: BTreeMap<CoderId, CodedSpan>,
}

/// |a ∩ b| / |a ∪ b| of two half-open spans. Two empty spans at the same place are identical
/// (1); an empty span against any other is 0.
pub fn jaccard(a: (u32, u32), b: (u32, u32)) -> f64 {
    if a == b {
        return 1.0;
    }
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    // saturating: a reversed span (end before start) counts as empty rather than panicking.
    let union = a.1.saturating_sub(a.0) + b.1.saturating_sub(b.0) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Whether two spans belong to the same unit under `min_jaccard`.
pub fn matches(a: (u32, u32), b: (u32, u32), min_jaccard: f64) -> bool {
    a == b || jaccard(a, b) >= min_jaccard
}

pub fn units(
    document: &DocumentId,
    claims: &[CodedSpan],
    coders: &[CoderId],
    min_jaccard: f64,
) -> Vec<Unit> {
    let claims: Vec<&CodedSpan> = claims.iter().collect();
    grouped(document, &claims, coders, min_jaccard, true)
}

/// [`units`] of borrowed claims (the agreement report's, which it does not copy).
pub(crate) fn units_of(
    document: &DocumentId,
    claims: &[&CodedSpan],
    coders: &[CoderId],
    min_jaccard: f64,
) -> Vec<Unit> {
    grouped(document, claims, coders, min_jaccard, true)
}

/// [`units`], with the sorted sweep allowed or not (the tests compare the two).
fn grouped(
    document: &DocumentId,
    claims: &[&CodedSpan],
    coders: &[CoderId],
    min_jaccard: f64,
    allow_sweep: bool,
) -> Vec<Unit> {
    let chosen: BTreeSet<&CoderId> = coders.iter().collect();
    let mut sorted: Vec<&CodedSpan> = claims
        .iter()
        .copied()
        .filter(|c| chosen.contains(&c.coder))
        .collect();
    sorted.sort_by(|a, b| {
        (a.start, a.end, &a.coder, &a.claim).cmp(&(b.start, b.end, &b.coder, &b.claim))
    });
    // Each coder's claims, in the same order, as indices into `sorted`.
    let mut by_coder: BTreeMap<&CoderId, Vec<usize>> = BTreeMap::new();
    for (i, c) in sorted.iter().enumerate() {
        by_coder.entry(&c.coder).or_default().push(i);
    }
    let mut taken = vec![false; sorted.len()];
    // A sorted sweep: a claim can join a seed only when it overlaps it (min_jaccard > 0), so
    // each coder's candidates are those from its first claim still alive (not taken, not ended
    // before the seed starts; seeds come in start order, so such a claim never overlaps a later
    // seed) up to the first that starts after the seed ends. The same candidates in the same
    // order as a scan of all of them, so the same units; a scan of all of them was quadratic
    // in a document's claims. With a threshold of 0 (no overlap needed) or a reversed span,
    // every claim is a candidate.
    let sweep = allow_sweep && min_jaccard > 0.0 && sorted.iter().all(|c| c.start <= c.end);
    let mut alive: BTreeMap<&CoderId, usize> = by_coder.keys().map(|k| (*k, 0)).collect();
    let mut out = Vec::new();
    for seed_index in 0..sorted.len() {
        if taken[seed_index] {
            continue;
        }
        taken[seed_index] = true;
        let seed = sorted[seed_index];
        let seed_span = (seed.start, seed.end);
        let mut members = BTreeMap::new();
        members.insert(seed.coder.clone(), seed.clone());
        for (coder, indices) in &by_coder {
            if **coder == seed.coder {
                continue;
            }
            let from = if sweep {
                let lo = alive.get_mut(coder).expect("every coder has a place");
                while *lo < indices.len() && {
                    let c = sorted[indices[*lo]];
                    taken[indices[*lo]] || c.end < seed.start
                } {
                    *lo += 1;
                }
                *lo
            } else {
                0
            };
            // Candidates come in (start, end, id) order, so keeping the first of equal
            // Jaccard indices is exactly the tie rule.
            let mut best: Option<(usize, f64)> = None;
            for &i in &indices[from..] {
                if sweep && sorted[i].start > seed.end {
                    break;
                }
                if taken[i] {
                    continue;
                }
                let span = (sorted[i].start, sorted[i].end);
                if !matches(seed_span, span, min_jaccard) {
                    continue;
                }
                let j = jaccard(seed_span, span);
                if best.is_none_or(|(_, b)| j > b) {
                    best = Some((i, j));
                }
            }
            if let Some((i, _)) = best {
                taken[i] = true;
                members.insert((*coder).clone(), sorted[i].clone());
            }
        }
        let start = members
            .values()
            .map(|m| m.start)
            .min()
            .unwrap_or(seed.start);
        let end = members.values().map(|m| m.end).max().unwrap_or(seed.end);
        out.push(Unit {
            document: document.clone(),
            start,
            end,
            members,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_values() {
        assert_eq!(jaccard((0, 10), (0, 10)), 1.0);
        assert_eq!(jaccard((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(jaccard((0, 10), (0, 5)), 0.5);
        assert_eq!(jaccard((0, 10), (10, 20)), 0.0);
        assert_eq!(jaccard((3, 3), (3, 3)), 1.0);
        assert_eq!(jaccard((3, 3), (0, 10)), 0.0);
        assert_eq!(jaccard((9, 2), (0, 10)), 0.0);
    }

    /// The sweep finds the units a scan of every candidate finds, on overlapping claims of
    /// three coders with nested, identical and chained spans.
    #[test]
    fn the_sweep_groups_as_the_full_scan_does() {
        let coders: Vec<CoderId> = ["a", "b", "c"].map(CoderId::from).to_vec();
        let doc = DocumentId::from("d");
        let mut rng = crate::review::rng::SplitMix64::new(7);
        for round in 0..200 {
            let n = 1 + (rng.next_u64() % 40) as usize;
            let claims: Vec<CodedSpan> = (0..n)
                .map(|i| {
                    let start = (rng.next_u64() % 60) as u32;
                    let len = 1 + (rng.next_u64() % if i % 7 == 0 { 40 } else { 8 }) as u32;
                    CodedSpan {
                        coder: coders[(rng.next_u64() % 3) as usize].clone(),
                        claim: ClaimId(format!("{round}-{i}")),
                        start,
                        end: start + len,
                        status: Status::Attributed,
                        speaker: None,
                    }
                })
                .collect();
            let claims: Vec<&CodedSpan> = claims.iter().collect();
            for min in [0.1, 0.5, 0.8, 1.0] {
                assert_eq!(
                    grouped(&doc, &claims, &coders, min, true),
                    grouped(&doc, &claims, &coders, min, false),
                    "round {round}, threshold {min}"
                );
            }
        }
    }
}
