//! Recording the core's answers for the UI tests: project states, each command's request and
//! answer, and the files read, normalised (temp paths, UUIDs, clock times) so that a fixture
//! only changes when the core's behaviour does.

use std::path::{Path, PathBuf};

use claimcoder::error::AppError;
use claimcoder::Project;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// What one fixture file holds: the current coder, named project states, every answer
/// recorded in a state (with the state it leads to), and the files the answers read.
/// `ui/src/dev/replay.ts` reads it.
pub struct Recording {
    /// Stands for the temp dir in every path, so `<tmp>/sets/a.json` reads `/sets/a.json`.
    root: PathBuf,
    coder: Value,
    states: Map<String, Value>,
    answers: Vec<Value>,
    files: Map<String, Value>,
}

impl Recording {
    pub fn new(root: &Path) -> Recording {
        Recording {
            root: root.to_owned(),
            coder: Value::Null,
            states: Map::new(),
            answers: Vec::new(),
            files: Map::new(),
        }
    }

    /// Records `project` as state `name` (once): its coder, documents, claims, speakers and
    /// coders, which the fake serves as plain storage.
    pub fn state(&mut self, name: &str, project: &Project) {
        self.coder = json!(project.coder());
        if !self.states.contains_key(name) {
            self.states.insert(name.to_owned(), snapshot(project));
        }
    }

    /// Keeps a file's text under its path as the UI names it, as a list of lines (so that a
    /// change to it reads as one in the fixture's diff).
    pub fn file(&mut self, path: &Path) {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        self.files.insert(path.display().to_string(), json!(lines));
    }

    fn answer(&mut self, entry: Value) {
        self.answers.push(entry);
    }

    /// Normalises the recording and writes it to `ui/src/test/fixtures/<name>` with
    /// `UPDATE_UI_FIXTURES` set; else fails when the committed file differs.
    pub fn finish(self, name: &str) {
        let whole = json!({
            "coder": self.coder,
            "states": self.states,
            "answers": self.answers,
            "files": self.files,
        });
        let text = normalised(&whole, &self.root.display().to_string());
        let committed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/src/test/fixtures")
            .join(name);
        if std::env::var_os("UPDATE_UI_FIXTURES").is_some() {
            std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
            std::fs::write(&committed, &text).unwrap();
        }
        let old = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            old == text,
            "ui/src/test/fixtures/{name} is stale: run scripts/ui-fixtures.sh"
        );
    }
}

fn snapshot(p: &Project) -> Value {
    let summaries = p.documents().unwrap();
    let documents: Vec<_> = summaries
        .iter()
        .map(|d| p.document(&d.id).unwrap())
        .collect();
    let claims: Vec<_> = summaries
        .iter()
        .flat_map(|d| p.claims(&d.id).unwrap())
        .collect();
    json!({
        "documents": documents,
        "claims": claims,
        "speakers": p.speakers().unwrap(),
        "coders": p.coders().unwrap(),
    })
}

/// A project walked through one scenario: each call is recorded in the current state, and a
/// call that changes the project moves it to a new named state.
pub struct Walk<'r> {
    rec: &'r mut Recording,
    project: Project,
    at: String,
}

impl<'r> Walk<'r> {
    /// Starts at state `at` (recorded if new).
    pub fn new(rec: &'r mut Recording, project: Project, at: &str) -> Walk<'r> {
        rec.state(at, &project);
        Walk {
            rec,
            project,
            at: at.to_owned(),
        }
    }

    /// Runs a command that leaves the project as it was (a read, or a refusal) and records
    /// its answer, or its error as the UI receives it.
    pub fn ask<T: Serialize>(
        &mut self,
        command: &str,
        request: Value,
        f: impl FnOnce(&mut Project) -> claimcoder::Result<T>,
    ) -> Value {
        let before = snapshot(&self.project);
        let answer = self.run(command, request, f, None);
        assert_eq!(
            before,
            snapshot(&self.project),
            "{command} changed the project in state {}",
            self.at
        );
        answer
    }

    /// Runs a command that changes the project, records its answer and moves to state `next`.
    pub fn step<T: Serialize>(
        &mut self,
        command: &str,
        request: Value,
        next: &str,
        f: impl FnOnce(&mut Project) -> claimcoder::Result<T>,
    ) -> Value {
        let answer = self.run(command, request, f, Some(next));
        self.at = next.to_owned();
        self.rec.state(next, &self.project);
        answer
    }

    fn run<T: Serialize>(
        &mut self,
        command: &str,
        request: Value,
        f: impl FnOnce(&mut Project) -> claimcoder::Result<T>,
        next: Option<&str>,
    ) -> Value {
        let mut entry = json!({ "state": self.at, "command": command, "request": request });
        let answer = match f(&mut self.project) {
            Ok(v) => {
                let v = json!(v);
                entry["ok"] = v.clone();
                if let Some(next) = next {
                    entry["next"] = json!(next);
                }
                v
            }
            Err(e) => {
                assert!(next.is_none(), "{command} failed in state {}: {e}", self.at);
                entry["error"] = json!(AppError::from(&e));
                Value::Null
            }
        };
        self.rec.answer(entry);
        // Clock times are kept to the millisecond: two writes in one would share a time in
        // some runs and not in others, and the normalised fixture would differ.
        std::thread::sleep(std::time::Duration::from_millis(3));
        answer
    }
}

/// The fixture's text: the temp dir removed from paths, then every UUID and every clock time
/// replaced by a placeholder numbered in order of first appearance.
fn normalised(v: &Value, root: &str) -> String {
    let mut names = Names::default();
    let v = rename(v, root, &mut names);
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[derive(Default)]
struct Names {
    seen: Vec<(String, String)>,
    ids: usize,
    times: usize,
}

impl Names {
    fn of(&mut self, found: &str, is_time: bool) -> String {
        if let Some((_, n)) = self.seen.iter().find(|(f, _)| f == found) {
            return n.clone();
        }
        let name = if is_time {
            self.times += 1;
            let s = self.times;
            format!(
                "2025-01-01T{:02}:{:02}:{:02}.000Z",
                s / 3600,
                s / 60 % 60,
                s % 60
            )
        } else {
            self.ids += 1;
            format!("id-{:03}", self.ids)
        };
        self.seen.push((found.to_owned(), name.clone()));
        name
    }
}

fn rename(v: &Value, root: &str, names: &mut Names) -> Value {
    match v {
        Value::String(s) => Value::String(rename_str(s, root, names)),
        Value::Array(a) => Value::Array(a.iter().map(|x| rename(x, root, names)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (rename_str(k, root, names), rename(x, root, names)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn rename_str(s: &str, root: &str, names: &mut Names) -> String {
    let s = s.replace(root, "");
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        // Both patterns are ASCII, so a match starts and ends on character boundaries.
        let (len, is_time) = if let Some(n) = time_at(&b[i..]) {
            (n, true)
        } else if uuid_at(&b[i..]) {
            (36, false)
        } else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        out.push_str(&names.of(&s[i..i + len], is_time));
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
    out
}

/// A UUID (8-4-4-4-12 hex digits) at the start of `b`.
fn uuid_at(b: &[u8]) -> bool {
    b.len() >= 36
        && b[..36].iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The length of an RFC 3339 time (`2025-06-01T12:34:56.789Z`, any fraction, `Z` or an
/// offset) at the start of `b`.
fn time_at(b: &[u8]) -> Option<usize> {
    let shape = b"dddd-dd-ddTdd:dd:dd";
    if b.len() < shape.len()
        || !shape.iter().zip(b).all(|(s, c)| match s {
            b'd' => c.is_ascii_digit(),
            s => s == c,
        })
    {
        return None;
    }
    let mut n = shape.len();
    if b.get(n) == Some(&b'.') {
        n += 1;
        while b.get(n).is_some_and(u8::is_ascii_digit) {
            n += 1;
        }
    }
    match b.get(n) {
        Some(b'Z') => Some(n + 1),
        Some(b'+' | b'-') if b.len() >= n + 6 => Some(n + 6),
        _ => None,
    }
}
