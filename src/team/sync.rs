//! One sync of a linked project: push what is pending (shared rows, then coding), pull the
//! team's log after the last version applied, page by page, then compare the team's summary
//! with the project; a mismatch pulls everything again from the start. Each step is one
//! transaction of the project, and the project is only held for those steps, never while
//! waiting on the network (the app keeps coding while it syncs).

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::client::{Client, TeamAddress};
use super::tokens;
use crate::error::{Error, Result};
use crate::project::{Project, PullTally, PushPhase, PushTally, TeamStatus};
use crate::store::team::Link;

/// Changes asked for per page of the team's log.
const PAGE: u32 = 1000;
/// How often a sync compares summaries (and pulls again when others pushed meanwhile).
const CHECKS: usize = 3;

/// How a sync reaches the project: a CLI owns it; the app holds it behind a lock, taken for
/// each step only.
pub trait ProjectAccess {
    fn with<T>(&mut self, f: impl FnOnce(&mut Project) -> Result<T>) -> Result<T>;
}

impl ProjectAccess for Project {
    fn with<T>(&mut self, f: impl FnOnce(&mut Project) -> Result<T>) -> Result<T> {
        f(self)
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncReport {
    pub pushed: PushTally,
    pub pulled: PullTally,
    /// The summaries differed and everything was pulled again from the start.
    pub full_resync: bool,
    /// Claims the team had no trace of, pushed again.
    pub repushed: u32,
    /// The team's summary matched the project at the end.
    pub verified: bool,
    pub status: Option<TeamStatus>,
}

/// Links `project` to the team project at `url` with `token` (asking the server who the token
/// is), and keeps the token in `tokens_file`.
pub fn link(project: &mut Project, url: &str, token: &str, tokens_file: &Path) -> Result<Link> {
    let address = TeamAddress::parse(url)?;
    let client = Client::new(address.clone(), token)?;
    let me = client.me()?;
    if me.project_id != address.project_id {
        return Err(Error::TeamRefused(format!(
            "this token is for team project {}, not {}",
            me.project_id, address.project_id
        )));
    }
    tokens::store(tokens_file, &address.url(), Some(token.trim()))?;
    project.link_team(&address.server, &me)
}

/// The client of the team project `project` is linked to, with the token kept for it.
pub fn client_for(link: &Link, tokens_file: &Path) -> Result<Client> {
    let (address, token) = address_and_token(link, tokens_file)?;
    Client::new(address, &token)
}

/// The team project of `link` and the token kept for it.
fn address_and_token(link: &Link, tokens_file: &Path) -> Result<(TeamAddress, String)> {
    let address = TeamAddress {
        server: link.server.clone(),
        project_id: link.project_id.clone(),
    };
    let token = tokens::load(tokens_file, &address.url())?.ok_or_else(|| {
        Error::TeamRefused(format!(
            "no token for {} is kept on this machine: link again with --token",
            address.url()
        ))
    })?;
    Ok((address, token))
}

/// The client of the linked team project, for one that syncs again and again (the app): kept
/// while the link and its token stay the same. Making one loads the system's certificates
/// (~36 ms here, at every sync before), and a kept one reuses its connections to the server.
#[derive(Default)]
pub struct KeptClient {
    kept: Option<(TeamAddress, String, Arc<Client>)>,
}

impl KeptClient {
    /// The client for `link` with the token kept for it now, made anew when either changed.
    pub fn for_link(&mut self, link: &Link, tokens_file: &Path) -> Result<Arc<Client>> {
        let (address, token) = address_and_token(link, tokens_file)?;
        if let Some((a, t, client)) = &self.kept {
            if *a == address && *t == token {
                return Ok(Arc::clone(client));
            }
        }
        let client = Arc::new(Client::new(address.clone(), &token)?);
        self.kept = Some((address, token, Arc::clone(&client)));
        Ok(client)
    }
}

/// Syncs once; records in the project when it ended and why not, if it failed.
pub fn run(access: &mut impl ProjectAccess, client: &Client) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    let result = sync(access, client, &mut report);
    let error = result.as_ref().err().map(ToString::to_string);
    access.with(|p| p.team_sync_ended(error.as_deref()))?;
    result?;
    report.status = Some(access.with(|p| p.team_status())?);
    Ok(report)
}

fn sync(access: &mut impl ProjectAccess, client: &Client, report: &mut SyncReport) -> Result<()> {
    push(access, client, report)?;
    pull(access, client, &mut report.pulled, None)?;
    for _ in 0..CHECKS {
        let summary = client.summary()?;
        let pulled = access.with(|p| Ok(p.team_link()?.map_or(0, |l| l.pulled)))?;
        if summary.latest > pulled {
            // Others pushed since: catch up before comparing.
            pull(access, client, &mut report.pulled, None)?;
            continue;
        }
        if access.with(|p| p.team_summary_matches(&summary))? {
            report.verified = true;
            return Ok(());
        }
        report.full_resync = true;
        access.with(|p| p.team_restart_pull())?;
        let mut seen = HashSet::new();
        pull(access, client, &mut report.pulled, Some(&mut seen))?;
        report.repushed += access.with(|p| p.team_repush_unseen(&seen))?;
        push(access, client, report)?;
    }
    Ok(())
}

fn push(access: &mut impl ProjectAccess, client: &Client, report: &mut SyncReport) -> Result<()> {
    for phase in [PushPhase::Shared, PushPhase::Coding] {
        while let Some(batch) = access.with(|p| p.team_outgoing(phase))? {
            // Sent as kept: after a lost answer the server answers the same batch again.
            let answer = client.push(&batch.body)?;
            let tally = access.with(|p| p.team_apply_answer(&batch, &answer))?;
            report.pushed.add(&tally);
        }
    }
    Ok(())
}

fn pull(
    access: &mut impl ProjectAccess,
    client: &Client,
    tally: &mut PullTally,
    mut seen: Option<&mut HashSet<String>>,
) -> Result<()> {
    loop {
        let after = access.with(|p| Ok(p.team_link()?.map_or(0, |l| l.pulled)))?;
        let page = client.changes(after, PAGE)?;
        let more = page.has_more && !page.changes.is_empty();
        tally.add(access.with(|p| p.team_apply_page(&page, seen.as_deref_mut()))?);
        if !more {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{tokens, KeptClient};
    use crate::store::team::Link;
    use crate::team::wire::Role;

    fn link(project_id: &str) -> Link {
        Link {
            server: "http://127.0.0.1:9".into(),
            project_id: project_id.into(),
            member: "m1".into(),
            role: Role::Coder,
            pulled: 0,
            linked_at: "2026-12-03T00:00:00Z".into(),
            last_synced: None,
            last_error: None,
        }
    }

    #[test]
    fn a_kept_client_serves_every_sync_until_the_link_or_its_token_changes() {
        let dir = tempfile::tempdir().unwrap();
        let tokens_file = dir.path().join("team-tokens.json");
        let mut kept = KeptClient::default();
        let err = kept.for_link(&link("P1"), &tokens_file).err().unwrap();
        assert!(
            err.to_string()
                .contains("no token for http://127.0.0.1:9/P1"),
            "{err}"
        );

        tokens::store(&tokens_file, "http://127.0.0.1:9/P1", Some("cc1.a.b")).unwrap();
        let first = kept.for_link(&link("P1"), &tokens_file).unwrap();
        let again = kept.for_link(&link("P1"), &tokens_file).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same client for the same link and token"
        );

        tokens::store(&tokens_file, "http://127.0.0.1:9/P1", Some("cc1.c.d")).unwrap();
        let new_token = kept.for_link(&link("P1"), &tokens_file).unwrap();
        assert!(
            !Arc::ptr_eq(&first, &new_token),
            "a new token makes a new client"
        );

        tokens::store(&tokens_file, "http://127.0.0.1:9/P2", Some("cc1.c.d")).unwrap();
        let other = kept.for_link(&link("P2"), &tokens_file).unwrap();
        assert!(
            !Arc::ptr_eq(&new_token, &other),
            "another team project, another client"
        );
        assert_eq!(other.address().project_id, "P2");
    }
}
