//! Names and notes that hold SQL, HTML, control characters, bidi overrides, zero-width joiners
//! and emoji go into a project through the core's public API and come back unchanged: from the
//! project, and through every export format and its reader. Where a format cannot hold a
//! character, the test checks its documented escaping instead.

use std::collections::HashMap;
use std::io::Read;

use claimcoder::interchange::set::AnnotationSet;
use claimcoder::interchange::{qdpx, w3c, ExportFormat, ExportScope, FORMATS};
use claimcoder::model::{
    Claim, DocumentEdit, DocumentId, NewClaim, NewSpeaker, Source, SpeakerKind, Status,
};
use claimcoder::Project;

/// Each a name (no runs of white space, so the names' tidying leaves it as it is).
const HOSTILE: &[&str] = &[
    "'); DROP TABLE claims;--",
    "Robert\"); DELETE FROM speakers WHERE ('1'='1",
    "100% _sure_ \\ %_% O'Brien",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "bell\u{7}esc\u{1b}[31m unit\u{1f}sep del\u{7f}",
    "\u{202E}evil\u{202C} \u{2066}iso\u{2069} \u{2067}rtl\u{2069} \u{2068}fsi\u{2069}",
    "zw\u{200D}j zero\u{200B}width bom\u{FEFF}",
    "👩\u{200D}👩\u{200D}👧 🇺🇦 e\u{301} 𝕏",
];

/// A note may hold line breaks and tabs as well.
fn note_of(h: &str) -> String {
    format!("{h}\nsecond line\twith a tab")
}

struct Built {
    _dir: tempfile::TempDir,
    project: Project,
    doc: DocumentId,
    /// Claim id → the hostile string it was made from.
    claims: HashMap<String, &'static str>,
}

/// A project whose document text holds every hostile string, titled, tagged and sourced with
/// them; one speaker (with an alias) per string, and one claim per string quoting it, coded by
/// a coder of that name, with that speaker and a note holding it.
fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::open(&dir.path().join("p.claimcoder")).unwrap();
    project.set_coder(HOSTILE[0]).unwrap();
    let text: String = HOSTILE.iter().map(|h| format!("{h} said so.\n")).collect();
    let doc = project.import_text(Some(HOSTILE[3]), &text).unwrap().id;
    project
        .edit_document(DocumentEdit {
            id: doc.clone(),
            title: HOSTILE[1].into(),
            source: Source {
                url: Some("javascript:alert(1)".into()),
                publisher: Some(HOSTILE[4].into()),
                author: Some(HOSTILE[6].into()),
                published: Some(HOSTILE[2].into()),
                language: None,
            },
            tags: HOSTILE.iter().map(|h| h.to_string()).collect(),
        })
        .unwrap();
    let mut claims = HashMap::new();
    let mut line_start = 0u32;
    for h in HOSTILE {
        let speaker = project
            .create_speaker(NewSpeaker {
                name: h.to_string(),
                kind: SpeakerKind::Organisation,
                aliases: vec![format!("alias {h}")],
            })
            .unwrap();
        project.set_coder(h).unwrap();
        let len = h.chars().count() as u32;
        let cue_start = line_start + len + 1;
        let claim = project
            .create_claim(NewClaim {
                document: doc.clone(),
                start: line_start,
                end: line_start + len,
                quote: h.to_string(),
                status: Status::Disputed,
                speaker: Some(speaker.id),
                cue: Some(claimcoder::model::Span {
                    start: cue_start,
                    end: cue_start + 4,
                }),
                note: Some(note_of(h)),
            })
            .unwrap();
        claims.insert(claim.id.to_string(), *h);
        line_start += len + " said so.\n".len() as u32;
    }
    Built {
        _dir: dir,
        project,
        doc,
        claims,
    }
}

#[test]
fn hostile_names_and_notes_come_back_unchanged_from_the_project() {
    let b = build();
    let p = &b.project;
    let mut coders: Vec<String> = p.coders().unwrap().into_iter().map(|k| k.name).collect();
    coders.sort();
    let mut want: Vec<String> = HOSTILE.iter().map(|h| h.to_string()).collect();
    want.sort();
    assert_eq!(coders, want, "coders");

    for h in HOSTILE {
        // Found by its own name and by its alias, and by nothing else: `%`, `_` and quotes
        // are not patterns, and the SQL in them is a value.
        let s = p.speaker_named(h).unwrap();
        assert_eq!(
            (s.name.as_str(), s.aliases.clone()),
            (*h, vec![format!("alias {h}")])
        );
        assert_eq!(p.speaker_named(&format!("alias {h}")).unwrap().id, s.id);
    }
    assert!(p.speaker_named("100% _sure_ \\ x_x O'Brien").is_err());
    assert_eq!(p.speakers().unwrap().len(), HOSTILE.len());

    let d = p.document(&b.doc).unwrap();
    assert_eq!(d.title, HOSTILE[1]);
    assert_eq!(d.source.url.as_deref(), Some("javascript:alert(1)"));
    assert_eq!(d.source.publisher.as_deref(), Some(HOSTILE[4]));
    assert_eq!(d.source.author.as_deref(), Some(HOSTILE[6]));
    let mut tags = d.tags.clone();
    tags.sort();
    assert_eq!(tags, want, "tags, each whole (one holds U+001F)");
    let listed = p.documents().unwrap();
    let mut tags = listed[0].tags.clone();
    tags.sort();
    assert_eq!(tags, want, "tags in the documents list");

    let all = p.all_claims().unwrap();
    assert_eq!(all.len(), HOSTILE.len());
    for c in &all {
        let h = b.claims[c.id.as_str()];
        assert_eq!(c.quote, h);
        assert_eq!(c.note.as_deref(), Some(note_of(h).as_str()));
    }
    // The tables the SQL above names are all still there.
    let reopened = Project::open(p.path()).unwrap();
    assert_eq!(reopened.all_claims().unwrap().len(), HOSTILE.len());
}

/// What a reader gave back for one claim: quote, note, speaker name and aliases, coder.
#[derive(Debug, PartialEq)]
struct Back {
    quote: String,
    note: Option<String>,
    speaker: Option<(String, Vec<String>)>,
    coder: String,
}

fn expected(b: &Built, map: impl Fn(&str) -> String) -> HashMap<String, Back> {
    b.claims
        .iter()
        .map(|(id, h)| {
            (
                id.clone(),
                Back {
                    quote: h.to_string(),
                    note: Some(map(&note_of(h))),
                    speaker: Some((map(h), vec![map(&format!("alias {h}"))])),
                    coder: map(h),
                },
            )
        })
        .collect()
}

fn back_of_set(set: &AnnotationSet) -> HashMap<String, Back> {
    set.claims
        .iter()
        .map(|c| {
            let speaker = c.speaker.as_ref().map(|id| {
                let s = set.speakers.iter().find(|s| &s.id == id).unwrap();
                (s.name.clone(), s.aliases.clone())
            });
            (
                c.id.clone(),
                Back {
                    quote: c.quote.clone(),
                    note: c.note.clone(),
                    speaker,
                    coder: set.coder_of(c).to_owned(),
                },
            )
        })
        .collect()
}

fn export(b: &Built, format: ExportFormat) -> Vec<u8> {
    let path = b
        ._dir
        .path()
        .join(format!("out.{}", format.info().extension));
    b.project
        .export(&ExportScope::default(), format, &path)
        .unwrap();
    std::fs::read(path).unwrap()
}

fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().into_owned(), s)
        })
        .collect()
}

/// What XML 1.0 can hold: the REFI-QDA writer documents that other characters become U+FFFD.
fn xml_holds(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' => c,
            c if c >= '\u{10000}' => c,
            _ => '\u{FFFD}',
        })
        .collect()
}

/// brat's notes are one line: line breaks and tabs become one space (documented in brat.rs).
fn brat_line(s: &str) -> String {
    s.replace(['\n', '\t'], " ")
}

#[test]
fn hostile_values_survive_every_export_and_its_reader() {
    let b = build();
    let mut checked = Vec::new();
    for row in FORMATS {
        let bytes = export(&b, row.format);
        match row.format {
            ExportFormat::Json => {
                let set = AnnotationSet::parse(&bytes, "out.json").unwrap();
                assert_eq!(back_of_set(&set), expected(&b, str::to_owned));
                assert_eq!(set.documents[0].title, HOSTILE[1]);
                assert_eq!(
                    set.documents[0].source.publisher.as_deref(),
                    Some(HOSTILE[4])
                );
                // And into a new project: the same values again.
                let dir = tempfile::tempdir().unwrap();
                let mut other = Project::open(&dir.path().join("q.claimcoder")).unwrap();
                let report = other.import_set(&set, "out.json", false).unwrap();
                assert_eq!(report.claims_added as usize, HOSTILE.len());
                let mut got: Vec<Claim> = other.all_claims().unwrap();
                let mut want: Vec<Claim> = b.project.all_claims().unwrap();
                got.sort_by(|x, y| x.id.cmp(&y.id));
                want.sort_by(|x, y| x.id.cmp(&y.id));
                assert_eq!(got.len(), want.len());
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!((&g.quote, &g.note), (&w.quote, &w.note));
                }
                for h in HOSTILE {
                    assert_eq!(other.speaker_named(h).unwrap().name, *h);
                }
            }
            ExportFormat::Jsonl => {
                let text = String::from_utf8(bytes).unwrap();
                assert_eq!(text.lines().count(), HOSTILE.len(), "one line per claim");
                let mut got = HashMap::new();
                for line in text.lines() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    assert_eq!(v["document_title"], HOSTILE[1]);
                    let s = |k: &str| v[k].as_str().unwrap().to_owned();
                    got.insert(
                        s("id"),
                        Back {
                            quote: s("quote"),
                            note: Some(s("note")),
                            speaker: Some((s("speaker"), vec![format!("alias {}", s("speaker"))])),
                            coder: s("coder"),
                        },
                    );
                }
                assert_eq!(got, expected(&b, str::to_owned));
            }
            ExportFormat::Csv => {
                let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
                let mut r = csv::Reader::from_reader(body);
                let mut got = HashMap::new();
                for rec in r.records() {
                    let rec = rec.unwrap();
                    assert_eq!(&rec[1], HOSTILE[1]);
                    got.insert(
                        rec[2].to_owned(),
                        Back {
                            quote: rec[6].to_owned(),
                            note: Some(rec[12].to_owned()),
                            speaker: Some((rec[8].to_owned(), vec![format!("alias {}", &rec[8])])),
                            coder: rec[3].to_owned(),
                        },
                    );
                }
                assert_eq!(got, expected(&b, str::to_owned));
            }
            ExportFormat::W3c => {
                let docs = vec![b.project.document(&b.doc).unwrap()];
                let read = w3c::read(&bytes, &docs).unwrap();
                assert_eq!(back_of_set(&read.set), expected(&b, str::to_owned));
            }
            ExportFormat::Qdpx => {
                let read = qdpx::read(&bytes, "out.qdpx").unwrap();
                assert_eq!(back_of_set(&read.set), expected(&b, xml_holds));
                assert_eq!(read.set.documents[0].title, xml_holds(HOSTILE[1]));
                let text = &b.project.document(&b.doc).unwrap().text;
                assert_eq!(&read.set.documents[0].text, text, "the text file is exact");
                // XML cannot hold U+0007, U+001B or U+001F: the one value with them changed.
                assert_ne!(xml_holds(HOSTILE[5]), HOSTILE[5]);
            }
            ExportFormat::Brat => {
                let files = unzip(&bytes);
                let ann = &files[&format!("{}.ann", b.doc)];
                for h in HOSTILE {
                    let line = format!(
                        "speaker: {h} (organisation) | coder: {h} | note: {}\n",
                        brat_line(&note_of(h))
                    );
                    assert!(ann.contains(&line), "no {line:?} in {ann}");
                    assert!(ann.contains(&format!("\t{h}\n")), "the quote {h:?}");
                }
                assert_eq!(
                    ann.lines().filter(|l| l.starts_with('#')).count(),
                    HOSTILE.len()
                );
            }
            ExportFormat::Html => {
                let html = String::from_utf8(bytes).unwrap();
                // Nothing from a value becomes markup or a link: no element the values spell
                // exists, and a javascript: source stays text.
                assert!(!html.contains("<script"), "a script element");
                assert!(!html.contains("<img"), "an image element");
                assert!(!html.contains("href=\"javascript:"), "a javascript: link");
                for h in HOSTILE {
                    let escaped = h
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                        .replace('"', "&quot;")
                        .replace('\'', "&#39;");
                    assert!(html.contains(&escaped), "{h:?} is not shown as text");
                }
            }
        }
        checked.push(row.format);
    }
    assert_eq!(checked.len(), FORMATS.len(), "every format checked");
}
