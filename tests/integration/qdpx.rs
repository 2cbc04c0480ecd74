//! REFI-QDA projects (.qdpx): the export validates against the standard's Project.xsd and
//! keeps the rules the XSD does not check; it reads back to the same claims; foreign and
//! hostile files are mapped with notes or refused with clear errors.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use claimcoder::interchange::qdpx;
use claimcoder::interchange::set::{AnnotationSet, SetDocument, SetSource, FORMAT, VERSION};
use claimcoder::interchange::{Corpus, ExportScope};
use claimcoder::model::{ClaimEdit, Span, Status};
use claimcoder::text::sha256_hex;
use claimcoder::{ErrorCode, Project};
use quick_xml::events::Event;

use crate::support::{cp_span, new_claim, project_with, Fixture, MIXED};

const SECOND: &str = "Le porte-parole a déclaré : « le port est fermé ».\nमंत्री ने कहा कि कीमतें गिरीं।\nNo one else commented 😶‍🌫️.\n";

/// A project on mixed scripts: three coders, three speakers (aliases, kinds), a cue, notes
/// with markup characters and a CR, a second document with source metadata.
fn coded() -> Fixture {
    let mut f = project_with(MIXED);
    let p = &mut f.project;
    let [zoe, ria, spokes] = crate::support::three_speakers(p);

    let c = p
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "👍🏽 \"we agree\" 🇺🇦",
            Status::Attributed,
        ))
        .unwrap();
    let (cs, ce) = cp_span(MIXED, "said");
    p.update_claim(ClaimEdit {
        id: c.id,
        start: c.start,
        end: c.end,
        quote: c.quote,
        status: c.status,
        speaker: Some(zoe.id.clone()),
        cue: Some(Span { start: cs, end: ce }),
        note: Some("a < b & \"c\" 'd'\r\nline two;\ttab ß".into()),
    })
    .unwrap();
    p.create_claim(new_claim(
        &f.doc,
        MIXED,
        "Cafe\u{301} owners disagree",
        Status::Disputed,
    ))
    .unwrap();

    p.set_coder("Bo").unwrap();
    let mut ar = new_claim(&f.doc, MIXED, "الميناء مغلق", Status::Disputed);
    ar.speaker = Some(spokes.id);
    p.create_claim(ar).unwrap();
    let mut cjk = new_claim(&f.doc, MIXED, "北京称此说法不实", Status::Unverified);
    cjk.speaker = Some(ria.id.clone());
    cjk.note = Some("CJK, no speaker cue".into());
    p.create_claim(cjk).unwrap();

    // A document with source metadata comes in through an annotation set.
    let second = SetDocument {
        id: claimcoder::model::DocumentId::generate().0,
        title: "Port & prices <AFP>".into(),
        text: SECOND.into(),
        sha256: sha256_hex(SECOND),
        source: SetSource {
            url: Some("https://example.org/a?x=1&y=2".into()),
            publisher: Some("Agence \"Example\"".into()),
            author: None,
            published: Some("2024-05-01".into()),
        },
    };
    let second_id = claimcoder::model::DocumentId(second.id.clone());
    let set = AnnotationSet {
        format: FORMAT.into(),
        version: VERSION,
        coder: None,
        documents: vec![second],
        speakers: vec![],
        claims: vec![],
    };
    let report = p.import_set(&set, "setup", false).unwrap();
    assert!(report.imported, "{report:?}");

    p.set_coder("Chen 陈").unwrap();
    let mut fr = new_claim(
        &second_id,
        SECOND,
        "« le port est fermé »",
        Status::Attributed,
    );
    fr.speaker = Some(ria.id);
    p.create_claim(fr).unwrap();
    p.create_claim(new_claim(
        &second_id,
        SECOND,
        "कीमतें गिरीं",
        Status::Unverified,
    ))
    .unwrap();
    p.create_claim(new_claim(
        &second_id,
        SECOND,
        "commented 😶‍🌫️",
        Status::Unverified,
    ))
    .unwrap();
    f
}

fn corpus(p: &Project) -> Corpus {
    p.corpus(&ExportScope::default()).unwrap()
}

fn unzip(bytes: &[u8]) -> HashMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(name, data);
    }
    out
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The export with project.qde replaced by `qde` (the texts kept).
fn with_qde(qdpx: &[u8], qde: &str) -> Vec<u8> {
    let files = unzip(qdpx);
    let mut entries: Vec<(&str, &[u8])> = vec![("project.qde", qde.as_bytes())];
    for (name, data) in &files {
        if name != "project.qde" {
            entries.push((name, data));
        }
    }
    zip_of(&entries)
}

/// A file of the standards the tests validate against; they are in the repository, so that
/// these checks run on every clone.
fn standard(path: &str) -> PathBuf {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/standards")
        .join(path);
    assert!(file.is_file(), "{} is missing", file.display());
    file
}

fn xsd() -> PathBuf {
    standard("refi-qda/Project.xsd")
}

/// xmllint's verdict on `qde` against Project.xsd: Ok, or its exit code and messages.
fn xmllint(xsd: &Path, qde: &[u8]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, qde).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian package libxml2-utils)");
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Every element of an XML file: its local name, its attributes and the names of its
/// ancestors.
struct El {
    name: String,
    attrs: HashMap<String, String>,
    path: Vec<String>,
    ancestors: Vec<usize>,
    text: String,
}

fn elements(xml: &[u8]) -> Vec<El> {
    let mut reader = quick_xml::Reader::from_str(std::str::from_utf8(xml).unwrap());
    let mut out: Vec<El> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let ev = reader.read_event().unwrap();
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                open.pop();
                continue;
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t.xml10_content());
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let local = e.local_name();
        let name: &str = local.as_ref();
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let k: &str = a.key.as_ref();
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap();
                (k.to_owned(), v.into_owned())
            })
            .collect();
        let path = open.iter().map(|&i| out[i].name.clone()).collect();
        out.push(El {
            name: name.to_owned(),
            attrs,
            path,
            ancestors: open.clone(),
            text: String::new(),
        });
        if !empty {
            open.push(out.len() - 1);
        }
    }
    out
}

#[test]
fn export_is_valid_against_the_project_xsd() {
    let f = coded();
    let bytes = qdpx::write(&corpus(&f.project)).unwrap();
    let files = unzip(&bytes);
    let xsd = xsd();
    if let Err(e) = xmllint(&xsd, &files["project.qde"]) {
        panic!(
            "project.qde is not valid: {e}\n{}",
            String::from_utf8_lossy(&files["project.qde"])
        );
    }
    // The example of the standards folder passes as well, so the check is the real one.
    let example = std::fs::read(xsd.parent().unwrap().join("../examples/project.qde")).unwrap();
    xmllint(&xsd, &example).unwrap();
}

#[test]
fn the_validator_fails_on_broken_copies() {
    let f = coded();
    let bytes = qdpx::write(&corpus(&f.project)).unwrap();
    let qde = String::from_utf8(unzip(&bytes)["project.qde"].clone()).unwrap();
    let xsd = xsd();
    let users_start = qde.find("  <Users>").unwrap();
    let users_end = qde.find("</Users>\n").unwrap() + "</Users>\n".len();
    let users = &qde[users_start..users_end];
    let broken = [
        (
            "no namespace",
            qde.replacen(" xmlns=\"urn:QDA-XML:project:1.0\"", "", 1),
        ),
        (
            "Code without isCodable",
            qde.replacen(" isCodable=\"false\"", "", 1),
        ),
        (
            "Users after CodeBook",
            qde.replacen(users, "", 1).replacen(
                "</CodeBook>\n",
                &format!("</CodeBook>\n{users}"),
                1,
            ),
        ),
        (
            "a position that is not an integer",
            qde.replacen("startPosition=\"", "startPosition=\"4.", 1),
        ),
        (
            "a GUID that is not one",
            qde.replacen("targetGUID=\"", "targetGUID=\"code-", 1),
        ),
        (
            "an empty container",
            qde.replacen("<Sources>", "<Sources></Sources><Sources>", 1),
        ),
    ];
    for (what, doc) in broken {
        assert_ne!(doc, qde, "{what}: the mutation changed nothing");
        let verdict = xmllint(&xsd, doc.as_bytes());
        assert!(verdict.is_err(), "{what}: xmllint accepted a broken copy");
        assert!(verdict.unwrap_err().contains("exit Some(3)"), "{what}");
    }
}

#[test]
fn export_keeps_the_rules_the_xsd_does_not_check() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = qdpx::write(&c).unwrap();
    let files = unzip(&bytes);
    let els = elements(&files["project.qde"]);
    let of = |name: &'static str| els.iter().filter(move |e| e.name == name);

    // GUIDs are unique.
    let mut seen = HashSet::new();
    for e in &els {
        if let Some(g) = e.attrs.get("guid") {
            assert!(seen.insert(g.to_ascii_lowercase()), "guid {g} used twice");
            assert!(qdpx::normalise_guid(g).is_some(), "{g}");
        }
    }
    // Every reference resolves to the right kind of thing.
    let guids = |name: &'static str| -> HashSet<String> {
        of(name).map(|e| e.attrs["guid"].clone()).collect()
    };
    let (users, codes, variables, selections) = (
        guids("User"),
        guids("Code"),
        guids("Variable"),
        guids("PlainTextSelection"),
    );
    assert_eq!(users.len(), 3);
    for e in &els {
        for key in ["creatingUser", "modifyingUser"] {
            if let Some(u) = e.attrs.get(key) {
                assert!(users.contains(u), "{key} {u} of <{}> is not a User", e.name);
            }
        }
    }
    for e in of("CodeRef") {
        assert!(codes.contains(&e.attrs["targetGUID"]));
    }
    for e in of("VariableRef") {
        assert!(variables.contains(&e.attrs["targetGUID"]));
    }
    for e in of("Link") {
        assert!(selections.contains(&e.attrs["originGUID"]));
        assert!(selections.contains(&e.attrs["targetGUID"]));
    }
    // Each TextSource has its text in one place only, and that file is in the archive.
    let sources: Vec<&El> = of("TextSource").collect();
    assert_eq!(sources.len(), 2);
    let mut texts = HashMap::new();
    for s in &sources {
        assert!(!els.iter().any(|e| e.name == "PlainTextContent"));
        let path = &s.attrs["plainTextPath"];
        let file = path.strip_prefix("internal://").unwrap();
        assert_eq!(file, format!("{}.txt", s.attrs["guid"]));
        let text = String::from_utf8(files[&format!("sources/{file}")].clone()).unwrap();
        let doc = c
            .documents
            .iter()
            .find(|d| d.id.0 == s.attrs["guid"])
            .unwrap();
        assert_eq!(text, doc.text);
        assert_eq!(s.attrs["name"], doc.title);
        texts.insert(s.attrs["guid"].clone(), text);
    }
    // Positions are inside the text, in code points, end exclusive: the claims' quotes.
    for sel in of("PlainTextSelection") {
        let (start, end): (usize, usize) = (
            sel.attrs["startPosition"].parse().unwrap(),
            sel.attrs["endPosition"].parse().unwrap(),
        );
        let source = &els[*sel.ancestors.last().unwrap()];
        assert_eq!(source.name, "TextSource");
        let text = &texts[&source.attrs["guid"]];
        assert!(start < end && end <= text.chars().count());
        let at: String = text.chars().skip(start).take(end - start).collect();
        match c.claims.iter().find(|cl| cl.id.0 == sel.attrs["guid"]) {
            Some(cl) => {
                assert_eq!((cl.start as usize, cl.end as usize), (start, end));
                assert_eq!(at, cl.quote);
            }
            None => assert_eq!(at, "said", "only the cue is not a claim"),
        }
    }
    // The codebook: Status with three codable children, Speakers with one code per speaker.
    let names: Vec<(&str, &str, Vec<String>)> = of("Code")
        .map(|e| {
            (
                e.attrs["name"].as_str(),
                e.attrs["isCodable"].as_str(),
                e.path.clone(),
            )
        })
        .collect();
    for st in ["Attributed", "Disputed", "Unverified"] {
        assert!(names
            .iter()
            .any(|(n, cod, path)| *n == st && *cod == "true" && path.len() == 4));
    }
    assert!(names.contains(&(
        "Status",
        "false",
        vec!["Project".into(), "CodeBook".into(), "Codes".into()]
    )));
    let speakers: Vec<&str> = names
        .iter()
        .filter(|(_, _, p)| p.len() == 4)
        .map(|(n, _, _)| *n)
        .filter(|n| !["Attributed", "Disputed", "Unverified"].contains(n))
        .collect();
    assert_eq!(speakers.len(), 3);
    assert!(speakers.contains(&"RIA & <News>"));
    let zoe = of("Code")
        .find(|e| e.attrs["name"] == "Zoë Marchetti")
        .unwrap();
    let description = els
        .iter()
        .skip_while(|e| !std::ptr::eq(*e, zoe))
        .find(|e| e.name == "Description")
        .unwrap();
    assert_eq!(
        description.text,
        "kind: government\nalias: the minister\nalias: Z. M."
    );
    for e in of("Code").filter(|e| e.attrs.contains_key("color")) {
        let c = &e.attrs["color"];
        assert!(c.len() == 7 && c.starts_with('#'), "{c}");
    }
    // One Coding of the status, one of the speaker when there is one.
    let project = els.iter().find(|e| e.name == "Project").unwrap();
    assert_eq!(project.attrs["name"], "Claimcoder export");
    assert_eq!(project.attrs["origin"], "Claimcoder");
    assert_eq!(of("Coding").count(), c.claims.len() + 4 + 1);
}

#[test]
fn code_guids_are_stable_across_exports() {
    let f = coded();
    let a = qdpx::write(&corpus(&f.project)).unwrap();
    let b = qdpx::write(&corpus(&f.project)).unwrap();
    assert_eq!(a, b, "two exports of the same project are the same bytes");
    // A different project gets the same status codes.
    let g = project_with("Another text entirely.");
    let other = unzip(&qdpx::write(&corpus(&g.project)).unwrap());
    let codes = |files: &HashMap<String, Vec<u8>>| -> Vec<(String, String)> {
        let ours = [
            "Status",
            "Attributed",
            "Disputed",
            "Unverified",
            "Speakers",
            "Cue",
        ];
        elements(&files["project.qde"])
            .into_iter()
            .filter(|e| e.name == "Code" && ours.contains(&e.attrs["name"].as_str()))
            .map(|e| (e.attrs["name"].clone(), e.attrs["guid"].clone()))
            .collect()
    };
    assert_eq!(codes(&unzip(&a)).len(), 6);
    assert_eq!(codes(&unzip(&a)), codes(&other));
}

#[test]
fn round_trip_gives_the_same_claims() {
    let f = coded();
    let c = corpus(&f.project);
    assert_eq!(c.claims.len(), 7);
    let read = qdpx::read(&qdpx::write(&c).unwrap(), "export.qdpx").unwrap();
    assert_eq!(read.notes, Vec::<String>::new());
    // Everything our own set holds: ids, offsets, quotes with context, statuses, speakers
    // (kind, aliases), cues, notes, coders, times, titles and source metadata.
    assert_eq!(read.set, AnnotationSet::from_corpus(&c));
    // It is a valid set, and merging it into an empty project gives the same claims.
    AnnotationSet::parse(read.set.to_json().as_bytes(), "x").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut empty = Project::open(&dir.path().join("b.claimcoder")).unwrap();
    let report = empty.import_set(&read.set, "export.qdpx", false).unwrap();
    assert!(report.imported && report.refused.is_empty(), "{report:?}");
    let key = |p: &Project| {
        let mut v: Vec<_> = p
            .all_claims()
            .unwrap()
            .into_iter()
            .map(|cl| {
                let coder = p
                    .coders()
                    .unwrap()
                    .into_iter()
                    .find(|k| k.id == cl.coder)
                    .unwrap()
                    .name;
                let speaker = cl.speaker.as_ref().map(|s| {
                    p.speakers()
                        .unwrap()
                        .into_iter()
                        .find(|k| &k.id == s)
                        .unwrap()
                        .name
                });
                (
                    cl.id.0, cl.start, cl.end, cl.quote, cl.status, speaker, cl.cue, cl.note,
                    coder, cl.created,
                )
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(key(&empty), key(&f.project));
}

#[test]
fn a_single_coder_export_reads_back_with_the_set_coder() {
    let mut f = project_with(MIXED);
    f.project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "北京称此说法不实",
            Status::Unverified,
        ))
        .unwrap();
    let c = corpus(&f.project);
    let read = qdpx::read(&qdpx::write(&c).unwrap(), "x.qdpx").unwrap();
    assert_eq!(read.set, AnnotationSet::from_corpus(&c));
    assert_eq!(read.set.coder.as_ref().unwrap().name, "Ana");
}

fn err(bytes: &[u8]) -> claimcoder::Error {
    qdpx::read(bytes, "in.qdpx").unwrap_err()
}

#[test]
fn hostile_archives_are_refused_with_clear_errors() {
    let e = err(b"<Project/> is not a zip");
    assert_eq!(e.code(), ErrorCode::InvalidFile);
    assert!(
        e.to_string().contains("in.qdpx") && e.to_string().contains("not a ZIP"),
        "{e}"
    );

    let e = err(&zip_of(&[("readme.txt", b"hello")]));
    assert!(e.to_string().contains("no project.qde"), "{e}");

    let e = err(&zip_of(&[(
        "project.qde",
        b"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">\n  <Users>\n</Project>",
    )]));
    assert_eq!(e.code(), ErrorCode::InvalidFile);
    let m = e.to_string();
    assert!(
        m.contains("not well-formed XML") && m.contains("line 3"),
        "{m}"
    );

    let e = err(&zip_of(&[(
        "project.qde",
        b"<Project name=\"x\"><Description>&bogus;</Description></Project>",
    )]));
    assert!(e.to_string().contains("&bogus;"), "{e}");

    let e = err(&zip_of(&[("project.qde", b"\xFF\xFE<\0P\0")]));
    assert_eq!(e.code(), ErrorCode::NotText);

    let e = err(&zip_of(&[("project.qde", b"<Other/>")]));
    assert!(e.to_string().contains("<Other>"), "{e}");

    // A name that climbs out of the archive, even though nothing is ever extracted.
    let e = err(&zip_of(&[
        ("project.qde", b"<Project name=\"x\"/>"),
        ("../../etc/evil.txt", b"x"),
    ]));
    assert!(e.to_string().contains("outside the archive"), "{e}");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let mut bytes = zip_of(&[("project.qde", b"<Project name=\"x\"/>")]);
    // Declare the entry 4 GB unpacked, in the local and the central headers.
    let huge = 0xF000_0000u32.to_le_bytes();
    for (sig, at) in [
        ([0x50, 0x4b, 0x03, 0x04], 22),
        ([0x50, 0x4b, 0x01, 0x02], 24),
    ] {
        let p = bytes.windows(4).position(|w| w == sig).unwrap();
        bytes[p + at..p + at + 4].copy_from_slice(&huge);
    }
    let e = err(&bytes);
    assert_eq!(e.code(), ErrorCode::TooLarge, "{e}");
    let m = e.to_string();
    assert!(
        m.contains("zip bomb") && m.contains(&qdpx::MAX_UNPACKED_BYTES.to_string()),
        "{m}"
    );
}

#[test]
fn broken_projects_are_refused_where_they_break() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = qdpx::write(&c).unwrap();
    let qde = String::from_utf8(unzip(&bytes)["project.qde"].clone()).unwrap();
    let first = &c.claims[0];

    let outside = qde.replacen(
        &format!("endPosition=\"{}\"", first.end),
        "endPosition=\"99999\"",
        1,
    );
    let e = err(&with_qde(&bytes, &outside));
    let m = e.to_string();
    assert!(
        m.contains("outside the text") && m.contains(&first.id.0) && m.contains("99999"),
        "{m}"
    );

    let negative = qde.replacen(
        &format!("startPosition=\"{}\"", first.start),
        "startPosition=\"-3\"",
        1,
    );
    assert!(err(&with_qde(&bytes, &negative))
        .to_string()
        .contains("\"-3\""));

    let reversed = qde.replacen(
        &format!(
            "startPosition=\"{}\" endPosition=\"{}\"",
            first.start, first.end
        ),
        &format!(
            "startPosition=\"{}\" endPosition=\"{}\"",
            first.end, first.start
        ),
        1,
    );
    assert!(err(&with_qde(&bytes, &reversed))
        .to_string()
        .contains("reversed"));

    let doc = &c.documents[0].id.0;
    let missing = zip_of(&[("project.qde", qde.as_bytes())]);
    let m = err(&missing).to_string();
    assert!(
        m.contains(&format!("sources/{doc}.txt")) && m.contains("missing"),
        "{m}"
    );

    let climbing = qde.replacen(
        &format!("internal://{doc}.txt"),
        "internal://../../etc/passwd",
        1,
    );
    assert!(err(&with_qde(&bytes, &climbing))
        .to_string()
        .contains("not a file of the archive"));

    let twice = qde.replacen(
        &format!("guid=\"{}\"", c.claims[1].id),
        &format!("guid=\"{}\"", first.id),
        1,
    );
    assert!(err(&with_qde(&bytes, &twice))
        .to_string()
        .contains("used twice"));
}

#[test]
fn codes_that_are_not_ours_are_reported_never_dropped_silently() {
    let f = coded();
    let c = corpus(&f.project);
    let bytes = qdpx::write(&c).unwrap();
    let qde = String::from_utf8(unzip(&bytes)["project.qde"].clone()).unwrap();
    let irony = "0f0e0d0c-0b0a-4999-8888-777766665555";
    let (a, b, d) = (&c.claims[0].id.0, &c.claims[1].id.0, &c.claims[2].id.0);
    let status = |s: &str| {
        let els = elements(qde.as_bytes());
        els.iter()
            .find(|e| e.name == "Code" && e.attrs["name"] == s)
            .unwrap()
            .attrs["guid"]
            .clone()
    };
    let coding = |guid: &str, code: &str| {
        format!("<Coding guid=\"{guid}\"><CodeRef targetGUID=\"{code}\"/></Coding>")
    };
    // Claim a: an extra code "Irony" (kept, with a note). Claim b: a second status (skipped).
    // Claim d: its status coding removed, only "Irony" left (skipped).
    let mut edited = qde.replacen(
        "</Codes>",
        &format!("<Code guid=\"{irony}\" name=\"Irony\" isCodable=\"true\"/></Codes>"),
        1,
    );
    for (claim, extra) in [
        (a, coding("11111111-2222-4333-8444-555555555555", irony)),
        (
            b,
            coding(
                "11111111-2222-4333-8444-666666666666",
                &status("Unverified"),
            ),
        ),
    ] {
        let at = edited
            .find(&format!("<PlainTextSelection guid=\"{claim}\""))
            .unwrap();
        let close = at + edited[at..].find("</PlainTextSelection>").unwrap();
        edited.insert_str(close, &extra);
    }
    let at = edited
        .find(&format!("<PlainTextSelection guid=\"{d}\""))
        .unwrap();
    let end = at + edited[at..].find("</PlainTextSelection>").unwrap();
    let sel = &edited[at..end];
    let from = sel.find("<Coding").unwrap();
    let to = sel.find("</Coding>").unwrap() + "</Coding>".len();
    let replaced = format!(
        "{}{}{}",
        &sel[..from],
        coding("11111111-2222-4333-8444-777777777777", irony),
        &sel[to..]
    );
    edited.replace_range(at..end, &replaced);

    xmllint(&xsd(), edited.as_bytes()).unwrap();
    let read = qdpx::read(&with_qde(&bytes, &edited), "edited.qdpx").unwrap();
    let ids: Vec<&str> = read.set.claims.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&a.as_str()));
    assert!(!ids.contains(&b.as_str()) && !ids.contains(&d.as_str()));
    assert_eq!(ids.len(), c.claims.len() - 2);
    let says = |parts: &[&str]| {
        read.notes
            .iter()
            .any(|n| parts.iter().all(|p| n.contains(p)))
    };
    assert!(says(&[a, "\"Irony\"", "not kept"]), "{:#?}", read.notes);
    assert!(
        says(&[b, "several statuses", "skipped"]),
        "{:#?}",
        read.notes
    );
    assert!(says(&[d, "\"Irony\""]), "{:#?}", read.notes);
    assert!(says(&[d, "no status code", "skipped"]), "{:#?}", read.notes);
}

const EXAMPLE_TEXT: &str =
    "Interviewer: How was work this week?\nRespondent: The commute was exhausting, honestly.\n";

fn example() -> String {
    std::fs::read_to_string(standard("examples/project.qde")).unwrap()
}

fn example_qdpx(qde: &str, text: &str) -> Vec<u8> {
    zip_of(&[
        ("project.qde", qde.as_bytes()),
        (
            "sources/9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4.txt",
            text.as_bytes(),
        ),
    ])
}

#[test]
fn the_standards_example_reads_with_notes_on_its_foreign_codes() {
    let qde = example();
    let read = qdpx::read(&example_qdpx(&qde, EXAMPLE_TEXT), "example.qdpx").unwrap();
    assert_eq!(read.set.documents.len(), 1);
    let d = &read.set.documents[0];
    assert_eq!(
        (d.id.as_str(), d.title.as_str(), d.text.as_str()),
        (
            "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
            "interview-01.txt",
            EXAMPLE_TEXT
        )
    );
    assert!(read.set.claims.is_empty());
    let sel = "5f4e3d2c-1b0a-4987-a6b5-c4d3e2f1a0b9";
    assert!(
        read.notes.iter().any(|n| n.contains(sel)
            && n.contains("\"Commuting stress\"")
            && n.contains("not kept")),
        "{:#?}",
        read.notes
    );
    assert!(
        read.notes
            .iter()
            .any(|n| n.contains(sel) && n.contains("no status code") && n.contains("skipped")),
        "{:#?}",
        read.notes
    );
}

#[test]
fn a_status_code_under_another_parent_and_crlf_text_are_mapped() {
    let qde = example();
    // The tool that wrote it calls its code "DISPUTED"; its text has Windows line ends, and
    // positions count the CRs: "The commute was exhausting" is then at 50..76.
    let qde = qde.replace("Commuting stress", "DISPUTED").replace(
        "startPosition=\"49\" endPosition=\"75\"",
        "startPosition=\"50\" endPosition=\"76\"",
    );
    let crlf = EXAMPLE_TEXT.replace('\n', "\r\n");
    let read = qdpx::read(&example_qdpx(&qde, &crlf), "example.qdpx").unwrap();
    assert_eq!(read.set.documents[0].text, EXAMPLE_TEXT);
    let [claim] = read.set.claims.as_slice() else {
        panic!("{:#?}", read.set.claims)
    };
    assert_eq!(
        (claim.start, claim.end, claim.quote.as_str()),
        (49, 75, "The commute was exhausting")
    );
    assert_eq!(claim.status, Status::Disputed);
    assert_eq!(read.set.coder.as_ref().unwrap().name, "Ada Analyst");
    assert_eq!(claim.created, "2024-05-01T12:00:00Z");
    assert!(
        read.notes.iter().any(|n| n.contains("CR line ends")),
        "{:#?}",
        read.notes
    );
    // It merges into a project like any set.
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.claimcoder")).unwrap();
    let report = p.import_set(&read.set, "example.qdpx", false).unwrap();
    assert!(report.imported && report.claims_added == 1, "{report:?}");
}

#[test]
fn memos_become_notes_and_what_is_not_read_is_said() {
    let qde = example();
    let memo = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    let unused = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2e";
    let qde = qde
        .replace("Commuting stress", "attributed")
        .replace(
            "creationDateTime=\"2024-05-01T12:00:00Z\">\n        <Coding",
            "creationDateTime=\"2024-05-01T12:00:00Z\">\n        <Description>Said with a sigh &amp; a shrug.</Description>\n        <Coding",
        )
        .replace(
            "</Coding>\n      </PlainTextSelection>",
            &format!("</Coding>\n        <NoteRef targetGUID=\"{memo}\"/>\n      </PlainTextSelection>"),
        )
        .replace(
            "  <Sources>",
            "  <Cases><Case guid=\"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\" name=\"R1\"/></Cases>\n  <Sources>",
        )
        .replace(
            "  </Sources>",
            &format!(
                "    <PDFSource guid=\"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\" name=\"scan.pdf\" path=\"internal://2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e.pdf\"/>\n  </Sources>\n  <Notes>\n    <Note guid=\"{memo}\" name=\"memo\"><PlainTextContent>Check the tone.</PlainTextContent></Note>\n    <Note guid=\"{unused}\" name=\"other\"><PlainTextContent>Unrelated.</PlainTextContent></Note>\n  </Notes>"
            ),
        );
    xmllint(&xsd(), qde.as_bytes()).unwrap();
    let read = qdpx::read(&example_qdpx(&qde, EXAMPLE_TEXT), "example.qdpx").unwrap();
    let [claim] = read.set.claims.as_slice() else {
        panic!("{:#?} {:#?}", read.set.claims, read.notes)
    };
    assert_eq!(claim.status, Status::Attributed);
    assert_eq!(
        claim.note.as_deref(),
        Some("Said with a sigh & a shrug.\n\nCheck the tone.")
    );
    let says = |part: &str| read.notes.iter().any(|n| n.contains(part));
    assert!(
        says("1 memo(s) not attached to a claim"),
        "{:#?}",
        read.notes
    );
    assert!(says("1 case(s)"), "{:#?}", read.notes);
    assert!(says("PDFSource \"scan.pdf\""), "{:#?}", read.notes);
}
