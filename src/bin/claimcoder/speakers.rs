//! Speakers: listing, adding, editing, aliases, merging and undoing a merge, by name or alias.

use std::path::PathBuf;

use claimcoder::model::{NewSpeaker, Speaker, SpeakerEdit, SpeakerKind};
use claimcoder::project::SpeakerMerge;
use claimcoder::Project;
use clap::Subcommand;

use crate::print;

#[derive(Subcommand)]
pub enum SpeakerCommand {
    /// Add a speaker.
    Add {
        name: String,
        #[arg(long, value_parser = parse_kind)]
        kind: SpeakerKind,
        /// Another name it goes by (repeatable).
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rename a speaker or change its kind.
    Edit {
        /// Its name or an alias.
        speaker: String,
        #[arg(long, value_name = "NEW_NAME")]
        name: Option<String>,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<SpeakerKind>,
        #[arg(long)]
        json: bool,
    },
    /// Add or remove aliases.
    Alias {
        /// Its name or an alias.
        speaker: String,
        #[arg(long = "add", value_name = "ALIAS")]
        add: Vec<String>,
        #[arg(long = "remove", value_name = "ALIAS")]
        remove: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Pairs of speakers whose names suggest they are one (spelling, script, initials, a missing
    /// first name), for you to merge or not.
    Suggest {
        #[arg(long)]
        json: bool,
    },
    /// Merge a speaker into another: its claims follow, its names become aliases.
    Merge {
        /// The speaker that goes (its name or an alias).
        speaker: String,
        /// The speaker that stays.
        #[arg(long, value_name = "NAME")]
        into: String,
        #[arg(long)]
        json: bool,
    },
    /// Undo a merge: the merged speaker is back with its id, and its claims with it.
    Unmerge {
        /// What `speaker merge --json` printed (a file, or - for standard input).
        merge: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// Every speaker with its claim counts by coder.
pub fn list(project: &Project, json: bool) -> claimcoder::Result<()> {
    let uses = project.speaker_uses()?;
    if json {
        print::json(&uses);
    } else {
        for u in &uses {
            let by: Vec<String> = u
                .by_coder
                .iter()
                .map(|k| format!("{} {}", k.coder, k.claims))
                .collect();
            print_one(&u.speaker);
            outln!(
                "  {} claims{}",
                u.claims,
                if by.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", by.join(", "))
                }
            );
        }
    }
    Ok(())
}

pub fn run(project: &mut Project, command: SpeakerCommand) -> claimcoder::Result<()> {
    let (speaker, json) = match command {
        SpeakerCommand::Add {
            name,
            kind,
            aliases,
            json,
        } => (
            project.create_speaker(NewSpeaker {
                name,
                kind,
                aliases,
            })?,
            json,
        ),
        SpeakerCommand::Edit {
            speaker,
            name,
            kind,
            json,
        } => {
            let old = project.speaker_named(&speaker)?;
            let edit = SpeakerEdit {
                name: name.unwrap_or(old.name),
                kind: kind.unwrap_or(old.kind),
                aliases: old.aliases,
                id: old.id,
            };
            (project.edit_speaker(edit)?, json)
        }
        SpeakerCommand::Alias {
            speaker,
            add,
            remove,
            json,
        } => {
            let old = project.speaker_named(&speaker)?;
            let mut aliases: Vec<String> = old
                .aliases
                .into_iter()
                .filter(|a| !remove.iter().any(|r| r.trim().eq_ignore_ascii_case(a)))
                .collect();
            aliases.extend(add);
            let edit = SpeakerEdit {
                id: old.id,
                name: old.name,
                kind: old.kind,
                aliases,
            };
            (project.edit_speaker(edit)?, json)
        }
        SpeakerCommand::Suggest { json } => {
            let suggestions = project.merge_suggestions()?;
            if json {
                print::json(&suggestions);
            } else {
                for s in &suggestions {
                    outln!("{}\t{}\t{}", s.a_name, s.b_name, s.reason.describe());
                }
            }
            return Ok(());
        }
        SpeakerCommand::Merge {
            speaker,
            into,
            json,
        } => {
            let from = project.speaker_named(&speaker)?;
            let to = project.speaker_named(&into)?;
            let merged = project.merge_speakers(&from.id, &to.id)?;
            if json {
                print::json(&merged);
            } else {
                outln!(
                    "merged {} into {}: {} claims follow",
                    from.name,
                    merged.speaker.name,
                    merged.claims.len()
                );
                print_one(&merged.speaker);
            }
            return Ok(());
        }
        SpeakerCommand::Unmerge { merge, json } => {
            let undone = project.unmerge_speakers(&read_merge(&merge)?)?;
            if json {
                print::json(&undone);
            } else {
                outln!(
                    "{} is back: {} claims cite it again",
                    undone.restored.name,
                    undone.claims.len()
                );
                print_one(&undone.kept);
                print_one(&undone.restored);
            }
            return Ok(());
        }
    };
    if json {
        print::json(&speaker);
    } else {
        print_one(&speaker);
    }
    Ok(())
}

/// A merge as `speaker merge --json` printed it, from a file or standard input (`-`).
fn read_merge(path: &std::path::Path) -> claimcoder::Result<SpeakerMerge> {
    let io = |e| claimcoder::Error::Io {
        context: format!("cannot read {}", path.display()),
        source: e,
    };
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(io)?;
        text
    } else {
        std::fs::read_to_string(path).map_err(io)?
    };
    serde_json::from_str(&text).map_err(|e| claimcoder::Error::InvalidFile {
        what: path.display().to_string(),
        reason: format!("not a merge printed by `speaker merge --json`: {e}"),
    })
}

fn print_one(s: &Speaker) {
    outln!(
        "{}\t{}\t{}\t{}",
        s.id,
        s.kind.as_str(),
        s.name,
        s.aliases.join("; ")
    );
}

fn parse_kind(s: &str) -> Result<SpeakerKind, String> {
    SpeakerKind::parse(s).ok_or_else(|| {
        let kinds: Vec<_> = SpeakerKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {s:?}; one of: {}", kinds.join(", "))
    })
}
