//! Test support, not a user tool: a writer that the durability tests kill with SIGKILL.
//!
//! It writes through the same `Project` methods the app calls and reports on stdout, one line
//! per step, flushed: `{"begin": ...}` before a call and `{"ack": ...}` only after the call
//! returned Ok. A test that kills it knows every change the project acknowledged, and the one
//! that may have been in flight.
//!
//! ```text
//! claimcoder-crash-writer claims PROJECT SEED     code, edit and delete claims until killed
//! claimcoder-crash-writer count PROJECT SEED N    create N claims, then exit
//! claimcoder-crash-writer import PROJECT SET      import one annotation-set file, then exit
//! ```
//! The project must hold a document; the first one is coded, by the coder "Crash writer" (or
//! the name in `CRASH_WRITER_CODER`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use claimcoder::model::{Claim, ClaimEdit, NewClaim, Span, SpeakerId, Status};
use claimcoder::Project;
use serde_json::json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["claims", project, seed] => code_claims(Path::new(project), parse(seed), None),
        ["count", project, seed, n] => code_claims(Path::new(project), parse(seed), Some(parse(n))),
        ["import", project, set] => import(Path::new(project), Path::new(set)),
        _ => Err("usage: claims PROJECT SEED | count PROJECT SEED N | import PROJECT SET".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash writer: {e}");
            ExitCode::FAILURE
        }
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn parse(s: &str) -> u64 {
    s.parse().expect("a number")
}

/// One line of the report, flushed at once: the test may kill us the next instant.
fn report(line: serde_json::Value) -> Res<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

fn open(path: &Path) -> Res<Project> {
    let mut project = Project::open(path)?;
    let coder = std::env::var("CRASH_WRITER_CODER").unwrap_or_else(|_| "Crash writer".into());
    project.set_coder(&coder)?;
    Ok(project)
}

/// xorshift64*: deterministic from the seed, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Code-point spans of the text's words.
fn words(text: &str) -> Vec<(u32, u32)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i as u32),
            (true, Some(s)) => {
                spans.push((s, i as u32));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.chars().count() as u32));
    }
    spans
}

/// A random span of one to three words, its quote, and a cue elsewhere (sometimes).
struct Pick {
    start: u32,
    end: u32,
    quote: String,
    cue: Option<Span>,
}

fn pick(rng: &mut Rng, chars: &[char], words: &[(u32, u32)]) -> Pick {
    let first = rng.below(words.len());
    let last = (first + rng.below(3)).min(words.len() - 1);
    let (start, end) = (words[first].0, words[last].1);
    let cue = (rng.below(3) == 0).then(|| {
        let w = words[rng.below(words.len())];
        Span {
            start: w.0,
            end: w.1,
        }
    });
    Pick {
        start,
        end,
        quote: chars[start as usize..end as usize].iter().collect(),
        cue,
    }
}

fn code_claims(path: &Path, seed: u64, count: Option<u64>) -> Res<()> {
    let mut project = open(path)?;
    let doc = project
        .documents()?
        .into_iter()
        .next()
        .ok_or("the project has no document")?;
    let text = project.document(&doc.id)?.text;
    let chars: Vec<char> = text.chars().collect();
    let words = words(&text);
    let speakers: Vec<SpeakerId> = project.speakers()?.into_iter().map(|s| s.id).collect();
    let mut rng = Rng(seed.max(1));
    let mut claims: Vec<Claim> = project.claims(&doc.id)?;
    let statuses = Status::ALL;
    let mut step = 0u64;
    loop {
        if count.is_some_and(|n| step >= n) {
            return Ok(());
        }
        step += 1;
        let speaker = match rng.below(speakers.len() + 1) {
            0 => None,
            i => Some(speakers[i - 1].clone()),
        };
        let status = statuses[rng.below(3)];
        // Notes unique to the step, with what tends to break text handling.
        let note = (rng.below(4) != 0).then(|| format!("step {seed}-{step}: «é» 👍🏽 \"q\" ';--"));
        let roll = if count.is_some() || claims.is_empty() {
            0
        } else {
            rng.below(10)
        };
        if roll < 5 {
            let p = pick(&mut rng, &chars, &words);
            let new = NewClaim {
                document: doc.id.clone(),
                start: p.start,
                end: p.end,
                quote: p.quote,
                status,
                speaker,
                cue: p.cue,
                note,
            };
            report(json!({ "begin": "create", "new": new }))?;
            let claim = project.create_claim(new)?;
            report(json!({ "ack": "create", "claim": claim }))?;
            claims.push(claim);
        } else if roll < 8 {
            let i = rng.below(claims.len());
            let p = pick(&mut rng, &chars, &words);
            let edit = ClaimEdit {
                id: claims[i].id.clone(),
                start: p.start,
                end: p.end,
                quote: p.quote,
                status,
                speaker,
                cue: p.cue,
                note,
            };
            report(json!({ "begin": "update", "edit": edit }))?;
            let claim = project.update_claim(edit)?;
            report(json!({ "ack": "update", "claim": claim }))?;
            claims[i] = claim;
        } else {
            let i = rng.below(claims.len());
            let id = claims[i].id.clone();
            report(json!({ "begin": "delete", "id": id }))?;
            project.delete_claim(&id)?;
            report(json!({ "ack": "delete", "id": id }))?;
            claims.swap_remove(i);
        }
    }
}

fn import(path: &Path, set: &Path) -> Res<()> {
    let mut project = open(path)?;
    report(json!({ "begin": "import" }))?;
    let report_ = project.import_set_file(set, false)?;
    report(json!({ "ack": "import", "claims_added": report_.claims_added }))?;
    Ok(())
}
