//! The side-by-side baselines of `scripts/bench.sh`, on the project the CLI was timed on:
//!
//! - `dump PROJECT OUT`: a raw serde_json dump of every claim (rusqlite, no project checks, no
//!   model types, written through a buffer and synced like an export): what an export costs
//!   at the least.
//! - `alpha PROJECT MATRIX.json [RUNS]`: the reliability matrix of the status of every review
//!   unit (units as `claimcoder agreement` makes them, coders in name order), written for the
//!   Python `krippendorff` package (`benches/krippendorff_alpha.py`); then times our
//!   Krippendorff's alpha on the same matrix (median of RUNS) and prints
//!   `{"alpha": …, "ms": …, "units": …}`.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

use claimcoder::model::{CoderId, DocumentId, Status};
use claimcoder::review::{alpha::nominal_alpha, units, CodedSpan};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

/// The baselines (see the module's comment).
#[derive(clap::Parser)]
enum Args {
    /// A raw serde_json dump of every claim of PROJECT into OUT.
    Dump { project: String, out: String },
    /// The status reliability matrix into MATRIX, and our alpha on it timed (median of RUNS).
    Alpha {
        project: String,
        matrix: String,
        #[arg(default_value_t = 21)]
        runs: usize,
    },
}

fn main() {
    match clap::Parser::parse() {
        Args::Dump { project, out } => dump(&project, &out),
        Args::Alpha {
            project,
            matrix,
            runs,
        } => alpha(&project, &matrix, runs),
    }
}

fn open(project: &str) -> Connection {
    Connection::open_with_flags(project, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("cannot open the project")
}

#[derive(Serialize)]
struct Row {
    id: String,
    document: String,
    start: u32,
    end: u32,
    quote: String,
    prefix: String,
    suffix: String,
    status: String,
    speaker: Option<String>,
    cue_start: Option<u32>,
    cue_end: Option<u32>,
    note: Option<String>,
    coder: String,
    created: String,
    modified: String,
}

fn dump(project: &str, out: &str) {
    let conn = open(project);
    let mut stmt = conn
        .prepare(
            "SELECT id, document_id, start, \"end\", quote, prefix, suffix, status, speaker_id,
                    cue_start, cue_end, note, coder_id, created, modified FROM claims",
        )
        .unwrap();
    let rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                document: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                quote: r.get(4)?,
                prefix: r.get(5)?,
                suffix: r.get(6)?,
                status: r.get(7)?,
                speaker: r.get(8)?,
                cue_start: r.get(9)?,
                cue_end: r.get(10)?,
                note: r.get(11)?,
                coder: r.get(12)?,
                created: r.get(13)?,
                modified: r.get(14)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let file = std::fs::File::create(out).unwrap();
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer_pretty(&mut w, &rows).unwrap();
    w.flush().unwrap();
    w.into_inner().unwrap().sync_all().unwrap();
}

fn alpha(project: &str, matrix: &str, runs: usize) {
    let conn = open(project);
    let mut names: Vec<(String, String)> = conn
        .prepare("SELECT id, name FROM coders WHERE id IN (SELECT DISTINCT coder_id FROM claims)")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names.sort_by_key(|a| a.1.to_lowercase());
    let coders: Vec<CoderId> = names.iter().map(|(id, _)| CoderId(id.clone())).collect();
    let mut by_doc: BTreeMap<DocumentId, Vec<CodedSpan>> = BTreeMap::new();
    for (doc, span) in claimcoder::store::claims::spans(&conn).unwrap() {
        by_doc.entry(doc).or_default().push(span);
    }
    // One row per unit: each coder's status there, or none.
    let mut table: Vec<Vec<Option<u8>>> = Vec::new();
    for (doc, spans) in &by_doc {
        for unit in units(
            doc,
            spans,
            &coders,
            claimcoder::project::DEFAULT_MIN_JACCARD,
        ) {
            table.push(
                coders
                    .iter()
                    .map(|k| unit.members.get(k).map(|m| code(m.status)))
                    .collect(),
            );
        }
    }
    // The input our alpha takes: the values present in each unit.
    let values: Vec<Vec<u8>> = table
        .iter()
        .map(|row| row.iter().flatten().copied().collect())
        .collect();
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..runs {
        let started = Instant::now();
        let a = nominal_alpha(&values);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        result = Some(a);
    }
    times.sort_by(f64::total_cmp);
    let a = result.expect("at least one run");
    // Coders × units, as `krippendorff.alpha(reliability_data=…)` takes it.
    let columns: Vec<Vec<Option<u8>>> = (0..coders.len())
        .map(|k| table.iter().map(|row| row[k]).collect())
        .collect();
    std::fs::write(matrix, serde_json::to_vec(&columns).unwrap()).unwrap();
    println!(
        "{}",
        serde_json::json!({
            "alpha": serde_json::to_value(&a.alpha).unwrap(),
            "ms": times[times.len() / 2],
            "units": table.len(),
        })
    );
}

fn code(s: Status) -> u8 {
    match s {
        Status::Attributed => 0,
        Status::Disputed => 1,
        Status::Unverified => 2,
    }
}
