//! Approximate search on code points: where a pattern occurs in a text with at most k edits
//! (insertions, deletions, substitutions of one `char` each). Myers' bit-parallel algorithm in
//! Hyyrö's block form, as Hypothesis's `approx-string-match` does it, but over `char`s so that
//! a Cyrillic letter or an emoji is one edit, not two or four (bytes or UTF-16 units).

use std::collections::HashMap;

/// An approximate occurrence: `start..end` in code points of the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApproxMatch {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

const W: usize = 64;
/// Most occurrences [`approx_find`] returns.
pub const MAX_FOUND: usize = 64;

/// For each character of the pattern, the bit vector of the rows where it occurs, one `u64`
/// per block of 64 rows. ASCII is looked up in an array (most news text), the rest hashed.
struct Peq {
    blocks: usize,
    ascii: Vec<u64>,
    other: HashMap<char, Vec<u64>>,
    none: Vec<u64>,
}

impl Peq {
    fn new(pattern: &[char]) -> Peq {
        let blocks = pattern.len().div_ceil(W);
        let mut peq = Peq {
            blocks,
            ascii: vec![0; 128 * blocks],
            other: HashMap::new(),
            none: vec![0; blocks],
        };
        for (i, &c) in pattern.iter().enumerate() {
            let (b, bit) = (i / W, 1u64 << (i % W));
            if c.is_ascii() {
                peq.ascii[c as usize * blocks + b] |= bit;
            } else {
                peq.other.entry(c).or_insert_with(|| vec![0; blocks])[b] |= bit;
            }
        }
        peq
    }

    fn of(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let i = c as usize * self.blocks;
            &self.ascii[i..i + self.blocks]
        } else {
            self.other.get(&c).map_or(&self.none, Vec::as_slice)
        }
    }
}

/// One column step of one block; `h_in` is the horizontal delta entering the block's top row
/// (-1, 0 or +1), the result the delta leaving its last row (`last` is that row's bit).
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, h_in: i32, last: u64) -> i32 {
    let neg = u64::from(h_in < 0);
    let eq = eq | neg;
    let xv = eq | *mv;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let h_out = i32::from(ph & last != 0) - i32::from(mh & last != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= neg;
    ph |= u64::from(h_in > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    h_out
}

/// Runs the pattern's columns over `text`: the errors of the best match ending after each
/// character. `anchored`: the match must begin at the text's first character (edit distance
/// of the pattern against each prefix of the text) rather than anywhere (search).
fn scan(pattern: &[char], text: impl Iterator<Item = char>, anchored: bool) -> Vec<usize> {
    let m = pattern.len();
    let peq = Peq::new(pattern);
    let blocks = peq.blocks;
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let last_of = |b: usize| {
        if b + 1 == blocks {
            1u64 << ((m - 1) % W)
        } else {
            1u64 << (W - 1)
        }
    };
    let mut score = m as i64;
    let mut out = Vec::new();
    for c in text {
        let eq = peq.of(c);
        let mut carry = i32::from(anchored);
        for b in 0..blocks {
            carry = advance(&mut pv[b], &mut mv[b], eq[b], carry, last_of(b));
        }
        score += i64::from(carry);
        out.push(score as usize);
    }
    out
}

/// Every approximate occurrence of `pattern` in `text` with at most `max_errors` edits: each
/// end where the errors are locally fewest, with the start that gives that count. Best first (fewest errors, then earliest), at most [`MAX_FOUND`].
pub fn approx_find(text: &[char], pattern: &[char], max_errors: usize) -> Vec<ApproxMatch> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return Vec::new();
    }
    let scores = scan(pattern, text.iter().copied(), false);
    // Each local least of the errors within the bound is an occurrence (the first of a flat
    // stretch): neighbouring ends of one occurrence are worse, and in a repetitive text the
    // occurrences stay apart even though every end between them is within the bound.
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (j, &s) in scores.iter().enumerate() {
        let falls_here = j == 0 || scores[j - 1] > s;
        let rises_after = scores.get(j + 1).is_none_or(|&next| next >= s);
        if s <= max_errors && falls_here && rises_after {
            ends.push((j + 1, s));
        }
    }
    // The best ones only: finding a start costs a pass over the quote's length, and a
    // repetitive text can hold thousands of near matches.
    ends.sort_by_key(|&(end, errors)| (errors, end));
    ends.truncate(MAX_FOUND);
    let mut found: Vec<ApproxMatch> = ends
        .into_iter()
        .map(|(end, errors)| ApproxMatch {
            start: start_of(text, pattern, end, errors),
            end,
            errors,
        })
        .collect();
    found.sort_by_key(|f| (f.errors, f.start));
    found
}

/// The start of the occurrence ending at `end` with `errors` edits: the pattern, reversed,
/// against the text read backwards from `end`, anchored there.
fn start_of(text: &[char], pattern: &[char], end: usize, errors: usize) -> usize {
    let window = (pattern.len() + errors).min(end);
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    let scores = scan(
        &reversed,
        text[end - window..end].iter().rev().copied(),
        true,
    );
    // The length whose distance is least; among equals, the one nearest the pattern's length.
    let (len, _) = scores
        .iter()
        .enumerate()
        .map(|(j, &s)| (j + 1, s))
        .min_by_key(|&(len, s)| (s, len.abs_diff(pattern.len())))
        .expect("a non-empty window");
    end - len
}

/// Levenshtein distance on code points (for short context strings).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The plain dynamic programme, to check the bit-parallel one against.
    fn naive_best(text: &[char], pattern: &[char]) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for &c in text {
            let mut diag = col[0];
            col[0] = 0;
            for i in 0..m {
                let next = (diag + usize::from(pattern[i] != c))
                    .min(col[i] + 1)
                    .min(col[i + 1] + 1);
                diag = col[i + 1];
                col[i + 1] = next;
            }
            out.push(col[m]);
        }
        out
    }

    #[test]
    fn bit_parallel_scores_equal_the_plain_programme_across_blocks() {
        // Patterns shorter than, equal to and longer than one 64-bit block, in three scripts.
        let text = chars(
            &"Порт закроют в марте, сказал мэр. The port will close in March, the mayor said; \
              港口将于三月关闭。"
                .repeat(4),
        );
        for (from, len) in [(3, 10), (0, 64), (20, 65), (5, 150)] {
            let mut pattern: Vec<char> = text[from..from + len].to_vec();
            pattern[len / 2] = 'Ж';
            pattern.remove(len / 3);
            let got = scan(&pattern, text.iter().copied(), false);
            assert_eq!(got, naive_best(&text, &pattern), "{from}+{len}");
        }
    }

    #[test]
    fn finds_an_edited_quote_with_its_start_counting_code_points() {
        let text = chars("Мэр сказал: «порт закроют в марте» 👍🏽, и ушёл.");
        // One letter missing, one changed ("мае" against "мар").
        let found = approx_find(&text, &chars("порт закрют в мае"), 3);
        let best = found[0];
        assert_eq!(best.errors, 2);
        let got: String = text[best.start..best.end].iter().collect();
        assert!(got.starts_with("порт закроют в ма"), "{got}");
        assert_eq!(best.start, 13);
        // A Cyrillic substitution is one error, not two.
        let one = approx_find(&text, &chars("сказол"), 1);
        assert_eq!((one[0].start, one[0].end, one[0].errors), (4, 10, 1));
        assert!(approx_find(&text, &chars("completely absent words"), 4).is_empty());
    }

    #[test]
    fn a_repetitive_text_gives_the_best_few_occurrences() {
        let text = chars(&"да ".repeat(20_000));
        let found = approx_find(&text, &chars("да да да да да"), 3);
        assert_eq!(found.len(), MAX_FOUND);
        assert!(found.iter().all(|f| f.errors == 0));
    }

    #[test]
    fn edit_distance_counts_code_points() {
        assert_eq!(edit_distance(&chars("кот"), &chars("код")), 1);
        assert_eq!(edit_distance(&chars("👍🏽a"), &chars("a")), 2);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
    }
}
