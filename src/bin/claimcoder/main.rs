//! The command-line tool: argument parsing and printing; every operation is the core's.

#[macro_use]
mod print;
mod agreement;
mod claims;
mod exchange;
mod review;
mod speakers;
mod team;
mod versions;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use claimcoder::import::ReadOptions;
use claimcoder::project::FileOutcome;

use claimcoder::interchange::{ExportFormat, ExportScope};
use claimcoder::model::{Document, DocumentEdit, DocumentId, Source, Status};
use claimcoder::project::backups::{self, Backup};
use claimcoder::project::AgreementOptions;
use claimcoder::settings::Settings;
use claimcoder::{paths, Project};
use clap::{Parser, Subcommand};

use claims::{parse_status, ClaimCommand};
use review::ReviewCommand;
use speakers::SpeakerCommand;
use team::TeamCommand;

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
    /// Open the project without writing to it at all (a damaged project can still be read and
    /// exported this way); every change is refused.
    #[arg(long, global = true)]
    read_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the project (with the sample article when it is the default project).
    Init,
    /// Import files and folders (recursively): .txt, .md, .html/.htm, .docx. Each file is
    /// imported on its own and its outcome printed (imported, duplicate of a document already
    /// there, or skipped and why); the exit status is non-zero when any file was skipped.
    Import {
        #[arg(required = true, value_name = "PATH")]
        files: Vec<PathBuf>,
        /// Import the file as the next version of this document, carrying its claims over.
        #[arg(long, value_name = "DOC")]
        version_of: Option<String>,
        /// Drop the site chrome found at the start and end of plain-text files ("Previous
        /// Article", "Leave a Comment", "Share"…); `chrome FILE` shows what would go.
        #[arg(long)]
        trim_chrome: bool,
        /// Print the outcomes (or, with --version-of, what carrying the claims over did) as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the lines of a text file that look like site chrome (what `import --trim-chrome`
    /// drops), with their line numbers.
    Chrome { file: PathBuf },
    /// Import text from standard input as a document (as the app's "Paste…").
    Paste {
        /// The title (default: the text's first line).
        #[arg(long)]
        title: Option<String>,
    },
    /// List the documents.
    Docs {
        #[arg(long)]
        json: bool,
    },
    /// One document: its title, source and text.
    Doc {
        #[command(subcommand)]
        command: DocCommand,
    },
    /// Backups of the project, kept beside your data (not beside the project).
    Backup {
        #[command(subcommand)]
        command: BackupCommand,
    },
    /// List the coders.
    Coders {
        #[arg(long)]
        json: bool,
    },
    /// Export claims (all, or one coder's, some documents', some statuses').
    Export {
        /// The format (json is Claimcoder's annotation set).
        #[arg(long, value_parser = exchange::format_parser())]
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
    /// Review: units, decisions and the audit trail.
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
    /// Claims carried to a new version whose words were gone, waiting to be re-placed.
    Orphans {
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Re-place or discard an orphaned claim.
    Orphan {
        #[command(subcommand)]
        command: versions::OrphanCommand,
    },
    /// Mark a carried claim placed on a guess (fuzzy or ambiguous) as checked.
    Placement {
        #[command(subcommand)]
        command: versions::PlacementCommand,
    },
    /// Find words in every document's text and every claim's note.
    Search {
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Code, edit or delete one claim.
    Claim {
        #[command(subcommand)]
        command: ClaimCommand,
    },
    /// List the speakers with their kinds and aliases.
    Speakers {
        #[arg(long)]
        json: bool,
    },
    /// Add, edit, alias or merge speakers.
    Speaker {
        #[command(subcommand)]
        command: SpeakerCommand,
    },
    /// Sync with a team project on a team server: link, sync, status, unlink.
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Make a backup now (older ones are thinned: all of today and yesterday, then one a day
    /// for 12 days, one a week for 10 weeks, one a month for 9 months).
    Create {
        #[arg(long)]
        json: bool,
    },
    /// The backups, newest first, with what each holds.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Put a backup in place of the project (close the app first); the current file is
    /// backed up before.
    Restore {
        backup: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum DocCommand {
    /// List the versions of a document's article, first to latest.
    Versions {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Show a document: its title and source, then its text.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a document; one with claims only with --with-claims, one with review decisions
    /// never (the audit trail keeps it).
    Rm {
        id: String,
        #[arg(long)]
        with_claims: bool,
    },
    /// Add or remove a document's tags.
    Tag {
        id: String,
        #[arg(long = "add", value_name = "TAG")]
        add: Vec<String>,
        #[arg(long = "remove", value_name = "TAG")]
        remove: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a document's title or source (its text never changes); "" clears a field.
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        /// The publisher or site name.
        #[arg(long, alias = "site")]
        publisher: Option<String>,
        #[arg(long)]
        author: Option<String>,
        /// The publication date, as the source gives it.
        #[arg(long)]
        published: Option<String>,
        #[arg(long)]
        url: Option<String>,
        /// The article's language (a tag such as "en" or "ru-RU").
        #[arg(long = "lang")]
        language: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimcoder: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> claimcoder::Result<ExitCode> {
    let path = cli.project.clone().unwrap_or_else(paths::startup_project);
    // A restore replaces the file, so it runs before anything opens it.
    if let Command::Backup {
        command: BackupCommand::Restore { backup, json },
    } = &cli.command
    {
        let kept = backups::restore(&path, backup)?;
        if *json {
            print::json(&kept);
        } else {
            outln!("restored {} over {}", backup.display(), path.display());
            match kept {
                backups::Kept::Nothing => {}
                backups::Kept::Backup(k) => {
                    outln!("the file as it was is backed up as {}", k.path)
                }
                backups::Kept::Copy { path, reason } => {
                    outln!("the file as it was ({reason}) is kept as {path}")
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut project = if cli.read_only {
        Project::open_read_only(&path)?
    } else if cli.project.is_none() {
        Project::open_with_sample(&path)?
    } else {
        Project::open(&path)?
    };
    let settings = Settings::load(&paths::settings_file());
    if let Some(name) = settings.coder_name(cli.as_coder.as_deref()) {
        project.set_coder(&name)?;
    }
    let mut exit = ExitCode::SUCCESS;
    match cli.command {
        Command::Init => outln!("{}", path.display()),
        Command::Import {
            files,
            version_of: Some(of),
            json,
            ..
        } => versions::import_version(&mut project, &files, &of, json)?,
        Command::Import {
            files,
            version_of: None,
            trim_chrome,
            json,
        } => {
            let report = project.import_paths(
                &files,
                ReadOptions { trim_chrome },
                &mut |_| {},
                &AtomicBool::new(false),
            );
            if json {
                print::json(&report.files);
            } else {
                for f in &report.files {
                    match &f.outcome {
                        FileOutcome::Imported { document } => {
                            outln!("imported\t{}\t{}\t{}", document.id, f.path, document.title)
                        }
                        FileOutcome::Duplicate { of } => {
                            outln!(
                                "duplicate\t{}\t{}\tsame text as {:?}",
                                of.id, f.path, of.title
                            )
                        }
                        FileOutcome::NewVersion {
                            document,
                            of,
                            carried,
                            orphaned,
                        } => outln!(
                            "version {}\t{}\t{}\tof {:?}: {carried} claims carried, {orphaned} orphaned",
                            document.version, document.id, f.path, of.title
                        ),
                        FileOutcome::Skipped { error, .. } => {
                            outln!("skipped\t-\t{}\t{}", f.path, error.message)
                        }
                    }
                }
            }
            let failed: Vec<&str> = report
                .files
                .iter()
                .filter(|f| f.failed())
                .map(|f| f.path.as_str())
                .collect();
            if report.files.is_empty() {
                eprintln!("claimcoder: no .txt, .md, .html or .docx files were found");
                exit = ExitCode::FAILURE;
            } else if !failed.is_empty() {
                eprintln!(
                    "claimcoder: {} of {} files were not imported: {}",
                    failed.len(),
                    report.files.len(),
                    failed.join(", ")
                );
                exit = ExitCode::FAILURE;
            }
        }
        Command::Chrome { file } => {
            for l in claimcoder::import::chrome::chrome_of_file(&file)? {
                outln!("{}\t{}", l.line, l.text);
            }
        }
        Command::Paste { title } => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
                claimcoder::Error::Io {
                    context: "cannot read standard input".into(),
                    source: e,
                }
            })?;
            let d = project.import_text(title.as_deref(), &text)?;
            outln!("{}\t{}", d.id, d.title);
        }
        Command::Doc {
            command:
                DocCommand::Edit {
                    id,
                    title,
                    publisher,
                    author,
                    published,
                    url,
                    language,
                    json,
                },
        } => {
            let d = project.document(&DocumentId(id))?;
            let or = |new: Option<String>, old: Option<String>| new.or(old);
            let d = project.edit_document(DocumentEdit {
                id: d.id,
                tags: d.tags,
                title: title.unwrap_or(d.title),
                source: Source {
                    url: or(url, d.source.url),
                    publisher: or(publisher, d.source.publisher),
                    author: or(author, d.source.author),
                    published: or(published, d.source.published),
                    language: or(language, d.source.language),
                },
            })?;
            show_document(&d, json);
        }
        Command::Doc {
            command:
                DocCommand::Tag {
                    id,
                    add,
                    remove,
                    json,
                },
        } => {
            let d = project.document(&DocumentId(id))?;
            let mut tags: Vec<String> = d
                .tags
                .into_iter()
                .filter(|t| !remove.iter().any(|r| r.trim().eq_ignore_ascii_case(t)))
                .collect();
            tags.extend(add);
            let d = project.edit_document(DocumentEdit {
                id: d.id,
                title: d.title,
                source: d.source,
                tags,
            })?;
            show_document(&d, json);
        }
        Command::Doc {
            command: DocCommand::Rm { id, with_claims },
        } => {
            let gone = project.delete_document(&DocumentId(id), with_claims)?;
            outln!(
                "deleted {}\t{} claims\t{}",
                gone.id,
                gone.claim_count,
                gone.title
            );
        }
        Command::Doc {
            command: DocCommand::Show { id, json },
        } => show_document(&project.document(&DocumentId(id))?, json),
        Command::Backup { command } => match command {
            BackupCommand::Create { json } => {
                let b = project.create_backup()?;
                if json {
                    print::json(&b);
                } else {
                    print_backup(&b);
                }
            }
            BackupCommand::List { json } => {
                let all = project.backups()?;
                if json {
                    print::json(&all);
                } else {
                    all.iter().for_each(print_backup);
                }
            }
            BackupCommand::Restore { .. } => unreachable!("restored before the project opened"),
        },
        Command::Coders { json } => {
            let coders = project.coders()?;
            if json {
                print::json(&coders);
            } else {
                for c in &coders {
                    outln!("{}\t{}", c.id, c.name);
                }
            }
        }
        Command::Docs { json } => {
            let docs = project.documents()?;
            if json {
                print::json(&docs);
            } else {
                for d in docs {
                    outln!("{}\t{} claims\t{}", d.id, d.claim_count, d.title);
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
            outln!(
                "wrote {} claims on {} documents to {}",
                done.claims,
                done.documents,
                done.path
            );
        }
        Command::ImportSet {
            files,
            partial,
            json,
        } => {
            let reports = project.import_set_files(&files, partial);
            if json {
                print::json(&reports);
            } else {
                for r in &reports {
                    exchange::print_report(r);
                }
            }
            return exchange::outcome(&reports).map(|()| ExitCode::SUCCESS);
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
                print::json(&report);
            } else {
                agreement::print(&report);
            }
        }
        Command::Review { command } => review::run(&mut project, command)?,
        Command::Claims { doc, json } => claims::list(&project, doc, json)?,
        Command::Claim { command } => claims::run(&mut project, command)?,
        Command::Orphans { doc, json } => versions::list_orphans(&project, doc, json)?,
        Command::Orphan { command } => versions::run_orphan(&mut project, command)?,
        Command::Placement { command } => versions::run_placement(&mut project, command)?,
        Command::Search { query, json } => versions::search(&project, &query, json)?,
        Command::Doc {
            command: DocCommand::Versions { id, json },
        } => versions::list_versions(&project, id, json)?,
        Command::Speakers { json } => speakers::list(&project, json)?,
        Command::Speaker { command } => speakers::run(&mut project, command)?,
        Command::Team { command } => team::run(&mut project, command)?,
    }
    Ok(exit)
}

/// A document for people (title, source, text) or for scripts (JSON).
fn show_document(d: &Document, json: bool) {
    if json {
        print::json(d);
        return;
    }
    outln!("{}\n{}", d.title, "=".repeat(d.title.chars().count()));
    let source = [
        &d.source.publisher,
        &d.source.author,
        &d.source.published,
        &d.source.url,
        &d.source.language,
    ];
    let known: Vec<&str> = source.iter().filter_map(|s| s.as_deref()).collect();
    if !known.is_empty() {
        outln!("{}", known.join(" · "));
    }
    if !d.tags.is_empty() {
        outln!("tags: {}", d.tags.join(", "));
    }
    outln!("\n{}", d.text);
}

fn print_backup(b: &Backup) {
    outln!(
        "{}\t{} documents\t{} claims\t{}",
        b.created,
        b.documents,
        b.claims,
        b.path
    );
}
