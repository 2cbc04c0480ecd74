//! The fuzz targets' bodies: one function per target, taking the fuzzer's bytes. Each calls a
//! reader of outside data through its public entry point and panics only when a promise is
//! broken (a panic in the core, or an answer that contradicts what the reader promises).
//!
//! This file is compiled twice: into the fuzz crate (`fuzz/`, libFuzzer, nightly flags) and
//! into the integration tests (`tests/integration/fuzz_regressions.rs`), which replay every
//! input kept in `tests/fuzz-regressions/<target>/` on a plain `cargo test`. So it uses only
//! `claimcoder`, `arbitrary` and `tempfile`.

use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use claimcoder::interchange::set::{AnnotationSet, SetClaim};
use claimcoder::interchange::{qdpx, w3c, zip_files, Corpus, ReadSet};
use claimcoder::model::{
    Claim, ClaimId, Coder, CoderId, Document, DocumentId, NewDocument, Span, Speaker, SpeakerId,
    SpeakerKind, Status,
};
use claimcoder::text::{
    byte_of_cp, cp_len, cp_of_utf16, reanchor, slice_cp, utf16_of_cp, Found, IndexedText,
};
use claimcoder::{import, Error, Project};

/// A target's body: the fuzzer's bytes in, a panic when a promise is broken.
pub type Target = fn(&[u8]);

/// Every target, by name: `fuzz/fuzz_targets/<name>.rs` calls it, and its regressions live in
/// `tests/fuzz-regressions/<name>/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("import_plain", import_plain),
    ("import_markdown", import_markdown),
    ("import_html", import_html),
    ("import_docx", import_docx),
    ("set_json", set_json),
    ("set_merge", set_merge),
    ("w3c_read", w3c_read),
    ("w3c_roundtrip", w3c_roundtrip),
    ("qdpx_read", qdpx_read),
    ("qdpx_roundtrip", qdpx_roundtrip),
    ("text_offsets", text_offsets),
    ("text_anchor", text_anchor),
];

// ---------------------------------------------------------------------------------------
// Article files (.txt, .md) and pasted text

/// A .txt file's bytes through the importer, and the same text pasted.
pub fn import_plain(data: &[u8]) {
    check_import(
        import::read_bytes(data, "txt", "article.txt", "article", Default::default()),
        "article.txt",
    );
    if let Ok(text) = std::str::from_utf8(data) {
        check_import(import::pasted(None, text), "the pasted text");
    }
}

/// A .md file's bytes through the importer.
pub fn import_markdown(data: &[u8]) {
    check_import(
        import::read_bytes(data, "md", "article.md", "article", Default::default()),
        "article.md",
    );
}

/// A saved web page's bytes through the importer (encoding sniffing, extraction, metadata), and
/// the same markup pasted: never a script's or a style's body as text.
pub fn import_html(data: &[u8]) {
    let file = import::read_bytes(data, "html", "page.html", "page", Default::default());
    if let Ok(doc) = &file {
        check_no_code(doc, data);
    }
    check_import(file, "page.html");
    if let Ok(markup) = std::str::from_utf8(data) {
        let pasted = import::import_html(None, markup);
        if let Ok(doc) = &pasted {
            check_no_code(doc, data);
        }
        check_import(pasted, "");
    }
}

/// A .docx's bytes through the importer: a zip read within its unpacking bound.
pub fn import_docx(data: &[u8]) {
    check_import(
        import::read_bytes(data, "docx", "report.docx", "report", Default::default()),
        "report.docx",
    );
}

/// A marker the fuzzer may put in a script never reaches the text unless it was also text.
fn check_no_code(doc: &NewDocument, data: &[u8]) {
    const MARK: &str = "FUZZSCRIPTBODY";
    let page = String::from_utf8_lossy(data);
    let in_script = page.contains(&format!("<script>{MARK}</script>"));
    if in_script && page.matches(MARK).count() == 1 {
        assert!(!doc.text.contains(MARK), "a script's body became text");
    }
}

/// An imported document is clean text worth coding; a refusal names the input.
fn check_import(r: claimcoder::Result<NewDocument>, what: &str) {
    match r {
        Ok(doc) => {
            assert!(!doc.text.contains('\r'), "line endings are normalised");
            assert!(!doc.text.contains('\0'), "no NUL in a document");
            assert!(!doc.text.trim().is_empty(), "a document has text");
            assert!(!doc.title.trim().is_empty(), "a document has a title");
        }
        Err(e) => assert!(e.to_string().contains(what), "{e} does not name {what}"),
    }
}

// ---------------------------------------------------------------------------------------
// Annotation sets

/// Bytes as an annotation set; a set that reads writes back to itself.
pub fn set_json(data: &[u8]) {
    if let Ok(set) = AnnotationSet::parse(data, "fuzz.json") {
        let again = AnnotationSet::parse(set.to_json().as_bytes(), "again.json")
            .expect("a set that was read is written so that it reads again");
        assert_eq!(again, set);
    }
}

/// A set built from arbitrary parts, written, perhaps edited, read and merged into a real
/// project: deeper than the JSON parser. Whatever the merge accepts holds on to its text, and
/// merging the same set again changes nothing.
pub fn set_merge(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(input) = ArbCorpus::arbitrary(&mut u) else {
        return;
    };
    let corpus = input.build(false);
    let mut json = AnnotationSet::from_corpus(&corpus).to_json();
    if let Ok(edits) = Vec::<Edit>::arbitrary(&mut u) {
        json = apply_edits(&json, &edits);
    }
    let accept_partial = bool::arbitrary(&mut u).unwrap_or(true);
    let Ok(set) = AnnotationSet::parse(json.as_bytes(), "fuzz.json") else {
        return;
    };
    let dir = scratch_dir();
    let mut project = Project::open(&dir.path().join("p.claimcoder")).expect("a new project");
    let first = match project.import_set(&set, "fuzz.json", accept_partial) {
        Ok(r) => r,
        Err(e) => return assert_clean_error(&e),
    };
    check_project_claims(&project);
    if first.imported {
        let again = project
            .import_set(&set, "fuzz.json", accept_partial)
            .expect("a set merged once merges again");
        assert_eq!(
            (again.claims_added, again.documents_added),
            (0, 0),
            "merging the same set twice adds nothing"
        );
    }
}

/// Every claim in the project quotes its document's text at its offsets.
fn check_project_claims(project: &Project) {
    for c in project.all_claims().expect("claims list") {
        let d = project.document(&c.document).expect("its document");
        let text = IndexedText::new(d.text.as_str());
        assert_eq!(
            text.slice(c.start as usize, c.end as usize),
            Some(c.quote.as_str())
        );
        if let Some(cue) = c.cue {
            assert!(text.slice(cue.start as usize, cue.end as usize).is_some());
        }
    }
}

// ---------------------------------------------------------------------------------------
// W3C Web Annotation

/// Bytes as a W3C annotation file against two known documents.
pub fn w3c_read(data: &[u8]) {
    let known = known_documents();
    if let Ok(read) = w3c::read(data, &known) {
        check_read_set(&read, "w3c");
    }
}

/// An arbitrary corpus written as W3C annotations, perhaps edited, read back against the
/// corpus's own documents. Unedited, every claim comes back where it was.
pub fn w3c_roundtrip(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(input) = ArbCorpus::arbitrary(&mut u) else {
        return;
    };
    let corpus = input.build(false);
    let bytes = match w3c::write(&corpus) {
        Ok(b) => b,
        Err(e) => return assert_clean_error(&e),
    };
    let edits = Vec::<Edit>::arbitrary(&mut u).unwrap_or_default();
    if edits.is_empty() {
        let read = w3c::read(&bytes, &corpus.documents).expect("our own W3C export reads back");
        check_read_set(&read, "w3c");
        if all_valid(&corpus) {
            assert_same_claims(&corpus, &read);
        }
    } else {
        let edited = apply_edits(&String::from_utf8_lossy(&bytes), &edits);
        if let Ok(read) = w3c::read(edited.as_bytes(), &corpus.documents) {
            check_read_set(&read, "w3c");
        }
    }
}

// ---------------------------------------------------------------------------------------
// REFI-QDA

/// Bytes as a .qdpx archive.
pub fn qdpx_read(data: &[u8]) {
    if let Ok(read) = qdpx::read(data, "fuzz.qdpx") {
        check_read_set(&read, "qdpx");
    }
}

/// An arbitrary corpus written as a .qdpx, its project.qde perhaps edited, read back. Unedited,
/// every claim comes back where it was: deeper than the zip and XML parsers.
pub fn qdpx_roundtrip(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(input) = ArbCorpus::arbitrary(&mut u) else {
        return;
    };
    // The reader makes CR line ends LF, as the importer does (positions mapped), so the texts
    // here are as the importer makes them: LF only.
    let corpus = input.build(true);
    let bytes = match qdpx::write(&corpus) {
        Ok(b) => b,
        Err(e) => return assert_clean_error(&e),
    };
    let edits = Vec::<Edit>::arbitrary(&mut u).unwrap_or_default();
    if edits.is_empty() {
        let read = qdpx::read(&bytes, "ours.qdpx").expect("our own .qdpx reads back");
        check_read_set(&read, "qdpx");
        if all_valid(&corpus) {
            assert_same_claims(&corpus, &read);
        }
        return;
    }
    // Re-pack the archive with project.qde edited and the texts as they were.
    let mut files = Vec::new();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("our zip");
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("an entry");
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut content).expect("its bytes");
        let name = f.name().expect("our names are UTF-8").into_owned();
        if name == qdpx::PROJECT_FILE {
            content = apply_edits(&String::from_utf8_lossy(&content), &edits).into_bytes();
        }
        files.push((name, content));
    }
    let repacked = zip_files(files).expect("a zip");
    if let Ok(read) = qdpx::read(&repacked, "edited.qdpx") {
        check_read_set(&read, "qdpx");
    }
}

/// What a reader hands to the merge is a well-formed set whose claims quote their texts.
fn check_read_set(read: &ReadSet, what: &str) {
    let set = &read.set;
    if let Err(e) = set.check(what) {
        panic!("the {what} reader produced a set that its own check refuses: {e}");
    }
    for c in &set.claims {
        let d = set
            .documents
            .iter()
            .find(|d| d.id == c.document)
            .expect("checked");
        let text = IndexedText::new(d.text.as_str());
        assert_eq!(
            text.slice(c.start as usize, c.end as usize),
            Some(c.quote.as_str()),
            "claim {} of the {what} reader does not quote its text",
            c.id
        );
    }
}

/// Every claim is one a project could hold (span, quote and cue checked against the text): only
/// those are promised to come back.
fn all_valid(corpus: &Corpus) -> bool {
    corpus.claims.iter().all(|c| {
        let Some(d) = corpus.document(&c.document) else {
            return false;
        };
        let text = IndexedText::new(d.text.as_str());
        text.anchor(c.start, c.end, Some(&c.quote)).is_ok()
            && c.cue
                .is_none_or(|s| text.anchor(s.start, s.end, None).is_ok())
    })
}

/// A reader gave back exactly the corpus's claims: same ids, places, quotes and statuses.
fn assert_same_claims(corpus: &Corpus, read: &ReadSet) {
    let key = |id: &str, d: &str, s: u32, e: u32, q: &str, st: Status| {
        (id.to_owned(), d.to_owned(), s, e, q.to_owned(), st.as_str())
    };
    let mut want: Vec<_> = corpus
        .claims
        .iter()
        .map(|c| {
            key(
                c.id.as_str(),
                c.document.as_str(),
                c.start,
                c.end,
                &c.quote,
                c.status,
            )
        })
        .collect();
    let mut got: Vec<_> = read
        .set
        .claims
        .iter()
        .map(|c: &SetClaim| key(&c.id, &c.document, c.start, c.end, &c.quote, c.status))
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want, "claims changed on the way out and back");
}

// ---------------------------------------------------------------------------------------
// Offsets and anchoring

#[derive(Arbitrary, Debug)]
struct OffsetsInput {
    text: String,
    probes: Vec<u16>,
}

/// Code points ⇄ UTF-8 bytes ⇄ UTF-16 units agree with each other and with `IndexedText`.
pub fn text_offsets(data: &[u8]) {
    let Ok(input) = OffsetsInput::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let text = input.text.as_str();
    let indexed = IndexedText::new(text);
    let len = cp_len(text);
    assert_eq!(indexed.len(), len);
    assert_eq!(utf16_of_cp(text, len), Some(text.encode_utf16().count()));
    // The UTF-16 offset of each code point boundary, counted here independently.
    let mut boundaries = vec![0usize];
    for c in text.chars() {
        boundaries.push(boundaries.last().unwrap() + c.len_utf16());
    }
    for &p in input.probes.iter().take(64) {
        let cp = usize::from(p);
        let byte = byte_of_cp(text, cp);
        assert_eq!(byte, indexed.byte(cp), "byte of code point {cp}");
        assert_eq!(byte.is_some(), cp <= len);
        if let Some(b) = byte {
            assert!(text.is_char_boundary(b));
            assert_eq!(text[..b].chars().count(), cp);
            let units = utf16_of_cp(text, cp).expect("in range");
            assert_eq!(units, text[..b].encode_utf16().count());
            assert_eq!(cp_of_utf16(text, units), Some(cp));
        }
        // A UTF-16 offset is a code point exactly when it is not inside a surrogate pair.
        let units = usize::from(p);
        let boundary = boundaries.binary_search(&units).ok();
        assert_eq!(cp_of_utf16(text, units), boundary, "UTF-16 offset {units}");
        for &q in input.probes.iter().take(4) {
            let end = usize::from(q);
            assert_eq!(slice_cp(text, cp, end), indexed.slice(cp, end));
        }
    }
}

#[derive(Arbitrary, Debug)]
struct AnchorInput {
    text: String,
    start: u16,
    end: u16,
    quote: Option<String>,
    /// Text added before and after the document: an edit elsewhere.
    before: String,
    after: String,
}

/// A span anchored in a text (quote, prefix, suffix) is found again by `reanchor` at the same
/// place, and at its shifted place when text is added before and after it.
pub fn text_anchor(data: &[u8]) {
    let Ok(input) = AnchorInput::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let text = IndexedText::new(input.text.as_str());
    let (start, end) = (u32::from(input.start), u32::from(input.end));
    let a = match text.anchor(start, end, input.quote.as_deref()) {
        Ok(a) => a,
        Err(e) => return assert_clean_error(&e),
    };
    assert_eq!(
        text.slice(start as usize, end as usize),
        Some(a.quote.as_str())
    );
    let found = reanchor(text.text(), &a.quote, &a.prefix, &a.suffix, start);
    assert_eq!(found, Some(Found { start, end }), "found again in place");
    let shift = cp_len(&input.before) as u32;
    let edited = format!("{}{}{}", input.before, input.text, input.after);
    let found = reanchor(&edited, &a.quote, &a.prefix, &a.suffix, start + shift);
    assert_eq!(
        found,
        Some(Found {
            start: start + shift,
            end: end + shift
        }),
        "found again after an edit elsewhere"
    );
}

// ---------------------------------------------------------------------------------------
// Building blocks

/// An error is one a client can show: it has a code and says something.
fn assert_clean_error(e: &Error) {
    let _ = e.code();
    assert!(!e.to_string().trim().is_empty());
}

/// A temporary folder for a project, in memory when the machine has /dev/shm (fuzzing opens
/// one per input).
fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(d) = tempfile::tempdir_in(shm) {
            return d;
        }
    }
    tempfile::tempdir().expect("a temporary folder")
}

/// A fixed id of kind `k` number `i`, a UUID v7 like the project's own.
fn id(k: u8, i: usize) -> String {
    format!("0190a000-0000-7000-8{k:03x}-{i:012x}")
}

fn known_documents() -> Vec<Document> {
    let texts = [
        "The minister said the port would reopen.\nCritics said it would not.\n",
        "Zoë 👍🏽 said «да». שלום e\u{301}\r\n中文 text said said said.",
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| document(id(1, i), format!("Document {i}"), t.to_string()))
        .collect()
}

fn document(id: String, title: String, text: String) -> Document {
    Document {
        id: DocumentId(id),
        title,
        length: cp_len(&text) as u32,
        text,
        source: Default::default(),
        version: 1,
        created: "2026-01-01T00:00:00Z".into(),
        tags: vec![],
    }
}

/// Replace `len` bytes at `at` (both taken modulo the text, snapped to char boundaries) with
/// `with`: a small edit of a file we wrote.
#[derive(Arbitrary, Debug)]
struct Edit {
    at: u32,
    len: u8,
    with: String,
}

fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_owned();
    for e in edits.iter().take(8) {
        let mut at = e.at as usize % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + usize::from(e.len)).min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.replace_range(at..end, &e.with);
    }
    s
}

/// A corpus from arbitrary parts, as an export would hold it. Claims are mostly valid (their
/// offsets taken modulo the text, their quote and context captured) so that readers get past
/// their first refusal; `raw` keeps a claim's offsets and quote as given.
#[derive(Arbitrary, Debug)]
struct ArbCorpus {
    documents: Vec<ArbDocument>,
    speakers: Vec<ArbSpeaker>,
    coders: Vec<String>,
    claims: Vec<ArbClaim>,
}

#[derive(Arbitrary, Debug)]
struct ArbDocument {
    title: String,
    text: String,
    url: Option<String>,
    publisher: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct ArbSpeaker {
    name: String,
    kind: u8,
    aliases: Vec<String>,
}

#[derive(Arbitrary, Debug)]
struct ArbClaim {
    document: u8,
    start: u16,
    len: u16,
    raw: bool,
    quote: String,
    status: u8,
    speaker: Option<u8>,
    cue: Option<(u16, u16)>,
    note: Option<String>,
    coder: u8,
    created: Option<String>,
}

impl ArbCorpus {
    /// With `lf`, texts have LF line ends only, as the importer makes them.
    fn build(self, lf: bool) -> Corpus {
        let documents: Vec<Document> = self
            .documents
            .into_iter()
            .take(4)
            .enumerate()
            .map(|(i, d)| {
                let text = if lf {
                    d.text.replace("\r\n", "\n").replace('\r', "\n")
                } else {
                    d.text
                };
                let mut doc = document(id(1, i), d.title, text);
                doc.source.url = d.url;
                doc.source.publisher = d.publisher;
                doc
            })
            .collect();
        let speakers: Vec<Speaker> = self
            .speakers
            .into_iter()
            .take(4)
            .enumerate()
            .map(|(i, s)| Speaker {
                id: SpeakerId(id(2, i)),
                name: s.name,
                kind: SpeakerKind::ALL[usize::from(s.kind) % SpeakerKind::ALL.len()],
                aliases: s.aliases,
            })
            .collect();
        let mut coders: Vec<Coder> = self
            .coders
            .into_iter()
            .take(3)
            .enumerate()
            .map(|(i, name)| Coder {
                id: CoderId(id(3, i)),
                name,
            })
            .collect();
        if coders.is_empty() {
            coders.push(Coder {
                id: CoderId(id(3, 0)),
                name: "Ana".into(),
            });
        }
        let texts: Vec<IndexedText> = documents
            .iter()
            .map(|d| IndexedText::new(d.text.as_str()))
            .collect();
        let mut claims = Vec::new();
        for (i, c) in self.claims.into_iter().take(16).enumerate() {
            if documents.is_empty() {
                break;
            }
            let di = usize::from(c.document) % documents.len();
            let text = &texts[di];
            let n = text.len().max(1);
            let (mut start, mut end) = (u32::from(c.start), u32::from(c.start) + u32::from(c.len));
            let (mut quote, mut prefix, mut suffix) = (c.quote, String::new(), String::new());
            if !c.raw {
                let s = usize::from(c.start) % n;
                let e = (s + 1 + usize::from(c.len) % 40).min(text.len());
                (start, end) = (s as u32, e as u32);
                match text.anchor(start, end, None) {
                    Ok(a) => (quote, prefix, suffix) = (a.quote, a.prefix, a.suffix),
                    Err(_) => continue,
                }
            }
            let cue = c.cue.map(|(s, l)| {
                let s = if c.raw { s } else { s % n as u16 };
                Span {
                    start: u32::from(s),
                    end: u32::from(s) + 1 + u32::from(l % 12),
                }
            });
            let stamp = c
                .created
                .unwrap_or_else(|| "2026-01-02T03:04:05.678Z".into());
            claims.push(Claim {
                id: ClaimId(id(4, i)),
                document: documents[di].id.clone(),
                start,
                end,
                quote,
                prefix,
                suffix,
                status: Status::ALL[usize::from(c.status) % 3],
                speaker: c
                    .speaker
                    .filter(|_| !speakers.is_empty())
                    .map(|s| speakers[usize::from(s) % speakers.len()].id.clone()),
                cue,
                note: c.note,
                coder: coders[usize::from(c.coder) % coders.len()].id.clone(),
                created: stamp.clone(),
                modified: stamp,
            });
        }
        Corpus::new(documents, speakers, coders, claims)
    }
}
