//! Standard exports, each checked by the standard's own schema or a faithful validator: CSV
//! (a strict RFC 4180 reader), JSON Lines, W3C Web Annotation (the W3C test suite's JSON
//! schemas, through tests/validators/w3c.py) and its reader, brat standoff (a checker that
//! reads .ann as brat does), and the HTML report (well-formed, inert, the text intact).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use claimcoder::interchange::set::AnnotationSet;
use claimcoder::interchange::{brat, csv as csv_export, html, jsonl, w3c, Corpus, ExportScope};
use claimcoder::model::{Claim, Document, Span, SpeakerKind, Status};
use claimcoder::{ErrorCode, Project};
use quick_xml::events::Event;
use serde_json::{json, Value};

use crate::support::{cp_span, new_claim, project_with, Fixture};

/// Emoji (with a skin tone, a flag), a combining mark, CJK, Arabic and Hebrew, quotes and
/// commas, a formula-like line and markup.
const TEXT: &str = "Minister Zoë said 👍🏽 \"we agree, fully\" 🇺🇦.\nCafe\u{301} owners disagree.\n北京称此说法不实。\nقال المتحدث إن الميناء مغلق.\nשר האוצר אמר שהמחירים ירדו.\n=SUM(1,2) is what the sheet said.\n<script>alert(\"x\")</script> & more\n";
const SECOND: &str = "A second article, with commas; and no claims.\n";
const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)> & \"co\"";
const NOTE: &str = "He said \"yes\", then\nno; see <b>this</b>\r\nand\ttab\u{2028}sep";

/// Two coders, three speakers (kinds, aliases), a cue, overlapping claims, a claim across a
/// line break, notes with quotes, commas, line breaks, markup; a second, uncoded document.
fn coded() -> Fixture {
    let mut f = project_with(TEXT);
    let doc = f.doc.clone();
    let p = &mut f.project;
    let [zoe, ria, spokes] = crate::support::three_speakers(p);
    let mut c1 = new_claim(&doc, TEXT, "👍🏽 \"we agree, fully\" 🇺🇦", Status::Attributed);
    let (cs, ce) = cp_span(TEXT, "said");
    c1.cue = Some(Span { start: cs, end: ce });
    c1.speaker = Some(zoe.id);
    c1.note = Some(NOTE.into());
    p.create_claim(c1).unwrap();
    let mut c3 = new_claim(&doc, TEXT, "北京称此说法不实", Status::Unverified);
    c3.speaker = Some(ria.id);
    p.create_claim(c3).unwrap();
    let mut c6 = new_claim(
        &doc,
        TEXT,
        "<script>alert(\"x\")</script>",
        Status::Attributed,
    );
    c6.note = Some("</td><script>alert(1)</script>".into());
    p.create_claim(c6).unwrap();

    p.set_coder("Bo").unwrap();
    let mut c2 = new_claim(
        &doc,
        TEXT,
        "\"we agree, fully\" 🇺🇦.\nCafe\u{301} owners",
        Status::Disputed,
    );
    c2.note = Some("=HYPERLINK(\"x\")".into());
    p.create_claim(c2).unwrap();
    let mut c4 = new_claim(&doc, TEXT, "الميناء مغلق", Status::Disputed);
    c4.speaker = Some(spokes.id);
    p.create_claim(c4).unwrap();
    p.create_claim(new_claim(&doc, TEXT, "=SUM(1,2)", Status::Unverified))
        .unwrap();
    p.import_text(Some(HOSTILE_TITLE), SECOND).unwrap();
    p.set_coder("Ana").unwrap();
    f
}

fn corpus(p: &Project) -> Corpus {
    let c = p.corpus(&ExportScope::default()).unwrap();
    assert_eq!(c.documents.len(), 2);
    assert_eq!(c.claims.len(), 6);
    c
}

fn coder_of<'a>(c: &'a Corpus, claim: &Claim) -> &'a str {
    &c.coder(&claim.coder).unwrap().name
}

fn doc_of<'a>(c: &'a Corpus, claim: &Claim) -> &'a Document {
    c.document(&claim.document).unwrap()
}

// CSV

/// A strict RFC 4180 reader: records end with CRLF (the last too), fields are either plain
/// (no comma, quote, CR or LF) or quoted with doubled quotes inside.
fn rfc4180(text: &str) -> Vec<Vec<String>> {
    let mut records = vec![];
    let mut chars = text.chars().peekable();
    let mut record = vec![];
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => panic!("a quoted field is not closed"),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                assert!(
                    c != '"' && c != '\n',
                    "{c:?} in an unquoted field after {field:?}"
                );
                field.push(c);
                chars.next();
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR not followed by LF");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            other => panic!("after a field: {other:?} (records must end with CRLF)"),
        }
    }
}

fn expected_rows(c: &Corpus) -> Vec<Vec<String>> {
    c.claims
        .iter()
        .map(|cl| {
            let sp = cl.speaker.as_ref().map(|s| c.speaker(s).unwrap());
            let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
            vec![
                cl.document.to_string(),
                doc_of(c, cl).title.clone(),
                cl.id.to_string(),
                coder_of(c, cl).to_owned(),
                cl.start.to_string(),
                cl.end.to_string(),
                cl.quote.clone(),
                cl.status.as_str().to_owned(),
                sp.map(|s| s.name.clone()).unwrap_or_default(),
                sp.map(|s| s.kind.as_str().to_owned()).unwrap_or_default(),
                opt(cl.cue.map(|s| s.start)),
                opt(cl.cue.map(|s| s.end)),
                cl.note.clone().unwrap_or_default(),
                cl.created.clone(),
                cl.modified.clone(),
            ]
        })
        .collect()
}

#[test]
fn csv_is_rfc_4180_with_a_bom_and_reads_back_to_the_claims() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = csv_export::write(&c).unwrap();
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("a UTF-8 BOM first");
    let text = std::str::from_utf8(body).unwrap();

    let records = rfc4180(text);
    assert_eq!(records[0], csv_export::HEADER.map(String::from).to_vec());
    assert_eq!(records[1..], expected_rows(&c));
    // Fields with commas, quotes and line breaks are quoted; a formula-like cell is kept as is.
    assert!(text.contains("\"He said \"\"yes\"\", then\nno; see <b>this</b>\r\nand\ttab"));
    assert!(text.contains(",=SUM(1,2)") || text.contains(",\"=SUM(1,2)\""));

    // The csv crate (what a Rust consumer uses) reads the same.
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows, expected_rows(&c));
    let quotes_found = c.claims.iter().all(|cl| {
        claimcoder::text::slice_cp(&doc_of(&c, cl).text, cl.start as usize, cl.end as usize)
            == Some(cl.quote.as_str())
    });
    assert!(quotes_found);
}

#[test]
fn csv_of_no_claims_is_the_header() {
    let f = project_with("Nothing coded here.");
    let bytes = csv_export::write(&f.project.corpus(&ExportScope::default()).unwrap()).unwrap();
    let expected = format!("\u{FEFF}{}\r\n", csv_export::HEADER.join(","));
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
}

// JSON Lines

#[test]
fn jsonl_has_one_parsable_claim_per_line() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = jsonl::write(&c).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with('\n'));
    // No raw Unicode line separators that a line splitter could cut at.
    assert!(!text.contains('\u{2028}') && !text.contains('\u{85}'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), c.claims.len());
    for (line, cl) in lines.iter().zip(&c.claims) {
        let v: Value = serde_json::from_str(line).unwrap();
        let sp = cl.speaker.as_ref().map(|s| c.speaker(s).unwrap());
        let expected = json!({
            "id": cl.id,
            "document_id": cl.document,
            "document_title": doc_of(&c, cl).title,
            "start": cl.start,
            "end": cl.end,
            "quote": cl.quote,
            "prefix": cl.prefix,
            "suffix": cl.suffix,
            "status": cl.status.as_str(),
            "speaker": sp.map(|s| &s.name),
            "speaker_id": sp.map(|s| &s.id),
            "speaker_kind": sp.map(|s| s.kind.as_str()),
            "cue": cl.cue.map(|s| json!({"start": s.start, "end": s.end})),
            "note": cl.note,
            "coder": coder_of(&c, cl),
            "created": cl.created,
            "modified": cl.modified,
        });
        assert_eq!(v, expected);
    }
    assert!(lines.iter().any(|l| l.contains(r"\u2028")));
}

// W3C Web Annotation

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The W3C validator's result on `files`: whether every MUST assertion passed, and its output.
fn w3c_validate(files: &[&Path]) -> (bool, String) {
    // In the repository, so that this check runs on every clone.
    let standards = root().join("tests/standards");
    assert!(
        standards.join("w3c/definitions").is_dir(),
        "{} is missing: the W3C schemas cannot be checked",
        standards.display()
    );
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/setup.sh (it installs tests/validators/requirements.txt)",
        python.display()
    );
    let out = Command::new(python)
        .arg(root().join("tests/validators/w3c.py"))
        .arg(standards)
        .args(files)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn w3c_collection_and_each_annotation_pass_the_w3c_schemas() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = w3c::write(&c).unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["@context"], w3c::CONTEXT);
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], 6);
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    // The shape the module promises, on the first claim.
    let (a, cl) = (&items[0], &c.claims[0]);
    assert_eq!(a["id"], format!("urn:uuid:{}", cl.id));
    assert_eq!(a["motivation"], "classifying");
    assert_eq!(a["creator"]["name"], "Ana");
    assert_eq!(
        a["target"]["source"]["id"],
        format!("urn:uuid:{}", cl.document)
    );
    let sel = &a["target"]["selector"];
    assert_eq!(
        sel[0],
        json!({"type": "TextPositionSelector", "start": cl.start, "end": cl.end})
    );
    assert_eq!(sel[1]["exact"], cl.quote);
    assert_eq!(sel[1]["prefix"], cl.prefix);
    let purposes: Vec<&str> = a["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(
        purposes,
        ["classifying", "identifying", "commenting", "linking"]
    );
    assert_eq!(a["body"][1]["value"], "Zoë Marchetti");
    assert_eq!(
        a["body"][1]["schema:about"]["type"],
        "schema:GovernmentOrganization"
    );
    assert_eq!(a["body"][2]["value"], NOTE);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("collection.json");
    std::fs::write(&file, &bytes).unwrap();
    let (ok, out) = w3c_validate(&[&file]);
    assert!(ok, "{out}");
    // 10 collection + 15 page assertions, and 54 + one per body for each annotation.
    let bodies: usize = items
        .iter()
        .map(|a| a["body"].as_array().unwrap().len())
        .sum();
    assert!(
        out.contains(&format!("all {} checks passed", 25 + 54 * 6 + bodies)),
        "{out}"
    );
    // And a single annotation of it, with the context, as a file on its own.
    let mut one = items[3].clone();
    one["@context"] = json!(w3c::CONTEXT);
    let single = dir.path().join("one.json");
    std::fs::write(&single, serde_json::to_vec(&one).unwrap()).unwrap();
    let (ok, out) = w3c_validate(&[&single]);
    assert!(ok, "{out}");
}

#[test]
fn w3c_validator_rejects_broken_annotations() {
    let f = coded();
    let bytes = w3c::write(&corpus(&f.project)).unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<(&str, Mutation, &str)> = vec![
        (
            "a body with an id and a purpose",
            Box::new(|a| {
                a["body"][0]["id"] = json!("urn:uuid:00000000-0000-4000-8000-000000000000")
            }),
            "3.3.5-bodyEWRNoPurpose",
        ),
        (
            "created without a time zone",
            Box::new(|a| a["created"] = json!("01/05/2024")),
            "3.3.1-annotationCreatedValidated",
        ),
        (
            "a purpose the model does not know",
            Box::new(|a| a["body"][0]["purpose"] = json!("coding")),
            "purposeRecognizedIfPresent",
        ),
        (
            "no target",
            Box::new(|a| {
                a.as_object_mut().unwrap().remove("target");
            }),
            "3.1-targetKeyFound",
        ),
        (
            "a quote selector without exact",
            Box::new(|a| {
                a["target"]["selector"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("exact");
            }),
            "4.2.4-textQuoteSelectorValid",
        ),
    ];
    for (i, (what, mutate, assertion)) in mutations.iter().enumerate() {
        let mut broken = v.clone();
        mutate(&mut broken["first"]["items"][0]);
        let file = dir.path().join(format!("broken-{i}.json"));
        std::fs::write(&file, serde_json::to_vec(&broken).unwrap()).unwrap();
        let (ok, out) = w3c_validate(&[&file]);
        assert!(!ok, "{what}: accepted\n{out}");
        assert!(out.contains(assertion), "{what}: {out}");
    }
    // A collection that lost its context fails the collection's own assertions.
    let mut broken = v.clone();
    broken.as_object_mut().unwrap().remove("@context");
    let file = dir.path().join("no-context.json");
    std::fs::write(&file, serde_json::to_vec(&broken).unwrap()).unwrap();
    let (ok, out) = w3c_validate(&[&file]);
    assert!(
        !ok && out.contains("5.1-collectionContextValidated"),
        "{out}"
    );
}

fn documents(p: &Project) -> Vec<Document> {
    p.documents()
        .unwrap()
        .iter()
        .map(|d| p.document(&d.id).unwrap())
        .collect()
}

/// The annotations are made as they are written: one that cannot be made (its coder left out
/// of the corpus) is reported as itself, naming the claim, not as a failed write.
#[test]
fn w3c_export_reports_the_claim_it_could_not_write() {
    let f = coded();
    let c = corpus(&f.project);
    let last = c.claims.last().unwrap().clone();
    let others: Vec<_> = c
        .coders
        .iter()
        .filter(|k| k.id != last.coder)
        .cloned()
        .collect();
    let mut claims = c.claims.clone();
    // Only the last claim's coder is missing: the others are written first.
    claims.retain(|cl| cl.coder != last.coder || cl.id == last.id);
    let broken = Corpus::new(c.documents.clone(), c.speakers.clone(), others, claims);
    let e = w3c::write(&broken).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CannotExport, "{e}");
    assert!(e.to_string().contains(last.id.as_str()), "{e}");
    assert!(e.to_string().contains("is not in the export"), "{e}");
}

#[test]
fn w3c_round_trip_gives_back_the_same_claims() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = w3c::write(&c).unwrap();
    let read = w3c::read(&bytes, &documents(&f.project)).unwrap();
    assert_eq!(read.notes, Vec::<String>::new());
    let set = &read.set;
    // Every id, offset, quote, context, status, speaker, cue, note, coder and time comes back.
    let original = AnnotationSet::from_corpus(&c);
    let mut claims = set.claims.clone();
    for cl in &mut claims {
        cl.coder = Some(claimcoder::interchange::set::SetCoder {
            name: set.coder_of(cl).to_owned(),
        });
    }
    assert_eq!(claims, original.claims);
    let mut speakers = set.speakers.clone();
    speakers.sort_by(|a, b| a.name.cmp(&b.name));
    let mut want = original.speakers.clone();
    want.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(speakers, want);
    // Only the coded document comes along, complete.
    assert_eq!(set.documents, original.documents[..1]);
    // The set is valid as a set.
    AnnotationSet::parse(set.to_json().as_bytes(), "read set").unwrap();

    // Importing it back into the same project changes nothing.
    let mut f = f;
    let report = f.project.import_set(set, "w3c", false).unwrap();
    assert_eq!(report.claims_added, 0, "{report:?}");
    assert_eq!(report.claims_unchanged, 6, "{report:?}");
}

#[test]
fn w3c_finds_a_teammates_copy_of_the_document_by_its_text() {
    let f = coded();
    let bytes = w3c::write(&corpus(&f.project)).unwrap();
    // Another project imported the same article: another id, the same text.
    let mut g = project_with(TEXT);
    assert_ne!(g.doc, f.doc);
    let read = w3c::read(&bytes, &documents(&g.project)).unwrap();
    assert_eq!(read.notes, Vec::<String>::new());
    assert_eq!(read.set.claims.len(), 6);
    assert!(read
        .set
        .claims
        .iter()
        .all(|cl| cl.document == g.doc.as_str()));
    let report = g.project.import_set(&read.set, "w3c", false).unwrap();
    assert!(report.imported, "{report:?}");
    assert_eq!(report.claims_added, 6);
    let claims = g.project.claims(&g.doc).unwrap();
    let theirs = f.project.claims(&f.doc).unwrap();
    let key = |cl: &Claim| {
        (
            cl.id.clone(),
            cl.start,
            cl.end,
            cl.quote.clone(),
            cl.status,
            cl.note.clone(),
            cl.cue,
        )
    };
    assert_eq!(
        claims.iter().map(key).collect::<Vec<_>>(),
        theirs.iter().map(key).collect::<Vec<_>>()
    );
    let kinds: BTreeSet<String> = g
        .project
        .speakers()
        .unwrap()
        .iter()
        .map(|s| format!("{} {}", s.name, s.kind.as_str()))
        .collect();
    assert!(kinds.contains("Zoë Marchetti government"), "{kinds:?}");
    assert!(kinds.contains("RIA & <News> media"), "{kinds:?}");
}

/// An annotation another tool could have written on `doc`.
fn foreign(id: &str, doc: &str, target_selectors: Value, bodies: Value) -> Value {
    json!({
        "id": id,
        "type": "Annotation",
        "creator": {"type": "Person", "name": "Lee"},
        "created": "2024-05-01T12:00:00Z",
        "body": bodies,
        "target": {"source": doc, "selector": target_selectors},
    })
}

#[test]
fn w3c_reader_maps_or_reports_what_does_not_fit() {
    let f = project_with(TEXT);
    let known = documents(&f.project);
    let doc = format!("urn:uuid:{}", f.doc);
    let status = |v: &str| json!({"type": "TextualBody", "purpose": "classifying", "value": v});
    let pos = |s: &str| {
        let (a, b) = cp_span(TEXT, s);
        json!({"type": "TextPositionSelector", "start": a, "end": b})
    };
    let quote = |s: &str| json!({"type": "TextQuoteSelector", "exact": s});
    let items = json!([
        // Another case of our status: mapped.
        foreign("urn:uuid:0190a000-0000-7000-8000-000000000001", &doc, json!([pos("北京"), quote("北京")]),
            json!([status("Disputed"), {"type": "TextualBody", "purpose": "tagging", "value": "Beijing"}])),
        // A status that is not ours: reported and skipped.
        foreign("urn:uuid:0190a000-0000-7000-8000-000000000002", &doc, json!([pos("Cafe\u{301}")]),
            json!([status("false")])),
        // A document the project does not have.
        foreign("urn:uuid:0190a000-0000-7000-8000-000000000003", "http://example.org/elsewhere",
            json!([pos("Zoë")]), json!([status("attributed")])),
        // Only a quote: its offsets are found in the text.
        foreign("http://example.org/anno/4", &doc, json!(quote("الميناء مغلق")),
            json!([status("unverified"), {"type": "TextualBody", "purpose": "describing", "value": "port"}])),
        // A quote that is not in the text.
        foreign("urn:uuid:0190a000-0000-7000-8000-000000000005", &doc, json!([quote("not in the text")]),
            json!([status("attributed")])),
        // A position that disagrees with its quote: found by the quote.
        foreign("urn:uuid:0190a000-0000-7000-8000-000000000006", &doc,
            json!([{"type": "TextPositionSelector", "start": 0, "end": 3}, quote("שר האוצר")]),
            json!([status("attributed")])),
        // No status at all; a bodyValue comment.
        {"id": "urn:uuid:0190a000-0000-7000-8000-000000000007", "type": "Annotation",
         "bodyValue": "just a comment", "motivation": "commenting",
         "target": {"source": doc, "selector": pos("owners")}},
    ]);
    let page = json!({
        "@context": w3c::CONTEXT,
        "id": "http://example.org/page1",
        "type": "AnnotationPage",
        "items": items,
    });
    let read = w3c::read(&serde_json::to_vec(&page).unwrap(), &known).unwrap();
    let notes = &read.notes;
    let says = |parts: &[&str]| notes.iter().any(|n| parts.iter().all(|p| n.contains(p)));
    let ids: Vec<&str> = read.set.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "0190a000-0000-7000-8000-000000000001",
            "http://example.org/anno/4",
            "0190a000-0000-7000-8000-000000000006",
        ],
        "{notes:#?}"
    );
    let [beijing, port, minister] = read.set.claims.as_slice() else {
        unreachable!()
    };
    assert_eq!(beijing.status, Status::Disputed);
    assert!(says(&["\"Disputed\" read as disputed"]), "{notes:#?}");
    let speaker = &read.set.speakers[0];
    assert_eq!(
        (speaker.name.as_str(), speaker.kind),
        ("Beijing", SpeakerKind::Other)
    );
    assert_eq!(beijing.speaker.as_deref(), Some(speaker.id.as_str()));
    assert!(says(&["\"Beijing\"", "set to other"]), "{notes:#?}");
    assert!(
        says(&["000000000002", "\"false\"", "skipped"]),
        "{notes:#?}"
    );
    assert!(
        says(&[
            "000000000003",
            "http://example.org/elsewhere",
            "not in this project",
            "skipped"
        ]),
        "{notes:#?}"
    );
    assert_eq!((port.start, port.end), cp_span(TEXT, "الميناء مغلق"));
    let before: Vec<char> = TEXT.chars().take(port.start as usize).collect();
    let prefix: String = before[before.len() - 32..].iter().collect();
    assert_eq!(port.prefix.as_deref(), Some(prefix.as_str()));
    assert!(
        says(&["http://example.org/anno/4", "\"describing\"", "not read"]),
        "{notes:#?}"
    );
    assert!(
        says(&["000000000005", "not in the text", "skipped"]),
        "{notes:#?}"
    );
    assert_eq!((minister.start, minister.end), cp_span(TEXT, "שר האוצר"));
    assert_eq!(minister.quote, "שר האוצר");
    assert!(
        says(&["000000000006", "0..3", "found the quote"]),
        "{notes:#?}"
    );
    assert!(
        says(&["000000000007", "no classifying body", "skipped"]),
        "{notes:#?}"
    );
    assert_eq!(read.set.coder.as_ref().unwrap().name, "Lee");
    AnnotationSet::parse(read.set.to_json().as_bytes(), "read set").unwrap();

    // A single annotation on its own reads too.
    let mut one = items[0].clone();
    one["@context"] = json!(w3c::CONTEXT);
    let read = w3c::read(&serde_json::to_vec(&one).unwrap(), &known).unwrap();
    assert_eq!(read.set.claims.len(), 1);
}

#[test]
fn w3c_reader_refuses_what_is_not_web_annotation() {
    let known = documents(&project_with(TEXT).project);
    let e = w3c::read(b"{\n  \"type\": \"Annotation\",\n  \"id\": oops\n}", &known).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidFile);
    assert!(e.to_string().contains("line 3, column"), "{e}");
    let e = w3c::read(br#"{"type": "Book"}"#, &known).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidFile);
    assert!(e.to_string().contains("\"Book\""), "{e}");
    let e = w3c::read(b"42", &known).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidFile);
}

// brat

/// Python's `str.splitlines` boundaries, at which brat's line reading cuts an .ann file.
const SPLITLINES: [char; 10] = [
    '\n', '\r', '\u{0B}', '\u{0C}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// The sections of an annotation.conf: section name → the first word of each line.
fn conf_types(conf: &str) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut section = String::new();
    for line in conf
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.to_owned();
            out.entry(section.clone()).or_default();
        } else {
            let name = line.split(['\t', ' ']).next().unwrap().to_owned();
            out.entry(section.clone()).or_default().push(name);
        }
    }
    out
}

/// A text-bound annotation as brat reads it.
#[derive(Debug)]
struct TextBound {
    kind: String,
    fragments: Vec<(usize, usize)>,
}

/// What an .ann holds: text-bound annotations by id, notes by the id they annotate, and
/// relations (type, Arg1, Arg2).
struct Ann {
    tbs: HashMap<String, TextBound>,
    notes: HashMap<String, String>,
    relations: Vec<(String, String, String)>,
}

/// Reads an .ann against its .txt as brat does and fails on anything brat would refuse.
fn check_ann(ann: &str, text: &str, conf: &HashMap<String, Vec<String>>) -> Ann {
    let chars: Vec<char> = text.chars().collect();
    let mut tbs = HashMap::new();
    let mut notes = HashMap::new();
    let mut relations = vec![];
    let lines: Vec<&str> = ann.split(SPLITLINES).filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.len(),
        ann.matches('\n').count(),
        "a line break inside a line of\n{ann}"
    );
    for line in lines {
        let (id, rest) = line.split_once('\t').expect("ID\\t...");
        match id.chars().next().unwrap() {
            'T' => {
                let (data, tail) = rest.split_once('\t').expect("T: a tab before the text");
                let (kind, spans) = data.split_once(' ').unwrap();
                assert!(
                    conf["entities"].contains(&kind.to_owned()),
                    "{kind} not declared"
                );
                let fragments: Vec<(usize, usize)> = spans
                    .split(';')
                    .map(|f| {
                        let (s, e) = f.split_once(' ').unwrap();
                        (s.parse().unwrap(), e.parse().unwrap())
                    })
                    .collect();
                let mut seen: Vec<(usize, usize)> = vec![];
                for &(s, e) in &fragments {
                    assert!(s < e && e <= chars.len(), "{line}");
                    for &(os, oe) in &seen {
                        assert!(!(e >= os && s < oe), "fragments overlap: {line}");
                    }
                    seen.push((s, e));
                }
                let texts: Vec<String> = fragments
                    .iter()
                    .map(|&(s, e)| chars[s..e].iter().collect())
                    .collect();
                assert_eq!(tail, texts.join(" "), "{line}");
                assert!(
                    tbs.insert(
                        id.to_owned(),
                        TextBound {
                            kind: kind.to_owned(),
                            fragments
                        }
                    )
                    .is_none(),
                    "{id} twice"
                );
            }
            '#' => {
                let (data, note) = rest.split_once('\t').unwrap();
                let (kind, target) = data.split_once(' ').unwrap();
                assert_eq!(kind, "AnnotatorNotes");
                assert!(tbs.contains_key(target), "{line}");
                notes.insert(target.to_owned(), note.to_owned());
            }
            'R' => {
                let parts: Vec<&str> = rest.split(' ').collect();
                let [kind, a1, a2] = parts.as_slice() else {
                    panic!("{line}")
                };
                assert!(conf["relations"].contains(&(*kind).to_owned()), "{kind}");
                let a1 = a1.strip_prefix("Arg1:").unwrap();
                let a2 = a2.strip_prefix("Arg2:").unwrap();
                assert!(tbs.contains_key(a1) && tbs.contains_key(a2), "{line}");
                relations.push((kind.to_string(), a1.to_owned(), a2.to_owned()));
            }
            other => panic!("unexpected annotation {other}: {line}"),
        }
    }
    Ann {
        tbs,
        notes,
        relations,
    }
}

#[test]
fn brat_files_read_as_brat_reads_them() {
    let f = coded();
    let c = corpus(&f.project);
    let files: HashMap<String, Vec<u8>> = brat::files(&c).unwrap().into_iter().collect();
    let s = |name: &str| String::from_utf8(files[name].clone()).unwrap();
    assert_eq!(files.len(), 2 + 2 * c.documents.len());
    let conf = conf_types(&s("annotation.conf"));
    for t in ["Attributed", "Disputed", "Unverified", "Cue"] {
        assert!(conf["entities"].contains(&t.to_owned()));
    }
    assert!(
        s("annotation.conf").contains("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    );
    let visual = s("visual.conf");
    for t in ["Attributed", "Disputed", "Unverified"] {
        assert!(visual.contains(&format!("{t}\tbgColor:#")), "{visual}");
    }

    for (doc, claims) in c.claims_by_document() {
        let text = s(&format!("{}.txt", doc.id));
        assert_eq!(text, doc.text);
        let Ann {
            tbs,
            notes,
            relations,
        } = check_ann(&s(&format!("{}.ann", doc.id)), &text, &conf);
        let mut claim_tbs: Vec<(&String, &TextBound)> =
            tbs.iter().filter(|(_, t)| t.kind != "Cue").collect();
        claim_tbs.sort_by_key(|(id, _)| id[1..].parse::<usize>().unwrap());
        assert_eq!(claim_tbs.len(), claims.len());
        for ((id, tb), cl) in claim_tbs.iter().zip(&claims) {
            assert_eq!(tb.kind.to_lowercase(), cl.status.as_str());
            // The fragments cover the claim's span but its line breaks.
            let covered: Vec<usize> = tb.fragments.iter().flat_map(|&(s, e)| s..e).collect();
            let chars: Vec<char> = doc.text.chars().collect();
            let wanted: Vec<usize> = (cl.start as usize..cl.end as usize)
                .filter(|&i| !SPLITLINES.contains(&chars[i]))
                .collect();
            assert_eq!(covered, wanted);
            let note = &notes[*id];
            assert!(
                note.contains(&format!("coder: {}", coder_of(&c, cl))),
                "{note}"
            );
            if let Some(sp) = &cl.speaker {
                let sp = c.speaker(sp).unwrap();
                assert!(
                    note.contains(&format!("speaker: {} ({})", sp.name, sp.kind.as_str())),
                    "{note}"
                );
            }
            if let Some(cue) = cl.cue {
                let (_, _, cue_t) = relations.iter().find(|(_, a1, _)| a1 == *id).unwrap();
                assert_eq!(
                    tbs[cue_t].fragments,
                    [(cue.start as usize, cue.end as usize)]
                );
            }
        }
        if doc.id == f.doc {
            // The claim across a line break is two fragments.
            assert!(claim_tbs.iter().any(|(_, t)| t.fragments.len() == 2));
            assert!(
                notes
                    .values()
                    .any(|n| n
                        .contains("note: He said \"yes\", then no; see <b>this</b> and tab sep")),
                "{notes:?}"
            );
        }
    }
}

// HTML

fn unescape_ref(r: &str) -> String {
    match r {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let n = r
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("unknown entity &{r};"));
            let n = match n.strip_prefix('x') {
                Some(h) => u32::from_str_radix(h, 16).unwrap(),
                None => n.parse().unwrap(),
            };
            char::from_u32(n).unwrap().to_string()
        }
    }
}

/// One element of the report: name, attributes, and its text (its descendants' too).
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: HashMap<String, String>,
    text: String,
    /// For each `mark` inside: its labels and the code-point range of its text in `text`.
    marks: Vec<(String, usize, usize)>,
}

/// Parses the report as XML (so it must be well-formed: every tag closed and balanced) and
/// returns every element.
fn parse_html(html: &str) -> Vec<Node> {
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut nodes: Vec<Node> = vec![];
    let mut open: Vec<usize> = vec![];
    let mut mark_at: Option<(String, usize)> = None;
    loop {
        let ev = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        let text = match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let k = a.key.as_ref().to_owned();
                        (
                            k,
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect::<HashMap<_, _>>();
                if name == "mark" && matches!(ev, Event::Start(_)) {
                    let at = open.last().map_or(0, |&i| nodes[i].text.chars().count());
                    mark_at = Some((attrs.get("data-c").cloned().unwrap_or_default(), at));
                }
                nodes.push(Node {
                    name,
                    attrs,
                    ..Default::default()
                });
                if matches!(ev, Event::Start(_)) {
                    open.push(nodes.len() - 1);
                }
                continue;
            }
            Event::End(e) => {
                open.pop();
                if e.name().as_ref() == "mark" {
                    // Marks sit directly in the text block: their range is in its text.
                    let (labels, from) = mark_at.take().expect("marks do not nest");
                    let parent = *open.last().unwrap();
                    let to = nodes[parent].text.chars().count();
                    nodes[parent].marks.push((labels, from, to));
                }
                continue;
            }
            Event::Text(t) => t.xml10_content().into_owned(),
            Event::CData(_) => panic!("CDATA in the report"),
            Event::GeneralRef(r) => unescape_ref(r),
            Event::Eof => break,
            _ => continue,
        };
        for &i in &open {
            nodes[i].text.push_str(&text);
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    nodes
}

#[test]
fn html_report_is_well_formed_inert_and_shows_every_claim() {
    let f = coded();
    let mut c = corpus(&f.project);
    c.documents[0].source.url = Some("javascript:alert(1)".into());
    c.documents[0].source.publisher = Some("<b>Daily</b> & Co".into());
    let html = String::from_utf8(html::write(&c).unwrap()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Hostile text comes out as text.
    assert!(!html.to_lowercase().contains("<script"), "a script element");
    assert!(!html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("@media print"));
    assert!(html.contains("Content-Security-Policy"));

    let nodes = parse_html(&html);
    for n in &nodes {
        assert_ne!(n.name, "script");
        assert!(n.attrs.keys().all(|k| !k.starts_with("on")), "{n:?}");
        assert!(!["iframe", "object", "embed", "link", "img"].contains(&n.name.as_str()));
    }
    assert!(nodes
        .iter()
        .any(|n| n.attrs.get("class").is_some_and(|c| c == "legend")));
    let texts: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.attrs.get("class").is_some_and(|c| c == "text"))
        .collect();
    let tables: Vec<&Node> = nodes.iter().filter(|n| n.name == "tbody").collect();
    assert_eq!(texts.len(), c.documents.len());
    let by_doc = c.claims_by_document();
    for ((doc, claims), shown) in by_doc.iter().zip(&texts) {
        // The text is exactly the document's.
        assert_eq!(shown.text, doc.text);
        // Each marked piece names exactly the claims that cover it, with their letters.
        let mut covered = vec![0usize; doc.text.chars().count()];
        for (labels, from, to) in &shown.marks {
            let expected: Vec<String> = claims
                .iter()
                .enumerate()
                .filter(|(_, cl)| (cl.start as usize) <= *from && *to <= cl.end as usize)
                .map(|(i, cl)| format!("{}{}", i + 1, cl.status.as_str()[..1].to_uppercase()))
                .collect();
            assert_eq!(labels, &expected.join(" "), "{from}..{to}");
            for c in &mut covered[*from..*to] {
                *c += 1;
            }
        }
        for (i, n) in covered.iter().enumerate() {
            let inside = claims
                .iter()
                .any(|cl| (cl.start as usize) <= i && i < cl.end as usize);
            assert_eq!(*n, usize::from(inside), "code point {i}");
        }
    }
    // The overlap of the first two claims is one piece naming both.
    assert!(
        texts[0].marks.iter().any(|(l, _, _)| l == "1A 2D"),
        "{:?}",
        texts[0].marks
    );
    // A table row per claim with its quote, status, speaker, note and coder.
    assert_eq!(tables.len(), 1);
    let rows: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.name == "tr" && n.attrs.contains_key("id"))
        .collect();
    assert_eq!(rows.len(), c.claims.len());
    for (row, cl) in rows.iter().zip(&by_doc[0].1) {
        assert!(row.text.contains(&cl.quote), "{}", row.text);
        assert!(row.text.contains(cl.status.as_str()));
        assert!(row.text.contains(coder_of(&c, cl)));
        if let Some(note) = &cl.note {
            assert!(
                row.text.contains(note.as_str()) || row.text.contains(&note.replace("\r\n", "\n")),
                "{}",
                row.text
            );
        }
        if let Some(sp) = &cl.speaker {
            assert!(row.text.contains(&c.speaker(sp).unwrap().name));
        }
    }
    // The hostile title is shown as text.
    assert!(nodes
        .iter()
        .any(|n| n.name == "h2" && n.text == HOSTILE_TITLE));
    assert!(nodes
        .iter()
        .any(|n| n.text.contains("<b>Daily</b> & Co · javascript:alert(1)")));
}

/// The set writer streams a view borrowed from the corpus; its bytes are those of the set
/// built from the corpus, with several coders (a coder on each claim) and with one (the set's).
#[test]
fn the_streamed_set_is_the_set_of_the_corpus_byte_for_byte() {
    let f = coded();
    let c = corpus(&f.project);
    assert!(c.coders.len() > 1);
    let streamed = claimcoder::interchange::ExportFormat::Json
        .write(&c)
        .unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        AnnotationSet::from_corpus(&c).to_json()
    );
    let one = f
        .project
        .corpus(&ExportScope {
            coder: Some(c.coders[0].name.clone()),
            ..ExportScope::default()
        })
        .unwrap();
    assert_eq!(one.coders.len(), 1);
    let streamed = claimcoder::interchange::ExportFormat::Json
        .write(&one)
        .unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        AnnotationSet::from_corpus(&one).to_json()
    );
}
