//! The command-line tool: argument parsing and printing; every operation is the core's.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use claimcoder::model::{Claim, DocumentId};
use claimcoder::settings::Settings;
use claimcoder::{paths, Project};
use clap::{Parser, Subcommand};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "claimcoder",
    version,
    about = "Code the claims in news articles"
)]
struct Cli {
    /// The project file (default: $CLAIMCODER_PROJECT, else the app's default project).
    #[arg(long, global = true, value_name = "FILE")]
    project: Option<PathBuf>,
    /// Who is coding (default: the name the app was given on this machine).
    #[arg(long, global = true, value_name = "NAME")]
    coder: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the project (with the sample article when it is the default project).
    Init,
    /// Import .txt or .md files as documents: all of them, or none if any is refused.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the documents.
    Docs {
        #[arg(long)]
        json: bool,
    },
    /// List claims, in text order.
    Claims {
        /// Only the claims of this document.
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimcoder: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> claimcoder::Result<()> {
    let path = cli.project.clone().unwrap_or_else(paths::startup_project);
    let mut project = if cli.project.is_none() {
        Project::open_with_sample(&path)?
    } else {
        Project::open(&path)?
    };
    let coder = cli
        .coder
        .clone()
        .or_else(|| std::env::var("CLAIMCODER_CODER").ok())
        .or_else(|| Settings::load(&paths::settings_file()).coder_name);
    if let Some(name) = coder {
        project.set_coder(&name)?;
    }
    match cli.command {
        Command::Init => println!("{}", path.display()),
        Command::Import { files } => {
            for d in project.import_files(&files)? {
                println!("{}\t{}", d.id, d.title);
            }
        }
        Command::Docs { json } => {
            let docs = project.documents()?;
            if json {
                print_json(&docs);
            } else {
                for d in docs {
                    println!("{}\t{} claims\t{}", d.id, d.claim_count, d.title);
                }
            }
        }
        Command::Claims { doc, json } => {
            let claims = match doc {
                Some(id) => project.claims(&DocumentId(id))?,
                None => project.all_claims()?,
            };
            let rows = named(&project, &claims)?;
            if json {
                print_json(&rows);
            } else {
                for r in rows {
                    println!(
                        "{}\t{}..{}\t{}\t{}\t{}",
                        r.claim.id,
                        r.claim.start,
                        r.claim.end,
                        r.claim.status.as_str(),
                        r.speaker_name.unwrap_or_default(),
                        excerpt(&r.claim.quote, 60),
                    );
                }
            }
        }
    }
    Ok(())
}

/// A claim with the names of its speaker and coder, for people and scripts.
#[derive(Serialize)]
struct ClaimRow<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    speaker_name: Option<String>,
    coder_name: Option<String>,
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
    Ok(claims
        .iter()
        .map(|c| ClaimRow {
            claim: c,
            speaker_name: c.speaker.as_ref().and_then(|s| speakers.get(s).cloned()),
            coder_name: coders.get(&c.coder).cloned(),
        })
        .collect())
}

fn print_json(value: &impl Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("model types serialise")
    );
}

fn excerpt(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max).collect::<String>())
    }
}
