//! A writer killed with SIGKILL at random moments: every change it acknowledged is there
//! unchanged, and the one in flight is there whole or not at all.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use claimcoder::interchange::{ExportFormat, ExportScope};
use claimcoder::model::{
    Claim, ClaimEdit, ClaimId, NewClaim, Span, SpeakerId, SpeakerKind, Status,
};
use claimcoder::Project;

use super::{by_id, claim_changes, integrity, writer};
use crate::support::{speaker, MIXED};

const CLAIM_KILLS: u32 = 150;
const IMPORT_KILLS: u32 = 60;
/// Claims in the imported set: enough that an import takes a while to kill.
const SET_CLAIMS: u32 = 250;

/// What the writer said before it was killed.
#[derive(Default)]
struct Heard {
    acked: Vec<serde_json::Value>,
    /// The last `begin` with no `ack` after it.
    in_flight: Option<serde_json::Value>,
}

/// Runs the writer with `args`, kills it after a random delay of up to `max_ms`, and returns
/// what it reported. A writer that exits on its own before the kill must have succeeded.
fn run_and_kill(args: &[&str], max_ms: u64) -> Heard {
    let mut child = writer()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the crash writer");
    let stdout = child.stdout.take().unwrap();
    let lines = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(|l| l.ok())
            .collect::<Vec<_>>()
    });
    let deadline = Instant::now() + Duration::from_micros(fastrand::u64(0..max_ms * 1000));
    // Sleeping in small steps notices a writer that ended early (a failure to report).
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            assert!(status.success(), "the writer failed on its own: {err}");
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    child.kill().expect("SIGKILL the writer");
    child.wait().unwrap();
    let mut heard = Heard::default();
    for line in lines.join().unwrap() {
        // A line cut by the kill is not an acknowledgement.
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if v.get("begin").is_some() {
            heard.in_flight = Some(v);
        } else {
            heard.in_flight = None;
            heard.acked.push(v);
        }
    }
    heard
}

fn claim_of(v: &serde_json::Value) -> Claim {
    serde_json::from_value(v["claim"].clone()).unwrap()
}

/// The fields a coder gives, as asked (a `begin` report) or as stored.
type Asked = (
    u32,
    u32,
    String,
    Status,
    Option<SpeakerId>,
    Option<Span>,
    Option<String>,
);

fn given(c: &Claim) -> Asked {
    let c = c.clone();
    (c.start, c.end, c.quote, c.status, c.speaker, c.cue, c.note)
}

/// Whether `stored` is what the `begin` report `v` asked for (its note tidied as stored).
fn matches_request(stored: &Claim, v: &serde_json::Value) -> bool {
    let asked: Asked = if let Some(e) = v.get("edit") {
        let e: ClaimEdit = serde_json::from_value(e.clone()).unwrap();
        if e.id != stored.id {
            return false;
        }
        (e.start, e.end, e.quote, e.status, e.speaker, e.cue, e.note)
    } else {
        let n: NewClaim = serde_json::from_value(v["new"].clone()).unwrap();
        (n.start, n.end, n.quote, n.status, n.speaker, n.cue, n.note)
    };
    let mut asked = asked;
    asked.6 = asked.6.map(|n| n.trim().to_owned());
    given(stored) == asked
}

#[test]
fn killed_writer_loses_no_acknowledged_claim_and_leaves_none_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.claimcoder");
    {
        let mut p = Project::open(&path).unwrap();
        p.set_coder("Ana").unwrap();
        p.import_text(Some("Mixed"), &MIXED.repeat(3)).unwrap();
        speaker(&mut p, "Zoë Ångström", SpeakerKind::Person, &["Z. A."]);
        speaker(&mut p, "وزارة المالية", SpeakerKind::Government, &[]);
    }
    // What the project must hold: every acknowledged change applied in order.
    let mut expected: BTreeMap<ClaimId, Claim> = BTreeMap::new();
    let mut changes = 0u64;
    let (mut acked_total, mut in_flight_landed, mut in_flight_lost) = (0u64, 0u32, 0u32);
    for kill in 0..CLAIM_KILLS {
        let seed = (fastrand::u64(1..u64::MAX)).to_string();
        let heard = run_and_kill(&["claims", path.to_str().unwrap(), &seed], 80);
        for v in &heard.acked {
            match v["ack"].as_str().unwrap() {
                "create" | "update" => {
                    let c = claim_of(v);
                    expected.insert(c.id.clone(), c);
                }
                "delete" => {
                    let id: ClaimId = serde_json::from_value(v["id"].clone()).unwrap();
                    assert!(expected.remove(&id).is_some(), "deleted an unknown claim");
                }
                other => panic!("unexpected report {other}"),
            }
        }
        acked_total += heard.acked.len() as u64;
        changes += heard.acked.len() as u64;

        let project = Project::open(&path).unwrap_or_else(|e| {
            panic!("kill {kill} (seed {seed}): the project does not open: {e}")
        });
        assert_eq!(integrity(&path), "ok", "kill {kill} (seed {seed})");
        let mut stored = by_id(project.all_claims().unwrap());
        // The change in flight: whole or not at all.
        let mut landed = false;
        if let Some(v) = &heard.in_flight {
            match v["begin"].as_str().unwrap() {
                "create" => {
                    let extra: Vec<ClaimId> = stored
                        .keys()
                        .filter(|id| !expected.contains_key(id))
                        .cloned()
                        .collect();
                    assert!(
                        extra.len() <= 1,
                        "kill {kill}: {} unacknowledged claims",
                        extra.len()
                    );
                    if let Some(id) = extra.first() {
                        let c = stored.remove(id).unwrap();
                        assert!(matches_request(&c, v), "kill {kill}: half-made claim {c:?}");
                        expected.insert(c.id.clone(), c.clone());
                        stored.insert(c.id.clone(), c);
                        landed = true;
                    }
                }
                "update" => {
                    let id: ClaimId = serde_json::from_value(v["edit"]["id"].clone()).unwrap();
                    let now = &stored[&id];
                    if now != &expected[&id] {
                        assert!(matches_request(now, v), "kill {kill}: half-edited {now:?}");
                        expected.insert(id, now.clone());
                        landed = true;
                    }
                }
                "delete" => {
                    let id: ClaimId = serde_json::from_value(v["id"].clone()).unwrap();
                    if !stored.contains_key(&id) {
                        expected.remove(&id);
                        landed = true;
                    }
                }
                other => panic!("unexpected report {other}"),
            }
            if landed {
                in_flight_landed += 1;
                changes += 1;
            } else {
                in_flight_lost += 1;
            }
        }
        // Field by field: ids, spans, quotes, context, status, speaker, cue, note, coder, times.
        assert_eq!(stored, expected, "kill {kill} (seed {seed})");
        // A change record for each committed write, none for a write that did not commit.
        assert_eq!(claim_changes(&path), changes, "kill {kill} (seed {seed})");
    }
    assert!(
        acked_total > CLAIM_KILLS as u64,
        "the writer was killed before it wrote"
    );
    eprintln!(
        "durability: {CLAIM_KILLS} kills survived, {acked_total} acknowledged claim changes checked, \
         {} claims at the end; in flight at the kill: {in_flight_landed} landed whole, \
         {in_flight_lost} not at all",
        expected.len()
    );
}

/// A set of one document with many claims, and a project that holds none of it.
fn set_and_base(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, usize) {
    let set = dir.join("team.json");
    {
        let mut p = Project::open(&dir.join("teammate.claimcoder")).unwrap();
        p.set_coder("Bea").unwrap();
        let text = MIXED.repeat(40);
        let doc = p.import_text(Some("Long"), &text).unwrap().id;
        let zoe = speaker(&mut p, "Zoë", SpeakerKind::Person, &[]);
        let chars: Vec<char> = text.chars().collect();
        for i in 0..SET_CLAIMS {
            let start = i * 3;
            let end = start + 2;
            p.create_claim(NewClaim {
                document: doc.clone(),
                start,
                end,
                quote: chars[start as usize..end as usize].iter().collect(),
                status: Status::ALL[i as usize % 3],
                speaker: (i % 2 == 0).then(|| zoe.id.clone()),
                cue: None,
                note: Some(format!("claim {i}")),
            })
            .unwrap();
        }
        p.export(&ExportScope::default(), ExportFormat::Json, &set)
            .unwrap();
    }
    let base = dir.join("base.claimcoder");
    {
        let mut p = Project::open(&base).unwrap();
        p.set_coder("Crash writer").unwrap();
        p.import_text(Some("Other"), "Something else entirely.")
            .unwrap();
    }
    (set, base, SET_CLAIMS as usize)
}

#[test]
fn import_killed_midway_leaves_all_of_the_set_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let (set, base, claims) = set_and_base(dir.path());
    // How long a whole import takes here: the kills fall anywhere from its start to past its end.
    let probe = dir.path().join("probe.claimcoder");
    std::fs::copy(&base, &probe).unwrap();
    let started = Instant::now();
    let out = writer()
        .args(["import", probe.to_str().unwrap(), set.to_str().unwrap()])
        .output()
        .unwrap();
    let full = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        Project::open(&probe).unwrap().all_claims().unwrap().len(),
        claims
    );
    let max_ms = (full.as_millis() as u64 * 5 / 4).max(5);
    let (mut whole, mut none) = (0, 0);
    for kill in 0..IMPORT_KILLS {
        let path = dir.path().join(format!("import-{kill}.claimcoder"));
        std::fs::copy(&base, &path).unwrap();
        let heard = run_and_kill(
            &["import", path.to_str().unwrap(), set.to_str().unwrap()],
            max_ms,
        );
        let project = Project::open(&path).unwrap();
        assert_eq!(integrity(&path), "ok", "kill {kill}");
        let docs = project.documents().unwrap().len();
        let stored = project.all_claims().unwrap().len();
        let speakers = project.speakers().unwrap().len();
        let acked = !heard.acked.is_empty();
        if docs == 2 && stored == claims && speakers == 1 {
            whole += 1;
        } else {
            assert!(
                !acked && (docs, stored, speakers) == (1, 0, 0),
                "kill {kill}: the import left {docs} documents, {stored} claims, {speakers} speakers \
                 (acknowledged: {acked})"
            );
            none += 1;
        }
        drop(project);
        std::fs::remove_file(&path).unwrap();
    }
    assert!(
        whole > 0 && none > 0,
        "the kills never fell mid-import ({whole} whole, {none} none)"
    );
    eprintln!(
        "durability: {IMPORT_KILLS} imports killed (a whole one takes {full:?}): {whole} whole, \
         {none} left nothing"
    );
}
