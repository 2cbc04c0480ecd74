//! The one ordered change log of a team project.
//!
//! A push locks its project's row (`FOR UPDATE`) first and numbers its changes from the row's
//! counter; the lock is held until the push commits. So versions are gap-free and in commit
//! order: no change with a lower version can become visible after a reader has seen a higher
//! one, and "everything after V" never skips a change that commits late.

use chrono::{DateTime, Utc};
use deadpool_postgres::{GenericClient, Transaction};
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::wire::{ChangesPage, LogEntry};

/// The most changes one page holds.
pub const MAX_PAGE: i64 = 1000;
pub const DEFAULT_PAGE: i64 = 500;
/// A page stops after the change that passes this many bytes of bodies (documents are large).
pub const PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Changes being appended inside one push transaction: numbered as they come, written in one
/// statement when the push finishes (a push of a thousand claims is one INSERT, not a thousand).
pub struct Appender {
    project_id: String,
    batch_id: String,
    author: String,
    last: i64,
    pending: Vec<Entry>,
}

struct Entry {
    version: i64,
    kind: &'static str,
    entity_id: String,
    owner: Option<String>,
    body: Option<Value>,
}

impl Appender {
    /// Takes the project's writer lock for the rest of `tx` and reads its counter.
    pub async fn lock(
        tx: &Transaction<'_>,
        project_id: &str,
        batch_id: &str,
        author: &str,
    ) -> ApiResult<Appender> {
        let row = tx
            .query_opt(
                "SELECT last_version FROM projects WHERE id = $1 FOR UPDATE",
                &[&project_id],
            )
            .await?
            .ok_or_else(|| ApiError::not_found(format!("there is no team project {project_id}")))?;
        Ok(Appender {
            project_id: project_id.to_owned(),
            batch_id: batch_id.to_owned(),
            author: author.to_owned(),
            last: row.get(0),
            pending: Vec::new(),
        })
    }

    pub fn last(&self) -> i64 {
        self.last
    }

    /// Numbers one change (`body` is the row after it, `None` for a deletion); its version.
    pub fn append(
        &mut self,
        kind: &'static str,
        entity_id: &str,
        owner: Option<&str>,
        body: Option<&Value>,
    ) -> i64 {
        self.last += 1;
        self.pending.push(Entry {
            version: self.last,
            kind,
            entity_id: entity_id.to_owned(),
            owner: owner.map(str::to_owned),
            body: body.cloned(),
        });
        self.last
    }

    /// Writes the changes and the counter; the caller commits.
    pub async fn finish(self, tx: &Transaction<'_>) -> ApiResult<i64> {
        if !self.pending.is_empty() {
            let versions: Vec<i64> = self.pending.iter().map(|e| e.version).collect();
            let kinds: Vec<&str> = self.pending.iter().map(|e| e.kind).collect();
            let ids: Vec<&str> = self.pending.iter().map(|e| e.entity_id.as_str()).collect();
            let ops: Vec<&str> = self
                .pending
                .iter()
                .map(|e| if e.body.is_some() { "upsert" } else { "delete" })
                .collect();
            let owners: Vec<Option<&str>> =
                self.pending.iter().map(|e| e.owner.as_deref()).collect();
            let bodies: Vec<Option<&Value>> =
                self.pending.iter().map(|e| e.body.as_ref()).collect();
            let stmt = tx
                .prepare_cached(
                    "INSERT INTO changes (project_id, version, kind, entity_id, op, owner, author, batch_id, body)
                     SELECT $1, u.v, u.k, u.e, u.o, u.w, $2, $3, u.b
                       FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
                            AS u(v, k, e, o, w, b)",
                )
                .await?;
            tx.execute(
                &stmt,
                &[
                    &self.project_id,
                    &self.author,
                    &self.batch_id,
                    &versions,
                    &kinds,
                    &ids,
                    &ops,
                    &owners,
                    &bodies,
                ],
            )
            .await?;
        }
        tx.execute(
            "UPDATE projects SET last_version = $2 WHERE id = $1",
            &[&self.project_id, &self.last],
        )
        .await?;
        Ok(self.last)
    }
}

/// The changes after `after`, in version order, at most `limit` (and about [`PAGE_BYTES`]).
pub async fn page(
    client: &impl GenericClient,
    project_id: &str,
    after: i64,
    limit: i64,
) -> ApiResult<ChangesPage> {
    let latest: i64 = client
        .query_one(
            "SELECT last_version FROM projects WHERE id = $1",
            &[&project_id],
        )
        .await?
        .get(0);
    let rows = client
        .query(
            "SELECT c.version, c.kind, c.entity_id, c.op, c.owner, m.name, c.at, c.body::text
               FROM changes c JOIN members m ON m.id = c.author
              WHERE c.project_id = $1 AND c.version > $2 AND c.version <= $3
              ORDER BY c.version
              LIMIT $4",
            &[&project_id, &after, &latest, &(limit + 1)],
        )
        .await?;
    let mut changes = Vec::with_capacity(rows.len().min(limit as usize));
    let mut bytes = 0usize;
    let mut has_more = false;
    for row in rows {
        if changes.len() as i64 == limit || bytes > PAGE_BYTES {
            has_more = true;
            break;
        }
        let body: Option<String> = row.get(7);
        bytes += body.as_ref().map_or(0, String::len);
        let body = body
            .map(serde_json::value::RawValue::from_string)
            .transpose()
            .expect("PostgreSQL's jsonb text is JSON");
        let at: DateTime<Utc> = row.get(6);
        changes.push(LogEntry {
            version: row.get(0),
            kind: row.get(1),
            id: row.get(2),
            op: row.get(3),
            owner: row.get(4),
            author: row.get(5),
            at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            body,
        });
    }
    Ok(ChangesPage {
        changes,
        latest,
        has_more,
    })
}
