//! Krippendorff's alpha for nominal data with missing values, by the coincidence-matrix method
//! (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011), and its bootstrap
//! interval after Hayes & Krippendorff (2007).
//!
//! Input is a reliability table given unit by unit: for each unit, the values that the coders
//! who coded it gave (a missing value is simply absent). The function is generic over the
//! category label so that it serves status and speaker alike; for speaker the caller uses
//! `Option<SpeakerId>`, so "no speaker" is a category of its own (two coders who both leave
//! the speaker empty agree; one who names a speaker and one who does not disagree).

use std::collections::BTreeMap;

use super::figure::Figure;
use super::rng::SplitMix64;

/// Alpha with the counts behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alpha {
    pub alpha: Figure,
    /// Units with two or more values: only these enter the coincidence matrix.
    pub pairable_units: usize,
    /// Values in those units (n, the total of the coincidence matrix).
    pub pairable_values: usize,
    /// D_o and D_e, when there is anything to compare.
    pub observed_disagreement: Option<f64>,
    pub expected_disagreement: Option<f64>,
}

/// The coincidence matrix of a reliability table, over the categories of its pairable values.
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    /// o[c][k]: each ordered pair of values (c, k) from different coders in a unit with m_u
    /// values counts 1/(m_u − 1), so that every pairable value contributes exactly 1 in total.
    pub o: Vec<Vec<f64>>,
    /// n_c: the row sums (how often category c occurs among pairable values).
    pub n_c: Vec<f64>,
    pub n: f64,
    pub pairable_units: usize,
    pub pairable_values: usize,
    /// Σ_u m_u(m_u − 1)/2: the number of pairs of values within units.
    pub pairs: u64,
}

pub fn coincidences<L: Ord>(units: &[Vec<L>]) -> Coincidences {
    let pairable: Vec<&Vec<L>> = units.iter().filter(|u| u.len() >= 2).collect();
    // Categories of the pairable values only: a value no one can be compared with says nothing
    // about agreement and must not widen the expected disagreement. Each value's category is
    // looked up once.
    let mut index: BTreeMap<&L, usize> = BTreeMap::new();
    let mut categories = Vec::with_capacity(pairable.iter().map(|u| u.len()).sum());
    for unit in &pairable {
        for v in unit.iter() {
            let next = index.len();
            categories.push(*index.entry(v).or_insert(next));
        }
    }
    let k = index.len();
    let mut o = vec![vec![0.0; k]; k];
    let mut pairs = 0u64;
    let mut values = 0usize;
    // Counts of the unit at hand, and which categories it has: a unit's pairs are visited over
    // its own few categories, not all k × k (k is in the hundreds for speakers). Each cell
    // still gets at most one addition per unit, in unit order, so the sums are the same.
    let mut counts = vec![0usize; k];
    let mut present: Vec<usize> = Vec::new();
    let mut at = 0;
    for unit in &pairable {
        let m = unit.len();
        values += m;
        pairs += (m * (m - 1) / 2) as u64;
        for &c in &categories[at..at + m] {
            if counts[c] == 0 {
                present.push(c);
            }
            counts[c] += 1;
        }
        at += m;
        let w = (m - 1) as f64;
        for &c in &present {
            for &d in &present {
                let pairs_cd = if c == d {
                    counts[c] * (counts[c] - 1)
                } else {
                    counts[c] * counts[d]
                };
                if pairs_cd > 0 {
                    o[c][d] += pairs_cd as f64 / w;
                }
            }
        }
        for &c in &present {
            counts[c] = 0;
        }
        present.clear();
    }
    let n_c: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    Coincidences {
        o,
        n_c,
        n: values as f64,
        pairable_units: pairable.len(),
        pairable_values: values,
        pairs,
    }
}

impl Coincidences {
    /// D_o = Σ_{c≠k} o_ck / n (nominal: every mismatch weighs 1).
    fn observed(&self) -> f64 {
        let mut off = 0.0;
        for (c, row) in self.o.iter().enumerate() {
            for (k, x) in row.iter().enumerate() {
                if c != k {
                    off += x;
                }
            }
        }
        off / self.n
    }

    /// D_e = Σ_{c≠k} n_c n_k / (n (n − 1)).
    fn expected(&self) -> f64 {
        let mut off = 0.0;
        for (c, a) in self.n_c.iter().enumerate() {
            for (k, b) in self.n_c.iter().enumerate() {
                if c != k {
                    off += a * b;
                }
            }
        }
        off / (self.n * (self.n - 1.0))
    }
}

/// Nominal alpha = 1 − D_o / D_e.
pub fn nominal_alpha<L: Ord>(units: &[Vec<L>]) -> Alpha {
    alpha_of(&coincidences(units))
}

fn alpha_of(c: &Coincidences) -> Alpha {
    let mut out = Alpha {
        alpha: Figure::undefined(
            "no unit has values from two or more coders, so there is nothing to compare",
        ),
        pairable_units: c.pairable_units,
        pairable_values: c.pairable_values,
        observed_disagreement: None,
        expected_disagreement: None,
    };
    if c.pairable_values < 2 {
        return out;
    }
    let d_o = c.observed();
    let d_e = c.expected();
    out.observed_disagreement = Some(d_o);
    out.expected_disagreement = Some(d_e);
    out.alpha = if d_e == 0.0 {
        // Only one category among the pairable values: agreement cannot be told from chance.
        Figure::undefined(
            "every pairable value is the same category, so expected disagreement is zero",
        )
    } else {
        Figure::Value(1.0 - d_o / d_e)
    };
    out
}

/// A bootstrap interval and how it was drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapCi {
    pub low: f64,
    pub high: f64,
    pub resamples: u32,
    /// Pairs of values drawn per resample (M below).
    pub draws: u64,
}

/// Hayes & Krippendorff's (2007) bootstrap, as their KALPHA macro (v3.0, 2011) does it — not a
/// resampling of units. Why theirs: it is the published standard for alpha, and resampling
/// units would break down with missing values and units of unequal size. Precisely:
///
/// 1. From the coincidence matrix, each unordered pair of categories {c, k} gets probability
///    p_cc = o_cc / n and p_ck = 2 o_ck / n (c < k): the chance that a randomly chosen pair of
///    pairable values is that pair (they sum to 1).
/// 2. Each resample draws M such pairs independently with those probabilities, sums their
///    nominal δ (0 if same, 1 if not) and sets α* = 1 − Σδ / (M · D_e), D_e staying that of
///    the data. α* below −1 is set to −1.
/// 3. M = min(25·q, (m − 1)·n / 2), q the number of non-zero cells of the coincidence matrix,
///    m the number of coders, n the pairable values — the macro's choice, kept so that our
///    intervals match KALPHA's; a consequence is that beyond a few hundred pairs the interval
///    stops narrowing with more data.
/// 4. The macro's two corrections for samples of perfect agreement are kept: if only one
///    category has agreeing pairs (one non-zero diagonal cell), an α* of 1 counts as 0; else
///    round(B · Σ_c (o_cc / n)^P) of the α* equal to 1 (P the number of pairs in the data)
///    become 0 — the expected number of samples that would have no variation at all.
/// 5. The interval is the percentile one: with the B values sorted, the ⌊0.025·B⌋-th and the
///    (⌊0.975·B⌋ + 1)-th (1-based, as the macro; clamped into 1..=B for small B).
///
/// Returns the reason instead when alpha itself is not defined or no resample is asked for.
pub fn bootstrap_ci<L: Ord>(
    units: &[Vec<L>],
    coders: usize,
    resamples: u32,
    seed: u64,
) -> Result<BootstrapCi, String> {
    let c = coincidences(units);
    let a = alpha_of(&c);
    if let Figure::Undefined { reason } = &a.alpha {
        return Err(format!("alpha is not defined: {reason}"));
    }
    if resamples == 0 {
        return Err("no bootstrap resamples were asked for".into());
    }
    let d_e = a.expected_disagreement.unwrap_or(0.0);
    let k = c.n_c.len();

    // Step 1: cumulative probabilities over the unordered cells that can be drawn.
    let mut cumulative = Vec::new();
    let mut deltas = Vec::new();
    let mut total = 0.0;
    for i in 0..k {
        for j in i..k {
            let p = if i == j {
                c.o[i][i] / c.n
            } else {
                2.0 * c.o[i][j] / c.n
            };
            if p > 0.0 {
                total += p;
                cumulative.push(total);
                deltas.push(if i == j { 0.0 } else { 1.0 });
            }
        }
    }

    // Step 3: the number of draws.
    let q = c.o.iter().flatten().filter(|x| **x > 0.0).count() as f64;
    let by_data = ((coders.max(2) - 1) as f64 * c.n / 2.0).floor();
    let draws = (25.0 * q).min(by_data).max(1.0) as u64;

    // Step 2, with the first correction of step 4.
    let nonzero_diagonal = (0..k).filter(|&i| c.o[i][i] > 0.0).count();
    let mut rng = SplitMix64::new(seed);
    let mut alphas = Vec::with_capacity(resamples as usize);
    let mut ones = 0usize;
    for _ in 0..resamples {
        let mut sum = 0.0;
        for _ in 0..draws {
            let u = rng.next_f64() * total;
            let cell = cumulative
                .partition_point(|&x| x <= u)
                .min(cumulative.len() - 1);
            sum += deltas[cell];
        }
        let mut alpha = 1.0 - sum / (draws as f64 * d_e);
        if alpha < -1.0 {
            alpha = -1.0;
        }
        if alpha == 1.0 {
            if nonzero_diagonal == 1 {
                alpha = 0.0;
            } else {
                ones += 1;
            }
        }
        alphas.push(alpha);
    }

    // Step 4, second correction.
    if nonzero_diagonal > 1 && ones > 0 {
        let p_all_same: f64 = (0..k).map(|i| (c.o[i][i] / c.n).powf(c.pairs as f64)).sum();
        let expected_ones = (resamples as f64 * p_all_same).round() as usize;
        let mut left = expected_ones.min(ones);
        for a in alphas.iter_mut() {
            if left == 0 {
                break;
            }
            if *a == 1.0 {
                *a = 0.0;
                left -= 1;
            }
        }
    }

    // Step 5.
    alphas.sort_by(f64::total_cmp);
    let b = resamples as usize;
    let low_rank = ((0.025 * b as f64).floor() as usize).clamp(1, b);
    let high_rank = ((0.975 * b as f64).floor() as usize + 1).clamp(1, b);
    Ok(BootstrapCi {
        low: alphas[low_rank - 1],
        high: alphas[high_rank - 1],
        resamples,
        draws,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn two_coders_complete() {
        // 4 units: agree, agree, disagree, agree. n = 8, o_aa = 4, o_bb = 2, o_ab = o_ba = 1,
        // n_a = 5, n_b = 3: alpha = 1 − 7·2 / (2·15) = 1 − 14/30.
        let units = vec![
            vec!["a", "a"],
            vec!["b", "b"],
            vec!["a", "b"],
            vec!["a", "a"],
        ];
        let a = nominal_alpha(&units);
        assert!(close(a.alpha.value().unwrap(), 1.0 - 14.0 / 30.0));
        assert_eq!((a.pairable_units, a.pairable_values), (4, 8));
    }

    #[test]
    fn single_values_are_not_pairable() {
        let units = vec![vec!["a", "a"], vec!["b"], vec!["b", "a"], vec![]];
        let a = nominal_alpha(&units);
        assert_eq!((a.pairable_units, a.pairable_values), (2, 4));
    }

    #[test]
    fn undefined_cases() {
        let none: Vec<Vec<&str>> = vec![vec!["a"], vec![]];
        assert!(nominal_alpha(&none)
            .alpha
            .reason()
            .unwrap()
            .contains("nothing"));
        let one = vec![vec!["a", "a"], vec!["a", "a", "a"]];
        assert!(nominal_alpha(&one)
            .alpha
            .reason()
            .unwrap()
            .contains("same category"));
    }

    #[test]
    fn no_speaker_is_a_category() {
        let units = vec![
            vec![None, None],
            vec![Some("x"), None],
            vec![Some("x"), Some("x")],
        ];
        let a = nominal_alpha(&units);
        assert!(a.alpha.is_defined());
        assert_eq!(a.pairable_values, 6);
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_alpha() {
        let mut units = Vec::new();
        for i in 0..60 {
            let v = ["a", "b", "c"][i % 3];
            let w = if i % 7 == 0 {
                ["a", "b", "c"][(i + 1) % 3]
            } else {
                v
            };
            units.push(vec![v, w, v]);
        }
        let alpha = nominal_alpha(&units).alpha.value().unwrap();
        let x = bootstrap_ci(&units, 3, 1000, 7).unwrap();
        let y = bootstrap_ci(&units, 3, 1000, 7).unwrap();
        assert_eq!(x, y);
        assert!(x.low <= alpha && alpha <= x.high, "{x:?} vs {alpha}");
        assert!(bootstrap_ci(&units, 3, 0, 7).is_err());
    }
}
