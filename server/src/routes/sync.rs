//! Push, pull and the summary a client compares after a sync.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::extract::{Json, Query};
use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::log::{DEFAULT_PAGE, MAX_PAGE};
use crate::wire::{ChangesPage, OwnerSummary, PushRequest, PushResponse, Summary};
use crate::AppState;

pub async fn push(
    State(state): State<Arc<AppState>>,
    Path(project): Path<String>,
    headers: HeaderMap,
    Json(req): Json<PushRequest>,
) -> ApiResult<axum::Json<PushResponse>> {
    let member = authenticate(&state, &headers, &project).await?;
    Ok(axum::Json(crate::push::push(&state, &member, req).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangesQuery {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
}

pub async fn changes(
    State(state): State<Arc<AppState>>,
    Path(project): Path<String>,
    headers: HeaderMap,
    Query(q): Query<ChangesQuery>,
) -> ApiResult<axum::Json<ChangesPage>> {
    authenticate(&state, &headers, &project).await?;
    if q.after < 0 {
        return Err(ApiError::malformed("after is a version, 0 or more"));
    }
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::malformed(format!(
            "limit is 1 to {MAX_PAGE}, not {limit}"
        )));
    }
    let client = state.pool.get().await?;
    Ok(axum::Json(
        crate::log::page(&client, &project, q.after, limit).await?,
    ))
}

pub async fn summary(
    State(state): State<Arc<AppState>>,
    Path(project): Path<String>,
    headers: HeaderMap,
) -> ApiResult<axum::Json<Summary>> {
    authenticate(&state, &headers, &project).await?;
    let mut client = state.pool.get().await?;
    // Every change moves the project's version, so a summary computed at a version holds until
    // the next one: a team's clients checking at once share one computation.
    let latest: i64 = client
        .query_one(
            "SELECT last_version FROM projects WHERE id = $1",
            &[&project],
        )
        .await?
        .get(0);
    if let Some(s) = state.summaries.get(&project, latest) {
        return Ok(axum::Json(s));
    }
    // One snapshot for the counts, the hashes and the version they hold at.
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let row = tx
        .query_one(
            "SELECT last_version,
                    (SELECT count(*) FROM documents WHERE project_id = $1),
                    (SELECT count(*) FROM speakers WHERE project_id = $1),
                    (SELECT count(*) FROM decisions WHERE project_id = $1)
               FROM projects WHERE id = $1",
            &[&project],
        )
        .await?;
    let rows = tx
        .query(
            "SELECT owner, id, version FROM claims WHERE project_id = $1 AND NOT deleted",
            &[&project],
        )
        .await?;
    tx.commit().await?;
    let mut by_owner: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for r in rows {
        by_owner
            .entry(r.get(0))
            .or_default()
            .push((r.get(1), r.get(2)));
    }
    let owners = by_owner
        .into_iter()
        .map(|(owner, mut claims)| {
            claims.sort();
            OwnerSummary {
                owner,
                claims: claims.len() as i64,
                hash: owner_hash(&claims),
            }
        })
        .collect();
    let summary = Summary {
        latest: row.get(0),
        documents: row.get(1),
        speakers: row.get(2),
        decisions: row.get(3),
        owners,
    };
    state.summaries.put(&project, summary.clone());
    Ok(axum::Json(summary))
}

/// The hex SHA-256 of `"<id>:<version>\n"` for each claim, in id order: what a client that
/// holds the same claims at the same versions computes too.
pub fn owner_hash(sorted: &[(String, i64)]) -> String {
    let mut h = Sha256::new();
    for (id, version) in sorted {
        h.update(format!("{id}:{version}\n").as_bytes());
    }
    hex::encode(h.finalize())
}
