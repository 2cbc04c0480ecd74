//! Two processes writing one project at once, and a project noticing another's changes.

use std::process::{Command, Stdio};

use claimcoder::model::{Claim, SpeakerKind, Status};
use claimcoder::Project;

use super::{by_id, claim_changes, integrity, writer};
use crate::support::{cp_span, new_claim, project_with, speaker, MIXED};

const EACH: u64 = 120;
const CLI_ADDS: usize = 15;

#[test]
fn two_writers_and_the_cli_at_once_lose_no_write_and_never_see_a_lock() {
    let f = project_with(MIXED);
    let path = f.path();
    let mut p = f.project;
    speaker(&mut p, "Zoë", SpeakerKind::Person, &[]);
    drop(p);

    let start = |coder: &str, seed: &str| {
        writer()
            .args(["count", path.to_str().unwrap(), seed, &EACH.to_string()])
            .env("CRASH_WRITER_CODER", coder)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start("Writer A", "11"), start("Writer B", "22"));
    // The CLI, a third process, adds claims while both writers run.
    let doc = Project::open(&path).unwrap().documents().unwrap()[0]
        .id
        .clone();
    let (start, end) = cp_span(MIXED, "Minister Zoë");
    for i in 0..CLI_ADDS {
        let out = Command::new(env!("CARGO_BIN_EXE_claimcoder"))
            .arg("--project")
            .arg(&path)
            .args([
                "claim",
                "add",
                doc.as_str(),
                &start.to_string(),
                &end.to_string(),
            ])
            .args(["--status", "unverified", "--note", &format!("cli {i}")])
            .env("CLAIMCODER_CODER", "Cli Coder")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "the CLI failed while others wrote: {err}"
        );
    }
    let mut acked: Vec<Claim> = Vec::new();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a writer failed: {err}");
        assert!(!err.contains("locked"), "a lock reached the user: {err}");
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if v["ack"] == "create" {
                acked.push(serde_json::from_value(v["claim"].clone()).unwrap());
            }
        }
    }
    assert_eq!(
        acked.len() as u64,
        2 * EACH,
        "each writer acknowledged every claim"
    );

    let p = Project::open(&path).unwrap();
    assert_eq!(integrity(&path), "ok");
    let stored = by_id(p.all_claims().unwrap());
    assert_eq!(stored.len(), 2 * EACH as usize + CLI_ADDS, "counts add up");
    for c in &acked {
        assert_eq!(
            stored.get(&c.id),
            Some(c),
            "a writer's claim was lost or changed"
        );
    }
    let by_coder = |name: &str| {
        let id = p
            .coders()
            .unwrap()
            .into_iter()
            .find(|k| k.name == name)
            .unwrap()
            .id;
        stored.values().filter(|c| c.coder == id).count()
    };
    assert_eq!(by_coder("Writer A"), EACH as usize);
    assert_eq!(by_coder("Writer B"), EACH as usize);
    assert_eq!(by_coder("Cli Coder"), CLI_ADDS);
    assert_eq!(claim_changes(&path), 2 * EACH + CLI_ADDS as u64);
    eprintln!(
        "durability: two writers and the CLI wrote {} claims at once, none lost",
        stored.len()
    );
}

#[test]
fn a_project_notices_changes_committed_by_another_connection_and_not_its_own() {
    let f = project_with(MIXED);
    let path = f.path();
    let mut mine = f.project;
    let mut other = Project::open(&path).unwrap();
    other.set_coder("Bea").unwrap();
    assert!(
        mine.changed_elsewhere().unwrap(),
        "the other learnt its coder"
    );
    assert!(!mine.changed_elsewhere().unwrap(), "nothing changed since");

    mine.create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Attributed))
        .unwrap();
    assert!(
        !mine.changed_elsewhere().unwrap(),
        "its own write is not another's"
    );

    let theirs = other
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "owners disagree",
            Status::Disputed,
        ))
        .unwrap();
    assert!(
        mine.changed_elsewhere().unwrap(),
        "another connection committed"
    );
    assert!(!mine.changed_elsewhere().unwrap(), "and it was seen once");
    assert_eq!(mine.claim(&theirs.id).unwrap(), theirs);

    // Another process: the crash writer adds one claim and exits.
    let out = writer()
        .args(["count", path.to_str().unwrap(), "5", "1"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        mine.changed_elsewhere().unwrap(),
        "another process committed"
    );
    assert_eq!(mine.all_claims().unwrap().len(), 3);
}
