//! Annotation sets: lossless round trips, merging a teammate's set, and hostile sets refused
//! with nothing changed.

use std::path::{Path, PathBuf};

use claimcoder::interchange::set::AnnotationSet;
use claimcoder::interchange::{ExportFormat, ExportScope, FORMATS};
use claimcoder::model::{ClaimEdit, NewSpeaker, Span, SpeakerKind, Status};
use claimcoder::{ErrorCode, Project};
use serde_json::Value;

use crate::support::{cp_span, new_claim, project_with, Fixture, MIXED};

/// A project with two coders, speakers with aliases, a cue and notes with awkward characters.
fn coded() -> Fixture {
    let mut f = project_with(MIXED);
    let zoe = f
        .project
        .create_speaker(NewSpeaker {
            name: "Zoë Marchetti".into(),
            kind: SpeakerKind::Government,
            aliases: vec!["the minister".into()],
        })
        .unwrap();
    let c = f
        .project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "👍🏽 \"we agree\" 🇺🇦",
            Status::Attributed,
        ))
        .unwrap();
    let (cs, ce) = cp_span(MIXED, "said");
    f.project
        .update_claim(ClaimEdit {
            id: c.id,
            start: c.start,
            end: c.end,
            quote: c.quote,
            status: c.status,
            speaker: Some(zoe.id),
            cue: Some(Span { start: cs, end: ce }),
            note: Some("line one, \"quoted\"\nline two; ß".into()),
        })
        .unwrap();
    f.project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "北京称此说法不实",
            Status::Unverified,
        ))
        .unwrap();
    f.project.set_coder("Bo").unwrap();
    f.project
        .create_claim(new_claim(&f.doc, MIXED, "الميناء مغلق", Status::Disputed))
        .unwrap();
    f
}

fn empty_project(dir: &Path, name: &str) -> Project {
    let mut p = Project::open(&dir.join(name)).unwrap();
    p.set_coder("Lead").unwrap();
    p
}

fn export_json(p: &Project, scope: &ExportScope, out: &Path) -> Value {
    p.export(scope, ExportFormat::Json, out).unwrap();
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

fn venv_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python")
}

/// Validates files against the set's JSON Schema with a real JSON Schema validator.
fn schema_errors(files: &[&Path]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(venv_python())
        .arg(root.join("tests/validators/json_schema.py"))
        .arg(root.join("schemas/annotation-set.schema.json"))
        .args(files)
        .output()
        .expect("the validators' Python is installed by scripts/setup.sh");
    if out.status.success() {
        String::new()
    } else {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }
}

#[test]
fn export_import_export_is_lossless_and_schema_valid() {
    let f = coded();
    let first_path = f.dir.path().join("first.json");
    let first = export_json(&f.project, &ExportScope::default(), &first_path);
    assert_eq!(first["format"], "claimcoder/annotation-set");
    assert!(
        first.get("coder").is_none(),
        "two coders: each claim names its own"
    );
    assert_eq!(first["claims"].as_array().unwrap().len(), 3);
    assert_eq!(first["claims"][0]["coder"]["name"], "Ana");
    assert_eq!(first["claims"][0]["cue"]["start"], 13);

    let mut other = empty_project(f.dir.path(), "other.claimcoder");
    let report = other.import_set_file(&first_path, false).unwrap();
    assert!(report.imported && report.refused.is_empty(), "{report:?}");
    assert_eq!(
        (
            report.documents_added,
            report.speakers_added,
            report.claims_added
        ),
        (1, 1, 3)
    );
    let second_path = f.dir.path().join("second.json");
    let second = export_json(&other, &ExportScope::default(), &second_path);
    assert_eq!(first, second, "equal up to key order");

    // One coder's set names the coder once, at the top.
    let ana_path = f.dir.path().join("ana.json");
    let ana = export_json(
        &f.project,
        &ExportScope {
            coder: Some("ana".into()),
            ..Default::default()
        },
        &ana_path,
    );
    assert_eq!(ana["coder"]["name"], "Ana");
    assert_eq!(ana["claims"].as_array().unwrap().len(), 2);
    assert!(ana["claims"][0].get("coder").is_none());

    let errors = schema_errors(&[&first_path, &second_path, &ana_path]);
    assert!(errors.is_empty(), "{errors}");
}

#[test]
fn the_schema_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"claimcoder/annotation-set","version":1,"documents":[],"speakers":[],
            "claims":[{"id":"c","document":"d","start":0,"end":1,"quote":"x","status":"false",
            "speaker":null,"cue":null,"note":null,"created":"yesterday","modified":"2026-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    let errors = schema_errors(&[&bad]);
    assert!(errors.contains("claims/0/status"), "{errors}");
    assert!(errors.contains("claims/0/created"), "{errors}");
    assert!(
        errors.contains("coder"),
        "a claim without a coder in a set without one: {errors}"
    );
}

#[test]
fn importing_the_same_set_twice_changes_nothing() {
    let f = coded();
    let path = f.dir.path().join("set.json");
    f.project
        .export(&ExportScope::default(), ExportFormat::Json, &path)
        .unwrap();
    let mut other = empty_project(f.dir.path(), "other.claimcoder");
    other.import_set_file(&path, false).unwrap();
    let changes = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
            .unwrap()
    };
    let before = changes(other.path());
    let again = other.import_set_file(&path, false).unwrap();
    assert_eq!(
        (
            again.documents_added,
            again.documents_matched,
            again.speakers_added,
            again.speakers_matched
        ),
        (0, 1, 0, 1)
    );
    assert_eq!(
        (
            again.claims_added,
            again.claims_unchanged,
            again.claims_updated
        ),
        (0, 3, 0)
    );
    assert_eq!(changes(other.path()), before, "no change recorded");
    assert_eq!(other.all_claims().unwrap().len(), 3);
}

#[test]
fn a_teammates_set_joins_our_document_and_speakers_by_text_and_alias() {
    let f = coded();
    let path = f.dir.path().join("set.json");
    f.project
        .export(&ExportScope::default(), ExportFormat::Json, &path)
        .unwrap();

    let mut ours = empty_project(f.dir.path(), "ours.claimcoder");
    let our_doc = ours.import_text(Some("Our copy"), MIXED).unwrap().id;
    let minister = ours
        .create_speaker(NewSpeaker {
            name: "The Minister".into(),
            kind: SpeakerKind::Person,
            aliases: vec![],
        })
        .unwrap();
    let report = ours.import_set_file(&path, false).unwrap();
    assert_eq!((report.documents_matched, report.documents_added), (1, 0));
    assert_eq!(
        (report.speakers_matched, report.speakers_added),
        (1, 0),
        "matched by alias, any case"
    );
    let claims = ours.claims(&our_doc).unwrap();
    assert_eq!(claims.len(), 3);
    assert_eq!(claims[0].speaker.as_ref(), Some(&minister.id));
    let coders: Vec<_> = ours.coders().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(coders, ["Ana", "Bo", "Lead"], "claims keep their coders");
    assert_eq!(ours.documents().unwrap().len(), 1);

    // Newer in the set: updated. Older or equal: ours is kept.
    let mut set: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    set["claims"][1]["status"] = "disputed".into();
    set["claims"][1]["modified"] = "2999-01-01T00:00:00.000Z".into();
    set["claims"][2]["status"] = "attributed".into();
    std::fs::write(&path, serde_json::to_vec(&set).unwrap()).unwrap();
    let report = ours.import_set_file(&path, false).unwrap();
    assert_eq!((report.claims_updated, report.claims_unchanged), (1, 2));
    let claims = ours.claims(&our_doc).unwrap();
    let by_id = |id: &Value| {
        claims
            .iter()
            .find(|c| c.id.as_str() == id.as_str().unwrap())
            .unwrap()
    };
    assert_eq!(by_id(&set["claims"][1]["id"]).status, Status::Disputed);
    assert_ne!(by_id(&set["claims"][2]["id"]).status, Status::Attributed);
}

fn edited_set(f: &Fixture, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let path = f.dir.path().join("edited.json");
    f.project
        .export(&ExportScope::default(), ExportFormat::Json, &path)
        .unwrap();
    let mut set: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut set);
    std::fs::write(&path, serde_json::to_vec_pretty(&set).unwrap()).unwrap();
    path
}

#[test]
fn wrong_offsets_are_reanchored_by_the_quote() {
    let f = coded();
    let path = edited_set(&f, |s| {
        // Offsets counted in UTF-16 (as a careless tool would): the quote is elsewhere.
        s["claims"][1]["start"] = (s["claims"][1]["start"].as_u64().unwrap() + 4).into();
        s["claims"][1]["end"] = (s["claims"][1]["end"].as_u64().unwrap() + 4).into();
    });
    let mut other = empty_project(f.dir.path(), "other.claimcoder");
    let report = other.import_set_file(&path, false).unwrap();
    assert!(report.imported);
    assert_eq!(report.reanchored.len(), 1, "{report:?}");
    assert!(
        report.reanchored[0].message.contains("found at"),
        "{report:?}"
    );
    let (start, end) = cp_span(MIXED, "北京称此说法不实");
    let claims = other.all_claims().unwrap();
    let moved = claims
        .iter()
        .find(|c| c.quote == "北京称此说法不实")
        .unwrap();
    assert_eq!((moved.start, moved.end), (start, end));
}

#[test]
fn a_claim_that_cannot_be_placed_blocks_the_import_unless_partial_is_accepted() {
    let f = coded();
    let path = edited_set(&f, |s| {
        s["claims"][2]["quote"] = "words that are not in the text".into();
    });
    let mut other = empty_project(f.dir.path(), "other.claimcoder");
    let report = other.import_set_file(&path, false).unwrap();
    assert!(!report.imported);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(
        report.claims_added, 2,
        "the report says what would be added"
    );
    assert!(
        report.refused[0]
            .message
            .contains("nowhere in the document"),
        "{report:?}"
    );
    assert!(
        other.documents().unwrap().is_empty(),
        "nothing imported, not even the document"
    );
    assert!(other.speakers().unwrap().is_empty());

    let report = other.import_set_file(&path, true).unwrap();
    assert!(report.imported);
    assert_eq!((report.claims_added, report.refused.len()), (2, 1));
    assert_eq!(other.all_claims().unwrap().len(), 2);
}

#[test]
fn merged_claims_pass_the_same_checks_as_coded_ones() {
    let f = coded();
    let path = edited_set(&f, |s| {
        // Over the note limit the app enforces, and a cue outside the text.
        s["claims"][0]["note"] = "n".repeat(20_001).into();
        s["claims"][2]["cue"] = serde_json::json!({ "start": 0, "end": 100_000 });
    });
    let mut other = empty_project(f.dir.path(), "other.claimcoder");
    let report = other.import_set_file(&path, false).unwrap();
    assert!(!report.imported);
    let refused: Vec<&str> = report.refused.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(refused.len(), 2, "{report:?}");
    assert!(
        refused[0].contains("note is longer than 20000"),
        "{refused:?}"
    );
    assert!(
        refused[1].contains("cue") && refused[1].contains("outside the text"),
        "{refused:?}"
    );
    assert!(other.all_claims().unwrap().is_empty());
}

#[test]
fn a_set_built_in_code_with_broken_references_is_refused_not_a_panic() {
    let f = coded();
    let mut set = AnnotationSet::from_corpus(&f.project.corpus(&ExportScope::default()).unwrap());
    set.claims[0].document = "no-such-document".into();
    let mut other = empty_project(f.dir.path(), "other.claimcoder");
    let err = other.import_set(&set, "built.json", false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidFile);
    assert!(
        err.to_string().contains("built.json")
            && err
                .to_string()
                .contains("document no-such-document is not in the set"),
        "{err}"
    );
    set.claims[0].document = set.documents[0].id.clone();
    set.claims[0].speaker = Some("no-such-speaker".into());
    let err = other.import_set(&set, "built.json", false).unwrap_err();
    assert!(err.to_string().contains("speaker no-such-speaker"), "{err}");
    assert!(other.documents().unwrap().is_empty());
}

#[test]
fn hostile_sets_are_refused_with_a_clear_message_and_change_nothing() {
    let f = coded();
    let mut victim = empty_project(f.dir.path(), "victim.claimcoder");
    victim
        .import_text(Some("Already here"), "Nothing may be lost.")
        .unwrap();
    let state = |p: &Project| {
        (
            p.documents().unwrap(),
            p.all_claims().unwrap(),
            p.speakers().unwrap(),
        )
    };
    let before = state(&victim);

    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("invalid JSON", write(&f, "broken.json", b"{\"format\": \"claimcoder/annotation-set\",\n  \"version\": 1,\n  \"documents\": [ oops ]}"), "line 3"),
        ("unknown status", edited_set_named(&f, "status.json", |s| s["claims"][0]["status"] = "false".into()), "unknown variant `false`"),
        ("duplicated ids", edited_set_named(&f, "dup.json", |s| {
            let c = s["claims"][0].clone();
            s["claims"].as_array_mut().unwrap().push(c);
        }), "appears twice"),
        ("wrong sha256", edited_set_named(&f, "sha.json", |s| s["documents"][0]["sha256"] = "0".repeat(64).into()), "sha256 does not match"),
        ("unknown document", edited_set_named(&f, "doc.json", |s| s["claims"][0]["document"] = "nowhere".into()), "document nowhere is not in the set"),
        ("newer version", edited_set_named(&f, "v2.json", |s| s["version"] = 2.into()), "newer than this Claimcoder reads"),
        ("not a set", write(&f, "other.json", br#"{"hello": "world"}"#), "not an annotation set"),
        ("bad time", edited_set_named(&f, "time.json", |s| s["claims"][0]["created"] = "yesterday".into()), "not an RFC 3339 time"),
    ];
    for (what, path, words) in cases {
        let err = victim.import_set_file(&path, true).expect_err(what);
        let msg = err.to_string();
        assert!(msg.contains(words), "{what}: {msg}");
        assert!(
            msg.contains(&path.file_name().unwrap().to_string_lossy().to_string()),
            "{what} names the file: {msg}"
        );
        assert_eq!(state(&victim), before, "{what} changed the project");
    }

    // A 200 MB file is refused before it is read.
    let huge = f.dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let err = victim.import_set_file(&huge, true).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TooLarge);
    assert_eq!(state(&victim), before);
}

fn write(f: &Fixture, name: &str, bytes: &[u8]) -> PathBuf {
    let p = f.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn edited_set_named(f: &Fixture, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let p = edited_set(f, edit);
    let to = f.dir.path().join(name);
    std::fs::rename(&p, &to).unwrap();
    to
}

#[test]
fn sets_parse_as_the_rust_type_and_back() {
    let f = coded();
    let path = f.dir.path().join("set.json");
    f.project
        .export(&ExportScope::default(), ExportFormat::Json, &path)
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let set = AnnotationSet::parse(&bytes, "set.json").unwrap();
    assert_eq!(set.to_json().as_bytes(), bytes.as_slice());
}

#[test]
fn every_format_exports_and_the_standard_ones_come_back_in() {
    let f = coded();
    for info in FORMATS {
        let format = &info.format;
        let path = f.dir.path().join(format!("all.{}", info.extension));
        let done = f
            .project
            .export(&ExportScope::default(), *format, &path)
            .unwrap();
        assert_eq!((done.claims, done.documents), (3, 1), "{format:?}");
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            u64::from(done.bytes)
        );
        let partial = format!(".all.{}.", info.extension);
        assert!(
            !std::fs::read_dir(f.dir.path()).unwrap().any(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.starts_with(&partial) && name.ends_with(".partial")
            }),
            "no partial file is left"
        );
    }
    // A statuses filter is honoured by every writer alike.
    let scope = ExportScope {
        statuses: vec![Status::Disputed],
        ..Default::default()
    };
    let csv = f.dir.path().join("disputed.csv");
    assert_eq!(
        f.project
            .export(&scope, ExportFormat::Csv, &csv)
            .unwrap()
            .claims,
        1
    );

    // W3C and REFI-QDA files bring the claims back into a project holding the article.
    for ext in ["jsonld", "qdpx"] {
        let mut other = empty_project(f.dir.path(), &format!("from-{ext}.claimcoder"));
        other.import_text(Some("Same article"), MIXED).unwrap();
        let report = other
            .import_set_file(&f.dir.path().join(format!("all.{ext}")), false)
            .unwrap();
        assert!(report.imported, "{ext}: {report:?}");
        assert_eq!(report.claims_added, 3, "{ext}: {report:?}");
        let mut quotes: Vec<_> = other
            .all_claims()
            .unwrap()
            .into_iter()
            .map(|c| (c.quote, c.status))
            .collect();
        let mut expected: Vec<_> = f
            .project
            .all_claims()
            .unwrap()
            .into_iter()
            .map(|c| (c.quote, c.status))
            .collect();
        quotes.sort_by(|a, b| a.0.cmp(&b.0));
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(quotes, expected, "{ext}");
    }
}
