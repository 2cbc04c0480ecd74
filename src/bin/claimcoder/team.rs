//! `team`: linking a project to a team project, syncing it, and where it stands.

use claimcoder::paths;
use claimcoder::project::TeamStatus;
use claimcoder::team::{self, sync::client_for, SyncReport};
use claimcoder::{Error, Project};
use clap::Subcommand;

use crate::print;

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Link this project to a team project (the address and token its lead gave you). The
    /// token is kept in your config folder, not in the project file.
    Link {
        /// https://HOST:PORT/PROJECT_ID (or http:// on a private network)
        url: String,
        /// Your token (cc1.…); also read from $CLAIMCODER_TEAM_TOKEN.
        #[arg(long, env = "CLAIMCODER_TEAM_TOKEN", hide_env_values = true)]
        token: String,
        #[arg(long)]
        json: bool,
    },
    /// Push what changed here, pull what the team changed, and check both agree.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Where the link stands: who you are, what is pending, the last sync and any error.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Forget the link (the project keeps everything it has).
    Unlink,
}

pub fn run(project: &mut Project, command: TeamCommand) -> claimcoder::Result<()> {
    let tokens = paths::team_tokens_file();
    match command {
        TeamCommand::Link { url, token, json } => {
            team::link(project, &url, &token, &tokens)?;
            let status = project.team_status()?;
            if json {
                print::json(&status);
            } else {
                outln!(
                    "linked to {} as {} ({}); run `claimcoder team sync`",
                    status.url,
                    status.member,
                    status.role
                );
                warn_if_other_coder(project, &status);
            }
        }
        TeamCommand::Sync { json } => {
            let link = project.team_link()?.ok_or(Error::NotLinked)?;
            let client = client_for(&link, &tokens)?;
            let report = team::run(project, &client)?;
            if json {
                print::json(&report);
            } else {
                print_report(&report);
            }
        }
        TeamCommand::Status { json } => {
            let status = project.team_status()?;
            if json {
                print::json(&status);
            } else {
                print_status(&status);
                warn_if_other_coder(project, &status);
            }
        }
        TeamCommand::Unlink => {
            let link = project.team_link()?.ok_or(Error::NotLinked)?;
            project.unlink_team()?;
            let url = format!("{}/{}", link.server, link.project_id);
            claimcoder::team::tokens::store(&tokens, &url, None)?;
            outln!("unlinked from {url}");
        }
    }
    Ok(())
}

/// Claims are pushed as the token's member: someone coding here under another name would
/// see their claims stay behind.
fn warn_if_other_coder(project: &Project, status: &TeamStatus) {
    if let Some(c) = project.coder() {
        if !c.name.eq_ignore_ascii_case(&status.member) {
            eprintln!(
                "note: you are coding as {:?} but linked as {:?}: only {:?}'s claims are pushed (code with --as {:?})",
                c.name, status.member, status.member, status.member
            );
        }
    }
}

fn print_report(r: &SyncReport) {
    let p = &r.pushed;
    outln!(
        "pushed: {} accepted, {} unchanged, {} matched, {} stale, {} refused",
        p.accepted,
        p.unchanged,
        p.matched,
        p.stale,
        p.refused
    );
    let q = &r.pulled;
    outln!(
        "pulled: {} documents, {} speakers, {} claims, {} deleted, {} decisions; {} kept (newer here)",
        q.documents, q.speakers, q.claims, q.deleted, q.decisions, q.kept_local
    );
    for problem in &q.problems {
        outln!("  not applied: {problem}");
    }
    if r.full_resync {
        outln!(
            "the team's summary differed: pulled everything again ({} claims pushed again)",
            r.repushed
        );
    }
    outln!(
        "{}",
        if r.verified {
            "checked: this project matches the team project"
        } else {
            "not checked: the team kept changing; sync again"
        }
    );
    if let Some(s) = &r.status {
        print_status(s);
    }
}

fn print_status(s: &TeamStatus) {
    outln!("team project: {}", s.url);
    outln!("you: {} ({})", s.member, s.role);
    outln!("pulled up to version {}", s.pulled);
    outln!("pending here: {}", s.pending);
    outln!(
        "last synced: {}",
        s.last_synced.as_deref().unwrap_or("never")
    );
    if let Some(e) = &s.last_error {
        outln!("last error: {e}");
    }
    for r in &s.refused {
        outln!("refused: {} {}: {} ({})", r.kind, r.id, r.message, r.code);
    }
}
