//! Who am I, and the lead's invitations.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;

use super::extract::Json;
use crate::auth::{authenticate, Role};
use crate::error::{ApiError, ApiResult};
use crate::wire::{InviteRequest, Invited, Me};
use crate::AppState;

pub async fn me(
    State(state): State<Arc<AppState>>,
    Path(project): Path<String>,
    headers: HeaderMap,
) -> ApiResult<axum::Json<Me>> {
    let member = authenticate(&state, &headers, &project).await?;
    let client = state.pool.get().await?;
    let row = client
        .query_one(
            "SELECT name, last_version FROM projects WHERE id = $1",
            &[&project],
        )
        .await?;
    Ok(axum::Json(Me {
        project_id: project,
        project_name: row.get(0),
        member_id: member.id,
        name: member.name,
        role: member.role,
        latest: row.get(1),
    }))
}

pub async fn invite(
    State(state): State<Arc<AppState>>,
    Path(project): Path<String>,
    headers: HeaderMap,
    Json(req): Json<InviteRequest>,
) -> ApiResult<axum::Json<Invited>> {
    let member = authenticate(&state, &headers, &project).await?;
    if member.role != Role::Lead {
        return Err(ApiError::forbidden("only the lead invites people"));
    }
    let mut client = state.pool.get().await?;
    let tx = client.transaction().await?;
    let invited =
        crate::members::invite(&tx, &project, &req.name, req.role, req.expires_days).await?;
    tx.commit().await?;
    Ok(axum::Json(invited))
}
