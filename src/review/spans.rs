//! How well coders agree on *where* the claims are, regardless of how they coded them:
//! F1 of one coder's claims against another's (exact and by overlap), and Krippendorff's
//! alpha for unitizing.

use super::figure::Figure;
use super::units::{jaccard, matches};

/// Matches of two coders' claims, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanMatches {
    pub claims_a: usize,
    pub claims_b: usize,
    pub exact: usize,
    pub overlap: usize,
}

impl SpanMatches {
    /// Matches of one document's claims: `a` and `b` are the spans of each coder.
    ///
    /// Exact: spans with the same start and end, paired one to one (a coder who made the same
    /// span twice is matched at most as often as the other made it).
    /// Overlap: spans that are identical or have a Jaccard index ≥ `min_jaccard`, paired one to
    /// one greedily — every candidate pair by descending Jaccard index, then by the spans'
    /// order, taken when both are still free. (Greedy rather than an optimal assignment: the
    /// two differ only when overlapping claims compete, and greedy is what a reader can check.)
    pub fn of_document(a: &[(u32, u32)], b: &[(u32, u32)], min_jaccard: f64) -> Self {
        Self::matched(a, b, min_jaccard, true)
    }

    /// [`SpanMatches::of_document`], with the sorted sweep allowed or not (the tests compare).
    fn matched(a: &[(u32, u32)], b: &[(u32, u32)], min_jaccard: f64, allow_sweep: bool) -> Self {
        let mut a_sorted = a.to_vec();
        let mut b_sorted = b.to_vec();
        a_sorted.sort_unstable();
        b_sorted.sort_unstable();

        let (mut i, mut j, mut exact) = (0, 0, 0);
        while i < a_sorted.len() && j < b_sorted.len() {
            match a_sorted[i].cmp(&b_sorted[j]) {
                std::cmp::Ordering::Equal => {
                    exact += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }

        let mut candidates = Vec::new();
        // A sorted sweep: spans of b that end before a span of a starts overlap neither it nor
        // any later one (a is sorted by start), so the scan starts after the first run of them.
        // Only when a match needs an overlap (a threshold above 0) and no span is reversed.
        let sweep = allow_sweep && min_jaccard > 0.0 && a.iter().chain(b).all(|s| s.0 <= s.1);
        let mut lo = 0;
        for (x, sa) in a_sorted.iter().enumerate() {
            if sweep {
                while lo < b_sorted.len() && b_sorted[lo].1 < sa.0 {
                    lo += 1;
                }
            }
            for (y, sb) in b_sorted.iter().enumerate().skip(lo) {
                if sb.0 >= sa.1 && sa != sb {
                    break; // b is sorted by start: no later span of b overlaps this one.
                }
                if matches(*sa, *sb, min_jaccard) {
                    candidates.push((jaccard(*sa, *sb), x, y));
                }
            }
        }
        candidates.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
        let mut used_a = vec![false; a_sorted.len()];
        let mut used_b = vec![false; b_sorted.len()];
        let mut overlap = 0;
        for (_, x, y) in candidates {
            if !used_a[x] && !used_b[y] {
                used_a[x] = true;
                used_b[y] = true;
                overlap += 1;
            }
        }
        SpanMatches {
            claims_a: a.len(),
            claims_b: b.len(),
            exact,
            overlap,
        }
    }

    pub fn add(&mut self, other: SpanMatches) {
        self.claims_a += other.claims_a;
        self.claims_b += other.claims_b;
        self.exact += other.exact;
        self.overlap += other.overlap;
    }

    /// F1 = 2·matches / (|A| + |B|): the harmonic mean of precision and recall with either coder
    /// as the reference (it is symmetric).
    pub fn f1_exact(&self) -> Figure {
        self.f1(self.exact)
    }

    pub fn f1_overlap(&self) -> Figure {
        self.f1(self.overlap)
    }

    fn f1(&self, matched: usize) -> Figure {
        let total = self.claims_a + self.claims_b;
        if total == 0 {
            Figure::undefined("neither coder made any claim")
        } else {
            Figure::Value(2.0 * matched as f64 / total as f64)
        }
    }
}

/// One document as a continuum for unitizing: its length and, for each chosen coder (a coder
/// who coded nothing has an empty list), the spans they marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuum {
    pub length: u32,
    pub coders: Vec<Vec<(u32, u32)>>,
}

/// Unitizing alpha with what lies behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unitizing {
    pub alpha: Figure,
    /// Total length of the continuum (code points, all documents).
    pub length: u64,
    /// Coded segments after merging each coder's overlapping claims.
    pub segments: usize,
    pub coders: usize,
    pub observed_disagreement: Option<f64>,
    pub expected_disagreement: Option<f64>,
}

/// A stretch of one coder's continuum: coded (a claim) or a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: u64,
    end: u64,
    coded: bool,
}

impl Segment {
    fn len(&self) -> u64 {
        self.end - self.start
    }
}

/// Krippendorff's alpha for unitizing a continuum, binary variant (Krippendorff 1995, "On the
/// reliability of unitizing continuous data"; the formulas as in Content Analysis, 2004,
/// §12.4): each coder's text is split into coded segments ("is a claim", whatever its status)
/// and gaps. Statuses are left to the status alpha; this figure is about the spans alone.
///
/// - A coder's claims are clipped to the text and overlapping ones merged into their union
///   (the formula needs non-overlapping units per coder); claims that merely touch stay two.
/// - Observed: D_o = Σ_{i≠j} Σ_{g,h} δ²(g_i, h_j) / (m(m − 1)L²) over pairs of segments of
///   coders i and j that share a position, where δ² of two coded segments is
///   (start difference)² + (end difference)², of a coded segment lying wholly inside the
///   other's gap is its length², and 0 otherwise.
/// - Expected: D_e = (2/L) Σ_g [ (N − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps h, l_h ≥ l} (l_h − l + 1) ]
///   / (mL(mL − 1) − Σ_g l(l − 1)), g over the N coded segments of all coders, l = l_g.
/// - alpha = 1 − D_o / D_e; not defined with fewer than two coders, an empty text, or no
///   claims at all (D_e = 0).
///
/// Several documents are pooled by laying them end to end into one continuum of the summed
/// length, with a segment boundary at every document boundary (a gap never runs from one
/// document into the next, so no unit could be placed across two articles). A chosen coder
/// with no claims in a document counts as having found none there.
pub fn unitizing_alpha(documents: &[Continuum]) -> Unitizing {
    let m = documents.iter().map(|d| d.coders.len()).max().unwrap_or(0);
    let length: u64 = documents.iter().map(|d| d.length as u64).sum();
    let mut per_coder: Vec<Vec<Segment>> = vec![Vec::new(); m];
    let mut offset = 0u64;
    for doc in documents {
        for (c, segments) in per_coder.iter_mut().enumerate() {
            let spans = doc.coders.get(c).map_or(&[][..], Vec::as_slice);
            segments.extend(segments_of(spans, doc.length, offset));
        }
        offset += doc.length as u64;
    }
    let coded: Vec<u64> = per_coder
        .iter()
        .flatten()
        .filter(|s| s.coded)
        .map(Segment::len)
        .collect();
    let mut out = Unitizing {
        alpha: Figure::undefined("fewer than two coders"),
        length,
        segments: coded.len(),
        coders: m,
        observed_disagreement: None,
        expected_disagreement: None,
    };
    if m < 2 {
        return out;
    }
    if length == 0 {
        out.alpha = Figure::undefined("the text is empty");
        return out;
    }
    if coded.is_empty() {
        out.alpha = Figure::undefined("no coder marked any claim, so there is nothing to compare");
        return out;
    }

    let l = length as f64;
    let mf = m as f64;
    let mut observed = 0.0;
    for i in 0..m {
        for j in (i + 1)..m {
            observed += 2.0 * pair_disagreement(&per_coder[i], &per_coder[j]);
        }
    }
    let d_o = observed / (mf * (mf - 1.0) * l * l);

    // Gaps ascending with suffix sums, so Σ_{l_h ≥ l}(l_h − l + 1) is a lookup per segment.
    let mut gaps: Vec<u64> = per_coder
        .iter()
        .flatten()
        .filter(|s| !s.coded)
        .map(Segment::len)
        .collect();
    gaps.sort_unstable();
    let mut suffix = vec![0.0f64; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        suffix[k] = suffix[k + 1] + gaps[k] as f64;
    }
    let n = coded.len() as f64;
    let mut sum = 0.0;
    let mut self_pairs = 0.0;
    for &len in &coded {
        let x = len as f64;
        let first = gaps.partition_point(|&g| g < len);
        let count = (gaps.len() - first) as f64;
        let room = suffix[first] - count * (x - 1.0);
        sum += (n - 1.0) * (2.0 * x * x * x - 3.0 * x * x + x) / 3.0 + x * x * room;
        self_pairs += x * (x - 1.0);
    }
    let d_e = (2.0 / l) * sum / (mf * l * (mf * l - 1.0) - self_pairs);
    out.observed_disagreement = Some(d_o);
    out.expected_disagreement = Some(d_e);
    out.alpha = if d_e > 0.0 {
        Figure::Value(1.0 - d_o / d_e)
    } else {
        Figure::undefined("expected disagreement is zero")
    };
    out
}

/// One coder's segments of a document of `length`, shifted by `offset`.
fn segments_of(spans: &[(u32, u32)], length: u32, offset: u64) -> Vec<Segment> {
    let mut clipped: Vec<(u32, u32)> = spans
        .iter()
        .map(|&(s, e)| (s.min(length), e.min(length)))
        .filter(|(s, e)| s < e)
        .collect();
    clipped.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::new();
    for (s, e) in clipped {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = Vec::new();
    let mut pos = 0u32;
    let seg = |s: u32, e: u32, coded| Segment {
        start: offset + s as u64,
        end: offset + e as u64,
        coded,
    };
    for (s, e) in merged {
        if s > pos {
            out.push(seg(pos, s, false));
        }
        out.push(seg(s, e, true));
        pos = e;
    }
    if pos < length {
        out.push(seg(pos, length, false));
    }
    out
}

/// Σ δ² over the pairs of segments of two coders that share a position (each pair once).
fn pair_disagreement(a: &[Segment], b: &[Segment]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let (g, h) = (a[i], b[j]);
        if g.end <= h.start {
            i += 1;
            continue;
        }
        if h.end <= g.start {
            j += 1;
            continue;
        }
        sum += delta2(g, h);
        if g.end <= h.end {
            i += 1;
        }
        if h.end <= g.end {
            j += 1;
        }
    }
    sum
}

fn delta2(g: Segment, h: Segment) -> f64 {
    let sq = |x: f64| x * x;
    match (g.coded, h.coded) {
        (true, true) => sq(g.start as f64 - h.start as f64) + sq(g.end as f64 - h.end as f64),
        (true, false) if h.start <= g.start && g.end <= h.end => sq(g.len() as f64),
        (false, true) if g.start <= h.start && h.end <= g.end => sq(h.len() as f64),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sweep matches as the scan of every pair does, on random overlapping spans.
    #[test]
    fn the_sweep_matches_as_the_full_scan_does() {
        let mut rng = crate::review::rng::SplitMix64::new(11);
        let mut spans = |n: u64| -> Vec<(u32, u32)> {
            (0..n)
                .map(|i| {
                    let start = (rng.next_u64() % 80) as u32;
                    let len = 1 + (rng.next_u64() % if i % 5 == 0 { 50 } else { 10 }) as u32;
                    (start, start + len)
                })
                .collect()
        };
        for _ in 0..200 {
            let (a, b) = (spans(25), spans(30));
            for min in [0.1, 0.5, 0.9, 1.0] {
                assert_eq!(
                    SpanMatches::matched(&a, &b, min, true),
                    SpanMatches::matched(&a, &b, min, false),
                    "{a:?} {b:?} {min}"
                );
            }
        }
    }

    fn one(length: u32, coders: Vec<Vec<(u32, u32)>>) -> Unitizing {
        unitizing_alpha(&[Continuum { length, coders }])
    }

    #[test]
    fn krippendorff_2004_worked_example() {
        // Content Analysis (2004), p. 254, category "c": a continuum from 150 to 450; observer
        // i marks 225+70 and 370+30, observer j 220+80, 355+20 and 400+20. Published:
        // D_o = 0.0144, D_e = 0.0532, alpha = 0.7286 (to four places).
        let shift = |s: u32, l: u32| (s - 150, s - 150 + l);
        let u = one(
            300,
            vec![
                vec![shift(225, 70), shift(370, 30)],
                vec![shift(220, 80), shift(355, 20), shift(400, 20)],
            ],
        );
        assert!((u.observed_disagreement.unwrap() - 0.0144).abs() < 0.00005);
        assert!((u.expected_disagreement.unwrap() - 0.0532).abs() < 0.00005);
        assert!((u.alpha.value().unwrap() - 0.7286).abs() < 0.00005, "{u:?}");
    }

    #[test]
    fn krippendorff_1995_observed_disagreement() {
        // Krippendorff (1995), p. 57, pair A (Bertha, Bill) on 24 positions: D_o = 0.03125.
        let u = one(24, vec![vec![(2, 10), (14, 20)], vec![(4, 8), (15, 17)]]);
        assert!((u.observed_disagreement.unwrap() - 0.03125).abs() < 1e-12);
    }

    #[test]
    fn identical_coders_agree_perfectly_and_undefined_cases() {
        let spans = vec![(3, 9), (20, 30)];
        let u = one(50, vec![spans.clone(), spans.clone(), spans]);
        assert_eq!(u.alpha, Figure::Value(1.0));
        assert!(!one(50, vec![vec![(1, 2)]]).alpha.is_defined());
        assert!(!one(50, vec![vec![], vec![]]).alpha.is_defined());
        assert!(!one(0, vec![vec![], vec![]]).alpha.is_defined());
    }

    #[test]
    fn overlapping_claims_merge_and_touching_stay_apart() {
        let s = segments_of(&[(2, 6), (4, 8), (8, 10), (40, 60)], 12, 100);
        let coded: Vec<(u64, u64)> = s
            .iter()
            .filter(|x| x.coded)
            .map(|x| (x.start, x.end))
            .collect();
        assert_eq!(coded, vec![(102, 108), (108, 110)]);
        assert_eq!(s.iter().map(Segment::len).sum::<u64>(), 12);
    }

    #[test]
    fn pooling_is_not_an_average() {
        let d1 = Continuum {
            length: 20,
            coders: vec![vec![(2, 8)], vec![(2, 8)]],
        };
        let d2 = Continuum {
            length: 30,
            coders: vec![vec![(5, 15)], vec![(8, 20)]],
        };
        let pooled = unitizing_alpha(&[d1.clone(), d2.clone()])
            .alpha
            .value()
            .unwrap();
        let a1 = unitizing_alpha(&[d1]).alpha.value().unwrap();
        let a2 = unitizing_alpha(&[d2]).alpha.value().unwrap();
        assert!(pooled.is_finite() && (pooled - (a1 + a2) / 2.0).abs() > 1e-6);
    }

    #[test]
    fn f1_exact_and_overlap() {
        let a = [(0, 10), (20, 30), (40, 50)];
        let b = [(0, 10), (22, 30), (60, 70), (0, 10)];
        let m = SpanMatches::of_document(&a, &b, 0.5);
        assert_eq!((m.exact, m.overlap), (1, 2));
        assert_eq!(m.f1_exact(), Figure::Value(2.0 / 7.0));
        assert_eq!(m.f1_overlap(), Figure::Value(4.0 / 7.0));
        assert!(!SpanMatches::default().f1_exact().is_defined());
    }

    #[test]
    fn overlap_matching_is_one_to_one_and_best_first() {
        // b's one span overlaps both of a's; it goes to the better one.
        let m = SpanMatches::of_document(&[(0, 10), (2, 10)], &[(2, 10)], 0.5);
        assert_eq!((m.exact, m.overlap), (1, 1));
    }
}
