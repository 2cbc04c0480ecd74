//! Claims: listing them, and coding, editing and deleting one from a script. Offsets are code
//! points of the document's text, end exclusive, as everywhere.

use std::collections::HashMap;

use claimcoder::model::{
    Claim, ClaimEdit, ClaimId, ClaimPlacement, DocumentId, NewClaim, Span, SpeakerId, Status,
};
use claimcoder::Project;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::print;

#[derive(Subcommand)]
pub enum ClaimCommand {
    /// Code a claim: the passage START..END of document DOC.
    Add {
        #[arg(value_name = "DOC")]
        document: String,
        start: u32,
        end: u32,
        #[arg(long, value_parser = parse_status)]
        status: Status,
        #[command(flatten)]
        fields: Fields,
    },
    /// Change a claim: only what is given changes.
    Edit {
        id: String,
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        /// A new passage of the same document.
        #[arg(long, num_args = 2, value_names = ["START", "END"])]
        span: Option<Vec<u32>>,
        #[arg(long, conflicts_with = "speaker")]
        no_speaker: bool,
        #[arg(long, conflicts_with = "cue")]
        no_cue: bool,
        #[arg(long, conflicts_with = "note")]
        no_note: bool,
        #[command(flatten)]
        fields: Fields,
    },
    /// Delete a claim.
    Rm { id: String },
}

/// What a claim may carry besides its passage and status.
#[derive(Args)]
pub struct Fields {
    /// The speaker, by name or alias.
    #[arg(long, value_name = "NAME_OR_ALIAS")]
    speaker: Option<String>,
    /// The words that signal attribution, as a passage of the same document.
    #[arg(long, num_args = 2, value_names = ["START", "END"])]
    cue: Option<Vec<u32>>,
    #[arg(long)]
    note: Option<String>,
    /// Print the claim as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(project: &mut Project, command: ClaimCommand) -> claimcoder::Result<()> {
    let (claim, json) = match command {
        ClaimCommand::Add {
            document,
            start,
            end,
            status,
            fields,
        } => {
            let document = DocumentId(document);
            let quote = quote(project, &document, start, end)?;
            let claim = project.create_claim(NewClaim {
                document,
                start,
                end,
                quote,
                status,
                speaker: speaker(project, fields.speaker.as_deref())?,
                cue: fields.cue.as_deref().map(span),
                note: fields.note,
            })?;
            (claim, fields.json)
        }
        ClaimCommand::Edit {
            id,
            status,
            span: new_span,
            no_speaker,
            no_cue,
            no_note,
            fields,
        } => {
            let old = project.claim(&ClaimId(id))?;
            let (start, end) = new_span.as_deref().map_or((old.start, old.end), |s| {
                let s = span(s);
                (s.start, s.end)
            });
            let quote = quote(project, &old.document, start, end)?;
            let speaker = match (&fields.speaker, no_speaker) {
                (Some(name), _) => speaker(project, Some(name))?,
                (None, true) => None,
                (None, false) => old.speaker,
            };
            let claim = project.update_claim(ClaimEdit {
                id: old.id,
                start,
                end,
                quote,
                status: status.unwrap_or(old.status),
                speaker,
                cue: if no_cue {
                    None
                } else {
                    fields.cue.as_deref().map(span).or(old.cue)
                },
                note: if no_note {
                    None
                } else {
                    fields.note.or(old.note)
                },
            })?;
            (claim, fields.json)
        }
        ClaimCommand::Rm { id } => {
            let gone = project.delete_claim(&ClaimId(id))?;
            outln!("deleted {}", gone.id);
            return Ok(());
        }
    };
    let rows = named(project, std::slice::from_ref(&claim))?;
    if json {
        print::json(&rows[0]);
    } else {
        print_rows(rows);
    }
    Ok(())
}

/// Lists claims in text order.
pub fn list(project: &Project, doc: Option<String>, json: bool) -> claimcoder::Result<()> {
    let claims = match doc {
        Some(id) => project.claims(&DocumentId(id))?,
        None => project.all_claims()?,
    };
    let rows = named(project, &claims)?;
    if json {
        print::json(&rows);
    } else {
        print_rows(rows);
    }
    Ok(())
}

fn print_rows(rows: Vec<ClaimRow>) {
    for r in rows {
        outln!(
            "{}\t{}..{}\t{}\t{}\t{}",
            r.claim.id,
            r.claim.start,
            r.claim.end,
            r.claim.status.as_str(),
            r.speaker_name.unwrap_or_default(),
            print::excerpt(&r.claim.quote, 60),
        );
    }
}

/// The text at `start..end` of the document: what a coder selecting it would see. Outside the
/// text it is empty, and the core's check of the span says what is wrong.
pub fn quote(
    project: &Project,
    doc: &DocumentId,
    start: u32,
    end: u32,
) -> claimcoder::Result<String> {
    let text = project.document(doc)?.text;
    Ok(
        claimcoder::text::slice_cp(&text, start as usize, end as usize)
            .unwrap_or_default()
            .to_owned(),
    )
}

fn speaker(project: &Project, name: Option<&str>) -> claimcoder::Result<Option<SpeakerId>> {
    name.map(|n| project.speaker_named(n).map(|s| s.id))
        .transpose()
}

/// Two numbers that clap has counted.
fn span(pair: &[u32]) -> Span {
    Span {
        start: pair[0],
        end: pair[1],
    }
}

pub fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s)
        .ok_or_else(|| format!("unknown status {s:?}; one of: attributed, disputed, unverified"))
}

/// A claim with the names of its speaker and coder, for people and scripts.
#[derive(Serialize)]
struct ClaimRow<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    speaker_name: Option<String>,
    coder_name: Option<String>,
    /// How it was placed when carried to a new version or re-anchored from a set (null for a
    /// claim coded here).
    placement: Option<ClaimPlacement>,
}

fn named<'a>(project: &Project, claims: &'a [Claim]) -> claimcoder::Result<Vec<ClaimRow<'a>>> {
    let speakers: HashMap<_, _> = project
        .speakers()?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let coders: HashMap<_, _> = project
        .coders()?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let placements: HashMap<_, _> = project
        .placements(None)?
        .into_iter()
        .map(|p| (p.claim.clone(), p))
        .collect();
    Ok(claims
        .iter()
        .map(|c| ClaimRow {
            placement: placements.get(&c.id).cloned(),
            claim: c,
            speaker_name: c.speaker.as_ref().and_then(|s| speakers.get(s).cloned()),
            coder_name: coders.get(&c.coder).cloned(),
        })
        .collect())
}
