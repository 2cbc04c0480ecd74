//! The project's side of syncing with a team project: what to push (from the pending marks),
//! what the answers mean here, and the team's changes applied through the same checked paths as
//! everything else. No HTTP here: `team::sync` drives these steps, and each is one transaction,
//! so a sync cut at any point leaves the project whole and resumes where it stopped.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{add_document_as, claim_writes, Project, GOLD_CODER};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    now, Chosen, Claim, ClaimId, CoderId, Decision, DocumentId, NewDocument, Source, Speaker,
    SpeakerId,
};
use crate::store::changes::{self, Action};
use crate::store::team::{self as rows, InFlight, Link, Refusal};
use crate::store::{claims, coders, decisions, documents, speakers};
use crate::team::wire::{
    Change, ChangesPage, Me, Outcome, PushRequest, PushResponse, Role, Summary, WireClaim,
    WireDecision, WireDocument, WireSource, WireSpeaker,
};
use crate::text::IndexedText;

/// The most changes one push carries, and about the most bytes (the server takes 5,000 and
/// 8 MiB).
const BATCH_ITEMS: usize = 1000;
const BATCH_BYTES: usize = 4 * 1024 * 1024;

/// What a push sends: shared rows (documents, speakers) first, then the rows that point at
/// them (claims, decisions), so that a speaker the team merged is re-pointed before a claim
/// names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushPhase {
    Shared,
    Coding,
}

/// Where a project's link stands, for `team status` and the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamStatus {
    /// The team project's address (`https://HOST:PORT/PROJECT_ID`).
    pub url: String,
    pub member: String,
    pub role: String,
    /// The last version of the team's log applied here (a JavaScript number holds it exactly
    /// up to 2^53).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub pulled: i64,
    /// Rows changed here and not yet acknowledged by the server.
    pub pending: u32,
    pub linked_at: String,
    pub last_synced: Option<String>,
    /// Why the last sync did not finish, if it did not.
    pub last_error: Option<String>,
    /// Rows the server refused, with why.
    pub refused: Vec<Refusal>,
}

/// What applying a push's answer did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PushTally {
    pub accepted: u32,
    pub unchanged: u32,
    /// Edits that lost to a newer edit elsewhere (kept on the server; the pull brings the winner).
    pub stale: u32,
    /// Speakers and documents the team already had under another id.
    pub matched: u32,
    pub refused: u32,
}

/// What applying pulled changes did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PullTally {
    pub documents: u32,
    pub speakers: u32,
    pub claims: u32,
    pub deleted: u32,
    pub decisions: u32,
    /// Team changes older than an edit made here and not yet pushed: the edit here stays.
    pub kept_local: u32,
    /// Team changes that could not be applied here, with why.
    pub problems: Vec<String>,
}

impl PullTally {
    pub fn add(&mut self, o: PullTally) {
        self.documents += o.documents;
        self.speakers += o.speakers;
        self.claims += o.claims;
        self.deleted += o.deleted;
        self.decisions += o.decisions;
        self.kept_local += o.kept_local;
        self.problems.extend(o.problems);
    }

    pub fn applied(&self) -> u32 {
        self.documents + self.speakers + self.claims + self.deleted + self.decisions
    }
}

impl PushTally {
    pub fn add(&mut self, o: &PushTally) {
        self.accepted += o.accepted;
        self.unchanged += o.unchanged;
        self.stale += o.stale;
        self.matched += o.matched;
        self.refused += o.refused;
    }
}

impl Project {
    pub fn team_link(&self) -> Result<Option<Link>> {
        self.store.read(rows::link)
    }

    fn linked(&self) -> Result<Link> {
        self.team_link()?.ok_or(Error::NotLinked)
    }

    /// Links this project to the team project at `url` as the member `me` (the server's answer
    /// to the token). Everything the project holds becomes pending: the first sync pushes what
    /// the member may share and pulls the rest. A link to another team project replaces it.
    pub fn link_team(&mut self, server: &str, me: &Me) -> Result<Link> {
        let link = Link {
            server: server.to_owned(),
            project_id: me.project_id.clone(),
            member: me.name.clone(),
            role: me.role,
            pulled: 0,
            linked_at: now(),
            last_synced: None,
            last_error: None,
        };
        self.store.write(|tx| rows::set_link(tx, &link))?;
        self.linked()
    }

    /// Forgets the link; the project keeps everything it holds.
    pub fn unlink_team(&mut self) -> Result<()> {
        self.linked()?;
        self.store.write(|tx| rows::forget(tx))
    }

    pub fn team_status(&self) -> Result<TeamStatus> {
        let link = self.linked()?;
        let (pending, refused) = self.store.read(|c| {
            // A push sent and not answered still waits for the server.
            let sent = rows::in_flight(c)?.map_or(0, |b| b.rows.len() as u32);
            Ok((rows::pending_count(c)? + sent, rows::refused(c)?))
        })?;
        Ok(TeamStatus {
            url: format!("{}/{}", link.server, link.project_id),
            member: link.member,
            role: link.role.as_str().to_owned(),
            pulled: link.pulled,
            pending,
            linked_at: link.linked_at,
            last_synced: link.last_synced,
            last_error: link.last_error,
            refused,
        })
    }

    /// Records how a sync ended.
    pub fn team_sync_ended(&mut self, error: Option<&str>) -> Result<()> {
        let at = now();
        let synced = error.is_none().then_some(at.as_str());
        self.store.write(|tx| rows::set_outcome(tx, synced, error))
    }

    /// The push to send next: the one sent and not answered, if any (it must go again as it
    /// is), else a new batch of `phase`'s pending rows, kept before it is sent. `None` when
    /// there is nothing to push.
    pub fn team_outgoing(&mut self, phase: PushPhase) -> Result<Option<InFlight>> {
        let link = self.linked()?;
        if let Some(b) = self.store.read(rows::in_flight)? {
            return Ok(Some(b));
        }
        self.store.write(|tx| {
            let mut out = Outgoing::default();
            let kinds: &[&str] = match phase {
                PushPhase::Shared => &["document", "speaker"],
                PushPhase::Coding => &["claim", "decision"],
            };
            for kind in kinds {
                for local in rows::pending(tx, kind)? {
                    if out.full() {
                        break;
                    }
                    match outgoing_change(tx, &link, kind, &local)? {
                        Next::Send(change) => out.add(*change, kind, local),
                        // Not ours to send, or nothing the team needs: no longer pending.
                        Next::Drop => rows::clear_pending(tx, kind, &local)?,
                        // Waits for something else to reach the team first.
                        Next::Wait => {}
                    }
                }
            }
            if out.changes.is_empty() {
                return Ok(None);
            }
            for (kind, local) in &out.rows {
                rows::clear_pending(tx, kind, local)?;
            }
            let batch = InFlight {
                batch_id: uuid::Uuid::now_v7().to_string(),
                body: String::new(),
                rows: out.rows,
            };
            let body = serde_json::to_string(&PushRequest {
                batch_id: batch.batch_id.clone(),
                changes: out.changes,
            })
            .expect("changes serialise");
            let batch = InFlight { body, ..batch };
            rows::set_in_flight(tx, Some(&batch))?;
            Ok(Some(batch))
        })
    }

    /// Applies the server's answer to `batch`: versions recorded, team ids taken, refusals
    /// kept. The batch is then no longer in flight.
    pub fn team_apply_answer(
        &mut self,
        batch: &InFlight,
        answer: &PushResponse,
    ) -> Result<PushTally> {
        let mut tally = PushTally::default();
        // Speakers the team had under another id that this project also has under that id:
        // merged here once the answer is in.
        let mut merge_here: Vec<(SpeakerId, SpeakerId)> = Vec::new();
        self.store.write(|tx| {
            for r in &answer.results {
                let Some((kind, local)) = batch.rows.get(r.index) else {
                    continue;
                };
                let version = r.version.unwrap_or(0);
                match r.outcome {
                    Outcome::Accepted | Outcome::Unchanged => {
                        if r.outcome == Outcome::Accepted {
                            tally.accepted += 1;
                        } else {
                            tally.unchanged += 1;
                        }
                        rows::clear_refused(tx, kind, local)?;
                        let deleted =
                            kind == "claim" && claims::find(tx, &ClaimId(local.clone()))?.is_none();
                        if deleted {
                            rows::drop_row(tx, kind, local)?;
                        } else {
                            rows::set_row(tx, kind, local, &r.id, version)?;
                        }
                    }
                    Outcome::Merged | Outcome::Duplicate => {
                        tally.matched += 1;
                        let into = r.into.clone().unwrap_or_else(|| r.id.clone());
                        match rows::local_id(tx, kind, &into)? {
                            Some(other) if &other != local && kind == "speaker" => {
                                merge_here.push((SpeakerId(local.clone()), SpeakerId(other)));
                            }
                            _ => rows::set_row(tx, kind, local, &into, version)?,
                        }
                    }
                    Outcome::Stale => tally.stale += 1,
                    Outcome::Refused => {
                        tally.refused += 1;
                        rows::refuse(
                            tx,
                            &Refusal {
                                kind: kind.clone(),
                                id: local.clone(),
                                code: r.code.clone().unwrap_or_default(),
                                message: r.message.clone().unwrap_or_default(),
                            },
                        )?;
                    }
                }
            }
            rows::set_in_flight(tx, None)
        })?;
        for (from, into) in merge_here {
            // Claims follow to the team's speaker and become pending, so they go out pointing
            // at it. A project without a coder set keeps both until one is.
            if self.coder.is_some() {
                self.merge_speakers(&from, &into)?;
            }
        }
        Ok(tally)
    }

    /// Applies one page of the team's log, in order, in one transaction; the project then
    /// records the page's last version as pulled. `seen`, when given, collects the claims
    /// the team holds (for a full resync).
    pub fn team_apply_page(
        &mut self,
        page: &ChangesPage,
        mut seen: Option<&mut HashSet<String>>,
    ) -> Result<PullTally> {
        let link = self.linked()?;
        let mut tally = PullTally::default();
        let result = self.store.write(|tx| {
            rows::set_applying(tx, true)?;
            let mut texts: HashMap<DocumentId, IndexedText> = HashMap::new();
            // A page holds a few authors' changes: each looked up once.
            let mut authors: HashMap<&str, CoderId> = HashMap::new();
            let mut last = link.pulled;
            for entry in &page.changes {
                if entry.version <= link.pulled {
                    continue;
                }
                last = entry.version;
                if let Some(seen) = seen.as_deref_mut() {
                    if entry.kind == "claim" {
                        if entry.op == "delete" {
                            seen.remove(&entry.id);
                        } else {
                            seen.insert(entry.id.clone());
                        }
                    }
                }
                let by = match authors.get(entry.author.as_str()) {
                    Some(id) => id.clone(),
                    None => {
                        let id = coders::ensure(tx, &entry.author)?.id;
                        authors.insert(&entry.author, id.clone());
                        id
                    }
                };
                let body = entry.body.as_ref().map(|b| b.get()).unwrap_or("null");
                let applied = match (entry.kind.as_str(), entry.op.as_str()) {
                    ("document", "upsert") => parse(body)
                        .and_then(|d| pull_document(tx, &d, entry.version, &by, &mut tally)),
                    ("speaker", "upsert") => parse(body)
                        .and_then(|s| pull_speaker(tx, &s, entry.version, &by, &mut tally)),
                    ("claim", "upsert") => parse(body).and_then(|c| {
                        pull_claim(tx, &c, entry.version, &by, &mut texts, &mut tally)
                    }),
                    ("claim", "delete") => {
                        pull_claim_delete(tx, &entry.id, entry.version, &by, &mut tally)
                    }
                    ("decision", "upsert") => parse(body)
                        .and_then(|d| pull_decision(tx, &d, entry.version, &by, &mut tally)),
                    (kind, op) => Err(Error::TeamServer(format!(
                        "change {} is a {op} of a {kind}, which this version does not know",
                        entry.version
                    ))),
                };
                match applied {
                    Ok(()) => {}
                    Err(e) if matches!(e.code(), ErrorCode::Database | ErrorCode::Io) => {
                        return Err(e)
                    }
                    Err(e) => tally.problems.push(format!(
                        "change {} ({} {}): {e}",
                        entry.version, entry.kind, entry.id
                    )),
                }
            }
            rows::set_applying(tx, false)?;
            rows::set_pulled(tx, last)?;
            Ok(())
        });
        result.map(|()| tally)
    }

    /// Whether the team's `summary` matches what this project holds of it: per coder, the
    /// number of claims and the hash of their ids and versions.
    pub fn team_summary_matches(&self, summary: &Summary) -> Result<bool> {
        let local = self.store.read(rows::synced_claims)?;
        let mut by_owner: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (owner, id, version) in local {
            by_owner
                .entry(owner.to_lowercase())
                .or_default()
                .push(format!("{id}:{version}\n"));
        }
        let mut theirs: BTreeMap<String, (i64, &str)> = BTreeMap::new();
        for o in &summary.owners {
            if o.claims > 0 {
                theirs.insert(o.owner.to_lowercase(), (o.claims, &o.hash));
            }
        }
        if theirs.len() != by_owner.len() {
            return Ok(false);
        }
        for (owner, mut lines) in by_owner {
            let Some((count, hash)) = theirs.get(&owner) else {
                return Ok(false);
            };
            lines.sort_unstable();
            // The server hashes the same lines, in the same order, the same way.
            if *count != lines.len() as i64 || crate::text::sha256_hex(&lines.concat()) != *hash {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Starts a full resync: the next pull starts from the beginning of the team's log.
    pub fn team_restart_pull(&mut self) -> Result<()> {
        self.linked()?;
        self.store.write(|tx| rows::set_pulled(tx, 0))
    }

    /// After a full pull: claims the team has no trace of (its database restored from an
    /// older backup, say) are pushed again.
    pub fn team_repush_unseen(&mut self, seen: &HashSet<String>) -> Result<u32> {
        self.store.write(|tx| {
            let mut n = 0;
            for (local, team) in rows::rows_of(tx, "claim")? {
                if !seen.contains(&team) {
                    rows::drop_row(tx, "claim", &local)?;
                    if claims::find(tx, &ClaimId(local.clone()))?.is_some() {
                        crate::store::exec(
                            tx,
                            "INSERT OR IGNORE INTO team_pending VALUES ('claim', ?1)",
                            [&local],
                        )?;
                        n += 1;
                    }
                }
            }
            Ok(n)
        })
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &str) -> Result<T> {
    serde_json::from_str(body)
        .map_err(|e| Error::TeamServer(format!("a change's body could not be read: {e}")))
}

#[derive(Default)]
struct Outgoing {
    changes: Vec<Change>,
    rows: Vec<(String, String)>,
    bytes: usize,
}

impl Outgoing {
    fn full(&self) -> bool {
        self.changes.len() >= BATCH_ITEMS || self.bytes >= BATCH_BYTES
    }

    fn add(&mut self, change: Change, kind: &str, local: String) {
        self.bytes += match &change {
            Change::Document { document, .. } => document.text.len() + 512,
            Change::Claim { claim, .. } => {
                claim.quote.len() + claim.note.as_ref().map_or(0, String::len) + 512
            }
            _ => 512,
        };
        self.changes.push(change);
        self.rows.push((kind.to_owned(), local));
    }
}

enum Next {
    Send(Box<Change>),
    Drop,
    Wait,
}

fn send(change: Change) -> Next {
    Next::Send(Box::new(change))
}

fn may_write_claims_of(link: &Link, coder: &str) -> bool {
    coder.eq_ignore_ascii_case(&link.member) || (coder == GOLD_CODER && link.role == Role::Reviewer)
}

/// The team's id of a local row: its mapped id, else (a row the team does not have yet) none.
fn team_id(tx: &Connection, kind: &str, local: &str) -> Result<Option<String>> {
    Ok(rows::team_row(tx, kind, local)?.map(|(id, _)| id))
}

/// What to send for a pending row, if anything.
fn outgoing_change(tx: &Connection, link: &Link, kind: &str, local: &str) -> Result<Next> {
    let known = rows::team_row(tx, kind, local)?;
    let base = known.as_ref().map_or(0, |(_, v)| *v);
    let id = known
        .as_ref()
        .map_or_else(|| local.to_owned(), |(id, _)| id.clone());
    Ok(match kind {
        "document" => {
            // Documents never change once shared; the lead shares them.
            if known.is_some() || link.role != Role::Lead {
                return Ok(Next::Drop);
            }
            let doc_id = DocumentId(local.to_owned());
            if !documents::exists(tx, &doc_id)? {
                return Ok(Next::Drop);
            }
            let d = documents::get(tx, &doc_id)?;
            let previous = match documents::previous_of(tx, &doc_id)? {
                Some(p) => match team_id(tx, "document", p.as_str())? {
                    Some(t) => Some(t),
                    None => return Ok(Next::Wait),
                },
                None => None,
            };
            send(Change::Document {
                base_version: 0,
                document: WireDocument {
                    id,
                    sha256: crate::text::sha256_hex(&d.text),
                    title: d.title,
                    text: d.text,
                    source: WireSource {
                        url: d.source.url,
                        publisher: d.source.publisher,
                        author: d.source.author,
                        published: d.source.published,
                        language: d.source.language,
                    },
                    previous_version: previous,
                    tags: d.tags,
                },
            })
        }
        "speaker" => {
            let sid = SpeakerId(local.to_owned());
            if !speakers::is_known(tx, &sid)? {
                return Ok(Next::Drop);
            }
            // Anyone adds a speaker; only the lead edits one the team has.
            if known.is_some() && link.role != Role::Lead {
                return Ok(Next::Drop);
            }
            let s = speakers::get(tx, &sid)?;
            send(Change::Speaker {
                base_version: base,
                speaker: WireSpeaker {
                    id,
                    name: s.name,
                    kind: s.kind,
                    aliases: s.aliases,
                },
            })
        }
        "claim" => match claims::find(tx, &ClaimId(local.to_owned()))? {
            Some(c) => {
                let coder = coder_name(tx, &c.coder)?;
                if !may_write_claims_of(link, &coder) {
                    return Ok(Next::Drop);
                }
                let Some(document) = team_id(tx, "document", c.document.as_str())? else {
                    return Ok(Next::Wait);
                };
                let speaker = match &c.speaker {
                    Some(s) => match team_id(tx, "speaker", s.as_str())? {
                        Some(t) => Some(t),
                        None => return Ok(Next::Wait),
                    },
                    None => None,
                };
                send(Change::Claim {
                    base_version: base,
                    claim: WireClaim {
                        id,
                        document,
                        start: c.start,
                        end: c.end,
                        quote: c.quote,
                        prefix: Some(c.prefix),
                        suffix: Some(c.suffix),
                        status: c.status,
                        speaker,
                        cue: c.cue,
                        note: c.note,
                        coder,
                        created: c.created,
                        modified: c.modified,
                    },
                })
            }
            None => {
                if known.is_none() {
                    return Ok(Next::Drop);
                }
                let before: Option<Claim> = changes::before_last_delete(tx, "claim", local)?;
                let coder = match before {
                    Some(b) => coder_name(tx, &b.coder)?,
                    None => link.member.clone(),
                };
                if !may_write_claims_of(link, &coder) {
                    // Someone else's claim, deleted here only: the team keeps it, and the
                    // summary check brings it back.
                    rows::drop_row(tx, kind, local)?;
                    return Ok(Next::Drop);
                }
                send(Change::ClaimDelete {
                    base_version: base,
                    id,
                    coder,
                    modified: now(),
                })
            }
        },
        "decision" => {
            if link.role != Role::Reviewer {
                return Ok(Next::Drop);
            }
            let Ok(d) = decisions::get(tx, local) else {
                return Ok(Next::Drop);
            };
            let Some(document) = team_id(tx, "document", d.document.as_str())? else {
                return Ok(Next::Wait);
            };
            let mut considered = Vec::with_capacity(d.considered.len());
            for c in &d.considered {
                match team_id(tx, "claim", c.id.as_str())? {
                    Some(t) => considered.push(t),
                    None => return Ok(Next::Wait),
                }
            }
            let result = match &d.result {
                Some(c) => match team_id(tx, "claim", c.id.as_str())? {
                    Some(t) => Some(t),
                    // The gold claim goes first (the claims' batch comes before this one).
                    None if claims::find(tx, &c.id)?.is_some() => return Ok(Next::Wait),
                    None => None,
                },
                None => None,
            };
            send(Change::Decision {
                base_version: base,
                decision: WireDecision {
                    id,
                    document,
                    unit_start: d.unit_start,
                    unit_end: d.unit_end,
                    action: d.action,
                    considered,
                    result,
                    reason: d.reason,
                    decided_at: d.decided_at,
                    undone_at: d.undone_at,
                },
            })
        }
        _ => Next::Drop,
    })
}

fn coder_name(tx: &Connection, id: &CoderId) -> Result<String> {
    Ok(crate::store::query_row(
        tx,
        "SELECT name FROM coders WHERE id = ?1",
        [id.as_str()],
        |r| r.get(0),
    )?)
}

/// The local row for the team's `id`: mapped, else the same id if this project has it.
fn local_of(tx: &Connection, kind: &str, id: &str) -> Result<Option<String>> {
    rows::local_id(tx, kind, id)
}

/// Whether this project has the row at `version` or later already (its own push, pulled back).
fn already_has(tx: &Connection, kind: &str, local: &str, version: i64) -> Result<bool> {
    Ok(rows::team_row(tx, kind, local)?.is_some_and(|(_, v)| v >= version))
}

fn pull_document(
    tx: &Connection,
    d: &WireDocument,
    version: i64,
    by: &CoderId,
    tally: &mut PullTally,
) -> Result<()> {
    if let Some(local) = local_of(tx, "document", &d.id)? {
        return rows::set_row(tx, "document", &local, &d.id, version);
    }
    if let Some(found) = documents::find_by_sha256(tx, &d.sha256)? {
        return rows::set_row(tx, "document", found.as_str(), &d.id, version);
    }
    let new = NewDocument {
        title: d.title.clone(),
        text: d.text.clone(),
        source: Source {
            url: d.source.url.clone(),
            publisher: d.source.publisher.clone(),
            author: d.source.author.clone(),
            published: d.source.published.clone(),
            language: d.source.language.clone(),
        },
    };
    let stored = add_document_as(tx, &d.id, &new, Some(by), Some("the team project"))?;
    if !d.tags.is_empty() {
        documents::set_tags(tx, &stored.id, &d.tags)?;
    }
    if let Some(prev) = &d.previous_version {
        if let Some(local_prev) = local_of(tx, "document", prev)? {
            documents::link_version(tx, &stored.id, &DocumentId(local_prev))?;
        }
    }
    rows::set_row(tx, "document", stored.id.as_str(), &d.id, version)?;
    tally.documents += 1;
    Ok(())
}

fn pull_speaker(
    tx: &Connection,
    s: &WireSpeaker,
    version: i64,
    by: &CoderId,
    tally: &mut PullTally,
) -> Result<()> {
    let local = match local_of(tx, "speaker", &s.id)? {
        Some(l) => Some(l),
        None => {
            let mut found = None;
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                if let Some(id) = speakers::find_by_name(tx, name)? {
                    found = Some(id.0);
                    break;
                }
            }
            found
        }
    };
    let team = Speaker {
        id: SpeakerId(s.id.clone()),
        name: s.name.clone(),
        kind: s.kind,
        aliases: s.aliases.clone(),
    };
    match local {
        Some(local) => {
            let sid = SpeakerId(local.clone());
            let before = speakers::get(tx, &sid)?;
            let after = Speaker {
                id: sid.clone(),
                ..team
            };
            // A name another speaker here holds stays that one's: the rest is taken.
            let name_free = match speakers::find_by_name(tx, &after.name)? {
                Some(other) => other == sid,
                None => true,
            };
            if name_free && before != after && !rows::is_pending(tx, "speaker", &local)? {
                speakers::update(tx, &after)?;
                changes::record(
                    tx,
                    Some(by),
                    "speaker",
                    &local,
                    Action::Update,
                    Some(&before),
                    Some(&after),
                )?;
                tally.speakers += 1;
            }
            rows::set_row(tx, "speaker", &local, &s.id, version)
        }
        None => {
            let id = if speakers::is_known(tx, &team.id)? {
                SpeakerId::generate()
            } else {
                team.id.clone()
            };
            let stored = Speaker { id, ..team };
            speakers::create(tx, &stored, Some(by))?;
            tally.speakers += 1;
            rows::set_row(tx, "speaker", stored.id.as_str(), &s.id, version)
        }
    }
}

fn pull_claim(
    tx: &Connection,
    c: &WireClaim,
    version: i64,
    by: &CoderId,
    texts: &mut HashMap<DocumentId, IndexedText>,
    tally: &mut PullTally,
) -> Result<()> {
    let Some(doc) = local_of(tx, "document", &c.document)? else {
        return Err(Error::NotFound {
            entity: "document",
            id: c.document.clone(),
        });
    };
    let doc = DocumentId(doc);
    let speaker = match &c.speaker {
        Some(s) => Some(SpeakerId(local_of(tx, "speaker", s)?.ok_or_else(|| {
            Error::NotFound {
                entity: "speaker",
                id: s.clone(),
            }
        })?)),
        None => None,
    };
    let local = local_of(tx, "claim", &c.id)?.unwrap_or_else(|| c.id.clone());
    if already_has(tx, "claim", &local, version)? {
        return Ok(());
    }
    let existing = claims::find(tx, &ClaimId(local.clone()))?;
    if let Some(e) = &existing {
        if rows::is_pending(tx, "claim", &local)? && e.modified > c.modified {
            // Edited here after the team's edit: the next push sends it over this version.
            tally.kept_local += 1;
            return rows::set_row(tx, "claim", &local, &c.id, version);
        }
    }
    if !texts.contains_key(&doc) {
        texts.insert(doc.clone(), IndexedText::new(documents::text(tx, &doc)?));
    }
    let text = &texts[&doc];
    let coder = coders::ensure(tx, &c.coder)?.id;
    let claim = Claim {
        id: ClaimId(local.clone()),
        document: doc,
        start: c.start,
        end: c.end,
        quote: c.quote.clone(),
        prefix: String::new(),
        suffix: String::new(),
        status: c.status,
        speaker,
        cue: c.cue,
        note: c.note.clone(),
        coder,
        created: c.created.clone(),
        modified: c.modified.clone(),
    };
    match existing {
        Some(e) if e.document != claim.document => {
            return Err(Error::ClaimExists {
                id: local,
                detail: "here on another document".into(),
            })
        }
        Some(e) => claim_writes::replace(tx, text, Some(by), &e, claim)?,
        None => claim_writes::insert(tx, text, Some(by), Action::Create, claim)?,
    };
    rows::clear_pending(tx, "claim", &local)?;
    tally.claims += 1;
    rows::set_row(tx, "claim", &local, &c.id, version)
}

fn pull_claim_delete(
    tx: &Connection,
    id: &str,
    version: i64,
    by: &CoderId,
    tally: &mut PullTally,
) -> Result<()> {
    let local = local_of(tx, "claim", id)?.unwrap_or_else(|| id.to_owned());
    if already_has(tx, "claim", &local, version)? {
        return Ok(());
    }
    if claims::find(tx, &ClaimId(local.clone()))?.is_some() {
        claim_writes::remove(tx, Some(by), &ClaimId(local.clone()))?;
        tally.deleted += 1;
    }
    rows::clear_pending(tx, "claim", &local)?;
    rows::drop_row(tx, "claim", &local)
}

fn pull_decision(
    tx: &Connection,
    d: &WireDecision,
    version: i64,
    by: &CoderId,
    tally: &mut PullTally,
) -> Result<()> {
    let local = local_of(tx, "decision", &d.id)?.unwrap_or_else(|| d.id.clone());
    if already_has(tx, "decision", &local, version)? {
        return Ok(());
    }
    match decisions::get(tx, &local) {
        Ok(existing) => {
            if existing.undone_at.is_none() {
                if let Some(at) = &d.undone_at {
                    decisions::mark_undone(tx, &local, by, at)?;
                    tally.decisions += 1;
                }
            }
        }
        Err(Error::NotFound { .. }) => {
            let Some(doc) = local_of(tx, "document", &d.document)? else {
                return Err(Error::NotFound {
                    entity: "document",
                    id: d.document.clone(),
                });
            };
            let claim_of = |team: &str| -> Result<Option<Claim>> {
                match local_of(tx, "claim", team)? {
                    Some(l) => claims::find(tx, &ClaimId(l)),
                    None => Ok(None),
                }
            };
            let mut considered = Vec::new();
            for c in &d.considered {
                considered.extend(claim_of(c)?);
            }
            let result = match &d.result {
                Some(r) => claim_of(r)?,
                None => None,
            };
            let decision = Decision {
                id: local.clone(),
                document: DocumentId(doc),
                unit_start: d.unit_start,
                unit_end: d.unit_end,
                action: d.action,
                considered,
                chosen: Chosen::default(),
                result,
                reason: d.reason.clone(),
                decided_by: String::new(),
                decided_at: d.decided_at.clone(),
                undone_at: None,
                undone_by: None,
            };
            decisions::insert(tx, &decision, by)?;
            if let Some(at) = &d.undone_at {
                decisions::mark_undone(tx, &local, by, at)?;
            }
            tally.decisions += 1;
        }
        Err(e) => return Err(e),
    }
    rows::clear_pending(tx, "decision", &local)?;
    rows::set_row(tx, "decision", &local, &d.id, version)
}
