//! Issue 12's paths at three sizes (1k, 10k and 100k claims over three coders: the data of
//! `examples/scale_data`), each beside its baseline in the same run, so that growth faster than
//! the baseline's (super-linear) shows: per-element throughput should stay flat.
//!
//! - store: every claim read into model types (`Project::corpus`) / a raw rusqlite SELECT loop
//! - merge: the three sets merged into an empty project through the checked path / a raw
//!   rusqlite INSERT loop of the same claims (prepared statement, one transaction per set)
//! - export/<format>: each writer on the gathered corpus / serde_json of the same claims
//! - agreement: `Project::agreement` (read and compute) / the raw SELECT of what it reads
//!
//! Run: `cargo bench --bench scale` (about 5 minutes; `-- '/1k'` for the smallest size only).

#[path = "../examples/scale_data/gen.rs"]
#[allow(dead_code)]
mod gen;

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use rusqlite::{params, Connection};

use claimcoder::interchange::set::AnnotationSet;
use claimcoder::interchange::{ExportScope, FORMATS};
use claimcoder::project::AgreementOptions;
use claimcoder::Project;

const SIZES: [(&str, usize); 3] = [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)];

fn sets(claims: usize) -> Vec<AnnotationSet> {
    gen::sets(gen::Scale::with_claims(claims, 1))
}

fn claims_in(sets: &[AnnotationSet]) -> u64 {
    sets.iter().map(|s| s.claims.len() as u64).sum()
}

fn merged(dir: &Path, sets: &[AnnotationSet]) -> Project {
    let path = dir.join(format!("{}.claimcoder", uuid::Uuid::now_v7()));
    let mut p = Project::open(&path).unwrap();
    p.set_coder("Bench").unwrap();
    for s in sets {
        assert!(p.import_set(s, "bench", false).unwrap().imported);
    }
    p
}

fn raw_connection(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.pragma_update(None, "synchronous", "FULL").unwrap();
    c
}

/// The claims table's columns, without constraints, indices, triggers or change records.
fn raw_insert(path: &Path, sets: &[AnnotationSet]) {
    let mut c = raw_connection(path);
    c.execute_batch(
        "CREATE TABLE claims (id TEXT PRIMARY KEY, document TEXT, start INTEGER, \"end\" INTEGER,
             quote TEXT, prefix TEXT, suffix TEXT, status TEXT, speaker TEXT, cue_start INTEGER,
             cue_end INTEGER, note TEXT, coder TEXT, created TEXT, modified TEXT)",
    )
    .unwrap();
    for s in sets {
        let tx = c.transaction().unwrap();
        {
            let mut stmt = tx
                .prepare("INSERT INTO claims VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
                .unwrap();
            for cl in &s.claims {
                stmt.execute(params![
                    cl.id,
                    cl.document,
                    cl.start,
                    cl.end,
                    cl.quote,
                    cl.prefix,
                    cl.suffix,
                    serde_json::to_value(cl.status).unwrap().as_str(),
                    cl.speaker,
                    cl.cue.map(|c| c.start),
                    cl.cue.map(|c| c.end),
                    cl.note,
                    s.coder_of(cl),
                    cl.created,
                    cl.modified,
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
}

fn raw_select(conn: &Connection, sql: &str) -> usize {
    let mut stmt = conn.prepare_cached(sql).unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut n = 0;
    while let Some(r) = rows.next().unwrap() {
        // Every column read as the type it is stored as.
        for i in 0..r.as_ref().column_count() {
            std::hint::black_box(r.get_ref(i).unwrap());
        }
        n += 1;
    }
    n
}

const ALL_COLUMNS: &str = "SELECT id, document_id, start, \"end\", quote, prefix, suffix, status,
    speaker_id, cue_start, cue_end, note, coder_id, created, modified FROM claims";

fn scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for (label, size) in SIZES {
        let sets = sets(size);
        let n = claims_in(&sets);
        let project = merged(dir.path(), &sets);
        let raw = Connection::open(project.path()).unwrap();

        let mut g = c.benchmark_group("store: read every claim");
        g.throughput(Throughput::Elements(n));
        g.bench_function(BenchmarkId::new("claimcoder Project::corpus", label), |b| {
            b.iter(|| project.corpus(&ExportScope::default()).unwrap())
        });
        g.bench_function(BenchmarkId::new("baseline raw SELECT", label), |b| {
            b.iter(|| assert_eq!(raw_select(&raw, ALL_COLUMNS) as u64, n))
        });
        g.finish();

        let mut g = c.benchmark_group("merge: three sets into an empty project");
        g.throughput(Throughput::Elements(n));
        g.bench_function(BenchmarkId::new("claimcoder import_set", label), |b| {
            b.iter_batched(
                || {
                    let path = dir
                        .path()
                        .join(format!("{}.claimcoder", uuid::Uuid::now_v7()));
                    let mut p = Project::open(&path).unwrap();
                    p.set_coder("Lead").unwrap();
                    p
                },
                |mut p| {
                    for s in &sets {
                        assert!(p.import_set(s, "bench", false).unwrap().imported);
                    }
                    p
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function(BenchmarkId::new("baseline raw INSERT loop", label), |b| {
            b.iter_batched(
                || dir.path().join(format!("{}.sqlite", uuid::Uuid::now_v7())),
                |path| raw_insert(&path, &sets),
                BatchSize::PerIteration,
            )
        });
        g.finish();

        let corpus = project.corpus(&ExportScope::default()).unwrap();
        let mut g = c.benchmark_group("export");
        g.throughput(Throughput::Elements(n));
        for f in FORMATS {
            g.bench_function(BenchmarkId::new(f.name, label), |b| {
                b.iter(|| f.format.write(&corpus).unwrap())
            });
        }
        g.bench_function(
            BenchmarkId::new("baseline serde_json of the claims", label),
            |b| b.iter(|| serde_json::to_vec_pretty(&corpus.claims).unwrap()),
        );
        g.finish();

        let mut g = c.benchmark_group("agreement");
        g.throughput(Throughput::Elements(n));
        let options = AgreementOptions {
            coders: Vec::new(),
            documents: Vec::new(),
            min_jaccard: claimcoder::project::DEFAULT_MIN_JACCARD,
            bootstrap: None,
            seed: None,
        };
        g.bench_function(
            BenchmarkId::new("claimcoder Project::agreement", label),
            |b| b.iter(|| project.agreement(&options).unwrap()),
        );
        g.bench_function(BenchmarkId::new("baseline raw SELECT of its columns", label), |b| {
            b.iter(|| {
                raw_select(
                    &raw,
                    "SELECT id, document_id, coder_id, start, \"end\", status, speaker_id FROM claims",
                )
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = scale
}
criterion_main!(benches);
