//! Maps code-point offsets of an old text onto a new version of it, through a diff of the two
//! (the `similar` crate). The diff runs on words (runs of letters and digits), runs of white
//! space and single other characters: on a 1 MB article that is about five times fewer items
//! than characters, and an offset on a word boundary (where claims start and end) lands on an
//! item boundary, so no refining on characters is needed (BENCHMARKS.md has the figures).

use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

/// Longest time a diff may take before `similar` settles for a coarser (still correct) one.
const DEADLINE: Duration = Duration::from_secs(2);

/// Runs of text the two versions share: `len` code points at `old` in the old text and `new`
/// in the new, sorted by `old`.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    old: usize,
    new: usize,
    len: usize,
}

/// The text cut into diff items, with the code-point offset of each item's start (and the
/// text's length after the last).
fn tokens(text: &str) -> (Vec<&str>, Vec<usize>) {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Word,
        Space,
        Other,
    }
    let kind = |c: char| {
        if c.is_alphanumeric() {
            Kind::Word
        } else if c.is_whitespace() {
            Kind::Space
        } else {
            Kind::Other
        }
    };
    let mut items = Vec::new();
    let mut starts = Vec::new();
    let mut item_byte = 0;
    let mut prev: Option<Kind> = None;
    let mut cp = 0;
    for (b, c) in text.char_indices() {
        let k = kind(c);
        if prev.is_some() && (prev != Some(k) || k == Kind::Other) {
            items.push(&text[item_byte..b]);
            item_byte = b;
        }
        if item_byte == b {
            starts.push(cp);
        }
        prev = Some(k);
        cp += 1;
    }
    if prev.is_some() {
        items.push(&text[item_byte..]);
    }
    starts.push(cp);
    (items, starts)
}

impl OffsetMap {
    pub fn new(old: &str, new: &str) -> OffsetMap {
        let (old_items, old_starts) = tokens(old);
        let (new_items, new_starts) = tokens(new);
        let ops = capture_diff_slices_deadline(
            Algorithm::Myers,
            &old_items,
            &new_items,
            Some(Instant::now() + DEADLINE),
        );
        let mut runs: Vec<Run> = Vec::new();
        for op in ops {
            if let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                let old = old_starts[old_index];
                let run = Run {
                    old,
                    new: new_starts[new_index],
                    len: old_starts[old_index + len] - old,
                };
                match runs.last_mut() {
                    Some(r) if r.old + r.len == run.old && r.new + r.len == run.new => {
                        r.len += run.len
                    }
                    _ => runs.push(run),
                }
            }
        }
        OffsetMap { runs }
    }

    /// The run holding old code point `cp`, if it survived into the new text.
    fn run_at(&self, cp: usize) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.old <= cp);
        let r = self.runs.get(i.checked_sub(1)?)?;
        (cp < r.old + r.len).then_some(r)
    }

    /// Where the old span `start..end` is in the new text, when its first and last characters
    /// both survived (what lies between may have changed: the caller checks the quote).
    pub fn span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        let a = self.run_at(start)?;
        let b = self.run_at(end - 1)?;
        let (s, e) = (a.new + (start - a.old), b.new + (end - 1 - b.old) + 1);
        (s < e).then_some((s, e))
    }

    /// The best guess of where old code point `cp` went: mapped exactly when it survived,
    /// else just after what survived before it.
    pub fn near(&self, cp: usize) -> usize {
        let i = self.runs.partition_point(|r| r.old <= cp);
        match i.checked_sub(1).map(|i| self.runs[i]) {
            Some(r) if cp < r.old + r.len => r.new + (cp - r.old),
            Some(r) => r.new + r.len,
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_words_spaces_and_single_signs() {
        let (items, starts) = tokens("Мэр: «да»  ok");
        assert_eq!(items, ["Мэр", ":", " ", "«", "да", "»", "  ", "ok"]);
        assert_eq!(starts, [0, 3, 4, 5, 6, 8, 9, 11, 13]);
        assert_eq!(tokens(""), (vec![], vec![0]));
    }

    #[test]
    fn maps_spans_around_insertions_and_deletions_in_code_points() {
        let old = "👍🏽 The mayor said the port will close. Nobody asked.";
        let new = "👍🏽 Yesterday, the mayor said the port will close soon. Nobody asked.";
        let map = OffsetMap::new(old, new);
        // "the port will close" at 18..37 in the old text (the emoji is two code points).
        let (s, e) = map.span(18, 37).unwrap();
        assert_eq!(
            crate::text::slice_cp(new, s, e),
            Some("the port will close")
        );
        // "Nobody" moved right by the inserted words.
        let (s, e) = map.span(39, 45).unwrap();
        assert_eq!(crate::text::slice_cp(new, s, e), Some("Nobody"));
        // "The" was replaced: its first character is gone.
        assert_eq!(map.span(3, 6), None);
        assert_eq!(map.near(0), 0);
    }
}
