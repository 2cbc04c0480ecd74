//! Versions of a document on a real project file: claims carried over with their placement,
//! orphans kept and re-placed or discarded, the old version untouched, the list of versions.

use claimcoder::model::{
    ClaimEdit, DocumentId, NewDocument, Placement, ReviewReason, Source, SpeakerKind, Status,
};
use claimcoder::ErrorCode;

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
    // Version 2 keeps its orphan until someone discards it.
    let discarded = f.project.discard_orphan(&orphan.id).unwrap();
    assert_eq!(discarded.quote, gone.quote);
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
