//! REFI-QDA project exchange (.qdpx), the format of NVivo, ATLAS.ti, MAXQDA, QualCoder and
//! others: a ZIP holding `project.qde` (XML, namespace `urn:QDA-XML:project:1.0`, valid against
//! the standard's Project.xsd) and each document's plain text as `sources/<guid>.txt`.
//!
//! The mapping:
//! - coders are Users (guid = coder id);
//! - the CodeBook has a parent code "Status" (not codable) with the codes Attributed, Disputed
//!   and Unverified, a parent "Speakers" (not codable) with one code per speaker (guid = speaker
//!   id; its kind and aliases as `kind: …` / `alias: …` lines of the Description), and a code
//!   "Cue" for attribution cues; the guids of the codes that are not speakers are derived from
//!   fixed names, so they are the same in every export;
//! - documents are TextSources (guid = document id, name = title, text in `sources/`); their
//!   source metadata are Text Variables (URL, Publisher, Author, Published);
//! - a claim is a PlainTextSelection (guid = claim id; positions in code points, end exclusive,
//!   as the standard's "first character is 0" and its example use; Description = the note)
//!   with one Coding of its status and, when it has one, one of its speaker;
//! - a claim's cue is a PlainTextSelection coded "Cue", joined to the claim by a Link named
//!   "cue" from the claim's selection to the cue's.
//!
//! Reading maps a foreign project as far as it can and says in the notes what it could not
//! keep: codes that are neither a status nor a speaker, selections without a status (skipped),
//! non-text sources, memos, variables and structures it does not read.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::{Writer, XmlVersion};
use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::set::{
    AnnotationSet, SetClaim, SetCoder, SetDocument, SetSource, SetSpeaker, FORMAT, VERSION,
};
use super::{Corpus, ReadSet};
use crate::error::{Error, Result};
use crate::model::{Claim, Document, Span, SpeakerKind, Status};
use crate::text::{cp_len, sha256_hex, IndexedText};

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
pub const PROJECT_FILE: &str = "project.qde";
/// What `write` puts in `Project@name` and `Project@origin`.
pub const PROJECT_NAME: &str = "Claimcoder export";
pub const ORIGIN: &str = "Claimcoder";
/// The most a read unpacks (project.qde and the texts together): a guard against zip bombs.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// Deeper nesting than any real project has; a guard against stack-hungry input.
const MAX_DEPTH: usize = 200;
const INTERNAL: &str = "internal://";
const SOURCES_DIR: &str = "sources/";
const UNKNOWN_CODER: &str = "unknown coder";

const STATUS_PARENT: &str = "Status";
const SPEAKERS_PARENT: &str = "Speakers";
const CUE_CODE: &str = "Cue";
const CUE_LINK: &str = "cue";

/// (URL, Publisher, Author, Published): the variables that carry a document's source.
const VARIABLES: [&str; 4] = ["URL", "Publisher", "Author", "Published"];

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Attributed => "Attributed",
        Status::Disputed => "Disputed",
        Status::Unverified => "Unverified",
    }
}

// The app's status colours (ui/src/styles.css), so the codes look the same elsewhere.
fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Attributed => "#1B7F4B",
        Status::Disputed => "#C0392B",
        Status::Unverified => "#8A6D00",
    }
}

fn status_description(s: Status) -> &'static str {
    match s {
        Status::Attributed => "The text attributes the claim to a source.",
        Status::Disputed => "The claim is contested in or beyond the text.",
        Status::Unverified => "Asserted with no attribution or support.",
    }
}

// ---------------------------------------------------------------------------------------------
// GUIDs

/// A name-based GUID (UUID version 8 over SHA-256 of `name`): the same name gives the same
/// GUID in every export, which keeps the codebook stable across exports and projects.
pub fn derived_guid(name: &str) -> String {
    let digest = Sha256::digest(format!("claimcoder/qdpx/{name}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// `s` as a GUID of the schema's form (lowercase, no braces), or `None` when it is not one.
pub fn normalise_guid(s: &str) -> Option<String> {
    let s = s.trim();
    let inner = s
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = inner.split('-').collect();
    let shape_ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    shape_ok.then(|| inner.to_ascii_lowercase())
}

/// The GUID of one of our ids: the id itself when it is a GUID (ours are UUID v7), else one
/// derived from it (an id that came in from a foreign format).
fn guid_of(kind: &str, id: &str) -> String {
    normalise_guid(id).unwrap_or_else(|| derived_guid(&format!("{kind}/{id}")))
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The .qdpx bytes of a corpus.
pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    let mut files = vec![(PROJECT_FILE.to_owned(), project_xml(c)?)];
    for d in &c.documents {
        let guid = guid_of("document", d.id.as_str());
        files.push((
            format!("{SOURCES_DIR}{guid}.txt"),
            d.text.as_bytes().to_vec(),
        ));
    }
    super::zip_files(files)
}

/// `project.qde` of a corpus, children in the schema's order, no empty containers.
fn project_xml(c: &Corpus) -> Result<Vec<u8>> {
    let by_doc = c.claims_by_document();
    let placed: usize = by_doc.iter().map(|(_, cl)| cl.len()).sum();
    if placed != c.claims.len() {
        return Err(Error::InvalidInput(format!(
            "the export holds {} claims on documents that are not in it",
            c.claims.len() - placed
        )));
    }
    let speakers: HashSet<&str> = c.speakers.iter().map(|s| s.id.as_str()).collect();
    for cl in &c.claims {
        if let Some(s) = &cl.speaker {
            if !speakers.contains(s.as_str()) {
                return Err(Error::InvalidInput(format!(
                    "claim {} refers to speaker {s}, which is not in the export",
                    cl.id
                )));
            }
        }
    }

    let mut x = Xml::new();
    x.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(xml_err)?;
    x.start(
        "Project",
        &[
            ("xmlns", NAMESPACE),
            ("name", PROJECT_NAME),
            ("origin", ORIGIN),
        ],
    );

    // Users: the corpus's coders, and any coder a claim names that the corpus lacks.
    let mut users: Vec<(String, String)> = c
        .coders
        .iter()
        .map(|k| (guid_of("coder", k.id.as_str()), k.name.clone()))
        .collect();
    let mut known: HashSet<String> = users.iter().map(|(g, _)| g.clone()).collect();
    for cl in &c.claims {
        let g = guid_of("coder", cl.coder.as_str());
        if known.insert(g.clone()) {
            users.push((g, UNKNOWN_CODER.to_owned()));
        }
    }
    if !users.is_empty() {
        x.start("Users", &[]);
        for (guid, name) in &users {
            x.empty("User", &[("guid", guid), ("name", name)]);
        }
        x.end("Users");
    }

    x.start("CodeBook", &[]);
    x.start("Codes", &[]);
    let status_parent = derived_guid("code/status");
    x.start(
        "Code",
        &[
            ("guid", &status_parent),
            ("name", STATUS_PARENT),
            ("isCodable", "false"),
        ],
    );
    x.text_element(
        "Description",
        "How a claim stands: each claim is coded with exactly one of these.",
    );
    for s in Status::ALL {
        x.start(
            "Code",
            &[
                ("guid", &status_guid(s)),
                ("name", status_name(s)),
                ("isCodable", "true"),
                ("color", status_colour(s)),
            ],
        );
        x.text_element("Description", status_description(s));
        x.end("Code");
    }
    x.end("Code");
    x.start(
        "Code",
        &[
            ("guid", &derived_guid("code/speakers")),
            ("name", SPEAKERS_PARENT),
            ("isCodable", "false"),
        ],
    );
    x.text_element(
        "Description",
        "Who a claim comes from: a claim is coded with at most one of these.",
    );
    for s in &c.speakers {
        x.start(
            "Code",
            &[
                ("guid", &guid_of("speaker", s.id.as_str())),
                ("name", &s.name),
                ("isCodable", "true"),
            ],
        );
        let mut d = format!("kind: {}", s.kind.as_str());
        for a in &s.aliases {
            d.push_str("\nalias: ");
            d.push_str(a);
        }
        x.text_element("Description", &d);
        x.end("Code");
    }
    x.end("Code");
    x.start(
        "Code",
        &[
            ("guid", &cue_guid()),
            ("name", CUE_CODE),
            ("isCodable", "true"),
        ],
    );
    x.text_element(
        "Description",
        "The words that signal attribution (\"said\", \"according to\"); each is linked to its claim by a link named \"cue\".",
    );
    x.end("Code");
    x.end("Codes");
    x.end("CodeBook");

    let used: Vec<usize> = (0..VARIABLES.len())
        .filter(|&i| c.documents.iter().any(|d| source_field(d, i).is_some()))
        .collect();
    if !used.is_empty() {
        x.start("Variables", &[]);
        for &i in &used {
            x.start(
                "Variable",
                &[
                    ("guid", &variable_guid(i)),
                    ("name", VARIABLES[i]),
                    ("typeOfVariable", "Text"),
                ],
            );
            x.text_element("Description", "Where the document came from, when known.");
            x.end("Variable");
        }
        x.end("Variables");
    }

    let mut cues = Vec::new();
    if !c.documents.is_empty() {
        x.start("Sources", &[]);
        for (d, claims) in &by_doc {
            let guid = guid_of("document", d.id.as_str());
            let path = format!("{INTERNAL}{guid}.txt");
            x.start(
                "TextSource",
                &[
                    ("guid", &guid),
                    ("name", &d.title),
                    ("plainTextPath", &path),
                    ("creationDateTime", &d.created),
                ],
            );
            // The text indexed for the cues' texts (their claims carry quotes), when needed.
            let mut indexed: Option<IndexedText> = None;
            for cl in claims {
                let claim_guid = guid_of("claim", cl.id.as_str());
                write_selection(&mut x, d, cl, &claim_guid)?;
                if let Some(cue) = cl.cue {
                    let cue_sel = derived_guid(&format!("cue/{claim_guid}"));
                    let text = indexed.get_or_insert_with(|| IndexedText::new(d.text.as_str()));
                    write_cue(&mut x, d, text, cl, cue, &cue_sel)?;
                    cues.push((claim_guid, cue_sel));
                }
            }
            for &i in &used {
                if let Some(v) = source_field(d, i) {
                    x.start("VariableValue", &[]);
                    x.empty("VariableRef", &[("targetGUID", &variable_guid(i))]);
                    x.text_element("TextValue", v);
                    x.end("VariableValue");
                }
            }
            x.end("TextSource");
        }
        x.end("Sources");
    }

    if !cues.is_empty() {
        x.start("Links", &[]);
        for (claim, cue) in &cues {
            x.empty(
                "Link",
                &[
                    ("guid", &derived_guid(&format!("cue-link/{claim}"))),
                    ("name", CUE_LINK),
                    ("direction", "OneWay"),
                    ("originGUID", claim),
                    ("targetGUID", cue),
                ],
            );
        }
        x.end("Links");
    }

    x.text_element(
        "Description",
        "Claims in news articles coded with Claimcoder: each selection is a claim, coded with its status (under \"Status\") and, when known, its speaker (under \"Speakers\"); its description is the coder's note. Attribution cues are selections coded \"Cue\", linked to their claim.",
    );
    x.end("Project");
    x.finish()
}

fn write_selection(x: &mut Xml, d: &Document, cl: &Claim, guid: &str) -> Result<()> {
    let coder = guid_of("coder", cl.coder.as_str());
    let (start, end) = (cl.start.to_string(), cl.end.to_string());
    // The modifying user is not recorded (any coder may edit a claim), so only the time is.
    x.start(
        "PlainTextSelection",
        &[
            ("guid", guid),
            ("name", &label(&cl.quote)),
            ("startPosition", &start),
            ("endPosition", &end),
            ("creatingUser", &coder),
            ("creationDateTime", &cl.created),
            ("modifiedDateTime", &cl.modified),
        ],
    );
    if let Some(note) = cl.note.as_deref().filter(|n| !n.is_empty()) {
        x.text_element("Description", note);
    }
    coding(
        x,
        &format!("{guid}/status"),
        &status_guid(cl.status),
        &coder,
        cl,
    );
    if let Some(s) = &cl.speaker {
        let code = guid_of("speaker", s.as_str());
        coding(x, &format!("{guid}/speaker"), &code, &coder, cl);
    }
    x.end("PlainTextSelection");
    check_in_text(d, cl.start, cl.end, &cl.id.0)
}

fn write_cue(
    x: &mut Xml,
    d: &Document,
    text: &IndexedText,
    cl: &Claim,
    cue: Span,
    guid: &str,
) -> Result<()> {
    let what = format!("the cue of {}", cl.id);
    check_in_text(d, cue.start, cue.end, &what)?;
    let text = text
        .slice(cue.start as usize, cue.end as usize)
        .ok_or_else(|| not_inside(d, cue.start, cue.end, &what))?;
    let coder = guid_of("coder", cl.coder.as_str());
    let (start, end) = (cue.start.to_string(), cue.end.to_string());
    x.start(
        "PlainTextSelection",
        &[
            ("guid", guid),
            ("name", &label(text)),
            ("startPosition", &start),
            ("endPosition", &end),
            ("creatingUser", &coder),
            ("creationDateTime", &cl.created),
            ("modifiedDateTime", &cl.modified),
        ],
    );
    coding(x, &format!("{guid}/cue"), &cue_guid(), &coder, cl);
    x.end("PlainTextSelection");
    Ok(())
}

fn coding(x: &mut Xml, seed: &str, code: &str, coder: &str, cl: &Claim) {
    x.start(
        "Coding",
        &[
            ("guid", &derived_guid(&format!("coding/{seed}"))),
            ("creatingUser", coder),
            ("creationDateTime", &cl.created),
        ],
    );
    x.empty("CodeRef", &[("targetGUID", code)]);
    x.end("Coding");
}

fn check_in_text(d: &Document, start: u32, end: u32, what: &str) -> Result<()> {
    if start < end && end <= d.length {
        Ok(())
    } else {
        Err(not_inside(d, start, end, what))
    }
}

fn not_inside(d: &Document, start: u32, end: u32, what: &str) -> Error {
    Error::InvalidSpan(format!(
        "{what}: {start}..{end} is not inside document {} ({} code points)",
        d.id, d.length
    ))
}

fn status_guid(s: Status) -> String {
    derived_guid(&format!("code/status/{}", s.as_str()))
}

fn cue_guid() -> String {
    derived_guid("code/cue")
}

fn variable_guid(i: usize) -> String {
    derived_guid(&format!("variable/{}", VARIABLES[i].to_ascii_lowercase()))
}

fn source_field(d: &Document, i: usize) -> Option<&str> {
    let s = &d.source;
    [&s.url, &s.publisher, &s.author, &s.published][i]
        .as_deref()
        .filter(|v| !v.trim().is_empty())
}

/// A selection's display name: the quote on one line, shortened.
fn label(quote: &str) -> String {
    const MAX: usize = 80;
    let one_line = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > MAX {
        let cut: String = one_line.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        one_line
    }
}

fn xml_err(e: std::io::Error) -> Error {
    Error::io("writing project.qde", e)
}

/// A thin layer on quick-xml's writer that does its own escaping: quick-xml escapes only
/// `&<>"'`, and a raw CR, LF or tab would not survive an XML parser (end-of-line and
/// attribute-value normalisation), so those become character references.
struct Xml {
    w: Writer<Vec<u8>>,
    failed: Option<std::io::Error>,
}

impl Xml {
    fn new() -> Xml {
        Xml {
            w: Writer::new_with_indent(Vec::new(), b' ', 2),
            failed: None,
        }
    }

    fn event(&mut self, e: Event<'_>) {
        if self.failed.is_none() {
            if let Err(err) = self.w.write_event(e) {
                self.failed = Some(err);
            }
        }
    }

    fn tag<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
        let mut t = BytesStart::new(name);
        for (k, v) in attrs {
            t.push_attribute(Attribute {
                key: QName(k),
                value: Cow::Owned(escape(v, true)),
            });
        }
        t
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(Self::tag(name, attrs)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(Self::tag(name, attrs)));
    }

    fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn text_element(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        self.event(Event::Text(BytesText::from_escaped(escape(text, false))));
        self.end(name);
    }

    fn finish(mut self) -> Result<Vec<u8>> {
        if let Some(e) = self.failed.take() {
            return Err(xml_err(e));
        }
        let mut out = self.w.into_inner();
        out.push(b'\n');
        Ok(out)
    }
}

/// Escapes text for XML 1.0. Characters XML 1.0 cannot hold at all (most C0 controls,
/// U+FFFE, U+FFFF) become U+FFFD: titles and notes with them are not round-tripped exactly.
fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(ch),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads a .qdpx into an annotation set; `what` names the input in errors and notes.
pub fn read(bytes: &[u8], what: &str) -> Result<ReadSet> {
    let mut archive = Archive::open(bytes, what)?;
    let qde_bytes = archive.project_file()?;
    let qde = decode_utf8(&qde_bytes, &format!("{what}: {PROJECT_FILE}"))?;
    let root = parse_xml(qde, what)?;
    drop(qde_bytes);
    Reader::new(what, archive).read(&root)
}

/// The archive, read by entry name only (nothing is ever extracted to disk), with a budget of
/// bytes that may still be unpacked.
struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    what: String,
    budget: u64,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8], what: &str) -> Result<Archive<'a>> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::InvalidInput(format!(
                "{what}: not a REFI-QDA project (.qdpx): it is not a ZIP archive ({e})"
            ))
        })?;
        // Refused even though nothing is extracted: such a name only comes from a hostile
        // or broken archive.
        for i in 0..zip.len() {
            let raw = match zip.name_for_index(i) {
                Some(Ok(n)) => n.into_owned(),
                _ => {
                    return Err(Error::InvalidInput(format!(
                        "{what}: entry {} of the archive has an unreadable name; refused",
                        i + 1
                    )))
                }
            };
            let name = raw.replace('\\', "/");
            let unsafe_name = name.starts_with('/')
                || name.split('/').any(|part| part == "..")
                || name.contains('\0')
                || name.as_bytes().get(1) == Some(&b':');
            if unsafe_name {
                return Err(Error::InvalidInput(format!(
                    "{what}: the archive holds an entry named {raw:?}, a path that leads outside the archive; refused"
                )));
            }
        }
        Ok(Archive {
            zip,
            what: what.to_owned(),
            budget: MAX_UNPACKED_BYTES,
        })
    }

    fn project_file(&mut self) -> Result<Vec<u8>> {
        let index = self.zip.index_for_name(PROJECT_FILE).or_else(|| {
            (0..self.zip.len()).find(|&i| {
                matches!(self.zip.name_for_index(i), Some(Ok(n)) if n.eq_ignore_ascii_case(PROJECT_FILE))
            })
        });
        match index {
            Some(i) => self.entry(i, PROJECT_FILE),
            None => Err(Error::InvalidInput(format!(
                "{}: not a REFI-QDA project (.qdpx): the archive has no {PROJECT_FILE}",
                self.what
            ))),
        }
    }

    /// The bytes of `sources/<name>`, or `None` when the archive lacks it.
    fn source_file(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let path = format!("{SOURCES_DIR}{name}");
        match self.zip.index_for_name(&path) {
            Some(i) => self.entry(i, &path).map(Some),
            None => Ok(None),
        }
    }

    fn entry(&mut self, index: usize, name: &str) -> Result<Vec<u8>> {
        let too_large = |size| Error::TooLarge {
            what: format!(
                "{}: {name} (with what was unpacked before it; the limit guards against zip bombs)",
                self.what
            ),
            size,
            limit: MAX_UNPACKED_BYTES,
        };
        let used = MAX_UNPACKED_BYTES - self.budget;
        let mut file = self.zip.by_index(index).map_err(|e| {
            Error::InvalidInput(format!(
                "{}: cannot open {name} in the archive: {e}",
                self.what
            ))
        })?;
        // The declared size first, so that a bomb is refused before anything is inflated...
        if file.size() > self.budget {
            return Err(too_large(used + file.size()));
        }
        // ...and the actual size too, since a declared size can lie.
        let mut out = Vec::new();
        (&mut file)
            .take(self.budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                Error::InvalidInput(format!(
                    "{}: {name} in the archive is damaged: {e}",
                    self.what
                ))
            })?;
        if out.len() as u64 > self.budget {
            return Err(too_large(used + out.len() as u64));
        }
        self.budget -= out.len() as u64;
        Ok(out)
    }
}

fn decode_utf8<'b>(bytes: &'b [u8], what: &str) -> Result<&'b str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (line, col) = line_col(&bytes[..at]);
        Error::NotText {
            what: what.to_owned(),
            reason: format!(
                "invalid UTF-8 at byte {at} (line {line}, column {col}); REFI-QDA files are UTF-8"
            ),
        }
    })
}

fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// An element of project.qde: local name, attributes, children and its own text.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'n Node> + 'n {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The children of the container `container` named `name` (`<Users><User/>…`).
    fn items<'n>(
        &'n self,
        container: &'n str,
        name: &'n str,
    ) -> impl Iterator<Item = &'n Node> + 'n {
        self.all(container).flat_map(move |c| c.all(name))
    }
}

/// Parses project.qde into a tree of elements by local name (prefixes are dropped; the
/// namespace is checked on the root).
fn parse_xml(xml: &str, what: &str) -> Result<Node> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let at = |pos: u64| {
        let pos = (pos as usize).min(xml.len());
        let (line, col) = line_col(&xml.as_bytes()[..pos]);
        format!("line {line}, column {col}")
    };
    let bad = |pos: u64, reason: String| {
        Error::InvalidInput(format!(
            "{what}: {PROJECT_FILE} is not well-formed XML at {}: {reason}",
            at(pos)
        ))
    };
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(reader.error_position(), e.to_string()))?;
        let pos = reader.buffer_position();
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() && stack.is_empty() => {
                let _ = e;
                return Err(bad(pos, "a second root element".into()));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(bad(pos, format!("elements nested deeper than {MAX_DEPTH}")));
                }
                stack.push(element(&e).map_err(|r| bad(pos, r))?);
            }
            Event::Empty(e) => {
                let node = element(&e).map_err(|r| bad(pos, r))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                let node = stack
                    .pop()
                    .ok_or_else(|| bad(pos, "an unmatched end tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::Text(t) => match stack.last_mut() {
                Some(top) => top.text.push_str(&t.xml10_content()),
                None if t.trim().is_empty() => {}
                None => return Err(bad(pos, "text outside the root element".into())),
            },
            Event::CData(t) => match stack.last_mut() {
                Some(top) => top.text.push_str(&t.xml10_content()),
                None => return Err(bad(pos, "text outside the root element".into())),
            },
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match &*r {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "apos" => "'".into(),
                        "quot" => "\"".into(),
                        other => {
                            return Err(bad(pos, format!("unknown entity &{other};")));
                        }
                    },
                    Err(e) => return Err(bad(pos, e.to_string())),
                };
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&ch),
                    None => return Err(bad(pos, "a reference outside the root element".into())),
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(bad(
            xml.len() as u64,
            format!("the file ends inside <{}>", open.name),
        ));
    }
    root.ok_or_else(|| bad(0, "there is no root element".into()))
}

fn element(e: &BytesStart<'_>) -> std::result::Result<Node, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?;
        let key: &str = a.key.as_ref();
        attrs.push((key.to_owned(), value.into_owned()));
    }
    let local = e.local_name();
    let name: &str = local.as_ref();
    Ok(Node {
        name: name.to_owned(),
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}

#[derive(Debug, Clone)]
enum CodeKind {
    Status(Status),
    Speaker(usize),
    Cue,
    Other,
}

struct Code {
    name: String,
    kind: CodeKind,
}

/// A source's text as Claimcoder stores it (line ends made LF), with the map from the
/// positions of the stored text, which selections count in, to its own.
struct Text {
    text: IndexedText,
    /// For each code point of the stored text (and its end), its place in `text`; `None`
    /// when the text needed no normalisation.
    map: Option<Vec<u32>>,
    /// Length of the stored text in code points.
    stored_len: u64,
}

impl Text {
    /// CR LF and lone CR become LF, as our importer does; positions are mapped so that they
    /// still point at the same characters.
    fn new(stored: String) -> Text {
        let stored_len = cp_len(&stored) as u64;
        if !stored.contains('\r') {
            return Text {
                text: IndexedText::new(stored),
                map: None,
                stored_len,
            };
        }
        let mut text = String::with_capacity(stored.len());
        let mut map = Vec::with_capacity(stored_len as usize + 1);
        let mut out = 0u32;
        let mut chars = stored.chars().peekable();
        while let Some(c) = chars.next() {
            map.push(out);
            if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    continue; // the LF that follows is the line end
                }
                text.push('\n');
            } else {
                text.push(c);
            }
            out += 1;
        }
        map.push(out);
        Text {
            text: IndexedText::new(text),
            map: Some(map),
            stored_len,
        }
    }

    /// The text of code points `start..end` (both within the text).
    fn slice(&self, start: u32, end: u32) -> &str {
        self.text
            .slice(start as usize, end as usize)
            .unwrap_or_default()
    }

    fn place(&self, p: u64) -> u32 {
        match &self.map {
            Some(m) => m[p as usize],
            None => p as u32,
        }
    }
}

struct Reader<'a> {
    what: String,
    archive: Archive<'a>,
    notes: Vec<String>,
    users: HashMap<String, String>,
    codes: HashMap<String, Code>,
    speakers: Vec<SetSpeaker>,
    speakers_used: Vec<bool>,
    variables: HashMap<String, String>,
    memos: HashMap<String, String>,
    memos_used: HashSet<String>,
    /// Cue links: the claim selection's guid → the cue selection's guid.
    cue_links: HashMap<String, String>,
    ids: HashSet<String>,
    untimed: usize,
    unknown_variables: Vec<String>,
}

impl<'a> Reader<'a> {
    fn new(what: &str, archive: Archive<'a>) -> Reader<'a> {
        Reader {
            what: what.to_owned(),
            archive,
            notes: Vec::new(),
            users: HashMap::new(),
            codes: HashMap::new(),
            speakers: Vec::new(),
            speakers_used: Vec::new(),
            variables: HashMap::new(),
            memos: HashMap::new(),
            memos_used: HashSet::new(),
            cue_links: HashMap::new(),
            ids: HashSet::new(),
            untimed: 0,
            unknown_variables: Vec::new(),
        }
    }

    fn bad(&self, reason: String) -> Error {
        Error::InvalidInput(format!("{}: {reason}", self.what))
    }

    fn note(&mut self, n: String) {
        self.notes.push(n);
    }

    /// A GUID attribute, required, normalised; each object's GUID must be unique.
    fn guid(&mut self, node: &Node, kind: &str) -> Result<String> {
        let raw = node
            .attr("guid")
            .ok_or_else(|| self.bad(format!("a {kind} has no guid")))?;
        let g = normalise_guid(raw).ok_or_else(|| {
            self.bad(format!(
                "a {kind} has the guid {raw:?}, which is not a GUID"
            ))
        })?;
        if !self.ids.insert(g.clone()) {
            return Err(self.bad(format!("the guid {g} is used twice (again by a {kind})")));
        }
        Ok(g)
    }

    fn read(mut self, root: &Node) -> Result<ReadSet> {
        if root.name != "Project" {
            return Err(self.bad(format!(
                "{PROJECT_FILE} is not a REFI-QDA project: its root element is <{}>, not <Project>",
                root.name
            )));
        }
        let declared = root
            .attrs
            .iter()
            .any(|(k, v)| (k == "xmlns" || k.starts_with("xmlns:")) && v == NAMESPACE);
        match root.attr("xmlns") {
            _ if declared => {}
            Some(ns) => self.note(format!(
                "{PROJECT_FILE} is in the namespace {ns:?}, not {NAMESPACE:?}; read as REFI-QDA 1.0 anyway"
            )),
            None => self.note(format!(
                "{PROJECT_FILE} has no namespace (REFI-QDA 1.0 uses {NAMESPACE:?}); read anyway"
            )),
        }

        for u in root.items("Users", "User") {
            let g = self.guid(u, "User")?;
            let name = u
                .attr("name")
                .map(clean)
                .filter(|n| !n.is_empty())
                .or_else(|| u.attr("id").map(clean).filter(|n| !n.is_empty()));
            let name = match name {
                Some(n) => n,
                None => {
                    self.note(format!(
                        "user {g} has no name: their claims are given the coder \"user {g}\""
                    ));
                    format!("user {g}")
                }
            };
            self.users.insert(g, name);
        }

        if let Some(book) = root.child("CodeBook") {
            let top: Vec<&Node> = book.items("Codes", "Code").collect();
            let mut stack: Vec<(&Node, Option<String>, usize)> =
                top.into_iter().rev().map(|c| (c, None, 0)).collect();
            while let Some((code, parent, depth)) = stack.pop() {
                let g = self.guid(code, "Code")?;
                let name = clean(code.attr("name").unwrap_or_default());
                let kind = self.code_kind(code, &g, &name, parent.as_deref(), depth);
                for child in code.all("Code").collect::<Vec<_>>().into_iter().rev() {
                    stack.push((child, Some(name.clone()), depth + 1));
                }
                self.codes.insert(g, Code { name, kind });
            }
        }

        for v in root.items("Variables", "Variable") {
            let g = self.guid(v, "Variable")?;
            self.variables
                .insert(g, v.attr("name").unwrap_or_default().trim().to_owned());
        }

        let notes: Vec<&Node> = root.items("Notes", "Note").collect();
        for n in &notes {
            let g = self.guid(n, "Note")?;
            // A memo a claim refers to becomes part of its note.
            if let Some(t) = self.plain_text(n, &format!("note {g}"))? {
                self.memos.insert(g, t);
            }
        }

        let mut other_links = 0;
        for l in root.items("Links", "Link") {
            self.guid(l, "Link")?;
            let from = l.attr("originGUID").and_then(normalise_guid);
            let to = l.attr("targetGUID").and_then(normalise_guid);
            match (l.attr("name"), from, to) {
                (Some(n), Some(from), Some(to)) if n.eq_ignore_ascii_case(CUE_LINK) => {
                    self.cue_links.insert(from, to);
                }
                _ => other_links += 1,
            }
        }

        let mut documents = Vec::new();
        let mut claims = Vec::new();
        let mut others: Vec<String> = Vec::new();
        for sources in root.all("Sources") {
            for s in &sources.children {
                if s.name == "TextSource" {
                    self.text_source(s, &mut documents, &mut claims)?;
                } else {
                    others.push(format!(
                        "{} {:?}",
                        s.name,
                        s.attr("name").unwrap_or_default()
                    ));
                }
            }
        }

        if !others.is_empty() {
            self.note(format!(
                "{} source(s) that are not text were not read, with their codings: {}",
                others.len(),
                others.join(", ")
            ));
        }
        let unused_memos = self.memos.len() - self.memos_used.len();
        for (name, count) in [
            ("memo(s) not attached to a claim", unused_memos),
            ("case(s)", root.items("Cases", "Case").count()),
            ("set(s)", root.items("Sets", "Set").count()),
            ("graph(s)", root.items("Graphs", "Graph").count()),
            ("link(s) other than claim cues", other_links),
        ] {
            if count > 0 {
                self.note(format!(
                    "the project's {count} {name} are not read: Claimcoder has no place for them"
                ));
            }
        }
        if self.untimed > 0 {
            self.note(format!(
                "{} selection(s) had no creation time: they are given the time of this import",
                self.untimed
            ));
        }
        let mut unknown = std::mem::take(&mut self.unknown_variables);
        unknown.sort();
        unknown.dedup();
        if !unknown.is_empty() {
            self.note(format!(
                "variables of the sources not kept (Claimcoder keeps only URL, Publisher, Author, Published): {}",
                unknown.join(", ")
            ));
        }

        let speakers: Vec<SetSpeaker> = self
            .speakers
            .iter()
            .zip(&self.speakers_used)
            .filter(|(_, used)| **used)
            .map(|(s, _)| s.clone())
            .collect();
        let mut coders: Vec<&str> = claims
            .iter()
            .filter_map(|c: &SetClaim| c.coder.as_ref().map(|k| k.name.as_str()))
            .collect();
        coders.sort_unstable();
        coders.dedup();
        let single = match coders.as_slice() {
            [only] => Some(SetCoder {
                name: (*only).to_owned(),
            }),
            _ => None,
        };
        if single.is_some() {
            for c in &mut claims {
                c.coder = None;
            }
        }
        Ok(ReadSet {
            set: AnnotationSet {
                format: FORMAT.into(),
                version: VERSION,
                coder: single,
                documents,
                speakers,
                claims,
            },
            notes: self.notes,
        })
    }

    fn code_kind(
        &mut self,
        code: &Node,
        guid: &str,
        name: &str,
        parent: Option<&str>,
        depth: usize,
    ) -> CodeKind {
        if let Some(s) = Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
        {
            return CodeKind::Status(s);
        }
        if parent.is_some_and(|p| p.eq_ignore_ascii_case(SPEAKERS_PARENT)) && !name.is_empty() {
            let description = code.child("Description").map(|d| d.text.as_str());
            let (kind, aliases) = speaker_details(description.unwrap_or_default());
            if kind.is_none() {
                self.note(format!(
                    "speaker {name:?} (code {guid}) has no Claimcoder kind in its description: read as \"other\""
                ));
            }
            self.speakers.push(SetSpeaker {
                id: guid.to_owned(),
                name: name.to_owned(),
                kind: kind.unwrap_or(SpeakerKind::Other),
                aliases,
            });
            self.speakers_used.push(false);
            return CodeKind::Speaker(self.speakers.len() - 1);
        }
        if depth == 0 && name.eq_ignore_ascii_case(CUE_CODE) {
            return CodeKind::Cue;
        }
        CodeKind::Other
    }

    /// The text of a TextSource or Note, from PlainTextContent or an internal plainTextPath;
    /// `None` (with a note) when it has none that can be read.
    fn plain_text(&mut self, node: &Node, label: &str) -> Result<Option<String>> {
        let content = node.child("PlainTextContent").map(|c| c.text.clone());
        let path = node.attr("plainTextPath");
        if let (Some(_), Some(_)) = (&content, path) {
            self.note(format!(
                "{label} has both PlainTextContent and plainTextPath (the standard allows one): its PlainTextContent is read"
            ));
        }
        if let Some(c) = content {
            return Ok(Some(c));
        }
        let Some(path) = path else {
            self.note(format!(
                "{label} has no plain text (neither PlainTextContent nor plainTextPath): not read"
            ));
            return Ok(None);
        };
        let internal = path
            .get(..INTERNAL.len())
            .filter(|p| p.eq_ignore_ascii_case(INTERNAL))
            .map(|_| &path[INTERNAL.len()..]);
        let Some(file) = internal else {
            self.note(format!(
                "{label}: its text is outside the archive ({path:?}) and is not read"
            ));
            return Ok(None);
        };
        if file.is_empty() || file.contains(['/', '\\', '\0']) || file == ".." || file.contains(':')
        {
            return Err(self.bad(format!(
                "{label}: its plainTextPath {path:?} is not a file of the archive's sources folder"
            )));
        }
        let bytes = self.archive.source_file(file)?.ok_or_else(|| {
            self.bad(format!(
                "{label}: its text {SOURCES_DIR}{file} is missing from the archive"
            ))
        })?;
        let text = decode_utf8(&bytes, &format!("{}: {SOURCES_DIR}{file}", self.what))?;
        Ok(Some(text.to_owned()))
    }

    fn text_source(
        &mut self,
        s: &Node,
        documents: &mut Vec<SetDocument>,
        claims: &mut Vec<SetClaim>,
    ) -> Result<()> {
        let id = self.guid(s, "TextSource")?;
        let title = clean(s.attr("name").unwrap_or_default());
        let title = if title.is_empty() {
            format!("Untitled ({id})")
        } else {
            title
        };
        let label = format!("source {title:?} ({id})");
        let selections: Vec<&Node> = s.all("PlainTextSelection").collect();
        let Some(stored) = self.plain_text(s, &label)? else {
            if !selections.is_empty() {
                self.note(format!(
                    "{label}: its {} selection(s) are not read, as its text is not",
                    selections.len()
                ));
            }
            return Ok(());
        };
        let text = Text::new(stored);
        if text.map.is_some() {
            self.note(format!(
                "{label}: its CR line ends were made LF, as Claimcoder stores text; selection positions were mapped to match"
            ));
        }
        if text.text.text().trim().is_empty() {
            self.note(format!(
                "{label} has no text: not read, nor its {} selection(s)",
                selections.len()
            ));
            return Ok(());
        }
        let whole = s.all("Coding").count();
        if whole > 0 {
            self.note(format!(
                "{label}: its {whole} coding(s) of the whole source are not read (Claimcoder codes passages)"
            ));
        }
        if s.all("NoteRef").count() > 0 {
            self.note(format!("{label}: its memos (NoteRef) are not read"));
        }

        let mut source = SetSource::default();
        for vv in s.all("VariableValue") {
            let var = vv
                .child("VariableRef")
                .and_then(|r| r.attr("targetGUID"))
                .and_then(normalise_guid)
                .and_then(|g| self.variables.get(&g).cloned())
                .unwrap_or_default();
            let value = vv.children.iter().find(|c| c.name.ends_with("Value"));
            let value = value
                .map(|v| v.text.trim().to_owned())
                .filter(|v| !v.is_empty());
            let slot = match var.to_ascii_lowercase().as_str() {
                "url" => Some(&mut source.url),
                "publisher" => Some(&mut source.publisher),
                "author" => Some(&mut source.author),
                "published" => Some(&mut source.published),
                _ => None,
            };
            match (slot, value) {
                (Some(slot), Some(v)) => *slot = Some(v),
                (None, Some(_)) => self.unknown_variables.push(if var.is_empty() {
                    "(an unnamed variable)".into()
                } else {
                    format!("{var:?}")
                }),
                _ => {}
            }
        }

        // Cue selections are read with their claims, not as claims.
        let by_guid: HashMap<String, &Node> = selections
            .iter()
            .filter_map(|n| Some((normalise_guid(n.attr("guid")?)?, *n)))
            .collect();
        let cue_targets: HashSet<&String> = self.cue_links.values().collect();
        let cue_selections: HashSet<String> = by_guid
            .iter()
            .filter(|(g, n)| cue_targets.contains(g) && self.coded_only_cue(n))
            .map(|(g, _)| g.clone())
            .collect();

        for sel in &selections {
            let raw_guid = sel.attr("guid").and_then(normalise_guid);
            if raw_guid.is_some_and(|g| cue_selections.contains(&g)) {
                // Read with the claim that links to it; checked here like any selection.
                self.guid(sel, "PlainTextSelection")?;
                self.positions(sel, &text, &label)?;
                continue;
            }
            if let Some(claim) =
                self.selection(sel, &text, &label, &id, &by_guid, &cue_selections)?
            {
                claims.push(claim);
            }
        }

        documents.push(SetDocument {
            sha256: sha256_hex(text.text.text()),
            id,
            title,
            text: text.text.text().to_owned(),
            source,
        });
        Ok(())
    }

    fn coded_only_cue(&self, sel: &Node) -> bool {
        let kinds: Vec<_> = codings(sel)
            .filter_map(|g| self.codes.get(&g).map(|c| c.kind.clone()))
            .collect();
        !kinds.is_empty() && kinds.iter().all(|k| matches!(k, CodeKind::Cue))
    }

    /// A selection's positions, checked against the stored text and mapped to the read text.
    fn positions(&self, sel: &Node, text: &Text, label: &str) -> Result<(u32, u32)> {
        let guid = sel.attr("guid").unwrap_or_default();
        let pos = |key: &str| -> Result<u64> {
            let raw = sel.attr(key).unwrap_or_default().trim();
            raw.parse::<u64>().map_err(|_| {
                self.bad(format!(
                    "{label}: selection {guid} has the {key} {raw:?}, which is not a position (a whole number from 0)"
                ))
            })
        };
        let (start, end) = (pos("startPosition")?, pos("endPosition")?);
        if start > end {
            return Err(self.bad(format!(
                "{label}: selection {guid} is reversed ({start}..{end}: its start is after its end)"
            )));
        }
        if end > text.stored_len {
            return Err(self.bad(format!(
                "{label}: selection {guid} ({start}..{end}) falls outside the text, which has {} code points",
                text.stored_len
            )));
        }
        Ok((text.place(start), text.place(end)))
    }

    fn selection(
        &mut self,
        sel: &Node,
        text: &Text,
        label: &str,
        document: &str,
        by_guid: &HashMap<String, &Node>,
        cue_selections: &HashSet<String>,
    ) -> Result<Option<SetClaim>> {
        let guid = self.guid(sel, "PlainTextSelection")?;
        let (start, end) = self.positions(sel, text, label)?;
        let at = format!(
            "{label}: selection {guid} ({:?})",
            label_of(text.slice(start, end))
        );

        let mut statuses: Vec<Status> = Vec::new();
        let mut speakers: Vec<usize> = Vec::new();
        let mut foreign: Vec<String> = Vec::new();
        for code in codings(sel) {
            match self.codes.get(&code) {
                Some(Code {
                    kind: CodeKind::Status(s),
                    ..
                }) => {
                    if !statuses.contains(s) {
                        statuses.push(*s);
                    }
                }
                Some(Code {
                    kind: CodeKind::Speaker(i),
                    ..
                }) => {
                    if !speakers.contains(i) {
                        speakers.push(*i);
                    }
                }
                Some(Code { name, .. }) => foreign.push(format!("{name:?}")),
                None => foreign.push(format!("an unknown code {code}")),
            }
        }
        if !foreign.is_empty() {
            self.note(format!(
                "{at}: coded with {}, which {} not a status nor a speaker: not kept",
                foreign.join(", "),
                if foreign.len() == 1 { "is" } else { "are" }
            ));
        }
        let status = match statuses.as_slice() {
            [one] => *one,
            [] => {
                self.note(format!(
                    "{at}: no status code (Attributed, Disputed or Unverified): skipped"
                ));
                return Ok(None);
            }
            many => {
                let names: Vec<_> = many.iter().map(|s| status_name(*s)).collect();
                self.note(format!(
                    "{at}: coded with several statuses ({}), where a claim has one: skipped",
                    names.join(", ")
                ));
                return Ok(None);
            }
        };
        let anchored = match text.text.anchor(start, end, None) {
            Ok(a) => a,
            Err(e) => {
                self.note(format!("{at}: {e}: skipped"));
                return Ok(None);
            }
        };
        if speakers.len() > 1 {
            let names: Vec<_> = speakers
                .iter()
                .map(|&i| format!("{:?}", self.speakers[i].name))
                .collect();
            self.note(format!(
                "{at}: coded with several speakers ({}), where a claim has one: the first is kept",
                names.join(", ")
            ));
        }
        let speaker = speakers.first().map(|&i| {
            self.speakers_used[i] = true;
            self.speakers[i].id.clone()
        });

        let mut cue = None;
        if let Some(to) = self.cue_links.get(&guid).cloned() {
            match by_guid.get(&to) {
                Some(node) if cue_selections.contains(&to) => {
                    let (s, e) = self.positions(node, text, label)?;
                    cue = Some(Span { start: s, end: e });
                }
                _ => self.note(format!(
                    "{at}: its cue {to} is not a selection of the same source coded \"Cue\": not kept"
                )),
            }
        }

        let coder = self.coder(sel, &at);
        let created = self.time(sel.attr("creationDateTime"), &at, "creationDateTime");
        let created = match created {
            Some(t) => t,
            None => {
                self.untimed += 1;
                crate::model::now()
            }
        };
        let modified = self
            .time(sel.attr("modifiedDateTime"), &at, "modifiedDateTime")
            .unwrap_or_else(|| created.clone());

        // The note: the selection's description, then the memos it refers to.
        let mut parts: Vec<String> = sel
            .child("Description")
            .map(|d| d.text.trim().to_owned())
            .into_iter()
            .collect();
        for g in sel
            .all("NoteRef")
            .filter_map(|r| r.attr("targetGUID").and_then(normalise_guid))
        {
            if let Some(m) = self.memos.get(&g) {
                parts.push(m.trim().to_owned());
                self.memos_used.insert(g);
            }
        }
        parts.retain(|p| !p.is_empty());
        let note = (!parts.is_empty()).then(|| parts.join("\n\n"));

        Ok(Some(SetClaim {
            id: guid,
            document: document.to_owned(),
            start,
            end,
            quote: anchored.quote,
            prefix: Some(anchored.prefix),
            suffix: Some(anchored.suffix),
            status,
            speaker,
            cue,
            note,
            coder: Some(SetCoder { name: coder }),
            created,
            modified,
        }))
    }

    fn coder(&mut self, sel: &Node, at: &str) -> String {
        let user = sel
            .attr("creatingUser")
            .or_else(|| sel.all("Coding").find_map(|c| c.attr("creatingUser")));
        match user.map(|u| (u, normalise_guid(u).and_then(|g| self.users.get(&g)))) {
            Some((_, Some(name))) => name.clone(),
            Some((u, None)) => {
                self.note(format!(
                    "{at}: its creating user {u} is not among the project's users: coder \"{UNKNOWN_CODER}\""
                ));
                UNKNOWN_CODER.to_owned()
            }
            None => {
                self.note(format!("{at}: no creating user: coder \"{UNKNOWN_CODER}\""));
                UNKNOWN_CODER.to_owned()
            }
        }
    }

    /// An xsd:dateTime as RFC 3339: kept as written when it is RFC 3339 already; without a
    /// time zone it is taken as UTC (with a note).
    fn time(&mut self, t: Option<&str>, at: &str, key: &str) -> Option<String> {
        let t = t?.trim();
        if chrono::DateTime::parse_from_rfc3339(t).is_ok() {
            return Some(t.to_owned());
        }
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f") {
            self.note(format!(
                "{at}: its {key} {t:?} has no time zone: read as UTC"
            ));
            return Some(
                naive
                    .and_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            );
        }
        self.note(format!(
            "{at}: its {key} {t:?} is not a date and time: not kept"
        ));
        None
    }
}

/// The code GUIDs a selection is coded with.
fn codings(sel: &Node) -> impl Iterator<Item = String> + '_ {
    sel.all("Coding")
        .filter_map(|c| c.child("CodeRef")?.attr("targetGUID"))
        .map(|g| normalise_guid(g).unwrap_or_else(|| g.to_owned()))
}

/// A speaker code's kind and aliases, from the `kind: …` and `alias: …` lines we write.
fn speaker_details(description: &str) -> (Option<SpeakerKind>, Vec<String>) {
    let mut kind = None;
    let mut aliases = Vec::new();
    for line in description.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = clean(value);
        match key.trim().to_ascii_lowercase().as_str() {
            "kind" => kind = SpeakerKind::parse(&value.to_ascii_lowercase()),
            "alias" if !value.is_empty() => aliases.push(value),
            _ => {}
        }
    }
    (kind, aliases)
}

/// A name on one line, as our names are.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn label_of(quote: &str) -> String {
    const MAX: usize = 40;
    let q = clean(quote);
    if q.chars().count() > MAX {
        format!("{}…", q.chars().take(MAX - 1).collect::<String>())
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_normalised_or_refused() {
        let g = "9E8D7C6B-5A49-4382-B1A0-F9E8D7C6B5A4";
        let want = Some("9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4".to_owned());
        assert_eq!(normalise_guid(g), want);
        assert_eq!(normalise_guid(&format!("{{{g}}}")), want);
        for bad in [
            "",
            "code-1",
            "9e8d7c6b5a494382b1a0f9e8d7c6b5a4",
            "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5ag",
            "{9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
        ] {
            assert_eq!(normalise_guid(bad), None, "{bad}");
        }
    }

    #[test]
    fn derived_guids_are_stable_version_8_guids() {
        let a = derived_guid("code/status/attributed");
        assert_eq!(a, derived_guid("code/status/attributed"));
        assert_ne!(a, derived_guid("code/status/disputed"));
        assert_eq!(normalise_guid(&a).as_deref(), Some(a.as_str()));
        let u = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(u.get_version_num(), 8);
        assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
        // Our ids are GUIDs already and are kept; others get a derived one.
        let v7 = "01a21290-f1a5-778b-90ae-d56054348c48";
        assert_eq!(guid_of("claim", v7), v7);
        assert_eq!(guid_of("claim", "urn:x:1"), derived_guid("claim/urn:x:1"));
    }

    #[test]
    fn escaping_keeps_line_ends_and_replaces_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b&\"c\"\r\n\td", true),
            "a&lt;b&amp;&quot;c&quot;&#13;&#10;&#9;d"
        );
        assert_eq!(
            escape("a<b&\"c\"\r\n\td", false),
            "a&lt;b&amp;\"c\"&#13;\n\td"
        );
        assert_eq!(escape("x\u{1}\u{FFFE}👍🏽", false), "x\u{FFFD}\u{FFFD}👍🏽");
    }

    #[test]
    fn crlf_text_is_normalised_and_positions_mapped() {
        // a \r \n b \r c: code points 0..6
        let t = Text::new("a\r\nb\rc".into());
        assert_eq!(t.text.text(), "a\nb\nc");
        assert_eq!(t.stored_len, 6);
        let mapped: Vec<u32> = (0..=6).map(|p| t.place(p)).collect();
        assert_eq!(mapped, [0, 1, 1, 2, 3, 4, 5]);
        // "b\rc" (3..6) is still "b\nc"
        assert_eq!(t.slice(t.place(3), t.place(6)), "b\nc");
    }

    #[test]
    fn speaker_descriptions_give_kind_and_aliases() {
        let (k, a) = speaker_details("Kind: Government\nalias:  the   minister \nnotes: x\nalias:");
        assert_eq!(k, Some(SpeakerKind::Government));
        assert_eq!(a, ["the minister"]);
        assert_eq!(speaker_details("a famous person").0, None);
    }

    #[test]
    fn an_entry_larger_than_it_declares_is_cut_at_the_budget() {
        let mut bytes =
            crate::interchange::zip_files(vec![("sources/a.txt".into(), vec![b'x'; 1000])])
                .unwrap();
        // Declare 50 bytes unpacked where there are 1000.
        for (sig, at) in [
            ([0x50, 0x4b, 0x03, 0x04], 22),
            ([0x50, 0x4b, 0x01, 0x02], 24),
        ] {
            let p = bytes.windows(4).position(|w| w == sig).unwrap();
            bytes[p + at..p + at + 4].copy_from_slice(&50u32.to_le_bytes());
        }
        let mut archive = Archive::open(&bytes, "lying.qdpx").unwrap();
        archive.budget = 100;
        // The zip reader stops at the declared size, and our budget would stop it after.
        let e = archive.source_file("a.txt").unwrap_err();
        assert!(
            matches!(
                e.code(),
                crate::ErrorCode::TooLarge | crate::ErrorCode::InvalidInput
            ),
            "{e}"
        );
        assert!(e.to_string().contains("sources/a.txt"), "{e}");
    }
}
