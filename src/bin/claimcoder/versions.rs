//! Versions of an article, the claims carried to them, and search: `import --version-of`,
//! `doc versions`, `orphans`, `orphan place|discard`, `placement confirm`, `search`.

use std::path::PathBuf;

use claimcoder::model::{ClaimId, DocumentId};
use claimcoder::Project;
use clap::Subcommand;

use crate::print;

/// `import FILE --version-of DOC`: the file as the next version of DOC, its claims carried.
pub fn import_version(
    project: &mut Project,
    files: &[PathBuf],
    of: &str,
    json: bool,
) -> claimcoder::Result<()> {
    let [file] = files else {
        return Err(claimcoder::Error::InvalidOption(format!(
            "--version-of takes one file, not {}",
            files.len()
        )));
    };
    let done = project.import_version_file(&DocumentId(of.to_owned()), file)?;
    if json {
        print::json(&done);
        return Ok(());
    }
    outln!(
        "{}\tversion {}\t{}",
        done.document.id,
        done.document.version,
        done.document.title
    );
    outln!(
        "claims carried: {} exact, {} moved, {} fuzzy, {} orphaned; {} to review",
        done.exact,
        done.moved,
        done.fuzzy,
        done.orphaned,
        done.to_review
    );
    for c in &done.carried {
        let at = match (c.start, c.end) {
            (Some(s), Some(e)) => format!("{s}..{e}"),
            _ => "-".into(),
        };
        let review = c.review.map(|r| r.as_str()).unwrap_or("");
        outln!(
            "{}\t{}\t{}\t{}\tfrom {}",
            c.claim,
            c.placement.as_str(),
            at,
            review,
            c.from_claim
        );
    }
    Ok(())
}

/// `doc versions DOC`.
pub fn list_versions(project: &Project, id: String, json: bool) -> claimcoder::Result<()> {
    let versions = project.versions(&DocumentId(id))?;
    if json {
        print::json(&versions);
    } else {
        for v in versions {
            outln!(
                "{}\tversion {}\t{} claims\t{} orphaned\t{} to review\t{}",
                v.id,
                v.version,
                v.claim_count,
                v.orphan_count,
                v.review_count,
                v.title
            );
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum OrphanCommand {
    /// Re-place an orphaned claim on the passage START..END of its version.
    Place { id: String, start: u32, end: u32 },
    /// Let an orphaned claim go.
    Discard { id: String },
}

/// `orphans [--doc ID]`: the claims whose words were gone from the version they were carried to.
pub fn list_orphans(project: &Project, doc: Option<String>, json: bool) -> claimcoder::Result<()> {
    let orphans = project.orphans(doc.map(DocumentId).as_ref())?;
    if json {
        print::json(&orphans);
    } else {
        for o in orphans {
            outln!(
                "{}\t{}\t{}\t{}",
                o.id,
                o.document,
                o.status.as_str(),
                print::excerpt(&o.quote, 60)
            );
        }
    }
    Ok(())
}

pub fn run_orphan(project: &mut Project, command: OrphanCommand) -> claimcoder::Result<()> {
    match command {
        OrphanCommand::Place { id, start, end } => {
            let id = ClaimId(id);
            let orphan = project
                .orphans(None)?
                .into_iter()
                .find(|o| o.id == id)
                .ok_or_else(|| claimcoder::Error::NotFound {
                    entity: "orphaned claim",
                    id: id.to_string(),
                })?;
            let quote = crate::claims::quote(project, &orphan.document, start, end)?;
            let c = project.replace_orphan(&id, start, end, &quote)?;
            outln!("{}\t{}..{}\t{}", c.id, c.start, c.end, c.quote);
        }
        OrphanCommand::Discard { id } => {
            let o = project.discard_orphan(&ClaimId(id))?;
            outln!("discarded {}\t{}", o.id, print::excerpt(&o.quote, 60));
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum PlacementCommand {
    /// The claim is where it should be: it leaves the list to review.
    Confirm { claim: String },
}

pub fn run_placement(project: &mut Project, command: PlacementCommand) -> claimcoder::Result<()> {
    let PlacementCommand::Confirm { claim } = command;
    let p = project.confirm_placement(&ClaimId(claim))?;
    outln!("{}	{}	confirmed", p.claim, p.placement.as_str());
    Ok(())
}

/// `search QUERY`.
pub fn search(project: &Project, query: &[String], json: bool) -> claimcoder::Result<()> {
    let hits = project.search(&query.join(" "))?;
    if hits.len() == claimcoder::project::MAX_SEARCH_HITS {
        eprintln!(
            "(the first {} texts found; add words to narrow the search)",
            claimcoder::project::MAX_SEARCH_HITS
        );
    }
    if json {
        print::json(&hits);
    } else {
        for h in hits {
            let at: Vec<String> = h
                .matches
                .iter()
                .map(|m| format!("{}..{}", m.start, m.end))
                .collect();
            let place = match &h.claim {
                Some(c) => format!("note of claim {c}"),
                None => "text".into(),
            };
            outln!(
                "{}\t{}\t{}\t{}\t{}",
                h.document,
                place,
                at.join(","),
                h.title,
                print::excerpt(&h.snippet, 80)
            );
        }
    }
    Ok(())
}
