//! The import scenario (`import.json`): annotation sets exported from a teammate's project
//! (one as it is, one edited so that a claim is re-anchored and one refused, a W3C file edited
//! so that its reader notes something), a file that is not JSON and one that is not a set,
//! imported into Erin's project (empty, or holding the same article) one file at a time.

use std::path::{Path, PathBuf};

use claimcoder::interchange::{ExportFormat, ExportScope};
use claimcoder::model::{NewClaim, NewSpeaker, SpeakerKind, Status};
use claimcoder::Project;
use serde_json::{json, Value};

use super::record::{Recording, Walk};
use super::{branch, code, project_at};
use crate::support::new_claim;

const TEXT: &str =
    "The ambassador said the convoy arrived on time. Officials in Kyiv 🇺🇦 disputed the account.";
const OTHER: &str = "A second article, with nothing coded in it.";

fn export(p: &Project, format: ExportFormat, path: &Path) {
    let all = ExportScope {
        coder: None,
        documents: vec![],
        statuses: vec![],
    };
    p.export(&all, format, path).unwrap();
}

/// Writes Ana's sets into `<dir>/sets/`.
fn teammate_sets(dir: &Path) -> PathBuf {
    let sets = dir.join("sets");
    std::fs::create_dir_all(&sets).unwrap();
    let (mut p, _) = project_at(dir, "ana");
    p.set_coder("Ana").unwrap();
    // The same article, coded elsewhere: two claims, one with a new speaker, one with a note.
    let doc = p
        .import_text(Some("Convoy report (their copy)"), TEXT)
        .unwrap()
        .id;
    let ministry = p
        .create_speaker(NewSpeaker {
            name: "Ministry of Examples".into(),
            kind: SpeakerKind::Government,
            aliases: vec![],
        })
        .unwrap();
    let said = new_claim(&doc, TEXT, "The ambassador said", Status::Attributed);
    code(
        &mut p,
        NewClaim {
            speaker: Some(ministry.id),
            ..said
        },
    );
    let kyiv = new_claim(
        &doc,
        TEXT,
        "Officials in Kyiv 🇺🇦 disputed",
        Status::Disputed,
    );
    code(
        &mut p,
        NewClaim {
            note: Some("Check the date.".into()),
            ..kyiv
        },
    );
    export(&p, ExportFormat::Json, &sets.join("ana.json"));

    // A status the W3C reader maps, and notes.
    let w3c = sets.join("w3c.jsonld");
    export(&p, ExportFormat::W3c, &w3c);
    let text = std::fs::read_to_string(&w3c).unwrap();
    assert!(text.contains("\"disputed\""), "{text}");
    std::fs::write(&w3c, text.replacen("\"disputed\"", "\"Disputed\"", 1)).unwrap();

    // Two more claims, then edited: one whose offsets are off but whose quote occurs once
    // (re-anchored), one whose quote is nowhere in the text (refused).
    code(
        &mut p,
        new_claim(&doc, TEXT, "convoy arrived", Status::Unverified),
    );
    code(&mut p, new_claim(&doc, TEXT, "on time", Status::Disputed));
    let moved = sets.join("moved.json");
    export(&p, ExportFormat::Json, &moved);
    let mut set: Value = serde_json::from_str(&std::fs::read_to_string(&moved).unwrap()).unwrap();
    for c in set["claims"].as_array_mut().unwrap() {
        match c["quote"].as_str().unwrap() {
            "convoy arrived" => {
                c["start"] = json!(c["start"].as_u64().unwrap() + 3);
                c["end"] = json!(c["end"].as_u64().unwrap() + 3);
            }
            "on time" => c["quote"] = json!("a fabrication"),
            _ => {}
        }
    }
    std::fs::write(&moved, serde_json::to_string_pretty(&set).unwrap()).unwrap();

    // Another article with one claim.
    let (mut q, _) = project_at(dir, "ana-other");
    q.set_coder("Ana").unwrap();
    let other = q.import_text(Some("Other"), OTHER).unwrap().id;
    code(
        &mut q,
        new_claim(&other, OTHER, "second article", Status::Attributed),
    );
    export(&q, ExportFormat::Json, &sets.join("clean.json"));

    std::fs::write(sets.join("broken.json"), "{\"format\":").unwrap();
    std::fs::write(sets.join("notaset.json"), "{\"hello\": \"world\"}\n").unwrap();
    sets
}

/// Erin's project, empty and (closed, at the second path) holding the article.
fn erin(dir: &Path) -> (PathBuf, PathBuf) {
    let (p, path) = project_at(dir, "erin");
    drop(p);
    let empty = dir.join("erin-empty.claimcoder");
    std::fs::copy(&path, &empty).unwrap();
    let mut p = Project::open(&path).unwrap();
    p.set_coder(super::ME).unwrap();
    p.import_text(Some("Convoy report"), TEXT).unwrap();
    (empty, path)
}

fn import(w: &mut Walk, path: &Path, accept_partial: bool, next: Option<&str>) {
    let request = json!({ "paths": [path.display().to_string()], "acceptPartial": accept_partial });
    let f = |p: &mut Project| Ok(p.import_set_files(&[path], accept_partial));
    match next {
        Some(next) => w.step("importSetFiles", request, next, f),
        None => w.ask("importSetFiles", request, f),
    };
}

#[test]
fn import_answers_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let sets = teammate_sets(dir.path());
    let (empty, convoy) = erin(dir.path());
    let mut rec = Recording::new(dir.path());
    for name in ["ana.json", "moved.json", "clean.json", "w3c.jsonld"] {
        rec.file(&sets.join(name));
    }
    let set = |name: &str| sets.join(name);

    // Files that import nothing, then Ana's set, twice.
    let mut w = Walk::new(&mut rec, branch(&convoy, "a"), "convoy");
    import(&mut w, &set("broken.json"), false, None);
    import(&mut w, &set("notaset.json"), false, None);
    import(&mut w, &set("moved.json"), false, None);
    import(&mut w, &set("ana.json"), false, Some("convoy+ana"));
    import(&mut w, &set("ana.json"), false, None);

    // The refused file's rest imported after a clean one.
    let mut w = Walk::new(&mut rec, branch(&convoy, "b"), "convoy");
    import(&mut w, &set("clean.json"), false, Some("convoy+clean"));
    import(&mut w, &set("moved.json"), true, Some("convoy+clean+moved"));

    // A foreign format whose reader notes what it mapped.
    let mut w = Walk::new(&mut rec, branch(&convoy, "c"), "convoy");
    import(&mut w, &set("w3c.jsonld"), false, Some("convoy+w3c"));

    // Into a project with no document yet.
    let mut w = Walk::new(&mut rec, branch(&empty, "d"), "empty");
    import(&mut w, &set("ana.json"), false, Some("empty+ana"));

    rec.finish("import.json");
}
