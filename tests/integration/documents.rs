//! Documents after import: their metadata edited (never their text) and their deletion, which
//! never takes claims silently and never takes the audit trail.

use claimcoder::model::{DocumentEdit, Source, Status};
use claimcoder::store::changes;
use claimcoder::ErrorCode;

use crate::support::{new_claim, project_with, MIXED};

#[test]
fn a_documents_title_and_source_are_edited_and_its_text_is_not() {
    let mut f = project_with(MIXED);
    let edited = f
        .project
        .edit_document(DocumentEdit {
            id: f.doc.clone(),
            title: "  Port   strike ".into(),
            source: Source {
                url: Some(" https://example.org/a ".into()),
                publisher: Some("".into()),
                author: Some("Ana Reporter".into()),
                published: None,
                language: Some(" ru-RU ".into()),
            },
            tags: vec![" week  12 ".into(), "to review".into(), "Week 12".into()],
        })
        .unwrap();
    assert_eq!(edited.title, "Port strike");
    assert_eq!(edited.source.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(edited.source.publisher, None, "an empty field is unknown");
    assert_eq!(edited.source.language.as_deref(), Some("ru-RU"));
    assert_eq!(edited.text, MIXED);
    assert_eq!(
        edited.tags,
        ["to review", "week 12"],
        "tidied, once each, in order"
    );
    let listed = &f.project.documents().unwrap()[0];
    assert_eq!(listed.tags, edited.tags);
    assert_eq!(
        listed.source, edited.source,
        "the list carries the metadata too"
    );
    let f = f.reopen();
    assert_eq!(f.project.document(&f.doc).unwrap(), edited);
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    assert_eq!(
        changes::count_for(&conn, f.doc.as_str()).unwrap(),
        2,
        "import and edit"
    );
}

#[test]
fn a_document_goes_with_its_claims_only_when_asked_and_never_with_decisions() {
    let mut f = project_with(MIXED);
    let c = f
        .project
        .create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Disputed))
        .unwrap();
    let err = f.project.delete_document(&f.doc, false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::HasClaims);
    assert!(err.to_string().contains("has 1 claims"), "{err}");
    assert_eq!(f.project.all_claims().unwrap(), vec![c.clone()]);

    let gone = f.project.delete_document(&f.doc, true).unwrap();
    assert_eq!(gone.claim_count, 1);
    assert!(f.project.documents().unwrap().is_empty());
    assert!(f.project.all_claims().unwrap().is_empty());
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    let deletes: i64 = conn
        .query_row(
            "SELECT count(*) FROM changes WHERE action = 'delete' AND entity_id IN (?1, ?2)",
            [f.doc.as_str(), c.id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        deletes, 2,
        "the claim's and the document's deletions are on record"
    );

    // A decided unit keeps its document: the audit trail refers to it.
    let mut g = project_with(MIXED);
    g.project.set_coder("Ana").unwrap();
    let a = g
        .project
        .create_claim(new_claim(&g.doc, MIXED, "we agree", Status::Disputed))
        .unwrap();
    g.project.set_coder("Lead").unwrap();
    g.project
        .adjudicate(claimcoder::model::NewDecision {
            document: g.doc.clone(),
            considered: vec![a.id],
            action: claimcoder::model::DecisionAction::Reject,
            chosen: Default::default(),
            edited: None,
            reason: "not a claim".into(),
        })
        .unwrap();
    let err = g.project.delete_document(&g.doc, true).unwrap_err();
    assert_eq!(err.code(), ErrorCode::HasDecisions, "{err}");
    assert_eq!(g.project.documents().unwrap().len(), 1);
    assert_eq!(g.project.all_claims().unwrap().len(), 1);
}
