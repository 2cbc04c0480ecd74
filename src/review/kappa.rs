//! Cohen's kappa (with percent agreement and the confusion matrix) for one pair of coders, and
//! Fleiss' kappa for units that every chosen coder coded. Both are generic over the category
//! label. Where a figure cannot be computed it is a [`Figure::Undefined`] with the reason.

use std::collections::BTreeMap;

use super::figure::Figure;

/// Two coders compared over the units both coded.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohen<L: Ord> {
    pub kappa: Figure,
    pub percent_agreement: Figure,
    /// Units both coded.
    pub n: usize,
    /// confusion[a's category][b's category] = units; every given category appears, with 0s.
    pub confusion: BTreeMap<L, BTreeMap<L, usize>>,
}

/// Cohen's (1960) kappa = (p_o − p_e) / (1 − p_e), p_e from each coder's own marginals,
/// computed as (n·agreements − Σ_c r_c s_c) / (n² − Σ_c r_c s_c) on integer counts so that
/// "expected agreement is 1" is an exact test, not a float comparison.
/// `pairs` holds (a's value, b's value) for each unit both coded; `categories` are the labels
/// the confusion matrix always shows (others seen in the data are added).
pub fn cohen<L: Ord + Clone>(pairs: &[(L, L)], categories: &[L]) -> Cohen<L> {
    let mut confusion: BTreeMap<L, BTreeMap<L, usize>> = BTreeMap::new();
    let mut labels: Vec<L> = categories.to_vec();
    for (a, b) in pairs {
        labels.push(a.clone());
        labels.push(b.clone());
    }
    labels.sort();
    labels.dedup();
    for a in &labels {
        let row = confusion.entry(a.clone()).or_default();
        for b in &labels {
            row.insert(b.clone(), 0);
        }
    }
    let mut rows: BTreeMap<&L, u64> = BTreeMap::new();
    let mut cols: BTreeMap<&L, u64> = BTreeMap::new();
    let mut agree = 0u64;
    for (a, b) in pairs {
        *confusion
            .get_mut(a)
            .and_then(|r| r.get_mut(b))
            .expect("label") += 1;
        *rows.entry(a).or_default() += 1;
        *cols.entry(b).or_default() += 1;
        if a == b {
            agree += 1;
        }
    }
    let n = pairs.len() as u64;
    if n == 0 {
        let reason = "no unit was coded by both coders";
        return Cohen {
            kappa: Figure::undefined(reason),
            percent_agreement: Figure::undefined(reason),
            n: 0,
            confusion,
        };
    }
    let chance: u64 = rows
        .iter()
        .map(|(l, r)| r * cols.get(l).copied().unwrap_or(0))
        .sum();
    let kappa = if chance == n * n {
        Figure::undefined(
            "both coders gave every shared unit one and the same category, so expected agreement is 1",
        )
    } else {
        let n = n as f64;
        Figure::Value((n * agree as f64 - chance as f64) / (n * n - chance as f64))
    };
    Cohen {
        kappa,
        percent_agreement: Figure::Value(agree as f64 / n as f64),
        n: n as usize,
        confusion,
    }
}

/// Fleiss' kappa with the counts behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fleiss {
    pub kappa: Figure,
    pub units: usize,
    /// Ratings per unit.
    pub raters: usize,
}

/// Fleiss' (1971) kappa over units that each carry the same number of ratings (≥ 2): the
/// caller passes only the units every chosen coder coded. Computed as statsmodels does:
/// p_j = Σ_i n_ij / (N·n), P_i = (Σ_j n_ij² − n) / (n(n − 1)), κ = (P̄ − Σ p_j²) / (1 − Σ p_j²).
pub fn fleiss<L: Ord>(units: &[Vec<L>]) -> Fleiss {
    let raters = units.first().map_or(0, Vec::len);
    let undefined = |reason: &str| Fleiss {
        kappa: Figure::undefined(reason),
        units: units.len(),
        raters,
    };
    if units.is_empty() {
        return undefined("no unit was coded by every chosen coder");
    }
    if raters < 2 {
        return undefined("fewer than two coders rated each unit");
    }
    if units.iter().any(|u| u.len() != raters) {
        return undefined("units have different numbers of ratings");
    }
    let mut index: BTreeMap<&L, usize> = BTreeMap::new();
    for v in units.iter().flatten() {
        let next = index.len();
        index.entry(v).or_insert(next);
    }
    if index.len() < 2 {
        return undefined("every rating is the same category, so expected agreement is 1");
    }
    let k = index.len();
    let n = raters as f64;
    let total = (units.len() * raters) as f64;
    let mut category_totals = vec![0usize; k];
    let mut p_sum = 0.0;
    for unit in units {
        let mut counts = vec![0usize; k];
        for v in unit {
            counts[index[v]] += 1;
        }
        let squares: usize = counts.iter().map(|c| c * c).sum();
        p_sum += (squares as f64 - n) / (n * (n - 1.0));
        for (t, c) in category_totals.iter_mut().zip(&counts) {
            *t += c;
        }
    }
    let p_mean = p_sum / units.len() as f64;
    let p_expected: f64 = category_totals
        .iter()
        .map(|&t| {
            let p = t as f64 / total;
            p * p
        })
        .sum();
    Fleiss {
        kappa: Figure::Value((p_mean - p_expected) / (1.0 - p_expected)),
        units: units.len(),
        raters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cohen_small() {
        // po = 3/4; rows a:2 b:2, cols a:3 b:1 → pe = (6 + 2)/16 = 1/2 → κ = 0.5.
        let pairs = vec![("a", "a"), ("a", "a"), ("b", "b"), ("b", "a")];
        let c = cohen(&pairs, &["a", "b", "c"]);
        assert_eq!(c.kappa, Figure::Value(0.5));
        assert_eq!(c.percent_agreement, Figure::Value(0.75));
        assert_eq!(c.confusion["b"]["a"], 1);
        assert_eq!(c.confusion["c"]["c"], 0);
    }

    #[test]
    fn cohen_undefined() {
        let c = cohen::<&str>(&[], &["a"]);
        assert!(!c.kappa.is_defined() && !c.percent_agreement.is_defined());
        let c = cohen(&[("a", "a"), ("a", "a")], &["a", "b"]);
        assert!(c
            .kappa
            .reason()
            .unwrap()
            .contains("expected agreement is 1"));
        assert_eq!(c.percent_agreement, Figure::Value(1.0));
    }

    #[test]
    fn fleiss_small_and_undefined() {
        // Perfect agreement over two categories is 1.
        let f = fleiss(&[vec!["a", "a", "a"], vec!["b", "b", "b"]]);
        assert_eq!(f.kappa, Figure::Value(1.0));
        assert!(!fleiss::<&str>(&[]).kappa.is_defined());
        assert!(!fleiss(&[vec!["a", "a"]]).kappa.is_defined());
        assert!(!fleiss(&[vec!["a", "b"], vec!["a"]]).kappa.is_defined());
    }
}
