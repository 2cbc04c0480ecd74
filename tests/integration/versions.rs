//! Versions of a document on a real project file: claims carried over with their placement,
//! orphans kept and re-placed or discarded, the old version untouched, the list of versions.

use claimcoder::model::{
    ClaimEdit, DocumentId, NewDocument, Placement, ReviewReason, Source, SpeakerKind, Status,
};
use claimcoder::{ErrorCode, Project};

use crate::support::{cp_span, new_claim, project_with, speaker};

const V1: &str =
    "Мэр 👍🏽 said on Monday that the harbour would close in March, officials confirmed.\n\n\
Unions disputed the figures given by the port authority on Tuesday.\n\n\
The council has not confirmed the date, a spokeswoman said after the meeting.\n\n\
Fishermen in the old quarter say their catch is rotting on the quay.";

/// The second paragraph moved to the end, a word changed in the third, the fourth gone, a
/// sentence added at the top.
const V2: &str = "UPDATE 🚢: talks resume on Friday.\n\n\
Мэр 👍🏽 said on Monday that the harbour would close in March, officials confirmed.\n\n\
The council has not yet confirmed the date, a spokeswoman said after the meeting.\n\n\
Unions disputed the figures given by the port authority on Tuesday.";

fn new_version(text: &str) -> NewDocument {
    NewDocument {
        title: "Harbour (updated)".into(),
        text: text.into(),
        source: Source::default(),
    }
}

fn count_changes(path: &std::path::Path, like: &str) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM changes WHERE after LIKE ?1",
            [like],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_new_version_carries_each_claim_to_its_words_and_keeps_the_old_one() {
    let mut f = project_with(V1);
    // Claims by Bo; the version is imported by Ana.
    f.project.set_coder("Bo").unwrap();
    let mayor = speaker(&mut f.project, "Мэр", SpeakerKind::Government, &[]);
    let mut c = new_claim(
        &f.doc,
        V1,
        "the harbour would close in March",
        Status::Attributed,
    );
    c.speaker = Some(mayor.id.clone());
    let (cs, ce) = cp_span(V1, "said");
    c.cue = Some(claimcoder::model::Span { start: cs, end: ce });
    c.note = Some("check the date".into());
    let exact = f.project.create_claim(c).unwrap();
    let moved = f
        .project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "disputed the figures given by the port",
            Status::Disputed,
        ))
        .unwrap();
    let fuzzy = f
        .project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "The council has not confirmed the date",
            Status::Unverified,
        ))
        .unwrap();
    let gone = f
        .project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "their catch is rotting on the quay",
            Status::Unverified,
        ))
        .unwrap();
    let old_claims = f.project.claims(&f.doc).unwrap();
    f.project.set_coder("Ana").unwrap();

    let done = f.project.import_version(&f.doc, new_version(V2)).unwrap();
    assert_eq!(done.previous, f.doc);
    assert_eq!((done.document.version, done.document.version_count), (2, 2));
    assert_eq!(done.document.previous_version.as_ref(), Some(&f.doc));
    assert_eq!(
        (
            done.exact + done.moved,
            done.fuzzy,
            done.orphaned,
            done.to_review
        ),
        (2, 1, 1, 1),
        "{done:#?}"
    );
    let v2 = done.document.id.clone();
    let by_from = |id: &claimcoder::model::ClaimId| {
        done.carried.iter().find(|c| &c.from_claim == id).unwrap()
    };
    assert_eq!(by_from(&exact.id).placement, Placement::Exact);
    assert!(matches!(
        by_from(&moved.id).placement,
        Placement::Exact | Placement::Moved
    ));
    assert_eq!(by_from(&fuzzy.id).placement, Placement::Fuzzy);
    assert_eq!(by_from(&fuzzy.id).review, Some(ReviewReason::Fuzzy));
    assert_eq!(by_from(&gone.id).placement, Placement::Orphaned);
    assert_eq!(by_from(&gone.id).start, None);

    // Each carried claim is on its words in the new text, with everything else it had, and is
    // still its original coder's.
    let carried = f.project.claims(&v2).unwrap();
    assert_eq!(carried.len(), 3);
    let text = f.project.document(&v2).unwrap().text;
    for c in &carried {
        assert_eq!(
            claimcoder::text::slice_cp(&text, c.start as usize, c.end as usize),
            Some(c.quote.as_str())
        );
        assert_eq!(c.coder, exact.coder, "carried claims keep their coder");
    }
    let e = carried.iter().find(|c| c.quote == exact.quote).unwrap();
    assert_eq!(e.speaker, Some(mayor.id.clone()));
    assert_eq!(e.note.as_deref(), Some("check the date"));
    let cue = e.cue.unwrap();
    assert_eq!(
        claimcoder::text::slice_cp(&text, cue.start as usize, cue.end as usize),
        Some("said")
    );
    let fz = carried
        .iter()
        .find(|c| c.status == Status::Unverified)
        .unwrap();
    assert_eq!(fz.quote, "The council has not yet confirmed the date");

    // The old version and its claims are untouched.
    assert_eq!(f.project.claims(&f.doc).unwrap(), old_claims);
    assert_eq!(f.project.document(&f.doc).unwrap().text, V1);

    // The list shows the article once, at its latest version; the versions are listed.
    let docs = f.project.documents().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!((docs[0].id.clone(), docs[0].version_count), (v2.clone(), 2));
    let versions = f.project.versions(&f.doc).unwrap();
    let summary: Vec<_> = versions
        .iter()
        .map(|v| (v.version, v.claim_count, v.orphan_count, v.review_count))
        .collect();
    assert_eq!(summary, [(1, 4, 0, 0), (2, 3, 1, 1)]);
    assert_eq!(f.project.versions(&v2).unwrap(), versions);

    // The change records say where each carried claim and the orphan came from, and who
    // imported the version.
    assert_eq!(
        count_changes(&f.path(), "%\"carried_from\":%\"version\":1%"),
        4
    );

    // What needs attention: the orphan (with its old words) and the fuzzy placement.
    let attention = f.project.attention(&v2).unwrap();
    assert_eq!(attention.orphans.len(), 1);
    let orphan = &attention.orphans[0];
    assert_eq!(orphan.quote, gone.quote);
    assert_eq!(orphan.from_claim, gone.id);
    assert_eq!(attention.review.len(), 1);
    assert_eq!(attention.review[0].placement.from_quote, fuzzy.quote);

    // Confirming the fuzzy one takes it off the list; the placement stays on record.
    let fz_id = attention.review[0].claim.id.clone();
    f.project.confirm_placement(&fz_id).unwrap();
    assert!(f.project.attention(&v2).unwrap().review.is_empty());
    let placements = f.project.placements(Some(&v2)).unwrap();
    assert_eq!(placements.len(), 3);
    assert!(placements.iter().all(|p| p.review.is_none()));

    // The orphan is re-placed on words of the new version: a claim with its id and fields.
    let (s, e) = cp_span(&text, "talks resume on Friday");
    let placed = f
        .project
        .replace_orphan(&orphan.id, s, e, "talks resume on Friday")
        .unwrap();
    assert_eq!(
        (placed.id.clone(), placed.status),
        (orphan.id.clone(), Status::Unverified)
    );
    assert_eq!(placed.coder, gone.coder);
    assert!(f.project.orphans(Some(&v2)).unwrap().is_empty());
    // All of it is in the file.
    let f = f.reopen();
    assert_eq!(f.project.claims(&v2).unwrap().len(), 4);
    let versions = f.project.versions(&v2).unwrap();
    assert_eq!((versions[1].claim_count, versions[1].orphan_count), (4, 0));
}

#[test]
fn orphans_are_kept_until_discarded_and_find_their_words_in_a_later_version() {
    let mut f = project_with(V1);
    let gone = f
        .project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "their catch is rotting on the quay",
            Status::Disputed,
        ))
        .unwrap();
    let v2 = f.project.import_version(&f.doc, new_version(V2)).unwrap();
    assert_eq!(v2.orphaned, 1);
    let v2 = v2.document.id;
    let orphan = f.project.orphans(Some(&v2)).unwrap().remove(0);
    // Pasted text works as a version too (the app's "Paste…" for a new version); the same
    // text again is refused.
    let err = f.project.import_version_text(&f.doc, None, V2).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);

    // A span with other words than the analyst saw is refused; the orphan stays.
    let err = f
        .project
        .replace_orphan(&orphan.id, 0, 6, "WRONG!")
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::QuoteMismatch);
    assert_eq!(f.project.orphans(Some(&v2)).unwrap().len(), 1);

    // The words come back in version 3: the orphan is carried there as a claim again. Asking
    // for a version of the first version follows the article to its latest.
    let v3_text =
        format!("{V2}\n\nFishermen in the old quarter say their catch is rotting on the quay.");
    let v3 = f
        .project
        .import_version(&f.doc, new_version(&v3_text))
        .unwrap();
    assert_eq!(v3.previous, v2);
    assert_eq!(v3.document.version, 3);
    let back = f.project.claims(&v3.document.id).unwrap();
    let again = back
        .iter()
        .find(|c| c.quote == gone.quote)
        .expect("found again");
    assert_eq!(again.status, Status::Disputed);
    assert!(f.project.orphans(Some(&v3.document.id)).unwrap().is_empty());
    // Version 2 keeps its orphan until someone discards it; undo puts it back as it was.
    let discarded = f.project.discard_orphan(&orphan.id).unwrap();
    assert_eq!(discarded.quote, gone.quote);
    assert!(f.project.orphans(None).unwrap().is_empty());
    f.project.restore_orphan(discarded.clone()).unwrap();
    assert_eq!(
        f.project.orphans(None).unwrap(),
        std::slice::from_ref(&discarded)
    );
    let err = f.project.restore_orphan(discarded).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ClaimExists);
    // Re-placing it and undoing that (the claim deleted, the orphan restored) also round-trips.
    let (s, e) = cp_span(V2, "talks resume on Friday");
    let placed = f
        .project
        .replace_orphan(&orphan.id, s, e, "talks resume on Friday")
        .unwrap();
    f.project.delete_claim(&placed.id).unwrap();
    f.project.restore_orphan(orphan.clone()).unwrap();
    f.project.discard_orphan(&orphan.id).unwrap();
    assert!(f.project.orphans(None).unwrap().is_empty());
    assert_eq!(
        f.project.discard_orphan(&orphan.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn version_refusals_leave_the_project_as_it_was() {
    let mut f = project_with(V1);
    f.project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "their catch is rotting on the quay",
            Status::Disputed,
        ))
        .unwrap();
    // The same text is not a new version.
    let err = f
        .project
        .import_version(&f.doc, new_version(V1))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
    assert!(err.to_string().contains("same as version 1"), "{err}");
    let err = f
        .project
        .import_version(&DocumentId("nope".into()), new_version(V2))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(f.project.all_documents().unwrap().len(), 1);

    let v2 = f
        .project
        .import_version(&f.doc, new_version(V2))
        .unwrap()
        .document
        .id;
    // An older version cannot be deleted while a later one exists.
    let err = f.project.delete_document(&f.doc, true).unwrap_err();
    assert_eq!(err.code(), ErrorCode::HasLaterVersion);
    // The latest holds an orphan: it counts as a claim to delete with it.
    let err = f.project.delete_document(&v2, false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::HasClaims);
    f.project.delete_document(&v2, true).unwrap();
    let docs = f.project.documents().unwrap();
    assert_eq!(
        (docs.len(), docs[0].id.clone(), docs[0].version_count),
        (1, f.doc.clone(), 1)
    );
    assert!(f.project.orphans(None).unwrap().is_empty());
}

#[test]
fn orphans_follow_a_speaker_merge() {
    let mut f = project_with(V1);
    let a = speaker(&mut f.project, "Fishermen", SpeakerKind::Other, &[]);
    let b = speaker(&mut f.project, "Fishers", SpeakerKind::Other, &[]);
    let mut c = new_claim(
        &f.doc,
        V1,
        "their catch is rotting on the quay",
        Status::Attributed,
    );
    c.speaker = Some(a.id.clone());
    f.project.create_claim(c).unwrap();
    let v2 = f
        .project
        .import_version(&f.doc, new_version(V2))
        .unwrap()
        .document
        .id;
    f.project.merge_speakers(&a.id, &b.id).unwrap();
    let orphan = f.project.orphans(Some(&v2)).unwrap().remove(0);
    assert_eq!(orphan.speaker, Some(b.id));
}

#[test]
fn a_carried_claim_is_edited_like_any_other() {
    let mut f = project_with(V1);
    f.project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "Unions disputed the figures",
            Status::Disputed,
        ))
        .unwrap();
    let v2 = f
        .project
        .import_version(&f.doc, new_version(V2))
        .unwrap()
        .document
        .id;
    let c = f.project.claims(&v2).unwrap().remove(0);
    let edited = f
        .project
        .update_claim(ClaimEdit {
            id: c.id.clone(),
            start: c.start,
            end: c.end,
            quote: c.quote.clone(),
            status: Status::Attributed,
            speaker: None,
            cue: None,
            note: Some("re-read in v2".into()),
        })
        .unwrap();
    assert_eq!(edited.status, Status::Attributed);
    // Deleting it takes its placement with it.
    f.project.delete_claim(&c.id).unwrap();
    assert!(f.project.placements(Some(&v2)).unwrap().is_empty());
}

fn cli(project: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimcoder"))
        .arg("--project")
        .arg(project)
        .args(args)
        .env("CLAIMCODER_CODER", "Cli Coder")
        .output()
        .unwrap()
}

fn cli_json(project: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = cli(project, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn versions_orphans_and_search_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let (v1, v2) = (dir.path().join("v1.txt"), dir.path().join("v2.txt"));
    std::fs::write(&v1, V1).unwrap();
    std::fs::write(&v2, V2).unwrap();
    assert!(cli(&project, &["import", v1.to_str().unwrap()])
        .status
        .success());
    let doc = cli_json(&project, &["docs", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for quote in [
        "the harbour would close in March",
        "their catch is rotting on the quay",
    ] {
        let (s, e) = cp_span(V1, quote);
        let out = cli(
            &project,
            &[
                "claim",
                "add",
                &doc,
                &s.to_string(),
                &e.to_string(),
                "--status",
                "disputed",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Several files with --version-of are refused with the reason; nothing is imported.
    let out = cli(
        &project,
        &[
            "import",
            v2.to_str().unwrap(),
            v1.to_str().unwrap(),
            "--version-of",
            &doc,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--version-of takes one file"));

    let done = cli_json(
        &project,
        &[
            "import",
            v2.to_str().unwrap(),
            "--version-of",
            &doc,
            "--json",
        ],
    );
    assert_eq!(
        (done["exact"].as_u64(), done["orphaned"].as_u64()),
        (Some(1), Some(1))
    );
    let v2_id = done["document"]["id"].as_str().unwrap().to_owned();
    assert_eq!(done["document"]["version"], 2);

    let docs = cli_json(&project, &["docs", "--json"]);
    assert_eq!(docs.as_array().unwrap().len(), 1);
    assert_eq!(
        (docs[0]["id"].as_str(), docs[0]["version_count"].as_u64()),
        (Some(&v2_id[..]), Some(2))
    );
    let versions = cli_json(&project, &["doc", "versions", &doc, "--json"]);
    assert_eq!(versions[1]["orphan_count"], 1);

    // claims --json says how each carried claim was placed (null for one coded directly).
    let claims = cli_json(&project, &["claims", "--doc", &v2_id, "--json"]);
    assert_eq!(claims[0]["placement"]["placement"], "exact");
    assert_eq!(
        claims[0]["placement"]["from_quote"],
        "the harbour would close in March"
    );
    let old = cli_json(&project, &["claims", "--doc", &doc, "--json"]);
    assert!(old[0]["placement"].is_null());

    let orphans = cli_json(&project, &["orphans", "--doc", &v2_id, "--json"]);
    assert_eq!(orphans[0]["quote"], "their catch is rotting on the quay");
    let orphan = orphans[0]["id"].as_str().unwrap().to_owned();
    let (s, e) = cp_span(V2, "talks resume on Friday");
    let out = cli(
        &project,
        &["orphan", "place", &orphan, &s.to_string(), &e.to_string()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(cli_json(&project, &["orphans", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let out = cli(&project, &["orphan", "discard", &orphan]);
    assert_eq!(out.status.code(), Some(1), "already re-placed");

    // Search lists the hits with their code-point offsets, in both versions.
    let hits = cli_json(&project, &["search", "harbour", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 2);
    let (s, _) = cp_span(V2, "harbour");
    assert_eq!(hits[1]["matches"][0]["start"], s);
    let out = cli(&project, &["search", "мэр"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains(&doc) && listed.contains(&v2_id), "{listed}");
}

#[test]
fn a_set_whose_words_were_edited_is_placed_by_the_same_carrying_and_flagged() {
    use claimcoder::interchange::{ExportFormat, ExportScope};
    let mut f = project_with(V1);
    f.project
        .create_claim(new_claim(
            &f.doc,
            V1,
            "The council has not confirmed the date",
            Status::Disputed,
        ))
        .unwrap();
    let path = f.dir.path().join("set.json");
    f.project
        .export(&ExportScope::default(), ExportFormat::Json, &path)
        .unwrap();
    let mut set: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // The teammate's claim was made on a version that read "has not yet confirmed".
    set["claims"][0]["quote"] = "The council has not yet confirmed the date".into();
    set["claims"][0]["end"] = (set["claims"][0]["end"].as_u64().unwrap() + 4).into();
    std::fs::write(&path, serde_json::to_vec(&set).unwrap()).unwrap();

    let mut other = Project::open(&f.dir.path().join("other.claimcoder")).unwrap();
    other.set_coder("Lead").unwrap();
    let report = other.import_set_file(&path, false).unwrap();
    assert!(report.imported, "{report:?}");
    assert_eq!(report.reanchored.len(), 1);
    assert!(
        report.reanchored[0].message.contains("with edited words"),
        "{report:?}"
    );
    let claim = other.all_claims().unwrap().remove(0);
    assert_eq!(claim.quote, "The council has not confirmed the date");
    let placed = other.placements(None).unwrap();
    assert_eq!(
        (placed[0].placement, placed[0].review),
        (Placement::Fuzzy, Some(ReviewReason::Fuzzy))
    );
    assert_eq!(other.attention(&claim.document).unwrap().review.len(), 1);
}
