//! Re-anchoring on generated edits with the truth known (see `reanchor_gen.rs`): no claim may
//! land on a wrong place, and most must land on their words.

use crate::reanchor_gen::{cases, score, MORE_PROSE};

const SAMPLE: &str = include_str!("../../src/sample/harbour-report.txt");

#[test]
fn carried_claims_are_never_placed_wrong_and_mostly_placed_right() {
    let base = format!("{SAMPLE}\n\n{MORE_PROSE}");
    // 150 articles of about 6 KB, 6 claims each, 3 random edits each.
    let all = cases(0x5eed, &base, 6_000, 150, 6, 3);
    let s = score(&all);
    let total = s.right + s.wrong + s.orphaned_right + s.orphaned_missed;
    eprintln!("{s:?} of {total}");
    assert_eq!(total, 900);
    assert_eq!(s.wrong, 0, "placed wrong: {:#?}", s.examples_wrong);
    // Words that are still there are found (the rest are orphans for an analyst, not lost).
    let findable = s.right + s.orphaned_missed;
    assert!(
        s.right * 100 >= findable * 95,
        "only {} of {findable} claims whose words remain were placed",
        s.right
    );
    // Deleted paragraphs and look-alikes did happen, and their claims were orphaned.
    assert!(s.orphaned_right >= 20, "{s:?}");
}
