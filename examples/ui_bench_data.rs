//! The projects the app's benchmark (`scripts/bench.sh ui`) opens: deterministic (seeded)
//! articles and claims, written through the core like any project.
//!
//! `cargo run --release --example ui_bench_data -- OUT_DIR [--seed N] [--docs N]` writes:
//! - `small.claimcoder`: a 10 KB article with 100 claims;
//! - `dense.claimcoder`: a 100 KB article with 10,000 claims;
//! - `book-100.claimcoder`, `book-1000.claimcoder`, `book-10000.claimcoder`: a 1 MB article with
//!   that many claims;
//! - `book.txt`: that 1 MB article's text alone, for the engine's own floor (the benchmark shows
//!   it in WebKitGTK's MiniBrowser beside the app);
//! - `many-docs.claimcoder`: 10,000 short articles (`--docs` changes the number), a few claims.
//!
//! Every project also holds a short "Start" article, opened first, so that opening the large one
//! is a click in the documents list. Claims start and end on word boundaries (as the app snaps
//! them), overlap at random, and a quarter have a speaker, a tenth a cue.

use std::path::{Path, PathBuf};

use claimcoder::model::{DocumentId, NewClaim, NewSpeaker, Span, SpeakerId, SpeakerKind, Status};
use claimcoder::Project;

/// Words of several scripts, with accents, non-BMP emoji and CJK, so the benchmark pays for
/// what real multilingual articles cost (surrogate pairs in the UI's offset conversions).
const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "prices",
    "would",
    "fall",
    "next",
    "year",
    "according",
    "to",
    "officials",
    "who",
    "declined",
    "be",
    "named",
    "Zoë",
    "Müller",
    "café",
    "naïve",
    "coöperate",
    "правительство",
    "заявило",
    "что",
    "цены",
    "снизятся",
    "港口",
    "将于",
    "明年",
    "开放",
    "الحكومة",
    "قالت",
    "👍🏽",
    "📈",
    "claimed",
    "denied",
    "reported",
    "sources",
    "close",
    "talks",
    "budget",
    "deficit",
    "percent",
    "growth",
    "unemployment",
    "inflation",
    "harbour",
    "election",
    "spokesperson",
    "statement",
    "evidence",
    "unverified",
    "disputed",
    "analysts",
    "warned",
];

struct Gen(fastrand::Rng);

impl Gen {
    fn word(&mut self) -> &'static str {
        WORDS[self.0.usize(..WORDS.len())]
    }

    /// A paragraph of about `chars` characters: sentences of 8 to 24 words.
    fn paragraph(&mut self, chars: usize) -> String {
        let mut p = String::new();
        while p.chars().count() < chars {
            let n = self.0.usize(8..25);
            let mut s: Vec<&str> = (0..n).map(|_| self.word()).collect();
            let mut first = s[0].chars();
            let cap: String = first
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(first)
                .collect();
            if !p.is_empty() {
                p.push(' ');
            }
            s[0] = "";
            p.push_str(&cap);
            p.push_str(&s.join(" "));
            p.push('.');
        }
        p
    }

    /// An article of about `bytes` bytes of UTF-8, paragraphs separated by blank lines.
    fn article(&mut self, bytes: usize, para_chars: usize) -> String {
        let mut text = String::new();
        while text.len() < bytes {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let p = self.paragraph(para_chars);
            text.push_str(&p);
        }
        text
    }
}

/// Word spans of `text` in code points: (start, end) of every run of non-space characters.
fn words(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0u32;
    for ch in text.chars() {
        let space = ch.is_whitespace();
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, i));
    }
    out
}

struct Bench {
    project: Project,
    speakers: Vec<SpeakerId>,
}

impl Bench {
    fn new(path: &Path) -> Bench {
        let _ = std::fs::remove_file(path);
        let mut project = Project::open(path).expect("create the project");
        project.set_coder("Bench").expect("set the coder");
        project
            .import_text(
                Some("Start"),
                "Start\n\nA short article the benchmark opens first.",
            )
            .expect("import the start article");
        let speakers = (0..20)
            .map(|i| {
                project
                    .create_speaker(NewSpeaker {
                        name: format!("Speaker {i}"),
                        kind: SpeakerKind::ALL[i % SpeakerKind::ALL.len()],
                        aliases: vec![],
                    })
                    .expect("add a speaker")
                    .id
            })
            .collect();
        Bench { project, speakers }
    }

    /// Imports `text` as `title` and codes `claims` random word-aligned spans on it.
    fn article(&mut self, g: &mut Gen, title: &str, text: &str, claims: usize) -> DocumentId {
        let doc = self
            .project
            .import_text(Some(title), text)
            .expect("import the article")
            .id;
        let chars: Vec<char> = text.chars().collect();
        let w = words(text);
        for _ in 0..claims {
            let first = g.0.usize(..w.len());
            // Within one paragraph: stop at the last word before a line break.
            let mut last = (first + g.0.usize(2..20)).min(w.len() - 1);
            while last > first && chars[w[first].1 as usize..w[last].0 as usize].contains(&'\n') {
                last -= 1;
            }
            let (start, end) = (w[first].0, w[last].1);
            let speaker =
                (g.0.u8(..4) == 0).then(|| self.speakers[g.0.usize(..self.speakers.len())].clone());
            let cue = (g.0.u8(..10) == 0 && first > 0).then(|| Span {
                start: w[first - 1].0,
                end: w[first - 1].1,
            });
            self.project
                .create_claim(NewClaim {
                    document: doc.clone(),
                    start,
                    end,
                    quote: chars[start as usize..end as usize].iter().collect(),
                    status: [Status::Attributed, Status::Disputed, Status::Unverified]
                        [g.0.usize(..3)],
                    speaker,
                    cue,
                    note: (g.0.u8(..20) == 0)
                        .then(|| "Checked against the transcript.".to_string()),
                })
                .expect("code a claim");
        }
        doc
    }
}

/// The projects the app's benchmark opens (see the module's comment).
#[derive(clap::Parser)]
struct Args {
    /// The folder the projects are written to.
    out: PathBuf,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Articles in `many-docs.claimcoder`.
    #[arg(long, default_value_t = 10_000)]
    docs: usize,
}

fn main() {
    let Args { out, seed, docs } = clap::Parser::parse();
    std::fs::create_dir_all(&out).expect("create the output folder");
    let mut g = Gen(fastrand::Rng::with_seed(seed));

    let one = |name: &str, bytes: usize, claims: usize, g: &mut Gen| {
        let mut b = Bench::new(&out.join(format!("{name}.claimcoder")));
        let text = g.article(bytes, 600);
        b.article(g, &format!("Bench {name}"), &text, claims);
        eprintln!("{name}: {} bytes, {claims} claims", text.len());
    };
    one("small", 10_000, 100, &mut g);
    one("dense", 100_000, 10_000, &mut g);
    let book = g.article(1_000_000, 600);
    std::fs::write(out.join("book.txt"), &book).expect("write book.txt");
    for claims in [100, 1_000, 10_000] {
        let name = format!("book-{claims}");
        let mut b = Bench::new(&out.join(format!("{name}.claimcoder")));
        b.article(&mut g, &format!("Bench {name}"), &book, claims);
        eprintln!("{name}: {} bytes, {claims} claims", book.len());
    }

    let mut b = Bench::new(&out.join("many-docs.claimcoder"));
    for i in 0..docs {
        let bytes = g.0.usize(1_000..3_000);
        let text = g.article(bytes, 300);
        let n = if i % 10 == 0 { 3 } else { 0 };
        b.article(&mut g, &format!("Article {i:05}"), &text, n);
    }
    eprintln!("many-docs: {docs} articles");
}
