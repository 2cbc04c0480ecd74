//! Claims on a book-length document, each figure beside a raw-SQLite baseline doing the same
//! storage work without the core (no anchoring, no change record, no model mapping).
//! Run: `cargo bench --bench claims`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rusqlite::{params, Connection};

use claimcoder::model::{DocumentId, NewClaim, Status};
use claimcoder::Project;

const CLAIMS: usize = 10_000;

/// About 1 MB of text in 20,000 lines, with non-ASCII in every line.
fn book() -> String {
    (0..20_000)
        .map(|i| {
            format!("Line {i}: the minister said «prices fell» — Zoë disagreed 👍🏽 strongly.\n")
        })
        .collect()
}

fn seeded() -> (tempfile::TempDir, Project, DocumentId, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("bench.claimcoder")).unwrap();
    p.set_coder("Bench").unwrap();
    let text = book();
    let doc = p.import_text(Some("Book"), &text).unwrap().id;
    let line_len = text.lines().next().unwrap().chars().count() as u32 + 1;
    for i in 0..CLAIMS as u32 {
        let start = i * 2 * line_len + 8;
        p.create_claim(claim(&doc, &text, start, start + 20))
            .unwrap();
    }
    (dir, p, doc, text)
}

fn claim(doc: &DocumentId, text: &str, start: u32, end: u32) -> NewClaim {
    NewClaim {
        document: doc.clone(),
        start,
        end,
        quote: text
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect(),
        status: Status::Disputed,
        speaker: None,
        cue: None,
        note: None,
    }
}

fn raw_connection(path: &std::path::Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.pragma_update(None, "synchronous", "FULL").unwrap();
    c
}

fn list_claims(c: &mut Criterion) {
    let (dir, project, doc, _) = seeded();
    let raw = raw_connection(&dir.path().join("bench.claimcoder"));
    let mut g = c.benchmark_group("list 10k claims of one document");
    g.bench_function("claimcoder Project::claims", |b| {
        b.iter(|| assert_eq!(project.claims(&doc).unwrap().len(), CLAIMS))
    });
    g.bench_function("baseline raw SELECT", |b| {
        b.iter(|| {
            let mut stmt = raw
                .prepare_cached(
                    "SELECT * FROM claims WHERE document_id = ?1 ORDER BY start, \"end\"",
                )
                .unwrap();
            let rows = stmt
                .query_map([doc.as_str()], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, u32>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ))
                })
                .unwrap()
                .count();
            assert_eq!(rows, CLAIMS);
        })
    });
    g.finish();
}

fn create_claim(c: &mut Criterion) {
    let (dir, mut project, doc, text) = seeded();
    let raw = raw_connection(&dir.path().join("raw.sqlite"));
    raw.execute_batch(
        "CREATE TABLE claims (id TEXT PRIMARY KEY, document_id TEXT, start INTEGER, \"end\" INTEGER,
                              quote TEXT, status TEXT, created TEXT)",
    )
    .unwrap();
    let mut g = c.benchmark_group("code one claim near the end of a 1 MB document");
    let len = text.chars().count() as u32;
    let (start, end) = (len - 200, len - 180);
    g.bench_function("claimcoder create + delete (2 transactions)", |b| {
        b.iter_batched(
            || claim(&doc, &text, start, end),
            |new| {
                let made = project.create_claim(new).unwrap();
                project.delete_claim(&made.id).unwrap();
            },
            BatchSize::SmallInput,
        )
    });
    let quote: String = claim(&doc, &text, start, end).quote;
    g.bench_function("baseline raw INSERT + DELETE (2 transactions)", |b| {
        b.iter(|| {
            let id = uuid::Uuid::now_v7().to_string();
            raw.execute(
                "INSERT INTO claims VALUES (?1, ?2, ?3, ?4, ?5, 'disputed', '2026-01-01')",
                params![id, doc.as_str(), start, end, quote],
            )
            .unwrap();
            raw.execute("DELETE FROM claims WHERE id = ?1", [&id])
                .unwrap();
        })
    });
    g.finish();
}

fn export_and_import(c: &mut Criterion) {
    use claimcoder::interchange::set::AnnotationSet;
    use claimcoder::interchange::{ExportFormat, ExportScope};
    let (dir, project, _, _) = seeded();
    let corpus = project.corpus(&ExportScope::default()).unwrap();
    let mut g = c.benchmark_group("10k claims on a 1 MB document");
    g.bench_function("export annotation set (JSON)", |b| {
        b.iter(|| ExportFormat::Json.write(&corpus).unwrap())
    });
    g.bench_function("export W3C Web Annotation", |b| {
        b.iter(|| ExportFormat::W3c.write(&corpus).unwrap())
    });
    g.bench_function("baseline serde_json of the same claims and text", |b| {
        b.iter(|| serde_json::to_vec_pretty(&(&corpus.claims, &corpus.documents)).unwrap())
    });
    let set = AnnotationSet::from_corpus(&corpus);
    g.bench_function("import (merge) the set into an empty project", |b| {
        b.iter_batched(
            || {
                let path = dir
                    .path()
                    .join(format!("{}.claimcoder", uuid::Uuid::now_v7()));
                let mut p = Project::open(&path).unwrap();
                p.set_coder("Lead").unwrap();
                p
            },
            |mut p| assert!(p.import_set(&set, "bench", false).unwrap().imported),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = list_claims, create_claim, export_and_import
}
criterion_main!(benches);
