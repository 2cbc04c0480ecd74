//! Review from a script: a document's units (each with an id), deciding one, the decisions and
//! their undo, and the audit trail.

use std::collections::HashMap;
use std::path::PathBuf;

use claimcoder::model::{
    Chosen, Claim, ClaimId, DecisionAction, DocumentId, EditedClaim, NewDecision, Status,
};
use claimcoder::project::DEFAULT_MIN_JACCARD;
use claimcoder::review::view::ReviewUnit;
use claimcoder::Project;
use clap::{ArgGroup, Subcommand};

use crate::claims::{parse_status, quote};
use crate::print;

#[derive(Subcommand)]
pub enum ReviewCommand {
    /// The units of a document: the coders' claims on one passage, where they differ, and the
    /// decision in force.
    Units {
        #[arg(value_name = "DOC")]
        document: String,
        /// Coders by name, comma-separated (default: every coder but gold).
        #[arg(long, value_delimiter = ',')]
        coders: Vec<String>,
        /// Jaccard index from which claims of different coders form one unit.
        #[arg(long, default_value_t = DEFAULT_MIN_JACCARD)]
        overlap: f64,
        #[arg(long)]
        json: bool,
    },
    /// Decide a unit: its gold claim is one coder's (--accept), parts of several (--merge), a
    /// passage of your own (--edit), or none (--reject).
    #[command(group(ArgGroup::new("action").required(true).args(["accept", "merge", "edit", "reject"])))]
    Decide {
        /// The unit's id, as `review units` lists it.
        unit: String,
        /// Accept this coder's claim as it is.
        #[arg(long, value_name = "CODER")]
        accept: Option<String>,
        /// Take the span, status and speaker from the coders named by --span-from,
        /// --status-from and --speaker-from.
        #[arg(long, requires_all = ["span_from", "status_from"])]
        merge: bool,
        #[arg(long, value_name = "CODER")]
        span_from: Option<String>,
        #[arg(long, value_name = "CODER")]
        status_from: Option<String>,
        /// Without it a merged claim has no speaker.
        #[arg(long, value_name = "CODER")]
        speaker_from: Option<String>,
        /// A passage of your own, with --status and optionally --speaker.
        #[arg(long, num_args = 2, value_names = ["START", "END"], requires = "status")]
        edit: Option<Vec<u32>>,
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        /// The speaker of an edited claim, by name or alias.
        #[arg(long, value_name = "NAME_OR_ALIAS")]
        speaker: Option<String>,
        /// No claim belongs here.
        #[arg(long)]
        reject: bool,
        /// Why: every decision needs one.
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// The decisions, oldest first (undone ones included): of one document, or all.
    Decisions {
        #[arg(value_name = "DOC")]
        document: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Undo a decision: its gold claim goes, the record stays.
    Undo {
        decision: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the audit trail of every decision (who, when, what from what, why).
    Export {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// csv or json.
        #[arg(long, value_parser = ["csv", "json"])]
        format: String,
    },
}

pub fn run(project: &mut Project, command: ReviewCommand) -> claimcoder::Result<()> {
    match command {
        ReviewCommand::Units {
            document,
            coders,
            overlap,
            json,
        } => {
            let units = project.review_units(&DocumentId(document), &coders, overlap)?;
            if json {
                print::json(&units);
            } else {
                let coders = coder_names(project)?;
                for u in &units {
                    print_unit(u, &coders);
                }
            }
        }
        ReviewCommand::Decide {
            unit,
            accept,
            merge,
            span_from,
            status_from,
            speaker_from,
            edit,
            status,
            speaker,
            reject: _,
            reason,
            json,
        } => {
            let unit = project.review_unit(&unit)?;
            let coders = coder_names(project)?;
            let of = |name: &str| -> claimcoder::Result<ClaimId> {
                unit.claims
                    .iter()
                    .find(|c| coders[&c.coder].eq_ignore_ascii_case(name.trim()))
                    .map(|c| c.id.clone())
                    .ok_or_else(|| {
                        claimcoder::Error::InvalidDecision(format!(
                            "{name} has no claim in unit {}",
                            unit.id
                        ))
                    })
            };
            let document = unit
                .claims
                .first()
                .map(|c| c.document.clone())
                .unwrap_or_else(|| DocumentId(String::new()));
            let (action, chosen, edited) = if let Some(coder) = accept {
                let id = of(&coder)?;
                let chosen = Chosen {
                    span: Some(id.clone()),
                    status: Some(id.clone()),
                    speaker: Some(id),
                };
                (DecisionAction::Accept, chosen, None)
            } else if merge {
                let pick = |c: Option<String>| c.map(|n| of(&n)).transpose();
                let chosen = Chosen {
                    span: pick(span_from)?,
                    status: pick(status_from)?,
                    speaker: pick(speaker_from)?,
                };
                (DecisionAction::Merge, chosen, None)
            } else if let (Some(span), Some(status)) = (edit, status) {
                let (start, end) = (span[0], span[1]);
                let speaker = speaker
                    .map(|n| project.speaker_named(&n).map(|s| s.id))
                    .transpose()?;
                let edited = EditedClaim {
                    start,
                    end,
                    quote: quote(project, &document, start, end)?,
                    status,
                    speaker,
                    cue: None,
                    note: None,
                };
                (DecisionAction::Edit, Chosen::default(), Some(edited))
            } else {
                (DecisionAction::Reject, Chosen::default(), None)
            };
            let decision = project.adjudicate(NewDecision {
                document,
                considered: unit.claims.iter().map(|c| c.id.clone()).collect(),
                action,
                chosen,
                edited,
                reason,
            })?;
            if json {
                print::json(&decision);
            } else {
                outln!(
                    "{}\t{} {}..{}\t{}",
                    decision.id,
                    decision.action.as_str(),
                    decision.unit_start,
                    decision.unit_end,
                    decision.reason
                );
            }
        }
        ReviewCommand::Decisions { document, json } => {
            let decisions = project.decisions(document.map(DocumentId).as_ref())?;
            if json {
                print::json(&decisions);
            } else {
                for d in &decisions {
                    outln!(
                        "{}\t{} {}..{}\tby {} at {}{}\t{}",
                        d.id,
                        d.action.as_str(),
                        d.unit_start,
                        d.unit_end,
                        d.decided_by,
                        d.decided_at,
                        if d.undone_at.is_some() {
                            " (undone)"
                        } else {
                            ""
                        },
                        d.reason
                    );
                }
            }
        }
        ReviewCommand::Undo { decision, json } => {
            let d = project.undo_decision(&decision)?;
            if json {
                print::json(&d);
            } else {
                outln!("undid {}", d.id);
            }
        }
        ReviewCommand::Export { out, format } => {
            let n = project.export_decisions(&out, format == "csv")?;
            outln!("wrote {n} decisions to {}", out.display());
        }
    }
    Ok(())
}

fn coder_names(
    project: &Project,
) -> claimcoder::Result<HashMap<claimcoder::model::CoderId, String>> {
    Ok(project
        .coders()?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

fn print_unit(u: &ReviewUnit, coders: &HashMap<claimcoder::model::CoderId, String>) {
    let differs: Vec<&str> = [
        (u.differs.span, "span"),
        (u.differs.status, "status"),
        (u.differs.speaker, "speaker"),
    ]
    .into_iter()
    .filter_map(|(d, name)| d.then_some(name))
    .collect();
    outln!(
        "{}\t{}..{}\tdiffers: {}{}",
        u.id,
        u.start,
        u.end,
        if differs.is_empty() {
            "nothing".to_owned()
        } else {
            differs.join(", ")
        },
        u.decision
            .as_ref()
            .map(|d| format!("\tdecided: {}", d.action.as_str()))
            .unwrap_or_default()
    );
    for c in &u.claims {
        print_member(c, coders);
    }
    for m in &u.missing {
        outln!("  {m}: no claim");
    }
}

fn print_member(c: &Claim, coders: &HashMap<claimcoder::model::CoderId, String>) {
    outln!(
        "  {}: {} {}..{} {}",
        coders.get(&c.coder).map_or("?", String::as_str),
        c.status.as_str(),
        c.start,
        c.end,
        print::excerpt(&c.quote, 50)
    );
}
