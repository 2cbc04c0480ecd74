//! Adjudication: decisions make the gold set and are recorded with who, when, what and why.

use claimcoder::model::{
    Chosen, DecisionAction, EditedClaim, NewDecision, NewSpeaker, SpeakerKind, Status,
};
use claimcoder::project::{AgreementOptions, GOLD_CODER};
use claimcoder::{ErrorCode, Project};

use crate::support::{cp_span, new_claim, project_with};

const TEXT: &str = "Ana said the port is closed. Officials denied it 👍🏽 all. Prices rose again.\n";

#[test]
fn decisions_make_the_gold_set_and_keep_an_audit_trail() {
    let mut f = project_with(TEXT);
    let minister = f
        .project
        .create_speaker(NewSpeaker {
            name: "Minister".into(),
            kind: SpeakerKind::Government,
            aliases: vec![],
        })
        .unwrap();
    let a1 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "the port is closed",
            Status::Disputed,
        ))
        .unwrap();
    let a2 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "Officials denied it",
            Status::Attributed,
        ))
        .unwrap();
    let a3 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "Prices rose again",
            Status::Unverified,
        ))
        .unwrap();
    f.project.set_coder("Bo").unwrap();
    let b1 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "the port is closed",
            Status::Attributed,
        ))
        .unwrap();
    let mut b2n = new_claim(&f.doc, TEXT, "Officials denied it 👍🏽 all", Status::Disputed);
    b2n.speaker = Some(minister.id.clone());
    let b2 = f.project.create_claim(b2n).unwrap();
    f.project.set_coder("Lead").unwrap();

    let decide =
        |action, considered: Vec<&claimcoder::model::Claim>, chosen, edited, reason: &str| {
            NewDecision {
                document: f.doc.clone(),
                considered: considered.into_iter().map(|c| c.id.clone()).collect(),
                action,
                chosen,
                edited,
                reason: reason.into(),
            }
        };
    // Accept Ana's claim as it is.
    let d1 = f
        .project
        .adjudicate(decide(
            DecisionAction::Accept,
            vec![&a1, &b1],
            Chosen {
                span: Some(a1.id.clone()),
                ..Default::default()
            },
            None,
            "the text contests it",
        ))
        .unwrap();
    let g1 = d1.result.clone().unwrap();
    assert_eq!(
        (g1.start, g1.end, g1.status),
        (a1.start, a1.end, Status::Disputed)
    );
    assert_ne!(g1.id, a1.id);
    // Merge: Bo's span and speaker, Ana's status.
    let d2 = f
        .project
        .adjudicate(decide(
            DecisionAction::Merge,
            vec![&a2, &b2],
            Chosen {
                span: Some(b2.id.clone()),
                status: Some(a2.id.clone()),
                speaker: Some(b2.id.clone()),
            },
            None,
            "Bo's span is complete; the officials are named",
        ))
        .unwrap();
    let g2 = d2.result.clone().unwrap();
    assert_eq!(
        (g2.quote.as_str(), g2.status),
        ("Officials denied it 👍🏽 all", Status::Attributed)
    );
    assert_eq!(g2.speaker, Some(minister.id.clone()));
    // Edit: the adjudicator's own span.
    let (s, e) = cp_span(TEXT, "Prices rose");
    let d3 = f
        .project
        .adjudicate(decide(
            DecisionAction::Edit,
            vec![&a3],
            Chosen::default(),
            Some(EditedClaim {
                start: s,
                end: e,
                quote: "Prices rose".into(),
                status: Status::Unverified,
                speaker: None,
                cue: None,
                note: Some("trimmed".into()),
            }),
            "only the claim, not the adverb",
        ))
        .unwrap();
    assert_eq!(d3.result.as_ref().unwrap().quote, "Prices rose");

    // The gold set is one more coder.
    let gold: Vec<_> = f
        .project
        .all_claims()
        .unwrap()
        .into_iter()
        .filter(|c| c.coder == g1.coder)
        .collect();
    assert_eq!(gold.len(), 3);
    assert!(f
        .project
        .coders()
        .unwrap()
        .iter()
        .any(|c| c.name == GOLD_CODER && c.id == g1.coder));

    // A unit is decided once; undo first.
    let again = f.project.adjudicate(decide(
        DecisionAction::Reject,
        vec![&b1],
        Chosen::default(),
        None,
        "no",
    ));
    let msg = again.unwrap_err().to_string();
    assert!(
        msg.contains("already decided") && msg.contains("Lead"),
        "{msg}"
    );
    let undone = f.project.undo_decision(&d1.id).unwrap();
    assert_eq!(undone.undone_by.as_deref(), Some("Lead"));
    assert!(
        f.project
            .all_claims()
            .unwrap()
            .iter()
            .all(|c| c.id != g1.id),
        "its gold claim is gone"
    );
    let d4 = f
        .project
        .adjudicate(decide(
            DecisionAction::Reject,
            vec![&a1, &b1],
            Chosen::default(),
            None,
            "an opinion, not a claim",
        ))
        .unwrap();
    assert!(d4.result.is_none());
    assert_eq!(
        f.project.undo_decision(&d1.id).unwrap_err().code(),
        ErrorCode::AlreadyUndone
    );

    // Refusals, each leaving nothing behind.
    f.project.set_coder("Bo").unwrap();
    let b3 = f
        .project
        .create_claim(new_claim(&f.doc, TEXT, "Ana said", Status::Attributed))
        .unwrap();
    f.project.set_coder("Lead").unwrap();
    let before = f.project.all_claims().unwrap().len();
    for (d, words) in [
        (
            decide(
                DecisionAction::Accept,
                vec![&b3],
                Chosen {
                    span: Some(b3.id.clone()),
                    ..Default::default()
                },
                None,
                "  ",
            ),
            "needs a reason",
        ),
        (
            decide(
                DecisionAction::Accept,
                vec![&b3],
                Chosen {
                    span: Some(b1.id.clone()),
                    ..Default::default()
                },
                None,
                "x",
            ),
            "must come from a claim of this unit",
        ),
        (
            decide(
                DecisionAction::Merge,
                vec![&b3],
                Chosen {
                    span: Some(b3.id.clone()),
                    ..Default::default()
                },
                None,
                "x",
            ),
            "say which claim the status comes from",
        ),
        (
            decide(
                DecisionAction::Accept,
                vec![&g2],
                Chosen {
                    span: Some(g2.id.clone()),
                    ..Default::default()
                },
                None,
                "x",
            ),
            "already a gold claim",
        ),
        (
            decide(
                DecisionAction::Merge,
                vec![&a1, &b1],
                Chosen {
                    span: Some(a1.id.clone()),
                    ..Default::default()
                },
                None,
                "x",
            ),
            "already decided",
        ),
    ] {
        let msg = f.project.adjudicate(d).unwrap_err().to_string();
        assert!(msg.contains(words), "{words}: {msg}");
    }
    assert_eq!(f.project.all_claims().unwrap().len(), before);

    // The trail survives a reopen, with who, when, what from what, and why.
    let f = f.reopen();
    let trail = f.project.decisions(None).unwrap();
    assert_eq!(trail.len(), 4);
    assert!(trail[0].undone_at.is_some());
    assert_eq!(trail[1].chosen.status, Some(a2.id.clone()));
    assert_eq!(trail[1].considered.len(), 2);
    assert_eq!(trail[1].decided_by, "Lead");
    assert_eq!(trail[3].reason, "an opinion, not a claim");

    // Exports of the trail.
    let csv_path = f.dir.path().join("audit.csv");
    assert_eq!(f.project.export_decisions(&csv_path, true).unwrap(), 4);
    let mut rows = csv::ReaderBuilder::new().from_path(&csv_path).unwrap();
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, claimcoder::interchange::audit::CSV_HEADER);
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 4);
    assert_eq!(&records[1][5], "merge");
    assert_eq!(
        (&records[1][12], &records[1][13], &records[1][14]),
        ("Bo", "Ana", "Bo")
    );
    assert_eq!(&records[1][19], "Minister");
    assert!(records[1][11].contains("Ana: attributed") && records[1][11].contains("Bo: disputed"));
    let json_path = f.dir.path().join("audit.json");
    f.project.export_decisions(&json_path, false).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(json_path).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);
    assert_eq!(json[2]["action"], "edit");

    // Agreement leaves the gold set out unless it is asked for.
    let a = f.project.agreement(&AgreementOptions::default()).unwrap();
    let names: Vec<_> = a.coders.iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, ["Ana", "Bo"]);
}

#[test]
fn a_project_of_the_first_format_is_upgraded_in_place_and_keeps_its_data() {
    crate::support::isolated_data();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.claimcoder");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", claimcoder::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(include_str!("../../src/store/migrations/001_initial.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO documents (id, title, text, sha256, length, created) VALUES ('d1', 'Old', 'Old text.', 'x', 9, '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let mut p = Project::open(&path).unwrap();
    assert_eq!(p.documents().unwrap()[0].title, "Old");
    p.set_coder("Ana").unwrap();
    assert!(p.decisions(None).unwrap().is_empty());
    drop(p);
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, claimcoder::store::SCHEMA_VERSION);
    assert_eq!(version, 10);
    // The file as it was before the upgrade is kept as a backup, still in the first format.
    let backups = claimcoder::project::backups::list(&path).unwrap();
    assert_eq!(backups.len(), 1, "{backups:#?}");
    assert_eq!((backups[0].documents, backups[0].claims), (1, 0));
    let old: i64 = rusqlite::Connection::open(&backups[0].path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(old, 1);
}

#[test]
fn review_units_show_differences_and_decisions() {
    let mut f = project_with(TEXT);
    let a1 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "the port is closed",
            Status::Disputed,
        ))
        .unwrap();
    let a2 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "Prices rose again",
            Status::Unverified,
        ))
        .unwrap();
    f.project.set_coder("Bo").unwrap();
    let b1 = f
        .project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "the port is closed",
            Status::Disputed,
        ))
        .unwrap();
    let b2 = f
        .project
        .create_claim(new_claim(&f.doc, TEXT, "Prices rose", Status::Attributed))
        .unwrap();
    f.project
        .create_claim(new_claim(
            &f.doc,
            TEXT,
            "Officials denied it",
            Status::Attributed,
        ))
        .unwrap();
    f.project.set_coder("Lead").unwrap();

    let units = f.project.review_units(&f.doc, &[], 0.5).unwrap();
    assert_eq!(units.len(), 3);
    let same = &units[0];
    assert_eq!(
        same.claims.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        [a1.id.clone(), b1.id.clone()]
    );
    assert!(!same.differs.span && !same.differs.status && !same.differs.speaker);
    let only_bo = &units[1];
    assert_eq!(only_bo.missing, ["Ana"]);
    assert!(only_bo.differs.span && only_bo.differs.status);
    let overlap = &units[2];
    assert_eq!(
        overlap.claims.len(),
        2,
        "Prices rose / Prices rose again: Jaccard 11/17 ≥ 0.5"
    );
    assert!(overlap.differs.span && overlap.differs.status && !overlap.differs.speaker);
    assert!(overlap.decision.is_none());

    f.project
        .adjudicate(NewDecision {
            document: f.doc.clone(),
            considered: vec![a2.id.clone(), b2.id.clone()],
            action: DecisionAction::Accept,
            chosen: Chosen {
                span: Some(b2.id.clone()),
                ..Default::default()
            },
            edited: None,
            reason: "the adverb is not part of the claim".into(),
        })
        .unwrap();
    let units = f
        .project
        .review_units(&f.doc, &["Ana".into(), "Bo".into()], 0.5)
        .unwrap();
    assert_eq!(units.len(), 3, "gold claims are not a coder of the units");
    let decided = units.iter().find(|u| u.decision.is_some()).unwrap();
    assert_eq!(
        decided.decision.as_ref().unwrap().reason,
        "the adverb is not part of the claim"
    );
    assert_eq!(
        f.project
            .review_units(&f.doc, &["Nobody".into()], 0.5)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}
