//! The command-line tool: argument parsing and printing; every operation is the core's.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use claimcoder::interchange::{ExportFormat, ExportScope, FORMATS};
use claimcoder::model::{Claim, DocumentId, Status};
use claimcoder::project::AgreementOptions;
use claimcoder::review::{Agreement, Figure};
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
    /// Who is working (default: $CLAIMCODER_CODER, else the name the app was given on this
    /// machine); recorded with every change.
    #[arg(long = "as", global = true, value_name = "NAME")]
    as_coder: Option<String>,
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
    /// Export claims (all, or one coder's, some documents', some statuses').
    Export {
        /// The format (json is Claimcoder's annotation set).
        #[arg(long, value_parser = format_parser())]
        format: ExportFormat,
        /// Only this coder's claims.
        #[arg(long, value_name = "NAME")]
        coder: Option<String>,
        /// Only this document (repeatable).
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Only claims with this status (repeatable).
        #[arg(long = "status", value_parser = parse_status)]
        statuses: Vec<Status>,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Merge annotation sets (or W3C / REFI-QDA files) into the project, each file in one
    /// transaction: a file with refused claims imports nothing unless --partial.
    ImportSet {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Import the claims that can be placed even when others are refused.
        #[arg(long)]
        partial: bool,
        /// Print the reports as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Agreement between coders: Krippendorff's alpha, Fleiss' and Cohen's kappa, span F1 and
    /// unitizing alpha, pooled over the chosen documents.
    Agreement {
        /// Coders by name, comma-separated (default: every coder with claims).
        #[arg(long, value_delimiter = ',')]
        coders: Vec<String>,
        /// Only this document (repeatable; default: all).
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Jaccard index from which claims of different coders form one unit.
        #[arg(long, default_value_t = claimcoder::project::DEFAULT_MIN_JACCARD)]
        overlap: f64,
        /// Bootstrap resamples for the 95% intervals of each alpha.
        #[arg(long, value_name = "N")]
        bootstrap: Option<u32>,
        /// A fixed seed for the bootstrap, for repeatable intervals.
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        #[arg(long)]
        json: bool,
    },
    /// Adjudication records.
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
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

#[derive(Subcommand)]
enum ReviewCommand {
    /// Write the audit trail of every decision (who, when, what from what, why).
    Export {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// csv or json.
        #[arg(long, value_parser = ["csv", "json"])]
        format: String,
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
    let settings = Settings::load(&paths::settings_file());
    if let Some(name) = settings.coder_name(cli.as_coder.as_deref()) {
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
        Command::Export {
            format,
            coder,
            docs,
            statuses,
            out,
        } => {
            let scope = ExportScope {
                coder,
                documents: docs.into_iter().map(DocumentId).collect(),
                statuses,
            };
            let done = project.export(&scope, format, &out)?;
            println!(
                "wrote {} claims on {} documents to {}",
                done.claims, done.documents, done.path
            );
        }
        Command::ImportSet {
            files,
            partial,
            json,
        } => {
            let reports = project.import_set_files(&files, partial);
            if json {
                print_json(&reports);
            } else {
                for r in &reports {
                    print_report(r);
                }
            }
            let failed = reports.iter().filter(|r| r.error.is_some()).count();
            let refused = reports
                .iter()
                .filter(|r| r.error.is_none() && !r.imported)
                .count();
            if failed + refused > 0 {
                let mut why = Vec::new();
                if failed > 0 {
                    why.push(format!(
                        "{failed} of {} files could not be read",
                        files.len()
                    ));
                }
                if refused > 0 {
                    why.push(format!(
                        "{refused} had refused claims and imported nothing (use --partial to import the rest)"
                    ));
                }
                return Err(claimcoder::Error::ClaimsRefused(format!(
                    "{}; see above",
                    why.join("; ")
                )));
            }
        }
        Command::Agreement {
            coders,
            docs,
            overlap,
            bootstrap,
            seed,
            json,
        } => {
            let report = project.agreement(&AgreementOptions {
                coders,
                documents: docs.into_iter().map(DocumentId).collect(),
                min_jaccard: overlap,
                bootstrap,
                seed,
            })?;
            if json {
                print_json(&report);
            } else {
                print_agreement(&report);
            }
        }
        Command::Review {
            command: ReviewCommand::Export { out, format },
        } => {
            let n = project.export_decisions(&out, format == "csv")?;
            println!("wrote {n} decisions to {}", out.display());
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

fn print_report(r: &claimcoder::project::ImportReport) {
    if let Some(e) = &r.error {
        eprintln!("NOT imported: {}", e.message);
        return;
    }
    println!(
        "{}: {}; documents {} added, {} matched; speakers {} added, {} matched; claims {} added, {} updated, {} unchanged, {} re-anchored, {} refused",
        r.source,
        if r.imported { "imported" } else { "NOT imported" },
        r.documents_added,
        r.documents_matched,
        r.speakers_added,
        r.speakers_matched,
        r.claims_added,
        r.claims_updated,
        r.claims_unchanged,
        r.reanchored.len(),
        r.refused.len(),
    );
    for n in &r.reanchored {
        println!("  re-anchored {}: {}", n.claim, n.message);
    }
    for n in &r.refused {
        println!("  refused {}: {}", n.claim, n.message);
    }
    for n in &r.notes {
        println!("  note: {n}");
    }
}

fn figure(f: &Figure) -> String {
    match serde_json::to_value(f).ok().and_then(|v| v.as_f64()) {
        Some(x) => format!("{x:.3}"),
        None => "not defined".into(),
    }
}

fn print_agreement(a: &Agreement) {
    let names: Vec<_> = a.coders.iter().map(|c| c.name.as_str()).collect();
    println!(
        "coders: {}; documents: {}; units: {}",
        names.join(", "),
        a.documents,
        a.units
    );
    let ci = |c: &Option<[f64; 2]>| {
        c.map(|[lo, hi]| format!(" (95% CI {lo:.3} to {hi:.3})"))
            .unwrap_or_default()
    };
    println!(
        "status: Krippendorff's alpha {}{}; Fleiss' kappa {}",
        figure(&a.status.krippendorff_alpha),
        ci(&a.status.alpha_ci95),
        figure(&a.status.fleiss_kappa)
    );
    for p in &a.status.pairs {
        println!(
            "  {} / {}: Cohen's kappa {}, agreement {} over {} units",
            p.a,
            p.b,
            figure(&p.cohen_kappa),
            figure(&p.percent_agreement),
            p.n
        );
    }
    println!(
        "speaker: Krippendorff's alpha {}{}",
        figure(&a.speaker.krippendorff_alpha),
        ci(&a.speaker.alpha_ci95)
    );
    println!(
        "spans: unitizing alpha {}",
        figure(&a.spans.unitizing_alpha)
    );
    for p in &a.spans.pairs {
        println!(
            "  {} / {}: F1 exact {}, F1 overlap {}",
            p.a,
            p.b,
            figure(&p.f1_exact),
            figure(&p.f1_overlap)
        );
    }
}

/// `--format` takes the names of the export formats' table, and its help lists them.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = ExportFormat> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(FORMATS.iter().map(|f| f.name))
        .map(|name| ExportFormat::parse(&name).expect("a name from the table"))
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s)
        .ok_or_else(|| format!("unknown status {s:?}; one of: attributed, disputed, unverified"))
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
