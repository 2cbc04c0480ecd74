//! Carrying claims over to a new version of a 1 MB article, beside a baseline that finds each
//! quote again by exact search with context alone (the re-anchoring the merge did before:
//! no diff, no approximate search, no check of the place). Also the diff itself, on word items
//! (what the carrier uses) beside characters. Before timing, the placements on that article
//! are scored against the truth and printed. Run: `cargo bench --bench reanchor`.

use criterion::{criterion_group, criterion_main, Criterion};

use claimcoder::text::{reanchor, Carrier, IndexedText, OffsetMap, OldSpan};

#[path = "../tests/integration/reanchor_gen.rs"]
#[allow(dead_code)]
mod reanchor_gen;

const SAMPLE: &str = include_str!("../src/sample/harbour-report.txt");
const CLAIMS: usize = 300;

fn article() -> reanchor_gen::Case {
    let base = format!("{SAMPLE}\n\n{}", reanchor_gen::MORE_PROSE);
    // One 1 MB article, 300 claims, 40 random edits of every kind.
    reanchor_gen::cases(0xbe7c, &base, 1_000_000, 1, CLAIMS, 40).remove(0)
}

fn spans(case: &reanchor_gen::Case) -> Vec<(u32, u32, String, String, String)> {
    let old = IndexedText::new(case.old.as_str());
    case.claims
        .iter()
        .map(|&(s, e)| {
            let a = old.anchor(s, e, None).unwrap();
            (s, e, a.quote, a.prefix, a.suffix)
        })
        .collect()
}

fn carry_over(c: &mut Criterion) {
    let case = article();
    let spans = spans(&case);
    let score = reanchor_gen::score(std::slice::from_ref(&case));
    eprintln!(
        "1 MB article, {} claims, 40 edits: right {}, WRONG {}, orphaned (words gone) {}, \
         orphaned (words still there) {}",
        spans.len(),
        score.right,
        score.wrong,
        score.orphaned_right,
        score.orphaned_missed
    );
    let new = IndexedText::new(case.new.as_str());
    let mut g = c.benchmark_group("carry 300 claims to a new version of a 1 MB article");
    g.bench_function(
        "claimcoder: diff, then exact, then approximate search",
        |b| {
            b.iter(|| {
                let carrier = Carrier::new(&case.old, &new);
                spans
                    .iter()
                    .filter(|(s, e, q, p, x)| {
                        carrier
                            .place(&OldSpan {
                                start: *s,
                                end: *e,
                                quote: q,
                                prefix: p,
                                suffix: x,
                            })
                            .is_some()
                    })
                    .count()
            })
        },
    );
    g.bench_function("baseline: exact search with context only", |b| {
        b.iter(|| {
            spans
                .iter()
                .filter(|(s, _, q, p, x)| reanchor(new.text(), q, p, x, *s).is_some())
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("diff of a 1 MB article and its new version");
    g.bench_function("on word items (the carrier's)", |b| {
        b.iter(|| OffsetMap::new(&case.old, &case.new))
    });
    g.bench_function("on characters", |b| {
        let old: Vec<char> = case.old.chars().collect();
        let new: Vec<char> = case.new.chars().collect();
        b.iter(|| {
            similar::capture_diff_slices_deadline(
                similar::Algorithm::Myers,
                &old,
                &new,
                Some(std::time::Instant::now() + std::time::Duration::from_secs(10)),
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(4));
    targets = carry_over
}
criterion_main!(benches);
