//! Saved web pages, pasted HTML, .docx and batches of files, imported into real project files.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use claimcoder::import::ReadOptions;
use claimcoder::project::{FileOutcome, SkipReason};
use claimcoder::Project;

fn fresh() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.claimcoder")).unwrap();
    p.set_coder("Ana").unwrap();
    (dir, p)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

/// Each fixture page imports as exactly the article a reader sees, with its metadata.
#[test]
fn fixture_pages_import_as_their_article_and_metadata() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 12, "only {} fixture pages", pages.len());
    let (_dir, mut p) = fresh();
    let mut failures = Vec::new();
    for page in &pages {
        let stem = page.file_stem().unwrap().to_str().unwrap();
        let want_text =
            std::fs::read_to_string(fixtures().join(format!("{stem}.expected.txt"))).unwrap();
        let want: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures().join(format!("{stem}.expected.json"))).unwrap(),
        )
        .unwrap();
        let result = p.import_file(page, ReadOptions::default());
        let FileOutcome::Imported { document } = &result.outcome else {
            failures.push(format!("{stem}: not imported: {:?}", result.outcome));
            continue;
        };
        let doc = p.document(&document.id).unwrap();
        if doc.text != want_text {
            failures.push(format!(
                "{stem}: text differs\n--- got\n{}\n--- want\n{want_text}",
                doc.text
            ));
        }
        let got = serde_json::json!({
            "title": doc.title,
            "author": doc.source.author,
            "publisher": doc.source.publisher,
            "published": doc.source.published,
            "url": doc.source.url,
            "language": doc.source.language,
        });
        if got != want {
            failures.push(format!("{stem}: metadata {got} != {want}"));
        }
        // The list shows the same metadata as the document.
        assert_eq!(document.source, doc.source);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

const ARTICLE: &str = "<p>The harbour authority said on Monday that the strike had cost the port two million euros a day and that three shipping lines had already moved their ships to other ports nearby.</p><p>The union disputed the figure, saying the authority had inflated it to turn public opinion against the dock workers, who have not had a pay rise in four years.</p><p>Talks are due to resume on Thursday under a mediator appointed by the labour ministry, both sides confirmed in separate statements.</p>";

/// Nothing of a hostile page becomes text or metadata: no script, style, handler, URL,
/// frame, SVG or template content; the article's words are all there.
#[test]
fn hostile_html_is_inert_text() {
    let (dir, mut p) = fresh();
    let page = dir.path().join("hostile.html");
    let hostile = format!(
        r#"<html><head><title>Strike costs</title>
        <meta http-equiv="refresh" content="0;url=javascript:alert('REFRESH')">
        <link rel="canonical" href="javascript:alert('CANON')">
        <style>@import url(https://evil.example/STYLE.css); body {{ background: url(https://evil.example/BG.png) }}</style>
        <script>document.write('SCRIPTBODY')</script></head>
        <body onload="alert('ONLOAD')"><article><h1 onmouseover="alert('HOVER')">Strike costs</h1>
        {ARTICLE}
        <p>Read <a href="javascript:alert('JSLINK')">the statement</a> and <a href="data:text/html,DATALINK">the annex</a>.</p>
        <img src="https://evil.example/TRACK.gif" onerror="alert('ONERROR')" alt="ALTTEXT">
        <iframe src="https://evil.example/FRAME" srcdoc="<p>SRCDOC</p>">IFRAMEBODY</iframe>
        <svg><script>alert('SVGSCRIPT')</script><foreignObject><p>SVGTEXT</p></foreignObject></svg>
        <template><p>TEMPLATEBODY</p></template><noscript>NOSCRIPTBODY</noscript>
        <object data="x.swf">OBJECTBODY</object>
        <div style="background:url('https://evil.example/CSSURL')">Visible styled words.</div>
        </article></body></html>"#
    );
    std::fs::write(&page, &hostile).unwrap();
    let result = p.import_file(&page, ReadOptions::default());
    let FileOutcome::Imported { document } = result.outcome else {
        panic!("{result:?}")
    };
    let doc = p.document(&document.id).unwrap();
    for word in [
        "REFRESH",
        "CANON",
        "STYLE",
        "BG.png",
        "SCRIPTBODY",
        "ONLOAD",
        "HOVER",
        "JSLINK",
        "DATALINK",
        "javascript",
        "TRACK",
        "ONERROR",
        "ALTTEXT",
        "FRAME",
        "SRCDOC",
        "SVGSCRIPT",
        "SVGTEXT",
        "TEMPLATEBODY",
        "NOSCRIPTBODY",
        "OBJECTBODY",
        "CSSURL",
        "evil",
        "<",
        ">",
    ] {
        assert!(
            !doc.text.contains(word),
            "{word:?} in the stored text:\n{}",
            doc.text
        );
        assert!(!doc.title.contains(word));
    }
    assert_eq!(doc.source.url, None, "a javascript: canonical is not a URL");
    assert_eq!(doc.title, "Strike costs");
    assert!(doc.text.contains("Read the statement and the annex."));
    assert!(doc.text.contains("Visible styled words."));
    assert!(doc
        .text
        .contains("both sides confirmed in separate statements."));
}

/// A page cut off mid-tag still imports the words it has.
#[test]
fn truncated_html_keeps_what_arrived() {
    let (dir, mut p) = fresh();
    let page = dir.path().join("cut.html");
    let full = format!("<html><body><article><h1>Strike costs</h1>{ARTICLE}<p>A last paragraph that was cut off in the mid");
    std::fs::write(&page, &full[..full.len() - 3]).unwrap();
    let result = p.import_file(&page, ReadOptions::default());
    let FileOutcome::Imported { document } = result.outcome else {
        panic!("{result:?}")
    };
    let text = p.document(&document.id).unwrap().text;
    assert!(text.contains("appointed by the labour ministry"), "{text}");
    assert!(text.trim_end().ends_with("cut off in the"), "{text}");
}

/// Pasted HTML (the clipboard's text/html) keeps its words even when it is too short for the
/// reader view, and a paste of nothing visible is refused.
#[test]
fn pasted_html_fragment() {
    let (_dir, mut p) = fresh();
    let d = p
        .import_html(
            None,
            "<meta charset='utf-8'><b>Minister:</b> <i>talks</i> will resume.<script>x()</script>",
        )
        .unwrap();
    let doc = p.document(&d.id).unwrap();
    assert_eq!(doc.text, "Minister: talks will resume.\n");
    let err = p
        .import_html(None, "<script>x()</script><style>p{}</style>")
        .unwrap_err();
    assert_eq!(err.code(), claimcoder::ErrorCode::EmptyInput, "{err}");
    assert_eq!(p.documents().unwrap().len(), 1);
}

fn docx(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx_fast(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A Word file: headings, paragraphs, list items and table cells as blocks; no image, field
/// code or deleted text; title, author, date and language from its core properties.
#[test]
fn docx_paragraphs_lists_tables_and_core_properties() {
    let (dir, mut p) = fresh();
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Port talks stall</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The minister </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>said</w:t></w:r><w:r><w:t xml:space="preserve"> talks failed.</w:t></w:r><w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:x"><wp:docPr descr="IMAGEALT"/></wp:inline></w:drawing></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "FIELDCODE"</w:instrText></w:r><w:r><w:t>Шлях</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>first point</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>second</w:t><w:tab/><w:t>point</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Crop</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2024</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/><w:sectPr/></w:body></w:document>"#
    );
    let core = br#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Talks report</dc:title><dc:creator>Ann Lee</dc:creator><dcterms:created>2024-03-05T10:00:00Z</dcterms:created><dc:language>en-GB</dc:language></cp:coreProperties>"#;
    let file = dir.path().join("report.docx");
    std::fs::write(
        &file,
        docx(&[
            ("word/document.xml", body.as_bytes()),
            ("docProps/core.xml", core),
        ]),
    )
    .unwrap();
    let result = p.import_file(&file, ReadOptions::default());
    let FileOutcome::Imported { document } = result.outcome else {
        panic!("{result:?}")
    };
    let doc = p.document(&document.id).unwrap();
    assert_eq!(
        doc.text,
        "Port talks stall\n\nThe minister said talks failed.\n\nШлях\n\n• first point\n• second point\n\nCrop\n\n2024\n"
    );
    assert_eq!(doc.title, "Talks report");
    assert_eq!(doc.source.author.as_deref(), Some("Ann Lee"));
    assert_eq!(
        doc.source.published.as_deref(),
        Some("2024-03-05T10:00:00Z")
    );
    assert_eq!(doc.source.language.as_deref(), Some("en-GB"));
}

fn skipped_reason(p: &mut Project, path: &Path) -> (SkipReason, String) {
    match p.import_file(path, ReadOptions::default()).outcome {
        FileOutcome::Skipped { reason, error } => (reason, error.message),
        other => panic!("{} was not skipped: {other:?}", path.display()),
    }
}

/// Bad files are skipped with a reason that names the file, and nothing of them is stored.
#[test]
fn bad_files_are_skipped_with_clear_reasons() {
    let (dir, mut p) = fresh();
    let d = dir.path();
    let not_zip = d.join("letter.docx");
    std::fs::write(&not_zip, "Dear editor, this is plain text.").unwrap();
    let (reason, msg) = skipped_reason(&mut p, &not_zip);
    assert_eq!(reason, SkipReason::Malformed);
    assert!(
        msg.contains("letter.docx") && msg.contains("not a ZIP"),
        "{msg}"
    );

    // Zeros past the unpacking bound deflate to a few KiB: refused at the bound, never fully
    // inflated (the fastest compression level keeps the test quick).
    let bomb = d.join("bomb.docx");
    let zeros = vec![0u8; claimcoder::import::MAX_DOCX_ENTRY_BYTES as usize + 1024];
    std::fs::write(&bomb, docx_fast(&[("word/document.xml", &zeros)])).unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1024 * 1024);
    let (reason, msg) = skipped_reason(&mut p, &bomb);
    assert_eq!(reason, SkipReason::TooLarge);
    assert!(
        msg.contains("bomb.docx") && msg.contains("zip bomb"),
        "{msg}"
    );

    let no_body = d.join("empty-zip.docx");
    std::fs::write(&no_body, docx(&[("hello.txt", b"hi")])).unwrap();
    assert_eq!(skipped_reason(&mut p, &no_body).0, SkipReason::Malformed);

    // A PNG renamed .html and a zip renamed .txt.
    let png = d.join("photo.html");
    std::fs::write(
        &png,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    )
    .unwrap();
    let (reason, msg) = skipped_reason(&mut p, &png);
    assert_eq!(reason, SkipReason::NotText);
    assert!(
        msg.contains("photo.html") && msg.contains("binary"),
        "{msg}"
    );
    let zip_txt = d.join("archive.txt");
    std::fs::write(&zip_txt, docx(&[("a", b"b")])).unwrap();
    assert_eq!(skipped_reason(&mut p, &zip_txt).0, SkipReason::NotText);

    let huge = d.join("huge.html");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(claimcoder::import::MAX_IMPORT_BYTES + 1)
        .unwrap();
    let (reason, msg) = skipped_reason(&mut p, &huge);
    assert_eq!(reason, SkipReason::TooLarge);
    assert!(msg.contains("huge.html"), "{msg}");

    let missing = d.join("gone.html");
    let (reason, msg) = skipped_reason(&mut p, &missing);
    assert_eq!(reason, SkipReason::Unreadable);
    assert!(msg.contains("gone.html"), "{msg}");

    let pdf = d.join("scan.pdf");
    std::fs::write(&pdf, "%PDF-1.4").unwrap();
    assert_eq!(skipped_reason(&mut p, &pdf).0, SkipReason::Unsupported);

    assert!(
        p.documents().unwrap().is_empty(),
        "nothing was half-imported"
    );
}

/// A folder is walked recursively; a text already in the project is a duplicate naming the
/// document it duplicates; progress is reported per file and a cancelled batch keeps the files
/// that finished.
#[test]
fn folders_duplicates_progress_and_cancel() {
    let (dir, mut p) = fresh();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(root.join("2024/april")).unwrap();
    std::fs::write(root.join("a.txt"), "First article.\n").unwrap();
    std::fs::write(root.join("2024/b.md"), "# Second\n\nBody.\n").unwrap();
    std::fs::write(root.join("2024/april/c.txt"), "First article.\n").unwrap();
    std::fs::write(root.join("2024/april/notes.pdf"), "%PDF").unwrap();
    std::fs::write(root.join(".hidden.txt"), "Hidden.\n").unwrap();
    let mut seen = Vec::new();
    let report = p.import_paths(
        &[&root],
        ReadOptions::default(),
        &mut |pr| seen.push((pr.done, pr.total)),
        &AtomicBool::new(false),
    );
    assert_eq!(seen, [(1, 3), (2, 3), (3, 3)]);
    let outcomes: Vec<(&str, &FileOutcome)> = report
        .files
        .iter()
        .map(|f| (f.path.rsplit('/').next().unwrap(), &f.outcome))
        .collect();
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
    let FileOutcome::Imported { document: c } = outcomes[0].1 else {
        panic!("{outcomes:?}")
    };
    assert_eq!(outcomes[0].0, "c.txt");
    assert!(matches!(
        outcomes[1],
        ("b.md", FileOutcome::Imported { .. })
    ));
    match outcomes[2] {
        ("a.txt", FileOutcome::Duplicate { of }) => assert_eq!(of.id, c.id),
        other => panic!("{other:?}"),
    }
    assert_eq!(p.documents().unwrap().len(), 2);

    // Cancelled after the first file: it is kept, the rest are counted as not started.
    let more = dir.path().join("more");
    std::fs::create_dir(&more).unwrap();
    for n in 0..3 {
        std::fs::write(
            more.join(format!("{n}.txt")),
            format!("Article number {n}.\n"),
        )
        .unwrap();
    }
    let cancel = AtomicBool::new(false);
    let report = p.import_paths(
        &[&more],
        ReadOptions::default(),
        &mut |_| cancel.store(true, std::sync::atomic::Ordering::Relaxed),
        &cancel,
    );
    assert!(report.cancelled);
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.not_started, 2);
    assert_eq!(p.documents().unwrap().len(), 3);
}

/// A page saved again after the article was edited (the same canonical address, another text)
/// becomes the article's next version, its claims carried over; the same page again is a
/// duplicate; another address is another article.
#[test]
fn an_edited_page_with_the_same_address_is_a_new_version() {
    let (dir, mut p) = fresh();
    let page = |body: &str, url: &str| {
        format!(
            "<!doctype html><html lang=\"en\"><head><title>Crane delayed</title>\
             <link rel=\"canonical\" href=\"{url}\"></head><body><article><h1>Crane delayed</h1>\
             {body}</article></body></html>"
        )
    };
    let first = "<p>The harbour master said the new crane would be ready by spring, after two delays.</p>\
                 <p>A union spokesperson said the night shifts would be cut in half until then.</p>\
                 <p>Officials did not confirm when the dredging of the outer basin would begin.</p>";
    let edited = "<p>Updated on Tuesday with the board's reply to the union.</p>\
                  <p>The harbour master said the new crane would be ready by spring, after two delays.</p>\
                  <p>The union declined to comment on the rota when asked again on Tuesday.</p>\
                  <p>Officials did not confirm when the dredging of the outer basin would begin.</p>";
    let url = "https://harbour.example/news/crane";
    let write = |name: &str, html: String| {
        let f = dir.path().join(name);
        std::fs::write(&f, html).unwrap();
        f
    };
    let v1 = write("v1.html", page(first, url));
    let FileOutcome::Imported { document: d1 } = p.import_file(&v1, ReadOptions::default()).outcome
    else {
        panic!("the first page is imported")
    };
    let text = p.document(&d1.id).unwrap().text;
    let quote = "the new crane would be ready by spring";
    let gone = "the night shifts would be cut in half";
    for q in [quote, gone] {
        p.create_claim(crate::support::new_claim(
            &d1.id,
            &text,
            q,
            claimcoder::model::Status::Attributed,
        ))
        .unwrap();
    }

    let v2 = write("v2.html", page(edited, url));
    let outcome = p.import_file(&v2, ReadOptions::default()).outcome;
    let FileOutcome::NewVersion {
        document,
        of,
        carried,
        orphaned,
    } = outcome
    else {
        panic!("an edited page with the same address is a new version: {outcome:?}")
    };
    assert_eq!((of.id.clone(), document.version), (d1.id.clone(), 2));
    assert_eq!((carried, orphaned), (2, 1));
    let quotes: Vec<String> = p
        .claims(&document.id)
        .unwrap()
        .into_iter()
        .map(|c| c.quote)
        .collect();
    assert_eq!(quotes, [quote]);
    assert_eq!(p.orphans(Some(&document.id)).unwrap()[0].quote, gone);
    assert_eq!(
        p.claims(&d1.id).unwrap().len(),
        2,
        "version 1 keeps its claims"
    );

    // The same edited page again: a duplicate of version 2, not a third version.
    let again = write("v2-again.html", page(edited, url));
    assert!(matches!(
        p.import_file(&again, ReadOptions::default()).outcome,
        FileOutcome::Duplicate { of } if of.id == document.id
    ));
    // Another address: another article, even for a text much like it.
    let other = write(
        "other.html",
        page(
            &edited.replace("Tuesday", "Wednesday"),
            "https://harbour.example/news/other",
        ),
    );
    assert!(matches!(
        p.import_file(&other, ReadOptions::default()).outcome,
        FileOutcome::Imported { .. }
    ));
    assert_eq!(p.documents().unwrap().len(), 2);
}
