//! W3C Web Annotation Data Model (JSON-LD): an AnnotationCollection whose first (and only)
//! page embeds one Annotation per claim. Valid against the W3C test suite's MUST assertions.
//!
//! How a claim is said, using only the model's own terms and the vocabularies its context
//! (`anno.jsonld`) already declares, so no extension context is needed:
//! - the annotation: `id` `urn:uuid:<claim id>`; `motivation` "classifying", because coding a
//!   claim is classifying a passage (its status); `created`, `modified`; `creator` the coder
//!   (a Person with `name`).
//! - bodies (each with its own `purpose`, and no `id`: the suite takes a body with an `id` and
//!   no `source` for an External Web Resource, which may not have a purpose):
//!   - the status, a TextualBody with purpose "classifying";
//!   - the speaker, a TextualBody with purpose "identifying" (who the claim is from; "tagging"
//!     is left to free tags) whose `schema:about` describes the speaker: `id`
//!     `urn:uuid:<speaker id>`, a schema.org `type` for the kind (Person, Organization,
//!     NewsMediaOrganization, GovernmentOrganization, Thing), `name`, `schema:alternateName`;
//!   - the note, a TextualBody with purpose "commenting";
//!   - the cue, a SpecificResource with purpose "linking" on the same document (a passage
//!     related to the target) with its own position and quote selectors.
//! - the target: a SpecificResource whose `source` is the document (`id`
//!   `urn:uuid:<document id>`, `canonical` the RFC 6920 `ni:///sha-256;…` name of its text, so
//!   a teammate's project that imported the same text under another id still finds it), with a
//!   TextPositionSelector (code points, end exclusive: the model's own unit) and a
//!   TextQuoteSelector (exact, prefix, suffix).
//!
//! Everything a claim holds round-trips through [`write`] then [`read`]: ids (claim, speaker;
//! documents are resolved against the project), offsets, quote, status, speaker with kind and
//! aliases, cue, note, coder name, times. The coder's id does not (coders are matched by name),
//! nor do the document's title and source metadata (the project already has the document).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::set::{
    AnnotationSet, SetClaim, SetCoder, SetDocument, SetSpeaker, FORMAT, MAX_SET_BYTES, VERSION,
};
use super::{Corpus, ReadSet};
use crate::error::{Error, Result};
use crate::model::{now, Claim, Document, Span, SpeakerKind, Status};
use crate::text::{reanchor, IndexedText};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

// Writing

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page,
    last: String,
}

#[derive(Serialize)]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation>,
}

#[derive(Serialize)]
struct Annotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    modified: String,
    creator: Value,
    body: Vec<Value>,
    target: Value,
}

pub fn write(c: &Corpus) -> Result<Vec<u8>> {
    // A text's hash once per document, not once per claim (a book hashed 10,000 times took
    // seconds).
    let names: std::collections::HashMap<&str, String> = c
        .documents
        .iter()
        .map(|d| (d.id.as_str(), ni_of(&d.text)))
        .collect();
    let items = c
        .claims
        .iter()
        .map(|claim| {
            let canonical = names
                .get(claim.document.as_str())
                .map_or("", String::as_str);
            annotation(c, claim, canonical)
        })
        .collect::<Result<Vec<_>>>()?;
    // Ids derived from the contents, so exporting the same claims twice gives the same file.
    let mut h = Sha256::new();
    for d in &c.documents {
        h.update(d.id.as_str().as_bytes());
        h.update([0]);
    }
    for claim in &c.claims {
        h.update(claim.id.as_str().as_bytes());
        h.update(claim.modified.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let id_from = |salt: u8| {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&Sha256::digest([&digest[..], &[salt]].concat())[..16]);
        format!(
            "urn:uuid:{}",
            uuid::Builder::from_custom_bytes(bytes).into_uuid()
        )
    };
    let page_id = id_from(2);
    let collection = Collection {
        context: CONTEXT,
        id: id_from(1),
        kind: "AnnotationCollection",
        label: format!(
            "Claimcoder claims: {} on {} document{}",
            items.len(),
            c.documents.len(),
            if c.documents.len() == 1 { "" } else { "s" }
        ),
        total: items.len(),
        first: Page {
            id: page_id.clone(),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
        last: page_id,
    };
    let mut out = serde_json::to_vec_pretty(&collection).expect("annotations serialise");
    out.push(b'\n');
    Ok(out)
}

fn annotation(c: &Corpus, claim: &Claim, canonical: &str) -> Result<Annotation> {
    let p = super::jsonl::parts(c, claim)?;
    let source = json!({
        "id": iri(p.document.id.as_str()),
        "type": "Text",
        "format": "text/plain",
        "canonical": canonical,
    });
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "classifying",
        "value": claim.status.as_str(),
    })];
    if let Some(s) = p.speaker {
        let mut about = json!({
            "id": iri(s.id.as_str()),
            "type": schema_type(s.kind),
            "name": s.name,
        });
        if !s.aliases.is_empty() {
            about["schema:alternateName"] = json!(s.aliases);
        }
        body.push(json!({
            "type": "TextualBody",
            "purpose": "identifying",
            "value": s.name,
            "schema:about": about,
        }));
    }
    if let Some(note) = &claim.note {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": note,
            "format": "text/plain",
        }));
    }
    if let Some(cue) = claim.cue {
        let text = &p.document.text;
        let exact =
            crate::text::slice_cp(text, cue.start as usize, cue.end as usize).ok_or_else(|| {
                Error::InvalidInput(format!(
                    "claim {}: its cue {}..{} falls outside its document's text",
                    claim.id, cue.start, cue.end
                ))
            })?;
        body.push(json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": iri(p.document.id.as_str()),
            "selector": [
                {"type": "TextPositionSelector", "start": cue.start, "end": cue.end},
                {"type": "TextQuoteSelector", "exact": exact},
            ],
        }));
    }
    let mut quote = Map::new();
    quote.insert("type".into(), "TextQuoteSelector".into());
    quote.insert("exact".into(), claim.quote.clone().into());
    if !claim.prefix.is_empty() {
        quote.insert("prefix".into(), claim.prefix.clone().into());
    }
    if !claim.suffix.is_empty() {
        quote.insert("suffix".into(), claim.suffix.clone().into());
    }
    Ok(Annotation {
        id: iri(claim.id.as_str()),
        kind: "Annotation",
        motivation: "classifying",
        created: claim.created.clone(),
        modified: claim.modified.clone(),
        creator: json!({
            "id": iri(p.coder.id.as_str()),
            "type": "Person",
            "name": p.coder.name,
        }),
        body,
        target: json!({
            "type": "SpecificResource",
            "source": source,
            "selector": [
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
                Value::Object(quote),
            ],
        }),
    })
}

/// The IRI of one of our ids: `urn:uuid:` for the UUIDs the app makes; an id that is already
/// an absolute URI (kept from a foreign file) as it is; anything else as a UUID derived from
/// it (valid, but it does not read back as the same id).
fn iri(id: &str) -> String {
    if uuid::Uuid::parse_str(id).is_ok() {
        return format!("urn:uuid:{}", id.to_ascii_lowercase());
    }
    if is_absolute_uri(id) {
        return id.to_owned();
    }
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&Sha256::digest(id.as_bytes())[..16]);
    format!(
        "urn:uuid:{}",
        uuid::Builder::from_custom_bytes(bytes).into_uuid()
    )
}

/// Our id from an IRI: the UUID of `urn:uuid:<uuid>`, otherwise the IRI itself.
fn id_of(iri: &str) -> String {
    match iri.get(..9) {
        Some(p)
            if p.eq_ignore_ascii_case("urn:uuid:") && uuid::Uuid::parse_str(&iri[9..]).is_ok() =>
        {
            iri[9..].to_ascii_lowercase()
        }
        _ => iri.to_owned(),
    }
}

/// A scheme and then only characters RFC 3986 allows (so the suite's `uri` format holds).
fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut sc = scheme.chars();
    sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
}

/// RFC 6920 name of a text: `ni:///sha-256;` and the unpadded base64url of its SHA-256.
pub fn ni_of(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::from("ni:///sha-256;");
    for chunk in digest.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn schema_type(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "schema:Person",
        SpeakerKind::Organisation => "schema:Organization",
        SpeakerKind::Media => "schema:NewsMediaOrganization",
        SpeakerKind::Government => "schema:GovernmentOrganization",
        SpeakerKind::Other => "schema:Thing",
    }
}

fn kind_of_type(t: &str) -> Option<SpeakerKind> {
    let local = [
        "schema:",
        "http://schema.org/",
        "https://schema.org/",
        "foaf:",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .unwrap_or(t);
    Some(match local {
        "Person" => SpeakerKind::Person,
        "Organization" | "Organisation" => SpeakerKind::Organisation,
        "NewsMediaOrganization" => SpeakerKind::Media,
        "GovernmentOrganization" => SpeakerKind::Government,
        "Thing" => SpeakerKind::Other,
        _ => return None,
    })
}

// Reading

/// Reads a collection, a page or a single annotation (or a JSON array of annotations) whose
/// targets are documents of the project (`known`), into an annotation set. What cannot be
/// mapped is reported in the notes, with the annotation's id: an annotation without a status
/// of ours, on an unknown document or whose passage cannot be found in the text is skipped;
/// a status in another case (`"Disputed"`) is taken as ours; bodies that say something else
/// are listed.
pub fn read(bytes: &[u8], known: &[Document]) -> Result<ReadSet> {
    const WHAT: &str = "the W3C annotation file";
    if bytes.len() as u64 > MAX_SET_BYTES {
        return Err(Error::TooLarge {
            what: WHAT.into(),
            size: bytes.len() as u64,
            limit: MAX_SET_BYTES,
        });
    }
    let root: Value = serde_json::from_slice(bytes).map_err(|e| {
        Error::InvalidInput(format!(
            "{WHAT} is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let mut r = Reader::new(known);
    let items = r.items(&root)?;
    for (i, a) in items.iter().enumerate() {
        r.annotation(a, i + 1);
    }
    Ok(r.finish())
}

struct Reader<'a> {
    known: HashMap<String, &'a Document>,
    by_hash: Option<HashMap<String, &'a Document>>,
    all: &'a [Document],
    /// The texts of the documents used, indexed once each.
    texts: HashMap<String, IndexedText>,
    notes: Vec<String>,
    claims: Vec<(SetClaim, String)>,
    speakers: BTreeMap<String, SetSpeaker>,
    used_docs: Vec<&'a Document>,
    mapped_statuses: BTreeMap<String, (Status, usize)>,
}

/// What an annotation's bodies say.
#[derive(Default)]
struct Bodies<'v> {
    statuses: Vec<&'v str>,
    speakers: Vec<&'v Map<String, Value>>,
    taggers: Vec<&'v Map<String, Value>>,
    notes: Vec<&'v str>,
    cues: Vec<&'v Map<String, Value>>,
}

/// The source document a target (or a SpecificResource body) names: its IRI and, when it
/// says so, the `canonical` name of its text.
fn source_of(v: &Value) -> (Option<&str>, Option<&str>) {
    match v {
        Value::String(iri) => (Some(iri.as_str()), None),
        Value::Object(o) => match o.get("source") {
            Some(Value::String(iri)) => (Some(iri.as_str()), None),
            Some(s @ Value::Object(_)) => (str_of(s, "id"), str_of(s, "canonical")),
            _ => (None, None),
        },
        _ => (None, None),
    }
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// A property's values: one value, or each of an array.
fn values(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    values(v.get("type")).iter().any(|x| x.as_str() == Some(t))
}

fn text_of(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

impl<'a> Reader<'a> {
    fn new(known: &'a [Document]) -> Self {
        Reader {
            known: known.iter().map(|d| (d.id.to_string(), d)).collect(),
            by_hash: None,
            all: known,
            texts: HashMap::new(),
            notes: vec![],
            claims: vec![],
            speakers: BTreeMap::new(),
            used_docs: vec![],
            mapped_statuses: BTreeMap::new(),
        }
    }

    /// The annotations of whatever the file holds.
    fn items<'v>(&mut self, root: &'v Value) -> Result<Vec<&'v Value>> {
        if let Value::Array(a) = root {
            return Ok(a.iter().collect());
        }
        if !root.is_object() {
            return Err(Error::InvalidInput(
                "the W3C annotation file holds no JSON object: expected an Annotation, AnnotationPage or AnnotationCollection".into(),
            ));
        }
        if has_type(root, "Annotation") {
            return Ok(vec![root]);
        }
        let mut page = if has_type(root, "AnnotationCollection") {
            match root.get("first") {
                Some(p @ Value::Object(_)) => Some(p),
                Some(Value::String(iri)) => {
                    self.notes.push(format!(
                        "the collection's pages are not in the file (its first page is {iri}): only embedded pages can be read"
                    ));
                    None
                }
                _ => None,
            }
        } else if has_type(root, "AnnotationPage") {
            Some(root)
        } else {
            return Err(Error::InvalidInput(format!(
                "the W3C annotation file is not an Annotation, AnnotationPage or AnnotationCollection (its \"type\" is {})",
                root.get("type").map_or("missing".into(), |t| t.to_string())
            )));
        };
        let mut out = vec![];
        // Pages embedded in one another through `next`; a bound, since a file is finite anyway.
        let mut pages = 0;
        while let Some(p) = page {
            pages += 1;
            for item in values(p.get("items")) {
                match item {
                    Value::String(iri) => self.notes.push(format!(
                        "annotation {iri}: only referenced, not in the file: not read"
                    )),
                    v => out.push(v),
                }
            }
            page = match p.get("next") {
                Some(n @ Value::Object(_)) if pages < 100_000 => Some(n),
                Some(Value::String(iri)) => {
                    self.notes.push(format!(
                        "the next page ({iri}) is not in the file: its annotations are not read"
                    ));
                    None
                }
                _ => None,
            };
        }
        Ok(out)
    }

    fn note(&mut self, at: &str, msg: impl std::fmt::Display) {
        self.notes.push(format!("annotation {at}: {msg}"));
    }

    fn annotation(&mut self, a: &Value, n: usize) {
        let given_id = str_of(a, "id").map(str::to_owned);
        let at = given_id.clone().unwrap_or_else(|| format!("#{n} (no id)"));
        if !a.is_object() || !has_type(a, "Annotation") {
            self.note(&at, "not of type Annotation: skipped");
            return;
        }
        let id = match &given_id {
            Some(iri) => id_of(iri),
            None => {
                let id = crate::model::ClaimId::generate().to_string();
                self.note(&at, format!("has no id: it becomes claim {id}"));
                id
            }
        };
        if self.claims.iter().any(|(c, _)| c.id == id) {
            self.note(&at, "its id appears twice: the second is skipped");
            return;
        }
        // Target: the first one that is a passage of a known document.
        let targets = values(a.get("target"));
        if targets.is_empty() {
            self.note(&at, "has no target: skipped");
            return;
        }
        if targets.len() > 1 {
            self.note(
                &at,
                format!("has {} targets: only the first is read", targets.len()),
            );
        }
        let target = targets[0];
        let Some(doc) = self.document_of(target, &at) else {
            return;
        };
        let Some((start, end)) = self.span_of(target, doc, &at) else {
            return;
        };
        let anchored = match self.texts[doc.id.as_str()].anchor(start, end, None) {
            Ok(a) => a,
            Err(e) => {
                self.note(&at, format!("{e}: skipped"));
                return;
            }
        };

        let mut b = Bodies::default();
        let motivation = values(a.get("motivation"));
        let default_purpose = match motivation.as_slice() {
            [one] => one.as_str(),
            _ => None,
        };
        let bodies: Vec<Value> = values(a.get("body"))
            .into_iter()
            .cloned()
            .chain(
                a.get("bodyValue")
                    .and_then(Value::as_str)
                    .map(|v| json!({"type": "TextualBody", "value": v})),
            )
            .collect();
        let mut unread = vec![];
        for body in &bodies {
            self.sort_body(body, default_purpose, &mut b, &mut unread);
        }
        for u in unread {
            self.note(&at, u);
        }

        // Status: exactly one of ours, in any case.
        let mut statuses: Vec<Status> = vec![];
        for v in &b.statuses {
            let t = v.trim();
            let st = Status::parse(t).or_else(|| Status::parse(&t.to_lowercase()));
            match st {
                Some(st) => {
                    if st.as_str() != *v {
                        self.mapped_statuses
                            .entry((*v).to_owned())
                            .or_insert((st, 0))
                            .1 += 1;
                    }
                    if !statuses.contains(&st) {
                        statuses.push(st);
                    }
                }
                None => {
                    self.note(
                        &at,
                        format!(
                            "status {v:?} is not one of attributed, disputed, unverified: skipped"
                        ),
                    );
                    return;
                }
            }
        }
        let status = match statuses.as_slice() {
            [one] => *one,
            [] => {
                self.note(&at, "no classifying body gives its status (attributed, disputed or unverified): skipped");
                return;
            }
            many => {
                let names: Vec<_> = many.iter().map(|s| s.as_str()).collect();
                self.note(
                    &at,
                    format!("has several statuses ({}): skipped", names.join(", ")),
                );
                return;
            }
        };

        // Speaker: the first identifying body, else the first tagging one.
        let mut who: Vec<_> = b.speakers.iter().chain(b.taggers.iter()).copied().collect();
        let speaker = if who.is_empty() {
            None
        } else {
            let first = who.remove(0);
            for other in who {
                let v = other
                    .get("value")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                self.note(&at, format!("also names {v:?} (identifying or tagging): a claim has one speaker, so only the first is kept"));
            }
            self.speaker(first, &at)
        };

        let note = match b.notes.as_slice() {
            [] => None,
            [one] => Some((*one).to_owned()),
            many => {
                self.note(
                    &at,
                    format!("has {} comments: joined into one note", many.len()),
                );
                Some(many.join("\n\n"))
            }
        }
        .filter(|n| !n.trim().is_empty());

        let cue = match b.cues.first() {
            None => None,
            Some(c) => self.cue_of(c, source_of(target).0.unwrap_or_default(), doc, &at),
        };
        if b.cues.len() > 1 {
            self.note(
                &at,
                "has several linking bodies: only the first is read as the cue",
            );
        }

        let coder = self.creator(a, &at);
        let (created, modified) = self.times(a, &at);
        if !self.used_docs.iter().any(|d| d.id == doc.id) {
            self.used_docs.push(doc);
        }
        self.claims.push((
            SetClaim {
                id,
                document: doc.id.to_string(),
                start,
                end,
                quote: anchored.quote,
                prefix: Some(anchored.prefix),
                suffix: Some(anchored.suffix),
                status,
                speaker,
                cue,
                note,
                coder: None,
                created,
                modified,
            },
            coder,
        ));
    }

    fn sort_body<'v>(
        &self,
        body: &'v Value,
        default_purpose: Option<&str>,
        b: &mut Bodies<'v>,
        unread: &mut Vec<String>,
    ) {
        let Value::Object(o) = body else {
            unread.push(format!("body {body} is a reference, not text: not read"));
            return;
        };
        let purposes = values(o.get("purpose"));
        let purpose = purposes
            .first()
            .and_then(|p| p.as_str())
            .or(default_purpose)
            .unwrap_or("");
        let value = o.get("value").and_then(Value::as_str);
        let textual = has_type(body, "TextualBody") || (value.is_some() && o.get("type").is_none());
        match (purpose, textual, value) {
            ("classifying", true, Some(v)) => b.statuses.push(v),
            ("identifying", true, Some(_)) => b.speakers.push(o),
            ("tagging", true, Some(_)) => b.taggers.push(o),
            ("commenting", true, Some(v)) => b.notes.push(v),
            ("linking", false, _) if has_type(body, "SpecificResource") => b.cues.push(o),
            _ => {
                let shown = value.map_or_else(|| body.to_string(), |v| format!("{v:?}"));
                let why = if purpose.is_empty() {
                    "without a purpose".to_owned()
                } else {
                    format!("with purpose {purpose:?}")
                };
                unread.push(format!(
                    "body {} {why} has no place in a claim: not read",
                    text_of(&shown, 80)
                ));
            }
        }
    }

    fn document_of(&mut self, target: &Value, at: &str) -> Option<&'a Document> {
        let (source, canonical) = source_of(target);
        let Some(source) = source else {
            self.note(at, "its target names no source document: skipped");
            return None;
        };
        let found = self.known.get(&id_of(source)).copied().or_else(|| {
            let canonical = canonical?;
            let all = self.all;
            self.by_hash
                .get_or_insert_with(|| all.iter().map(|d| (ni_of(&d.text), d)).collect())
                .get(canonical)
                .copied()
        });
        match found {
            Some(d) => {
                self.texts
                    .entry(d.id.to_string())
                    .or_insert_with(|| IndexedText::new(d.text.as_str()));
                Some(d)
            }
            None => {
                self.note(
                    at,
                    format!("its document {source} is not in this project: skipped"),
                );
                None
            }
        }
    }

    /// The passage, by position and checked against the quote; found by the quote when the
    /// position is missing or disagrees with it.
    fn span_of(&mut self, target: &Value, doc: &Document, at: &str) -> Option<(u32, u32)> {
        let selectors = values(target.get("selector"));
        let pos = selectors
            .iter()
            .find(|s| has_type(s, "TextPositionSelector"));
        let quote = selectors.iter().find(|s| has_type(s, "TextQuoteSelector"));
        let text = &self.texts[doc.id.as_str()];
        let len = text.len();
        let position = pos.and_then(|p| {
            let n = |k: &str| {
                p.get(k)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
            };
            Some((n("start")?, n("end")?))
        });
        let exact = quote.and_then(|q| str_of(q, "exact"));
        let slice = |s: u32, e: u32| {
            (s < e)
                .then(|| text.slice(s as usize, e as usize))
                .flatten()
        };
        match (position, exact) {
            (Some((s, e)), exact) if slice(s, e).is_some_and(|t| exact.is_none_or(|x| x == t)) => {
                Some((s, e))
            }
            (position, Some(exact)) => {
                let q = quote.expect("an exact comes from a quote selector");
                let prefix = str_of(q, "prefix").unwrap_or_default();
                let suffix = str_of(q, "suffix").unwrap_or_default();
                let near = position.map_or(0, |(s, _)| s);
                match reanchor(&doc.text, exact, prefix, suffix, near) {
                    Some(f) => {
                        if let Some((s, e)) = position {
                            self.note(at, format!("its position {s}..{e} does not hold its quote; found the quote at {}..{}", f.start, f.end));
                        } else if doc.text.matches(exact).nth(1).is_some()
                            && prefix.is_empty()
                            && suffix.is_empty()
                        {
                            self.note(at, format!("has no position and its quote occurs several times: took the first, at {}..{}", f.start, f.end));
                        }
                        Some((f.start, f.end))
                    }
                    None => {
                        self.note(
                            at,
                            format!(
                                "its quote {:?} is not in document {}: skipped",
                                text_of(exact, 60),
                                doc.id
                            ),
                        );
                        None
                    }
                }
            }
            (Some((s, e)), None) => {
                self.note(at, format!("its position {s}..{e} is not a passage of document {} ({len} code points): skipped", doc.id));
                None
            }
            (None, None) => {
                self.note(
                    at,
                    "its target has no TextPositionSelector or TextQuoteSelector: skipped",
                );
                None
            }
        }
    }

    fn cue_of(
        &mut self,
        cue: &Map<String, Value>,
        target_source: &str,
        doc: &Document,
        at: &str,
    ) -> Option<Span> {
        let v = Value::Object(cue.clone());
        // The target's own source, or any name of the same document.
        let same_doc = source_of(&v)
            .0
            .is_some_and(|iri| iri == target_source || id_of(iri) == doc.id.as_str());
        if !same_doc {
            self.note(
                at,
                "its linking body is not a passage of the same document: not read as a cue",
            );
            return None;
        }
        let (s, e) = self.span_of(&v, doc, at)?;
        Some(Span { start: s, end: e })
    }

    fn speaker(&mut self, body: &Map<String, Value>, at: &str) -> Option<String> {
        let name = body.get("value").and_then(Value::as_str)?.trim().to_owned();
        if name.is_empty() {
            self.note(at, "its speaker body is empty: no speaker");
            return None;
        }
        let about = body.get("schema:about").filter(|v| v.is_object());
        let key = about
            .and_then(|a| str_of(a, "id"))
            .map(id_of)
            .unwrap_or_else(|| format!("name:{name}"));
        if let Some(s) = self.speakers.get(&key) {
            return Some(s.id.clone());
        }
        let kind = about
            .map(|a| values(a.get("type")))
            .unwrap_or_default()
            .iter()
            .find_map(|t| t.as_str().and_then(kind_of_type));
        let kind = kind.unwrap_or_else(|| {
            self.notes.push(format!(
                "speaker {name:?}: the file does not say what kind of speaker this is: set to other"
            ));
            SpeakerKind::Other
        });
        let aliases = about
            .map(|a| values(a.get("schema:alternateName")))
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let id = if key.starts_with("name:") {
            crate::model::SpeakerId::generate().to_string()
        } else {
            key.clone()
        };
        self.speakers.insert(
            key,
            SetSpeaker {
                id: id.clone(),
                name,
                kind,
                aliases,
            },
        );
        Some(id)
    }

    fn creator(&mut self, a: &Value, at: &str) -> String {
        let creators = values(a.get("creator"));
        if creators.len() > 1 {
            self.note(
                at,
                format!("has {} creators: the first is its coder", creators.len()),
            );
        }
        let name = creators.first().and_then(|c| match c {
            Value::String(iri) => Some(iri.clone()),
            Value::Object(_) => str_of(c, "name")
                .or_else(|| str_of(c, "nickname"))
                .or_else(|| str_of(c, "id"))
                .map(str::to_owned),
            _ => None,
        });
        match name.filter(|n| !n.trim().is_empty()) {
            Some(n) => n.trim().to_owned(),
            None => {
                self.note(
                    at,
                    format!("has no creator: its coder is {UNKNOWN_CODER:?}"),
                );
                UNKNOWN_CODER.to_owned()
            }
        }
    }

    fn times(&mut self, a: &Value, at: &str) -> (String, String) {
        let mut get = |key: &str| -> Option<String> {
            let t = str_of(a, key)?;
            match chrono::DateTime::parse_from_rfc3339(t) {
                Ok(_) => Some(t.to_owned()),
                Err(_) => {
                    self.note(
                        at,
                        format!("its {key} {t:?} is not an RFC 3339 time: not read"),
                    );
                    None
                }
            }
        };
        let (created, modified) = (get("created"), get("modified"));
        match (created, modified) {
            (Some(c), Some(m)) => (c, m),
            (Some(c), None) => (c.clone(), c),
            (None, Some(m)) => (m.clone(), m),
            (None, None) => {
                let t = now();
                (t.clone(), t)
            }
        }
    }

    fn finish(mut self) -> ReadSet {
        for (given, (st, n)) in &self.mapped_statuses {
            self.notes.push(format!(
                "status {given:?} read as {} ({n} annotation{})",
                st.as_str(),
                if *n == 1 { "" } else { "s" }
            ));
        }
        let single = match self.claims.first() {
            Some((_, first)) if self.claims.iter().all(|(_, c)| c == first) => Some(first.clone()),
            _ => None,
        };
        let claims = self
            .claims
            .into_iter()
            .map(|(mut c, coder)| {
                if single.is_none() {
                    c.coder = Some(SetCoder { name: coder });
                }
                c
            })
            .collect();
        ReadSet {
            set: AnnotationSet {
                format: FORMAT.into(),
                version: VERSION,
                coder: single.map(|name| SetCoder { name }),
                documents: self.used_docs.iter().map(|d| SetDocument::of(d)).collect(),
                speakers: self.speakers.into_values().collect(),
                claims,
            },
            notes: self.notes,
        }
    }
}

/// The coder of annotations that name no creator.
pub const UNKNOWN_CODER: &str = "Unknown (W3C import)";
