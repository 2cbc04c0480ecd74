//! The scale data of issue 12, deterministic from a seed: news-like documents of a few KB in
//! mixed scripts (Latin with diacritics, Cyrillic, Greek, CJK, Arabic, and non-BMP emoji and
//! CJK extension B), and one annotation set per coder, each claim anchored through the core's
//! own `IndexedText` so every set is valid as `claimcoder export --format json` writes it.
//! Coders code most of the same passages, with spans, statuses and speakers that overlap but
//! are not identical, as real teams do. Shared by `examples/scale_data` and the benches.

use claimcoder::interchange::set::{
    AnnotationSet, SetClaim, SetCoder, SetDocument, SetSource, SetSpeaker, FORMAT, VERSION,
};
use claimcoder::model::{Span, SpeakerKind, Status};
use claimcoder::text::{sha256_hex, uuid_of_name, IndexedText};

/// The three coders' names (the sets' `coder`).
pub const CODERS: [&str; 3] = ["Ana Šimić", "Boris Петров", "Chen 陈"];

/// Sentences per document; about 36 of them are claims, so each coder makes about 33.
const SENTENCES: usize = 40;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub documents: usize,
    pub seed: u64,
}

impl Scale {
    // Used by the benches, which share this file.
    #[allow(dead_code)]
    /// About `claims` claims in all, over the three coders (about 100 per document).
    pub fn with_claims(claims: usize, seed: u64) -> Scale {
        Scale {
            documents: claims.div_ceil(100).max(1),
            seed,
        }
    }
}

/// One sentence of a document: where it is and what a coder could code in it.
struct Sentence {
    /// The whole sentence (without its trailing space).
    whole: (u32, u32),
    /// The quoted words inside it.
    quoted: (u32, u32),
    /// The reporting verb ("said").
    cue: (u32, u32),
    /// The speaker it names (an index into the speakers), if any.
    speaker: Option<usize>,
    /// Whether it is a claim at all (a few sentences are plain narration).
    claim: bool,
}

struct Doc {
    title: String,
    text: String,
    sentences: Vec<Sentence>,
    url: String,
}

const FIRST: &[&str] = &[
    "Zoë",
    "Łukasz",
    "Søren",
    "Aïcha",
    "José",
    "Ngozi",
    "Mei",
    "Иван",
    "Ольга",
    "Δημήτρης",
    "Ἀλέξανδρος",
    "محمد",
    "Fatma",
    "Björn",
    "Chloé",
    "Raúl",
    "Ayşe",
    "Dmitrij",
    "Yūki",
    "Kofi",
];
const LAST: &[&str] = &[
    "Müller",
    "Nørgaard",
    "Kowalczyk",
    "Ó Briain",
    "Dvořák",
    "Петрова",
    "Соколов",
    "Παπαδόπουλος",
    "王",
    "李",
    "Nguyễn",
    "Çelik",
    "Østergaard",
    "García",
    "Mbeki",
    "Haddad",
    "Silva",
    "Janković",
    "Takahashi",
    "Asante",
];
const ORGS: &[&str] = &[
    "Port Authority",
    "Ministry of Finance",
    "Городская дума",
    "Υπουργείο Υγείας",
    "国家统计局",
    "Harbour Workers' Union",
    "Central Bank",
    "Red Cross",
    "Met Office",
    "Chamber of Commerce",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "claimed",
    "заявил",
    "表示",
    "argued",
    "δήλωσε",
    "insisted",
];
const SUBJECTS: &[&str] = &[
    "prices",
    "the harbour",
    "unemployment",
    "цены на хлеб",
    "港口的货运量",
    "the new bridge",
    "η ανεργία",
    "rents in the old town",
    "الأسعار",
    "the 𠀋 district",
    "tourism 🏖️",
    "the budget",
];
const PREDICATES: &[&str] = &[
    "will fall by {n}% next year",
    "rose {n} percent since March",
    "вырастут на {n} процентов",
    "将增长{n}%",
    "have doubled in {n} months 📈",
    "cannot be fixed before {n} years pass",
    "θα μειωθεί κατά {n}%",
    "were never higher than {n} years ago",
    "ستنخفض بنسبة {n}٪",
    "are stable, contrary to rumours 🤷🏽‍♀️",
];
const NARRATION: &[&str] = &[
    "The meeting ended late on Tuesday.",
    "Дождь шёл весь день.",
    "记者会持续了两个小时。",
    "Officials declined to comment further 🙊.",
    "Η συνεδρίαση συνεχίστηκε το απόγευμα.",
];
const NOTES: &[&str] = &[
    "check the figure against the statistics office",
    "проверить цифры",
    "speaker ambiguous: 👤 two people of that name",
    "数字可疑",
    "cue is implicit",
];

/// The speakers every document draws from: people and organisations, unique by name.
fn speakers() -> Vec<(String, SpeakerKind)> {
    let mut out = Vec::new();
    for (i, first) in FIRST.iter().enumerate() {
        for (j, last) in LAST.iter().enumerate() {
            if (i + 3 * j) % 2 == 0 {
                out.push((format!("{first} {last}"), SpeakerKind::Person));
            }
        }
    }
    let kinds = [
        SpeakerKind::Government,
        SpeakerKind::Government,
        SpeakerKind::Government,
        SpeakerKind::Government,
        SpeakerKind::Government,
        SpeakerKind::Organisation,
        SpeakerKind::Organisation,
        SpeakerKind::Organisation,
        SpeakerKind::Media,
        SpeakerKind::Other,
    ];
    for (o, k) in ORGS.iter().zip(kinds) {
        out.push(((*o).to_owned(), k));
    }
    out
}

/// A text being written, counting code points as it grows.
struct Writer {
    text: String,
    len: u32,
}

impl Writer {
    fn push(&mut self, s: &str) -> (u32, u32) {
        let start = self.len;
        self.text.push_str(s);
        self.len += s.chars().count() as u32;
        (start, self.len)
    }
}

fn document(rng: &mut fastrand::Rng, i: usize, speakers: &[(String, SpeakerKind)]) -> Doc {
    let mut w = Writer {
        text: String::new(),
        len: 0,
    };
    let pick = |rng: &mut fastrand::Rng, xs: &[&'static str]| xs[rng.usize(..xs.len())];
    let title = format!("Report {i}: {} — {}", pick(rng, SUBJECTS), pick(rng, ORGS));
    w.push(&title);
    w.push("\n\n");
    let mut sentences = Vec::new();
    for s in 0..SENTENCES {
        if s > 0 && s % 6 == 0 {
            w.push("\n\n");
        } else if s > 0 {
            w.push(" ");
        }
        if rng.u32(..100) < 10 {
            let (start, end) = w.push(pick(rng, NARRATION));
            sentences.push(Sentence {
                whole: (start, end),
                quoted: (start, end - 1),
                cue: (start, start + 1),
                speaker: None,
                claim: false,
            });
            continue;
        }
        let speaker = rng.usize(..speakers.len());
        let n = rng.u32(2..99).to_string();
        let start = w.push(&speakers[speaker].0).0;
        w.push(" ");
        let cue = w.push(pick(rng, VERBS));
        w.push(" «");
        let q0 = w.push(pick(rng, SUBJECTS)).0;
        w.push(" ");
        let q1 = w.push(&pick(rng, PREDICATES).replace("{n}", &n)).1;
        let end = w.push("».").1;
        sentences.push(Sentence {
            whole: (start, end),
            quoted: (q0, q1),
            cue,
            speaker: Some(speaker),
            claim: true,
        });
    }
    w.push("\n");
    Doc {
        title,
        text: w.text,
        sentences,
        url: format!("https://news.example/{}/article-{i}", 2020 + i % 6),
    }
}

/// A UUID v7 as the app makes them (time-ordered, so that a project's B-trees grow at their
/// end, as they do for real ids), its time `secs` after the data's epoch and its random bits
/// derived from the seed and `what`, so the data is the same on every run.
fn id(seed: u64, secs: u64, what: &str) -> String {
    let random = uuid_of_name(format!("scale/{seed}/{what}").as_bytes());
    let ms = (EPOCH + secs) * 1000 + u64::from(random.as_bytes()[0]);
    uuid::Builder::from_unix_timestamp_millis(ms, &random.as_bytes()[6..16].try_into().unwrap())
        .into_uuid()
        .to_string()
}

/// 2026-01-01T00:00:00Z.
const EPOCH: u64 = 1_767_225_600;

fn time(secs: u64) -> String {
    let t = chrono::DateTime::from_timestamp((EPOCH + secs) as i64, 0).expect("in range");
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The three coders' sets (in [`CODERS`] order) over the same documents.
pub fn sets(scale: Scale) -> Vec<AnnotationSet> {
    let mut rng = fastrand::Rng::with_seed(scale.seed);
    let people = speakers();
    let docs: Vec<Doc> = (0..scale.documents)
        .map(|i| document(&mut rng, i, &people))
        .collect();
    let texts: Vec<IndexedText> = docs.iter().map(|d| IndexedText::new(&*d.text)).collect();
    CODERS
        .iter()
        .enumerate()
        .map(|(k, coder)| {
            let mut rng = fastrand::Rng::with_seed(scale.seed ^ (0x9E37_79B9 * (k as u64 + 1)));
            coder_set(&mut rng, scale.seed, k, coder, &docs, &texts, &people)
        })
        .collect()
}

fn coder_set(
    rng: &mut fastrand::Rng,
    seed: u64,
    k: usize,
    coder: &str,
    docs: &[Doc],
    texts: &[IndexedText],
    people: &[(String, SpeakerKind)],
) -> AnnotationSet {
    // Each coder's own project: its own ids for documents and speakers (matched on merge by the
    // text's SHA-256 and by name).
    let doc_id = |i: usize| id(seed, i as u64, &format!("coder{k}/document/{i}"));
    let speaker_id = |i: usize| id(seed, i as u64, &format!("coder{k}/speaker/{i}"));
    let mut used_speakers = vec![false; people.len()];
    let mut claims = Vec::new();
    let mut clock = (k as u64) * 7;
    for (d, (doc, text)) in docs.iter().zip(texts).enumerate() {
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if !sentence.claim || rng.u32(..100) >= 92 {
                continue;
            }
            // The passage: mostly the quoted words, sometimes the whole sentence, sometimes a
            // few code points more or less than the quotation marks.
            let span = match rng.u32(..100) {
                0..65 => sentence.quoted,
                65..85 => sentence.whole,
                85..93 => (sentence.quoted.0.saturating_sub(2), sentence.quoted.1),
                _ => (sentence.quoted.0, sentence.quoted.1 + 2),
            };
            let Ok(at) = text.anchor(span.0, span.1, None) else {
                continue;
            };
            // Each sentence leans to one status; coders mostly agree on it.
            let leaning = [Status::Attributed, Status::Disputed, Status::Unverified][(d + s) % 3];
            let status = if rng.u32(..100) < 80 {
                leaning
            } else {
                Status::ALL[rng.usize(..3)]
            };
            let speaker = match (sentence.speaker, rng.u32(..100)) {
                (Some(who), 0..85) => Some(who),
                (Some(_), 85..92) => Some(rng.usize(..people.len())),
                _ => None,
            };
            if let Some(who) = speaker {
                used_speakers[who] = true;
            }
            let cue = (rng.u32(..100) < 50).then_some(Span {
                start: sentence.cue.0,
                end: sentence.cue.1,
            });
            let note = (rng.u32(..100) < 10).then(|| NOTES[rng.usize(..NOTES.len())].to_owned());
            clock += 1 + rng.u64(..40);
            let created = time(clock);
            let modified = if rng.u32(..100) < 20 {
                time(clock + rng.u64(1..5000))
            } else {
                created.clone()
            };
            claims.push(SetClaim {
                id: id(seed, clock, &format!("coder{k}/claim/{d}/{s}")),
                document: doc_id(d),
                start: span.0,
                end: span.1,
                quote: at.quote,
                prefix: Some(at.prefix),
                suffix: Some(at.suffix),
                status,
                speaker: speaker.map(speaker_id),
                cue,
                note,
                coder: None,
                created,
                modified,
            });
        }
    }
    let documents = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| SetDocument {
            id: doc_id(i),
            title: doc.title.clone(),
            text: doc.text.clone(),
            sha256: sha256_hex(&doc.text),
            source: SetSource {
                url: Some(doc.url.clone()),
                publisher: Some("The Harbour Gazette".into()),
                author: None,
                published: Some(format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            },
        })
        .collect();
    let speakers = people
        .iter()
        .enumerate()
        .filter(|(i, _)| used_speakers[*i])
        .map(|(i, (name, kind))| SetSpeaker {
            id: speaker_id(i),
            name: name.clone(),
            kind: *kind,
            aliases: Vec::new(),
        })
        .collect();
    AnnotationSet {
        format: FORMAT.into(),
        version: VERSION,
        coder: Some(SetCoder {
            name: coder.to_string(),
        }),
        documents,
        speakers,
        claims,
    }
}
