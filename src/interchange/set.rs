//! Claimcoder's own format, the annotation set: one JSON file holding one coder's (or several
//! coders') claims with their documents and speakers. Lossless: export, import into an empty
//! project and export again gives the same file up to key order. Its JSON Schema is
//! `schemas/annotation-set.schema.json`.

use foldhash::HashSet;

use serde::{Deserialize, Serialize};

use super::Corpus;
use crate::error::{Error, Result};
use crate::model::{Document, Span, SpeakerKind, Status};
use crate::text::sha256_hex;

pub const FORMAT: &str = "claimcoder/annotation-set";
pub const VERSION: u32 = 1;
/// The largest set read, in bytes.
pub const MAX_SET_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationSet {
    pub format: String,
    pub version: u32,
    /// The coder of every claim; absent when the set holds several coders' claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<SetCoder>,
    pub documents: Vec<SetDocument>,
    pub speakers: Vec<SetSpeaker>,
    pub claims: Vec<SetClaim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetCoder {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetDocument {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Hex SHA-256 of the UTF-8 text: how documents are matched across projects.
    pub sha256: String,
    pub source: SetSource,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetSource {
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetSpeaker {
    pub id: String,
    pub name: String,
    pub kind: SpeakerKind,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetClaim {
    pub id: String,
    pub document: String,
    pub start: u32,
    pub end: u32,
    pub quote: String,
    /// Context of the quote (as a TextQuoteSelector), for re-anchoring. Optional on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    pub status: Status,
    pub speaker: Option<String>,
    pub cue: Option<Span>,
    pub note: Option<String>,
    /// The claim's coder when the set has no single `coder`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<SetCoder>,
    pub created: String,
    pub modified: String,
}

/// The annotation set file of `corpus`.
pub fn write(corpus: &Corpus) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_to(corpus, &mut out)?;
    Ok(out)
}

/// Writes the annotation set file of `corpus` to `out` as it goes: the same bytes as
/// [`AnnotationSet::to_json`] of [`AnnotationSet::from_corpus`], without copying every text
/// and claim into a set first.
pub fn write_to(corpus: &Corpus, out: &mut dyn std::io::Write) -> Result<()> {
    let view = borrowed::Set::of(corpus);
    // serde_json writes token by token: to a concrete buffer, not through `dyn Write` each time.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &view).map_err(|e| match e.io_error_kind() {
        Some(_) => super::output_error(e.into()),
        None => Error::CannotExport(e.to_string()),
    })?;
    std::io::Write::flush(&mut buffered).map_err(super::output_error)
}

/// [`AnnotationSet`] borrowing from a corpus: the same fields in the same order, so the same
/// JSON (`the_borrowed_view_writes_the_same_bytes` checks it).
mod borrowed {
    use serde::Serialize;

    use super::super::Corpus;
    use crate::model::{Span, SpeakerKind, Status};
    use crate::text::sha256_hex;

    #[derive(Serialize)]
    pub(super) struct Set<'a> {
        format: &'static str,
        version: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        coder: Option<Coder<'a>>,
        documents: Vec<Document<'a>>,
        speakers: Vec<Speaker<'a>>,
        claims: Vec<Claim<'a>>,
    }

    #[derive(Serialize)]
    struct Coder<'a> {
        name: &'a str,
    }

    #[derive(Serialize)]
    struct Document<'a> {
        id: &'a str,
        title: &'a str,
        text: &'a str,
        sha256: String,
        source: Source<'a>,
    }

    #[derive(Serialize)]
    struct Source<'a> {
        url: Option<&'a str>,
        publisher: Option<&'a str>,
        author: Option<&'a str>,
        published: Option<&'a str>,
    }

    #[derive(Serialize)]
    struct Speaker<'a> {
        id: &'a str,
        name: &'a str,
        kind: SpeakerKind,
        aliases: &'a [String],
    }

    #[derive(Serialize)]
    struct Claim<'a> {
        id: &'a str,
        document: &'a str,
        start: u32,
        end: u32,
        quote: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        prefix: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        suffix: Option<&'a str>,
        status: Status,
        speaker: Option<&'a str>,
        cue: Option<Span>,
        note: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        coder: Option<Coder<'a>>,
        created: &'a str,
        modified: &'a str,
    }

    impl<'a> Set<'a> {
        pub(super) fn of(c: &'a Corpus) -> Set<'a> {
            let single = c.single_coder();
            Set {
                format: super::FORMAT,
                version: super::VERSION,
                coder: single.map(|k| Coder { name: &k.name }),
                documents: c
                    .documents
                    .iter()
                    .map(|d| Document {
                        id: d.id.as_str(),
                        title: &d.title,
                        text: &d.text,
                        sha256: sha256_hex(&d.text),
                        source: Source {
                            url: d.source.url.as_deref(),
                            publisher: d.source.publisher.as_deref(),
                            author: d.source.author.as_deref(),
                            published: d.source.published.as_deref(),
                        },
                    })
                    .collect(),
                speakers: c
                    .speakers
                    .iter()
                    .map(|s| Speaker {
                        id: s.id.as_str(),
                        name: &s.name,
                        kind: s.kind,
                        aliases: &s.aliases,
                    })
                    .collect(),
                claims: c
                    .claims
                    .iter()
                    .map(|cl| Claim {
                        id: cl.id.as_str(),
                        document: cl.document.as_str(),
                        start: cl.start,
                        end: cl.end,
                        quote: &cl.quote,
                        prefix: Some(&cl.prefix),
                        suffix: Some(&cl.suffix),
                        status: cl.status,
                        speaker: cl.speaker.as_ref().map(|s| s.as_str()),
                        cue: cl.cue,
                        note: cl.note.as_deref(),
                        coder: if single.is_some() {
                            None
                        } else {
                            c.coder(&cl.coder).map(|k| Coder { name: &k.name })
                        },
                        created: &cl.created,
                        modified: &cl.modified,
                    })
                    .collect(),
            }
        }
    }
}

impl SetDocument {
    /// A project's document as a set carries it.
    pub fn of(d: &Document) -> SetDocument {
        SetDocument {
            id: d.id.to_string(),
            title: d.title.clone(),
            text: d.text.clone(),
            sha256: sha256_hex(&d.text),
            source: SetSource {
                url: d.source.url.clone(),
                publisher: d.source.publisher.clone(),
                author: d.source.author.clone(),
                published: d.source.published.clone(),
            },
        }
    }
}

impl AnnotationSet {
    /// The set of a gathered corpus.
    pub fn from_corpus(c: &Corpus) -> AnnotationSet {
        let single = c.single_coder();
        let coder_of = |id| {
            c.coder(id).map(|k| SetCoder {
                name: k.name.clone(),
            })
        };
        AnnotationSet {
            format: FORMAT.into(),
            version: VERSION,
            coder: single.map(|k| SetCoder {
                name: k.name.clone(),
            }),
            documents: c.documents.iter().map(SetDocument::of).collect(),
            speakers: c
                .speakers
                .iter()
                .map(|s| SetSpeaker {
                    id: s.id.to_string(),
                    name: s.name.clone(),
                    kind: s.kind,
                    aliases: s.aliases.clone(),
                })
                .collect(),
            claims: c
                .claims
                .iter()
                .map(|cl| SetClaim {
                    id: cl.id.to_string(),
                    document: cl.document.to_string(),
                    start: cl.start,
                    end: cl.end,
                    quote: cl.quote.clone(),
                    prefix: Some(cl.prefix.clone()),
                    suffix: Some(cl.suffix.clone()),
                    status: cl.status,
                    speaker: cl.speaker.as_ref().map(|s| s.to_string()),
                    cue: cl.cue,
                    note: cl.note.clone(),
                    coder: if single.is_some() {
                        None
                    } else {
                        coder_of(&cl.coder)
                    },
                    created: cl.created.clone(),
                    modified: cl.modified.clone(),
                })
                .collect(),
        }
    }

    /// The set's file: its JSON, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("sets serialise")
    }

    /// Reads and checks a set's structure; `what` names the input in errors. Claims are
    /// checked against their documents later, when merged, so that each refusal is reported.
    pub fn parse(bytes: &[u8], what: &str) -> Result<AnnotationSet> {
        let bad = |reason: String| Error::invalid_file(what, reason);
        if bytes.len() as u64 > MAX_SET_BYTES {
            return Err(Error::TooLarge {
                what: what.to_owned(),
                size: bytes.len() as u64,
                limit: MAX_SET_BYTES,
            });
        }
        // The format and version first, so that a newer set gets that message rather than a
        // complaint about a field this version does not know.
        let head = super::head::read(bytes).map_err(|e| {
            bad(format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ))
        })?;
        let head = head.top;
        match head.format.as_ref().and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            Some(other) => return Err(bad(format!("format is {other:?}, not {FORMAT:?}"))),
            None => {
                return Err(bad(format!(
                    "no \"format\": {FORMAT:?}: not an annotation set"
                )))
            }
        }
        match head.version.as_ref().and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(bad(format!(
                    "it is version {v} of the format, newer than this Claimcoder reads ({VERSION}); update Claimcoder"
                )))
            }
            _ => return Err(bad(format!("\"version\" must be {VERSION}"))),
        }
        // Parsed again from the bytes so that errors carry their line and column.
        let set: AnnotationSet = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        set.check(what)?;
        Ok(set)
    }

    /// Checks what a merge relies on: ids unique, references resolvable, hashes right, coders
    /// given. `what` names the input in the error.
    pub fn check(&self, what: &str) -> Result<()> {
        self.check_structure()
            .map_err(|reason| Error::invalid_file(what, reason))
    }

    fn check_structure(&self) -> std::result::Result<(), String> {
        let mut seen = HashSet::with_capacity_and_hasher(
            self.documents.len() + self.speakers.len() + self.claims.len(),
            Default::default(),
        );
        for d in &self.documents {
            if !seen.insert(("document", d.id.as_str())) {
                return Err(format!("document id {} appears twice", d.id));
            }
            if sha256_hex(&d.text) != d.sha256.to_ascii_lowercase() {
                return Err(format!(
                    "document {} ({:?}): sha256 does not match its text",
                    d.id, d.title
                ));
            }
            if d.text.trim().is_empty() {
                return Err(format!("document {} has no text", d.id));
            }
        }
        for s in &self.speakers {
            if !seen.insert(("speaker", s.id.as_str())) {
                return Err(format!("speaker id {} appears twice", s.id));
            }
            if s.name.trim().is_empty() {
                return Err(format!("speaker {} has an empty name", s.id));
            }
        }
        for (i, c) in self.claims.iter().enumerate() {
            let at = || format!("claim {} (#{})", c.id, i + 1);
            if !seen.insert(("claim", c.id.as_str())) {
                return Err(format!("{}: its id appears twice", at()));
            }
            if !seen.contains(&("document", c.document.as_str())) {
                return Err(format!(
                    "{}: document {} is not in the set",
                    at(),
                    c.document
                ));
            }
            if let Some(s) = &c.speaker {
                if !seen.contains(&("speaker", s.as_str())) {
                    return Err(format!("{}: speaker {s} is not in the set", at()));
                }
            }
            let coder = c.coder.as_ref().or(self.coder.as_ref());
            if coder.is_none_or(|k| k.name.trim().is_empty()) {
                return Err(format!(
                    "{}: no coder (the set has no \"coder\" and neither has the claim)",
                    at()
                ));
            }
            for t in [&c.created, &c.modified] {
                if chrono::DateTime::parse_from_rfc3339(t).is_err() {
                    return Err(format!("{}: {t:?} is not an RFC 3339 time", at()));
                }
            }
        }
        Ok(())
    }

    /// The coder name of claim `c`.
    pub fn coder_of<'a>(&'a self, c: &'a SetClaim) -> &'a str {
        c.coder
            .as_ref()
            .or(self.coder.as_ref())
            .map(|k| k.name.as_str())
            .unwrap_or_default()
    }
}
