use claimcoder::model::{ClaimEdit, DocumentId, NewSpeaker, Span, SpeakerId, SpeakerKind, Status};
use claimcoder::store::changes;
use claimcoder::{ErrorCode, Project};

use crate::support::{cp_span, new_claim, project_with, speaker, MIXED};

#[test]
fn claims_on_mixed_scripts_keep_code_point_offsets_across_reopen() {
    let mut f = project_with(MIXED);
    let quotes = [
        ("👍🏽 \"we agree\" 🇺🇦", Status::Attributed),
        ("Cafe\u{301} owners disagree", Status::Disputed),
        ("北京称此说法不实", Status::Unverified),
        ("الميناء مغلق", Status::Attributed),
        ("שר האוצר", Status::Disputed),
    ];
    for (q, st) in quotes {
        f.project
            .create_claim(new_claim(&f.doc, MIXED, q, st))
            .unwrap();
    }
    let f = f.reopen();
    let claims = f.project.claims(&f.doc).unwrap();
    assert_eq!(claims.len(), 5);
    for (claim, (q, st)) in claims.iter().zip(quotes) {
        let (start, end) = cp_span(MIXED, q);
        assert_eq!(
            (claim.start, claim.end, claim.quote.as_str(), claim.status),
            (start, end, q, st)
        );
    }
    // The emoji claim: "Minister Zoë said " is 18 code points (ë is one), 21 UTF-8 bytes.
    assert_eq!((claims[0].start, claims[0].end), (18, 34));
    assert_eq!(claims[0].prefix, "Minister Zoë said ");
    assert!(claims[0].suffix.starts_with(".\nCafe\u{301}"));
}

#[test]
fn claims_list_in_text_order() {
    let mut f = project_with(MIXED);
    for q in ["北京", "Minister", "owners"] {
        f.project
            .create_claim(new_claim(&f.doc, MIXED, q, Status::Unverified))
            .unwrap();
    }
    let quotes: Vec<_> = f
        .project
        .claims(&f.doc)
        .unwrap()
        .into_iter()
        .map(|c| c.quote)
        .collect();
    assert_eq!(quotes, ["Minister", "owners", "北京"]);
}

#[test]
fn the_apps_list_of_a_document_holds_its_claims_in_order_each_coder_once() {
    let mut f = project_with(MIXED);
    let who = speaker(&mut f.project, "Zoë", SpeakerKind::Person, &[]).id;
    let cue = cp_span(MIXED, "said");
    let mut first = new_claim(&f.doc, MIXED, "Minister", Status::Attributed);
    first.speaker = Some(who.clone());
    first.cue = Some(Span {
        start: cue.0,
        end: cue.1,
    });
    first.note = Some("a note".into());
    f.project.create_claim(first).unwrap();
    f.project.set_coder("Ben").unwrap();
    for q in ["北京", "owners"] {
        f.project
            .create_claim(new_claim(&f.doc, MIXED, q, Status::Disputed))
            .unwrap();
    }
    let claims = f.project.claims(&f.doc).unwrap();
    let list = f.project.claim_list(&f.doc).unwrap();
    assert_eq!(list.document, f.doc);
    assert_eq!(list.coders.len(), 2);
    assert_eq!(list.rows.len(), claims.len());
    for (row, c) in list.rows.iter().zip(&claims) {
        let coder = &list.coders[row.8 as usize];
        assert_eq!(
            (&row.0, row.1, row.2, &row.3, row.4, &row.5, row.6, &row.7, coder),
            (&c.id, c.start, c.end, &c.quote, c.status, &c.speaker, c.cue, &c.note, &c.coder)
        );
    }
    assert_eq!(list.rows[0].5, Some(who));
    let missing = f.project.claim_list(&DocumentId("no-such".into()));
    assert_eq!(missing.unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn bad_claims_are_refused_with_typed_errors_and_nothing_is_written() {
    let mut f = project_with("hello world");
    let good = new_claim(&f.doc, "hello world", "world", Status::Disputed);
    let cases = [
        (
            claimcoder::model::NewClaim {
                start: 6,
                end: 12,
                quote: "world!".into(),
                ..good.clone()
            },
            ErrorCode::InvalidSpan,
        ),
        (
            claimcoder::model::NewClaim {
                start: 6,
                end: 6,
                quote: "".into(),
                ..good.clone()
            },
            ErrorCode::InvalidSpan,
        ),
        (
            claimcoder::model::NewClaim {
                start: 8,
                end: 6,
                ..good.clone()
            },
            ErrorCode::InvalidSpan,
        ),
        (
            claimcoder::model::NewClaim {
                quote: "World".into(),
                ..good.clone()
            },
            ErrorCode::QuoteMismatch,
        ),
        (
            claimcoder::model::NewClaim {
                document: DocumentId("nope".into()),
                ..good.clone()
            },
            ErrorCode::NotFound,
        ),
        (
            claimcoder::model::NewClaim {
                speaker: Some(SpeakerId("ghost".into())),
                ..good.clone()
            },
            ErrorCode::NotFound,
        ),
        (
            claimcoder::model::NewClaim {
                cue: Some(Span { start: 3, end: 40 }),
                ..good.clone()
            },
            ErrorCode::InvalidSpan,
        ),
    ];
    for (claim, code) in cases {
        let err = f.project.create_claim(claim.clone()).unwrap_err();
        assert_eq!(err.code(), code, "{claim:?}: {err}");
        assert!(!err.to_string().is_empty());
    }
    assert!(f.project.claims(&f.doc).unwrap().is_empty());
    let mut no_coder = Project::open(&f.path()).unwrap();
    assert_eq!(
        no_coder.create_claim(good).unwrap_err().code(),
        ErrorCode::NoCoder
    );
}

#[test]
fn quote_mismatch_names_both_texts() {
    let mut f = project_with("hello world");
    let bad = claimcoder::model::NewClaim {
        quote: "wor".into(),
        ..new_claim(&f.doc, "hello world", "world", Status::Disputed)
    };
    let msg = f.project.create_claim(bad).unwrap_err().to_string();
    assert!(
        msg.contains("\"world\"") && msg.contains("\"wor\"") && msg.contains("6..11"),
        "{msg}"
    );
}

#[test]
fn a_document_opened_for_coding_checks_its_claims_against_its_own_text() {
    // `open_document` indexes the text ahead of the first claim; that index must be the
    // document's own: its claims are placed and refused exactly as without it.
    let mut f = project_with(MIXED);
    let other = f
        .project
        .import_text(Some("Other"), "hello world")
        .unwrap()
        .id;
    let opened = f.project.open_document(&f.doc).unwrap();
    assert_eq!(opened, f.project.document(&f.doc).unwrap());
    let c = f
        .project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "北京称此说法不实",
            Status::Disputed,
        ))
        .unwrap();
    assert_eq!((c.start, c.end), cp_span(MIXED, "北京称此说法不实"));
    f.project.open_document(&other).unwrap();
    let wrong = claimcoder::model::NewClaim {
        document: other.clone(),
        ..new_claim(&f.doc, MIXED, "北京称此说法不实", Status::Disputed)
    };
    assert_eq!(
        f.project.create_claim(wrong).unwrap_err().code(),
        ErrorCode::InvalidSpan
    );
}

#[test]
fn update_changes_status_speaker_note_and_extent() {
    let mut f = project_with(MIXED);
    let c = f
        .project
        .create_claim(new_claim(&f.doc, MIXED, "owners", Status::Unverified))
        .unwrap();
    let sp = f
        .project
        .create_speaker(NewSpeaker {
            name: "Café Guild".into(),
            kind: SpeakerKind::Organisation,
            aliases: vec![],
        })
        .unwrap();
    let (start, end) = cp_span(MIXED, "Cafe\u{301} owners");
    let after = f
        .project
        .update_claim(ClaimEdit {
            id: c.id.clone(),
            start,
            end,
            quote: "Cafe\u{301} owners".into(),
            status: Status::Attributed,
            speaker: Some(sp.id.clone()),
            cue: Some(cp_span_of(MIXED, "disagree")),
            note: Some("  checked with the guild  ".into()),
        })
        .unwrap();
    assert_eq!(after.id, c.id);
    assert_eq!(after.created, c.created);
    assert_eq!(after.note.as_deref(), Some("checked with the guild"));
    let f = f.reopen();
    let stored = &f.project.claims(&f.doc).unwrap()[0];
    assert_eq!(stored, &after);
    assert_eq!(stored.speaker.as_ref(), Some(&sp.id));
    assert_eq!(stored.quote, "Cafe\u{301} owners");
}

fn cp_span_of(text: &str, q: &str) -> Span {
    let (start, end) = cp_span(text, q);
    Span { start, end }
}

#[test]
fn delete_then_restore_brings_back_the_same_claim_and_records_every_change() {
    let mut f = project_with(MIXED);
    let c = f
        .project
        .create_claim(new_claim(&f.doc, MIXED, "Minister", Status::Attributed))
        .unwrap();
    let deleted = f.project.delete_claim(&c.id).unwrap();
    assert_eq!(deleted, c);
    assert!(f.project.claims(&f.doc).unwrap().is_empty());
    assert_eq!(
        f.project.delete_claim(&c.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    let restored = f.project.restore_claim(deleted.clone()).unwrap();
    assert_eq!(restored, c);
    assert_eq!(
        f.project.restore_claim(deleted).unwrap_err().code(),
        ErrorCode::ClaimExists
    );
    let f = f.reopen();
    assert_eq!(f.project.claims(&f.doc).unwrap(), vec![c.clone()]);
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    let n: u32 = changes::count_for(&conn, c.id.as_str()).unwrap();
    assert_eq!(n, 3, "create, delete and restore are each recorded");
    let who: String = conn
        .query_row(
            "SELECT c.name FROM changes ch JOIN coders c ON c.id = ch.coder_id WHERE ch.entity_id = ?1 AND ch.action = 'delete'",
            [c.id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(who, "Ana");
}

#[test]
fn ids_are_unique_across_projects() {
    let mut a = project_with("same text here");
    let mut b = project_with("same text here");
    let ca = a
        .project
        .create_claim(new_claim(
            &a.doc,
            "same text here",
            "text",
            Status::Disputed,
        ))
        .unwrap();
    let cb = b
        .project
        .create_claim(new_claim(
            &b.doc,
            "same text here",
            "text",
            Status::Disputed,
        ))
        .unwrap();
    assert_ne!(a.doc, b.doc);
    assert_ne!(ca.id, cb.id);
    assert_eq!(ca.id.as_str().len(), 36, "a UUID");
}
