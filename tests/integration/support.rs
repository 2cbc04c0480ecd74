use std::path::PathBuf;

use claimcoder::model::{DocumentId, NewClaim, Status};
use claimcoder::Project;
use tempfile::TempDir;

/// Text with an emoji outside the BMP (with a skin-tone modifier), a flag, a combining mark,
/// CJK and right-to-left scripts.
pub const MIXED: &str = "Minister Zoë said 👍🏽 \"we agree\" 🇺🇦.\nCafe\u{301} owners disagree.\n北京称此说法不实。\nقال المتحدث إن الميناء مغلق.\nשר האוצר אמר שהמחירים ירדו.\n";

pub struct Fixture {
    pub dir: TempDir,
    pub project: Project,
    pub doc: DocumentId,
}

impl Fixture {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("p.claimcoder")
    }

    pub fn reopen(self) -> Fixture {
        let path = self.path();
        let Fixture { dir, project, doc } = self;
        drop(project);
        let mut project = Project::open(&path).unwrap();
        project.set_coder("Ana").unwrap();
        Fixture { dir, project, doc }
    }
}

/// A project with one coder ("Ana") and one document holding `text`.
pub fn project_with(text: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::open(&dir.path().join("p.claimcoder")).unwrap();
    project.set_coder("Ana").unwrap();
    let doc = project.import_text(Some("Mixed"), text).unwrap().id;
    Fixture { dir, project, doc }
}

/// The code-point span of the first occurrence of `needle` in `text`.
pub fn cp_span(text: &str, needle: &str) -> (u32, u32) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count() as u32;
    (start, start + needle.chars().count() as u32)
}

pub fn new_claim(doc: &DocumentId, text: &str, quote: &str, status: Status) -> NewClaim {
    let (start, end) = cp_span(text, quote);
    NewClaim {
        document: doc.clone(),
        start,
        end,
        quote: quote.to_owned(),
        status,
        speaker: None,
        cue: None,
        note: None,
    }
}

/// Adds a speaker with its kind and aliases.
pub fn speaker(
    p: &mut Project,
    name: &str,
    kind: claimcoder::model::SpeakerKind,
    aliases: &[&str],
) -> claimcoder::model::Speaker {
    p.create_speaker(claimcoder::model::NewSpeaker {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    })
    .unwrap()
}

/// Speakers whose names test escaping and scripts: a government person with aliases, a media
/// outlet with markup characters, a person named in Arabic.
pub fn three_speakers(p: &mut Project) -> [claimcoder::model::Speaker; 3] {
    use claimcoder::model::SpeakerKind;
    [
        speaker(
            p,
            "Zoë Marchetti",
            SpeakerKind::Government,
            &["the minister", "Z. M."],
        ),
        speaker(p, "RIA & <News>", SpeakerKind::Media, &[]),
        speaker(p, "المتحدث", SpeakerKind::Person, &[]),
    ]
}

/// Backups go to the user's data folder: for this test binary, one of its own (set once, so
/// tests running in parallel agree; each project's backups have their own folder in it).
pub fn isolated_data() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let dir = std::env::temp_dir().join(format!("claimcoder-test-data-{}", std::process::id()));
        std::env::set_var("XDG_DATA_HOME", dir);
    });
}
