//! Full-text search on a real project file: words in any script, substrings of CJK text,
//! offsets in code points (astral characters included), notes, and the index kept in step
//! with every write, and filled when an older project is upgraded.

use claimcoder::model::{ClaimEdit, Status};
use claimcoder::project::HitKind;
use claimcoder::text::slice_cp;
use claimcoder::{ErrorCode, Project};

use crate::support::{new_claim, project_with};

const TEXT: &str = "👍🏽🇺🇦 Minister Zoë said the PORT will close.\n\
Мэр заявил, что порт закроют в марте.\n\
北京称此说法不实。港口将于三月关闭。\n\
😀 emoji before, then port again.";

/// Each hit's matched text, read back from the document (or note) at its code-point offsets.
fn matched(text: &str, hit: &claimcoder::project::SearchHit) -> Vec<String> {
    hit.matches
        .iter()
        .map(|m| {
            slice_cp(text, m.start as usize, m.end as usize)
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn words_in_any_script_with_code_point_offsets() {
    let f = project_with(TEXT);
    // Latin, case-blind, after astral characters: offsets count code points.
    let hits = f.project.search("port").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, HitKind::Document);
    assert_eq!(hits[0].document, f.doc);
    assert_eq!(matched(TEXT, &hits[0]), ["PORT", "port"]);
    assert_eq!(hits[0].matches[0].start, 27);
    assert!(hits[0].snippet.contains("PORT"));
    assert_eq!(
        slice_cp(
            TEXT,
            hits[0].snippet_start as usize,
            hits[0].snippet_start as usize + 4
        ),
        Some(&hits[0].snippet.chars().take(4).collect::<String>()[..])
    );
    // Cyrillic, case-blind.
    let hits = f.project.search("ЗАКРОЮТ").unwrap();
    assert_eq!(matched(TEXT, &hits[0]), ["закроют"]);
    // CJK: a two-character word (shorter than a trigram) and a longer substring.
    assert_eq!(
        matched(TEXT, &f.project.search("北京").unwrap()[0]),
        ["北京"]
    );
    assert_eq!(
        matched(TEXT, &f.project.search("将于三月").unwrap()[0]),
        ["将于三月"]
    );
    // Emoji.
    assert_eq!(matched(TEXT, &f.project.search("😀").unwrap()[0]), ["😀"]);
    // Every word must be there; each is highlighted.
    let both = f.project.search("zoë порт").unwrap();
    assert_eq!(matched(TEXT, &both[0]), ["Zoë", "порт"]);
    assert!(f.project.search("port Berlin").unwrap().is_empty());
    assert!(f.project.search("Lisbon").unwrap().is_empty());
    // An empty search is refused with a reason.
    let err = f.project.search("   ").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
}

#[test]
fn notes_are_found_and_the_index_follows_every_write() {
    let mut f = project_with(TEXT);
    let mut c = new_claim(&f.doc, TEXT, "Мэр заявил", Status::Attributed);
    c.note = Some("Проверить у мэра 📞 лично".into());
    let claim = f.project.create_claim(c).unwrap();
    let hits = f.project.search("мэра").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].kind, hits[0].claim.clone()),
        (HitKind::Note, Some(claim.id.clone()))
    );
    assert_eq!(hits[0].document, f.doc);
    assert_eq!(matched(claim.note.as_deref().unwrap(), &hits[0]), ["мэра"]);
    // "лично" comes after an astral emoji in the note: 19 code points in.
    assert_eq!(f.project.search("лично").unwrap()[0].matches[0].start, 19);

    // The note edited: the old words are no longer found, the new ones are.
    f.project
        .update_claim(ClaimEdit {
            id: claim.id.clone(),
            start: claim.start,
            end: claim.end,
            quote: claim.quote.clone(),
            status: claim.status,
            speaker: None,
            cue: None,
            note: Some("Confirmed by phone".into()),
        })
        .unwrap();
    assert!(f.project.search("мэра").unwrap().is_empty());
    assert_eq!(f.project.search("phone").unwrap().len(), 1);
    // The claim deleted, then the document: nothing is found any more.
    f.project.delete_claim(&claim.id).unwrap();
    assert!(f.project.search("phone").unwrap().is_empty());
    f.project.delete_document(&f.doc, false).unwrap();
    assert!(f.project.search("port").unwrap().is_empty());
}

#[test]
fn an_older_project_is_indexed_when_it_is_upgraded() {
    crate::support::isolated_data();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.claimcoder");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", claimcoder::store::APPLICATION_ID)
            .unwrap();
        for sql in [
            include_str!("../../src/store/migrations/001_initial.sql"),
            include_str!("../../src/store/migrations/002_adjudication.sql"),
            include_str!("../../src/store/migrations/003_document_tags.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute_batch(
            "INSERT INTO coders (id, name, created) VALUES ('k1', 'Ana', '2026-01-01T00:00:00Z');
             INSERT INTO documents (id, title, text, sha256, length, created)
                 VALUES ('d1', 'Old', '👍🏽 港口将于三月关闭', 'x', 11, '2026-01-01T00:00:00Z');
             INSERT INTO claims (id, document_id, start, \"end\", quote, prefix, suffix, status,
                                 note, coder_id, created, modified)
                 VALUES ('c1', 'd1', 3, 5, '港口', '👍🏽 ', '将于三月关闭', 'disputed',
                         'ask the harbourmaster', 'k1', '2026-01-01T00:00:00Z',
                         '2026-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let p = Project::open(&path).unwrap();
    let hits = p.search("三月").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].matches[0].start, hits[0].matches[0].end), (7, 9));
    let hits = p.search("harbourmaster").unwrap();
    assert_eq!(hits[0].claim.as_ref().map(|c| c.as_str()), Some("c1"));
    // The upgraded document is its own first version.
    let docs = p.documents().unwrap();
    assert_eq!((docs[0].version, docs[0].version_count), (1, 1));
}

/// A word found in more texts than a search returns: the first MAX_SEARCH_HITS, oldest first
/// (a common word in a project of thousands of articles must not read and list them all).
#[test]
fn a_common_word_returns_the_first_texts_only() {
    let f = project_with(TEXT);
    let mut project = f.project;
    let n = claimcoder::project::MAX_SEARCH_HITS + 5;
    let mut ids = vec![f.doc.clone()];
    for i in 0..n {
        let doc = project
            .import_text(
                Some(&format!("Harbour {i}")),
                &format!("Article {i}: the port closed."),
            )
            .unwrap();
        ids.push(doc.id);
    }
    let hits = project.search("port").unwrap();
    assert_eq!(hits.len(), claimcoder::project::MAX_SEARCH_HITS);
    let got: Vec<_> = hits.iter().map(|h| h.document.clone()).collect();
    assert_eq!(
        got,
        ids[..claimcoder::project::MAX_SEARCH_HITS],
        "the oldest texts first"
    );
    // A rarer word still finds every text holding it.
    assert_eq!(project.search("Article 204:").unwrap().len(), 1);
}

/// A merge writes its texts and notes in one transaction and indexes them as it commits (one
/// statement for all of them, not one index flush per row): found after it, with nothing left
/// waiting and the index whole; a note changed by a later merge is found by its new words only;
/// a merge refused whole indexes nothing.
#[test]
fn texts_and_notes_merged_in_one_transaction_are_found_after_it() {
    use claimcoder::interchange::set::AnnotationSet;
    use claimcoder::interchange::ExportScope;

    let mut f = project_with(TEXT);
    for (quote, note) in [
        ("Мэр заявил", "Проверить у мэра"),
        ("港口将于", "港口 note 📞"),
    ] {
        let mut c = new_claim(&f.doc, TEXT, quote, Status::Attributed);
        c.note = Some(note.into());
        f.project.create_claim(c).unwrap();
    }
    let mut set = AnnotationSet::from_corpus(&f.project.corpus(&ExportScope::default()).unwrap());
    let path = f.dir.path().join("other.claimcoder");
    let mut other = Project::open(&path).unwrap();
    other.set_coder("Lead").unwrap();
    let waiting_and_whole = |path: &std::path::Path| {
        let conn = rusqlite::Connection::open(path).unwrap();
        let waiting: i64 = conn
            .query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))
            .unwrap();
        let whole = conn
            .execute(
                "INSERT INTO search_text (search_text) VALUES ('integrity-check')",
                [],
            )
            .is_ok();
        (waiting, whole)
    };

    other.import_set(&set, "set.json", false).unwrap();
    assert_eq!(other.search("мэра").unwrap().len(), 1);
    assert_eq!(other.search("📞").unwrap()[0].kind, HitKind::Note);
    assert_eq!(other.search("port").unwrap()[0].kind, HitKind::Document);
    assert_eq!(waiting_and_whole(&path), (0, true));

    let claim = set
        .claims
        .iter_mut()
        .find(|c| c.note.as_deref() == Some("Проверить у мэра"))
        .unwrap();
    claim.note = Some("Confirmed by phone".into());
    claim.modified = "2099-01-01T00:00:00Z".into();
    other.import_set(&set, "set.json", false).unwrap();
    assert!(other.search("мэра").unwrap().is_empty());
    assert_eq!(other.search("phone").unwrap().len(), 1);
    assert_eq!(waiting_and_whole(&path), (0, true));

    // A new document whose claims are all fine but one (its quote is not the text's): the
    // merge writes, finds the refusal and rolls back whole, its new text not indexed.
    let mut broken = set.clone();
    broken.documents[0].id = "another-document".into();
    broken.documents[0].text = format!("{TEXT} Unheard-of harbourmaster.");
    broken.documents[0].sha256 = claimcoder::text::sha256_hex(&broken.documents[0].text);
    for c in &mut broken.claims {
        c.document = "another-document".into();
    }
    broken.claims[0].quote = "not what the text says".into();
    let report = other.import_set(&broken, "broken.json", false).unwrap();
    assert!(!report.imported && !report.refused.is_empty(), "{report:?}");
    assert_eq!(
        other.documents().unwrap().len(),
        1,
        "nothing of it was kept"
    );
    assert!(other.search("harbourmaster").unwrap().is_empty());
    assert_eq!(waiting_and_whole(&path), (0, true));
}
