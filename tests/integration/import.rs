use claimcoder::import::MAX_IMPORT_BYTES;
use claimcoder::{ErrorCode, Project};

fn fresh() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.claimcoder")).unwrap();
    p.set_coder("Ana").unwrap();
    (dir, p)
}

#[test]
fn txt_with_bom_and_crlf_is_normalised() {
    let (dir, mut p) = fresh();
    let file = dir.path().join("report.txt");
    std::fs::write(
        &file,
        b"\xEF\xBB\xBFHeadline \xF0\x9F\x9A\xA2\r\n\r\nBody line.\r\n",
    )
    .unwrap();
    let docs = p.import_files(&[&file]).unwrap();
    assert_eq!(docs[0].title, "Headline 🚢");
    let doc = p.document(&docs[0].id).unwrap();
    assert_eq!(doc.text, "Headline 🚢\n\nBody line.\n");
    assert_eq!(doc.length, 23);
}

#[test]
fn markdown_becomes_plain_text_with_its_heading_as_title() {
    let (dir, mut p) = fresh();
    let file = dir.path().join("story.md");
    std::fs::write(&file, "# Talks stall\n\nThe **minister** said _no_.\n").unwrap();
    let docs = p.import_files(&[&file]).unwrap();
    let doc = p.document(&docs[0].id).unwrap();
    assert_eq!(doc.title, "Talks stall");
    assert_eq!(doc.text, "Talks stall\n\nThe minister said no.\n");
}

#[test]
fn one_bad_file_imports_nothing_and_says_which_and_where() {
    let (dir, mut p) = fresh();
    let good = dir.path().join("good.txt");
    let latin1 = dir.path().join("latin1.txt");
    let bad = dir.path().join("binary.txt");
    std::fs::write(&good, "A fine article.\n").unwrap();
    // Not UTF-8 is no longer refused: the encoding is detected (windows-1252 here).
    std::fs::write(
        &latin1,
        b"Caf\xE9 owners say the new rules will close them down.\n",
    )
    .unwrap();
    std::fs::write(&bad, b"Caf\xE9\0owners\n").unwrap();
    let err = p.import_files(&[&good, &latin1, &bad]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotText);
    let msg = err.to_string();
    assert!(
        msg.contains("binary.txt") && msg.contains("byte 4") && msg.contains("binary file"),
        "{msg}"
    );
    assert!(p.documents().unwrap().is_empty(), "nothing imported");
    let docs = p.import_files(&[&good, &latin1]).unwrap();
    assert_eq!(
        docs[1].title,
        "Café owners say the new rules will close them down."
    );
}

#[test]
fn empty_oversized_and_unknown_files_are_refused() {
    let (dir, mut p) = fresh();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\r\n  \n").unwrap();
    assert_eq!(
        p.import_files(&[&empty]).unwrap_err().code(),
        ErrorCode::EmptyInput
    );

    let huge = dir.path().join("huge.txt");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(MAX_IMPORT_BYTES + 1).unwrap();
    let err = p.import_files(&[&huge]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TooLarge);
    assert!(err.to_string().contains("huge.txt"));

    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, "%PDF-1.4").unwrap();
    assert_eq!(
        p.import_files(&[&pdf]).unwrap_err().code(),
        ErrorCode::UnsupportedFile
    );

    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"text\0\x01\x02").unwrap();
    assert_eq!(
        p.import_files(&[&binary]).unwrap_err().code(),
        ErrorCode::NotText
    );

    let missing = dir.path().join("missing.txt");
    assert_eq!(
        p.import_files(&[&missing]).unwrap_err().code(),
        ErrorCode::Io
    );
    assert!(p.documents().unwrap().is_empty());
}

#[test]
fn markdown_that_is_all_markup_is_refused_as_empty() {
    // Found by fuzzing: "##" or a lone HTML block used to become a document with no text.
    let (dir, mut p) = fresh();
    let good = dir.path().join("good.md");
    std::fs::write(&good, "# Title\n\nText.\n").unwrap();
    for (name, body) in [
        ("heading.md", "##\n"),
        // An HTML block's visible words are kept; a script's are not words.
        ("html.md", "<div>\n<script>alert(1)</script>\n</div>\n"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, body).unwrap();
        let err = p.import_files(&[&good, &file]).unwrap_err();
        assert_eq!(err.code(), ErrorCode::EmptyInput);
        assert!(err.to_string().contains(name), "{err}");
    }
    assert!(p.documents().unwrap().is_empty(), "all or none");
}

#[test]
fn the_same_text_pasted_twice_is_one_document() {
    let (_dir, mut p) = fresh();
    let a = p
        .import_text(Some("First"), "The port is closed. 🇺🇦\n")
        .unwrap();
    let b = p
        .import_text(Some("Again"), "The port is closed. 🇺🇦\n")
        .unwrap();
    assert_eq!(a.id, b.id, "recognised by its text");
    assert_eq!(b.title, "First");
    let c = p.import_text(None, "The port is open.\n").unwrap();
    assert_ne!(c.id, a.id);
    assert_eq!(p.documents().unwrap().len(), 2);
}

#[test]
fn pasted_text_takes_its_first_line_as_title_unless_given_one() {
    let (_dir, mut p) = fresh();
    let a = p.import_text(None, "\n  First line here\nsecond").unwrap();
    assert_eq!(a.title, "First line here");
    let b = p.import_text(Some("  My title "), "body").unwrap();
    assert_eq!(b.title, "My title");
    assert_eq!(
        p.import_text(None, " \n").unwrap_err().code(),
        ErrorCode::EmptyInput
    );
    assert_eq!(p.documents().unwrap().len(), 2);
}
