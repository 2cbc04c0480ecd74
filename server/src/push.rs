//! A push: one transaction that checks who may write each item, applies what is current,
//! answers stale items per item, appends every accepted change to the log, and stores the
//! batch's answer, so a batch sent again gets the same answer and applies nothing twice.
//!
//! Refusals come in three kinds: a request that is not well formed (400) or that holds any item
//! its sender may not write (403) is refused whole and changes nothing; an item that is well
//! formed and allowed but does not fit the project (an unknown document, a quote that is not
//! the text) is refused on its own (`refused`, with a code), and the rest of the batch applies.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use claimcoder::project::GOLD_CODER;
use claimcoder::text::{sha256_hex, IndexedText};
use deadpool_postgres::Transaction;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::auth::{Member, Role};
use crate::error::{ApiError, ApiResult};
use crate::log::Appender;
use crate::members::clean_name;
use crate::wire::{
    Change, ItemResult, Outcome, PushRequest, PushResponse, WireClaim, WireDecision, WireDocument,
    WireSpeaker,
};
use crate::AppState;

/// The most items one push may carry (a client sends more in several batches).
pub const MAX_ITEMS: usize = 5000;
pub const MAX_NOTE_CHARS: usize = 10_000;
pub const MAX_TITLE_CHARS: usize = 1_000;

pub async fn push(state: &AppState, member: &Member, req: PushRequest) -> ApiResult<PushResponse> {
    let batch_id = uuid::Uuid::parse_str(&req.batch_id)
        .map_err(|_| ApiError::malformed("batch_id is not a UUID"))?
        .to_string();
    if req.changes.len() > MAX_ITEMS {
        return Err(ApiError::malformed(format!(
            "a push carries at most {MAX_ITEMS} changes, this one {}: send them in several batches",
            req.changes.len()
        )));
    }
    let canonical = serde_json::to_value(&req.changes).expect("changes serialise");
    // PostgreSQL's text and jsonb cannot hold U+0000.
    if holds_nul(&canonical) {
        return Err(ApiError::malformed(
            "a text holds a NUL character (U+0000), which the server cannot store",
        ));
    }
    let request_hash = hex::encode(Sha256::digest(canonical.to_string()));

    let mut client = state.pool.get().await?;
    let tx = client.transaction().await?;
    // The writer lock first: a replayed batch waits for its first sending to commit.
    let mut log = Appender::lock(&tx, &member.project_id, &batch_id, &member.id).await?;

    if let Some(row) = tx
        .query_opt(
            "SELECT member_id, request_hash, answer FROM batches WHERE project_id = $1 AND batch_id = $2",
            &[&member.project_id, &batch_id],
        )
        .await?
    {
        let (owner, hash, answer): (String, String, Value) = (row.get(0), row.get(1), row.get(2));
        if owner != member.id {
            return Err(ApiError::conflict(
                "batch_id_taken",
                "this batch id was used by another member: choose a new one",
            ));
        }
        if hash != request_hash {
            return Err(ApiError::conflict(
                "batch_reused",
                "this batch id was already applied with other changes: a new batch needs a new id",
            ));
        }
        let mut answer: PushResponse =
            serde_json::from_value(answer).expect("stored answers are push responses");
        answer.replayed = true;
        return Ok(answer);
    }

    let mut ctx = Ctx {
        tx: &tx,
        member,
        batch_id: &batch_id,
        texts: HashMap::new(),
        claims: HashMap::new(),
        dirty: HashSet::new(),
        speakers: HashSet::new(),
    };
    ctx.prefetch(&req.changes).await?;
    let mut results = Vec::with_capacity(req.changes.len());
    for (index, change) in req.changes.iter().enumerate() {
        let r = ctx
            .apply(&mut log, change)
            .await
            .map_err(|e| e.at_item(index))?;
        results.push(ItemResult {
            index,
            kind: change.kind().to_owned(),
            id: change.id().to_owned(),
            outcome: r.outcome,
            version: r.version,
            into: r.into,
            superseded: r.superseded,
            code: r.code.map(str::to_owned),
            message: r.message,
        });
    }
    ctx.flush_claims().await?;
    let latest = log.finish(&tx).await?;
    let answer = PushResponse {
        batch_id: batch_id.clone(),
        replayed: false,
        latest,
        results,
    };
    tx.execute(
        "INSERT INTO batches (project_id, batch_id, member_id, request_hash, answer)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &member.project_id,
            &batch_id,
            &member.id,
            &request_hash,
            &serde_json::to_value(&answer).expect("answers serialise"),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(answer)
}

fn holds_nul(v: &Value) -> bool {
    match v {
        Value::String(s) => s.contains('\0'),
        Value::Array(a) => a.iter().any(holds_nul),
        Value::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

impl ApiError {
    /// Names the item a whole-batch refusal is about.
    fn at_item(mut self, index: usize) -> ApiError {
        if self.status.is_client_error() {
            self.message = format!("changes[{index}]: {}", self.message);
        }
        self
    }
}

/// What became of one item, before it is numbered.
#[derive(Default)]
struct Done {
    outcome: Outcome,
    version: Option<i64>,
    into: Option<String>,
    superseded: Option<i64>,
    code: Option<&'static str>,
    message: Option<String>,
}

impl Done {
    fn accepted(version: i64) -> Done {
        Done {
            version: Some(version),
            ..Done::default()
        }
    }

    fn with(outcome: Outcome, version: i64) -> Done {
        Done {
            outcome,
            version: Some(version),
            ..Done::default()
        }
    }

    fn into(outcome: Outcome, into: String, version: i64) -> Done {
        Done {
            outcome,
            into: Some(into),
            version: Some(version),
            ..Done::default()
        }
    }

    fn refused(code: &'static str, message: impl Into<String>) -> Done {
        Done {
            outcome: Outcome::Refused,
            code: Some(code),
            message: Some(message.into()),
            ..Done::default()
        }
    }
}

/// An item refused on its own: returned early from the item's function.
macro_rules! refuse {
    ($code:expr, $($fmt:tt)*) => {
        return Ok(Done::refused($code, format!($($fmt)*)))
    };
}

struct Ctx<'a> {
    tx: &'a Transaction<'a>,
    member: &'a Member,
    batch_id: &'a str,
    /// Documents' texts read in this push, for checking claims.
    texts: HashMap<String, Option<Arc<IndexedText>>>,
    /// The claim rows this push touches, read in one query and kept as the push changes them.
    claims: HashMap<String, Option<ClaimRow>>,
    /// Claim rows to write when the push finishes (one statement for the lot).
    dirty: HashSet<String>,
    /// Speakers known to exist (read in one query, plus those this push adds).
    speakers: HashSet<String>,
}

#[derive(Clone)]
struct ClaimRow {
    owner: String,
    document: String,
    deleted: bool,
    body: Option<Value>,
    updated_at: DateTime<Utc>,
    version: i64,
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

fn is_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

fn ensure_id(id: &str, what: &str) -> ApiResult<()> {
    if is_uuid(id) {
        Ok(())
    } else {
        Err(ApiError::malformed(format!(
            "the {what} id `{id}` is not a UUID"
        )))
    }
}

impl Ctx<'_> {
    async fn apply(&mut self, log: &mut Appender, change: &Change) -> ApiResult<Done> {
        match change {
            Change::Document {
                base_version: _,
                document,
            } => self.document(log, document).await,
            Change::Speaker {
                base_version,
                speaker,
            } => self.speaker(log, *base_version, speaker).await,
            Change::Claim {
                base_version,
                claim,
            } => self.claim(log, *base_version, claim).await,
            Change::ClaimDelete {
                base_version,
                id,
                coder,
                modified,
            } => {
                self.claim_delete(log, *base_version, id, coder, modified)
                    .await
            }
            Change::Decision {
                base_version,
                decision,
            } => self.decision(log, *base_version, decision).await,
        }
    }

    /// Keeps a write that lost (or the older edit a newer one replaced) in the record.
    async fn keep_superseded(
        &self,
        kind: &str,
        id: &str,
        base_version: i64,
        row_version: i64,
        reason: &str,
        body: Option<&Value>,
    ) -> ApiResult<()> {
        self.tx
            .execute(
                "INSERT INTO superseded (project_id, kind, entity_id, member_id, batch_id, base_version, row_version, reason, body)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                &[
                    &self.member.project_id,
                    &kind,
                    &id,
                    &self.member.id,
                    &self.batch_id,
                    &base_version,
                    &row_version,
                    &reason,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn text_of(&mut self, document: &str) -> ApiResult<Option<Arc<IndexedText>>> {
        if let Some(t) = self.texts.get(document) {
            return Ok(t.clone());
        }
        let stmt = self
            .tx
            .prepare_cached("SELECT body->>'text' FROM documents WHERE project_id = $1 AND id = $2")
            .await?;
        let text = self
            .tx
            .query_opt(&stmt, &[&self.member.project_id, &document])
            .await?
            .map(|r| Arc::new(IndexedText::new(r.get::<_, String>(0))));
        self.texts.insert(document.to_owned(), text.clone());
        Ok(text)
    }

    // ---- documents: the lead shares them; immutable; matched by the SHA-256 of the text.

    async fn document(&mut self, log: &mut Appender, d: &WireDocument) -> ApiResult<Done> {
        if self.member.role != Role::Lead {
            return Err(ApiError::forbidden("only the lead shares documents"));
        }
        ensure_id(&d.id, "document")?;
        let title = d.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if d.text.is_empty() {
            refuse!("bad_document", "the document's text is empty");
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            refuse!(
                "bad_document",
                "the title is longer than {MAX_TITLE_CHARS} characters"
            );
        }
        let sha = sha256_hex(&d.text);
        if !d.sha256.eq_ignore_ascii_case(&sha) {
            refuse!(
                "sha256_mismatch",
                "the document's sha256 is {} but its text's is {sha}",
                d.sha256
            );
        }
        let doc = WireDocument {
            title,
            sha256: sha.clone(),
            ..d.clone()
        };
        let body = serde_json::to_value(&doc).expect("documents serialise");
        let pid = &self.member.project_id;
        if let Some(row) = self
            .tx
            .query_opt(
                "SELECT body, version FROM documents WHERE project_id = $1 AND id = $2",
                &[pid, &d.id],
            )
            .await?
        {
            let (old, version): (Value, i64) = (row.get(0), row.get(1));
            if old == body {
                return Ok(Done::with(Outcome::Unchanged, version));
            }
            refuse!(
                "document_immutable",
                "document {} is already shared and a document never changes: an edited article is a new version (a new id)",
                d.id
            );
        }
        if let Some(row) = self
            .tx
            .query_opt(
                "SELECT id, version FROM documents WHERE project_id = $1 AND sha256 = $2",
                &[pid, &sha],
            )
            .await?
        {
            return Ok(Done::into(Outcome::Duplicate, row.get(0), row.get(1)));
        }
        if let Some(prev) = &d.previous_version {
            if self.text_of(prev).await?.is_none() {
                refuse!(
                    "unknown_document",
                    "its previous version {prev} is not in the project"
                );
            }
        }
        let length = d.text.chars().count() as i32;
        let version = log.append("document", &d.id, None, Some(&body));
        self.tx
            .execute(
                "INSERT INTO documents (project_id, id, sha256, length, body, version)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[pid, &d.id, &sha, &length, &body, &version],
            )
            .await?;
        Ok(Done::accepted(version))
    }

    // ---- speakers: anyone adds one (coders meet new speakers); a name or alias the team
    // already has merges into that speaker; only the lead edits an existing one.

    async fn speaker(&mut self, log: &mut Appender, base: i64, s: &WireSpeaker) -> ApiResult<Done> {
        ensure_id(&s.id, "speaker")?;
        let name = clean_name(&s.name, "speaker's name")?;
        // Names are matched without regard to case (any script's): an alias that only differs
        // in case from the name or another alias is the same name.
        let mut aliases = Vec::new();
        let mut seen = HashSet::from([name.to_lowercase()]);
        for a in &s.aliases {
            let a = clean_name(a, "speaker's alias")?;
            if seen.insert(a.to_lowercase()) {
                aliases.push(a);
            }
        }
        let sp = WireSpeaker {
            id: s.id.clone(),
            name: name.clone(),
            kind: s.kind,
            aliases,
        };
        let body = serde_json::to_value(&sp).expect("speakers serialise");
        let keys: Vec<String> = std::iter::once(&sp.name)
            .chain(&sp.aliases)
            .map(|n| n.to_lowercase())
            .collect();
        let pid = &self.member.project_id;
        let existing = self
            .tx
            .query_opt(
                "SELECT body, version FROM speakers WHERE project_id = $1 AND id = $2",
                &[pid, &s.id],
            )
            .await?;
        // Another speaker holding one of these names.
        let clash = self
            .tx
            .query_opt(
                "SELECT speaker_id, (SELECT version FROM speakers WHERE project_id = $1 AND id = speaker_id)
                   FROM speaker_names
                  WHERE project_id = $1 AND name_key = ANY($2) AND speaker_id <> $3
                  LIMIT 1",
                &[pid, &keys, &s.id],
            )
            .await?;
        let Some(row) = existing else {
            if let Some(c) = clash {
                return Ok(Done::into(Outcome::Merged, c.get(0), c.get(1)));
            }
            let version = log.append("speaker", &s.id, None, Some(&body));
            self.tx
                .execute(
                    "INSERT INTO speakers (project_id, id, name, body, version) VALUES ($1, $2, $3, $4, $5)",
                    &[pid, &s.id, &name, &body, &version],
                )
                .await?;
            self.set_names(&s.id, &keys).await?;
            self.speakers.insert(s.id.clone());
            return Ok(Done::accepted(version));
        };
        let (old, version): (Value, i64) = (row.get(0), row.get(1));
        if old == body {
            return Ok(Done::with(Outcome::Unchanged, version));
        }
        if self.member.role != Role::Lead {
            return Err(ApiError::forbidden(
                "only the lead edits a speaker the team already has",
            ));
        }
        if base != version {
            self.keep_superseded("speaker", &s.id, base, version, "stale", Some(&body))
                .await?;
            return Ok(Done {
                outcome: Outcome::Stale,
                version: Some(version),
                code: Some("stale"),
                message: Some(format!(
                    "the speaker changed since version {base} (it is at {version}): pull, then edit again"
                )),
                ..Done::default()
            });
        }
        if let Some(c) = clash {
            let other: String = c.get(0);
            refuse!(
                "name_taken",
                "another speaker ({other}) has one of these names: merge them instead"
            );
        }
        let version = log.append("speaker", &s.id, None, Some(&body));
        self.tx
            .execute(
                "UPDATE speakers SET name = $3, body = $4, version = $5 WHERE project_id = $1 AND id = $2",
                &[pid, &s.id, &name, &body, &version],
            )
            .await?;
        self.set_names(&s.id, &keys).await?;
        Ok(Done::accepted(version))
    }

    async fn set_names(&self, id: &str, keys: &[String]) -> ApiResult<()> {
        let pid = &self.member.project_id;
        self.tx
            .execute(
                "DELETE FROM speaker_names WHERE project_id = $1 AND speaker_id = $2",
                &[pid, &id],
            )
            .await?;
        self.tx
            .execute(
                "INSERT INTO speaker_names (project_id, speaker_id, name_key)
                 SELECT $1, $2, k FROM unnest($3::text[]) AS k",
                &[pid, &id, &keys],
            )
            .await?;
        Ok(())
    }

    // ---- claims: each owned by its coder; a coder writes only their own, a reviewer also the
    // gold coder's. Two machines of one coder: the newer edit wins, the other is kept.

    /// Refuses (403) a write by someone who may not write `owner`'s claims.
    fn may_write_claims_of(&self, owner: &str) -> ApiResult<()> {
        if owner == self.member.name {
            return Ok(());
        }
        if owner == GOLD_CODER {
            return if self.member.role == Role::Reviewer {
                Ok(())
            } else {
                Err(ApiError::forbidden(
                    "only a reviewer writes the gold coder's claims",
                ))
            };
        }
        Err(ApiError::forbidden(format!(
            "{} may write only their own claims, not {owner}'s",
            self.member.name
        )))
    }

    /// Reads the claim rows and speakers the batch refers to, in two queries.
    async fn prefetch(&mut self, changes: &[Change]) -> ApiResult<()> {
        let mut claim_ids = Vec::new();
        let mut speaker_ids = Vec::new();
        for c in changes {
            match c {
                Change::Claim { claim, .. } => {
                    claim_ids.push(claim.id.as_str());
                    speaker_ids.extend(claim.speaker.as_deref());
                }
                Change::ClaimDelete { id, .. } => claim_ids.push(id),
                Change::Decision { decision, .. } => claim_ids.extend(decision.result.as_deref()),
                _ => {}
            }
        }
        let pid = &self.member.project_id;
        if !claim_ids.is_empty() {
            let rows = self
                .tx
                .query(
                    "SELECT id, owner, document_id, deleted, body, updated_at, version
                       FROM claims WHERE project_id = $1 AND id = ANY($2)",
                    &[pid, &claim_ids],
                )
                .await?;
            for id in claim_ids {
                self.claims.insert(id.to_owned(), None);
            }
            for r in rows {
                self.claims.insert(
                    r.get(0),
                    Some(ClaimRow {
                        owner: r.get(1),
                        document: r.get(2),
                        deleted: r.get(3),
                        body: r.get(4),
                        updated_at: r.get(5),
                        version: r.get(6),
                    }),
                );
            }
        }
        if !speaker_ids.is_empty() {
            let rows = self
                .tx
                .query(
                    "SELECT id FROM speakers WHERE project_id = $1 AND id = ANY($2)",
                    &[pid, &speaker_ids],
                )
                .await?;
            self.speakers
                .extend(rows.iter().map(|r| r.get::<_, String>(0)));
        }
        Ok(())
    }

    /// The claim row `id` as this push has it.
    fn claim_row(&self, id: &str) -> Option<ClaimRow> {
        self.claims.get(id).cloned().flatten()
    }

    fn set_claim(&mut self, id: &str, row: ClaimRow) {
        self.claims.insert(id.to_owned(), Some(row));
        self.dirty.insert(id.to_owned());
    }

    /// Writes the claim rows this push changed, in one statement.
    async fn flush_claims(&self) -> ApiResult<()> {
        if self.dirty.is_empty() {
            return Ok(());
        }
        let rows: Vec<(&String, &ClaimRow)> = self
            .dirty
            .iter()
            .map(|id| {
                (
                    id,
                    self.claims[id].as_ref().expect("a written claim has a row"),
                )
            })
            .collect();
        let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
        let owners: Vec<&str> = rows.iter().map(|(_, r)| r.owner.as_str()).collect();
        let documents: Vec<&str> = rows.iter().map(|(_, r)| r.document.as_str()).collect();
        let bodies: Vec<Option<&Value>> = rows.iter().map(|(_, r)| r.body.as_ref()).collect();
        let deleted: Vec<bool> = rows.iter().map(|(_, r)| r.deleted).collect();
        let updated: Vec<DateTime<Utc>> = rows.iter().map(|(_, r)| r.updated_at).collect();
        let versions: Vec<i64> = rows.iter().map(|(_, r)| r.version).collect();
        let stmt = self
            .tx
            .prepare_cached(
                "INSERT INTO claims (project_id, id, owner, document_id, body, deleted, updated_at, version)
                 SELECT $1, u.i, u.o, u.d, u.b, u.x, u.t, u.v
                   FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[], $6::bool[], $7::timestamptz[], $8::bigint[])
                        AS u(i, o, d, b, x, t, v)
                 ON CONFLICT (project_id, id) DO UPDATE
                 SET document_id = EXCLUDED.document_id, body = EXCLUDED.body, deleted = EXCLUDED.deleted,
                     updated_at = EXCLUDED.updated_at, version = EXCLUDED.version",
            )
            .await?;
        self.tx
            .execute(
                &stmt,
                &[
                    &self.member.project_id,
                    &ids,
                    &owners,
                    &documents,
                    &bodies,
                    &deleted,
                    &updated,
                    &versions,
                ],
            )
            .await?;
        Ok(())
    }

    async fn claim(&mut self, log: &mut Appender, base: i64, c: &WireClaim) -> ApiResult<Done> {
        ensure_id(&c.id, "claim")?;
        self.may_write_claims_of(&c.coder)?;
        let row = self.claim_row(&c.id);
        if let Some(ClaimRow { owner, .. }) = &row {
            if *owner != c.coder {
                self.may_write_claims_of(owner)?;
                refuse!(
                    "owner_fixed",
                    "claim {} belongs to {owner}: a claim's coder never changes",
                    c.id
                );
            }
        }
        let Some(modified) = parse_time(&c.modified) else {
            refuse!(
                "bad_time",
                "modified `{}` is not an RFC 3339 time",
                c.modified
            );
        };
        if parse_time(&c.created).is_none() {
            refuse!(
                "bad_time",
                "created `{}` is not an RFC 3339 time",
                c.created
            );
        }
        let Some(text) = self.text_of(&c.document).await? else {
            refuse!(
                "unknown_document",
                "document {} is not in the project",
                c.document
            );
        };
        let anchor = match text.anchor(c.start, c.end, Some(&c.quote)) {
            Ok(a) => a,
            Err(e) => refuse!("bad_span", "{e}"),
        };
        if let Some(cue) = c.cue {
            if let Err(e) = text.anchor(cue.start, cue.end, None) {
                refuse!("bad_span", "the cue: {e}");
            }
        }
        if c.note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
        {
            refuse!(
                "too_long",
                "the note is longer than {MAX_NOTE_CHARS} characters"
            );
        }
        if let Some(sp) = &c.speaker {
            if !self.speakers.contains(sp) {
                refuse!("unknown_speaker", "speaker {sp} is not in the project");
            }
        }
        let claim = WireClaim {
            prefix: Some(anchor.prefix),
            suffix: Some(anchor.suffix),
            ..c.clone()
        };
        let body = serde_json::to_value(&claim).expect("claims serialise");
        let mut superseded = None;
        if let Some(ClaimRow {
            deleted,
            body: old,
            updated_at,
            version,
            ..
        }) = row
        {
            if !deleted && old.as_ref() == Some(&body) {
                return Ok(Done::with(Outcome::Unchanged, version));
            }
            if base != version {
                if modified <= updated_at {
                    return self.lost("claim", &c.id, base, version, Some(&body)).await;
                }
                self.keep_superseded(
                    "claim",
                    &c.id,
                    base,
                    version,
                    "older_edit_replaced",
                    old.as_ref(),
                )
                .await?;
                superseded = Some(version);
            }
        }
        let version = log.append("claim", &c.id, Some(&c.coder), Some(&body));
        self.set_claim(
            &c.id,
            ClaimRow {
                owner: c.coder.clone(),
                document: c.document.clone(),
                deleted: false,
                body: Some(body),
                updated_at: modified,
                version,
            },
        );
        Ok(Done {
            superseded,
            ..Done::accepted(version)
        })
    }

    /// A stale write that lost to a newer edit: kept in the record, answered per item.
    async fn lost(
        &self,
        kind: &str,
        id: &str,
        base: i64,
        version: i64,
        body: Option<&Value>,
    ) -> ApiResult<Done> {
        self.keep_superseded(kind, id, base, version, "stale", body)
            .await?;
        Ok(Done {
            outcome: Outcome::Stale,
            version: Some(version),
            code: Some("stale"),
            message: Some(format!(
                "it changed since version {base} (it is at {version}) by a newer edit, which stays; this edit is kept in the record"
            )),
            ..Done::default()
        })
    }

    async fn claim_delete(
        &mut self,
        log: &mut Appender,
        base: i64,
        id: &str,
        coder: &str,
        modified: &str,
    ) -> ApiResult<Done> {
        ensure_id(id, "claim")?;
        self.may_write_claims_of(coder)?;
        let Some(ClaimRow {
            owner,
            document,
            deleted,
            body: old,
            updated_at,
            version,
        }) = self.claim_row(id)
        else {
            refuse!("unknown_claim", "claim {id} is not in the project");
        };
        if owner != coder {
            self.may_write_claims_of(&owner)?;
            refuse!("owner_fixed", "claim {id} belongs to {owner}");
        }
        let Some(modified) = parse_time(modified) else {
            refuse!("bad_time", "modified `{modified}` is not an RFC 3339 time");
        };
        if deleted {
            return Ok(Done::with(Outcome::Unchanged, version));
        }
        let mut superseded = None;
        if base != version {
            if modified <= updated_at {
                return self.lost("claim", id, base, version, None).await;
            }
            self.keep_superseded(
                "claim",
                id,
                base,
                version,
                "older_edit_replaced",
                old.as_ref(),
            )
            .await?;
            superseded = Some(version);
        }
        let version = log.append("claim", id, Some(coder), None);
        self.set_claim(
            id,
            ClaimRow {
                owner,
                document,
                deleted: true,
                body: None,
                updated_at: modified,
                version,
            },
        );
        Ok(Done {
            superseded,
            ..Done::accepted(version)
        })
    }

    // ---- decisions: a reviewer's; nobody else's decision can be changed.

    async fn decision(
        &mut self,
        log: &mut Appender,
        base: i64,
        d: &WireDecision,
    ) -> ApiResult<Done> {
        if self.member.role != Role::Reviewer {
            return Err(ApiError::forbidden("only a reviewer adjudicates"));
        }
        ensure_id(&d.id, "decision")?;
        let pid = &self.member.project_id;
        let row = self
            .tx
            .query_opt(
                "SELECT owner, body, updated_at, version FROM decisions WHERE project_id = $1 AND id = $2",
                &[pid, &d.id],
            )
            .await?;
        if let Some(r) = &row {
            let owner: String = r.get(0);
            if owner != self.member.name {
                return Err(ApiError::forbidden(format!(
                    "decision {} is {owner}'s: a reviewer changes only their own decisions",
                    d.id
                )));
            }
        }
        let Some(decided_at) = parse_time(&d.decided_at) else {
            refuse!(
                "bad_time",
                "decided_at `{}` is not an RFC 3339 time",
                d.decided_at
            );
        };
        let undone_at = match &d.undone_at {
            None => None,
            Some(u) => match parse_time(u) {
                Some(t) => Some(t),
                None => refuse!("bad_time", "undone_at `{u}` is not an RFC 3339 time"),
            },
        };
        if d.reason.trim().is_empty() {
            refuse!("no_reason", "a decision says why");
        }
        if d.unit_start >= d.unit_end {
            refuse!(
                "bad_span",
                "the unit {}..{} is empty or reversed",
                d.unit_start,
                d.unit_end
            );
        }
        if self.text_of(&d.document).await?.is_none() {
            refuse!(
                "unknown_document",
                "document {} is not in the project",
                d.document
            );
        }
        if let Some(result) = &d.result {
            match self.claim_row(result) {
                Some(ClaimRow {
                    owner,
                    deleted: false,
                    ..
                }) if owner == GOLD_CODER => {}
                _ => refuse!("unknown_claim", "its result {result} is not a gold claim of the project: push the gold claim first"),
            }
        }
        let updated_at = undone_at.map_or(decided_at, |u| u.max(decided_at));
        let body = serde_json::to_value(d).expect("decisions serialise");
        let mut superseded = None;
        if let Some(r) = row {
            let (old, old_at, version): (Value, DateTime<Utc>, i64) =
                (r.get(1), r.get(2), r.get(3));
            if old == body {
                return Ok(Done::with(Outcome::Unchanged, version));
            }
            if base != version {
                if updated_at <= old_at {
                    return self
                        .lost("decision", &d.id, base, version, Some(&body))
                        .await;
                }
                self.keep_superseded(
                    "decision",
                    &d.id,
                    base,
                    version,
                    "older_edit_replaced",
                    Some(&old),
                )
                .await?;
                superseded = Some(version);
            }
        }
        let version = log.append("decision", &d.id, Some(&self.member.name), Some(&body));
        self.tx
            .execute(
                "INSERT INTO decisions (project_id, id, owner, body, updated_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (project_id, id) DO UPDATE
                 SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version",
                &[pid, &d.id, &self.member.name, &body, &updated_at, &version],
            )
            .await?;
        Ok(Done {
            superseded,
            ..Done::accepted(version)
        })
    }
}
