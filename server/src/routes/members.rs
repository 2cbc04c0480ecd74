//! Who am I, and the lead's invitations.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;

use super::extract::Json;
use crate::auth::{authenticate, Role};
use crate::error::{ApiError, ApiResult};
use crate::wire::{InviteRequest, Invited, Me, MemberInfo, Revoked, RoleRequest};
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
    lead_only(&member, "invites people")?;
    let mut client = state.pool.get().await?;
    let tx = client.transaction().await?;
    let invited =
        crate::members::invite(&tx, &project, &req.name, req.role, req.expires_days).await?;
    tx.commit().await?;
    Ok(axum::Json(invited))
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Path(project): Path<String>,
    headers: HeaderMap,
) -> ApiResult<axum::Json<Vec<MemberInfo>>> {
    authenticate(&state, &headers, &project).await?;
    let client = state.pool.get().await?;
    Ok(axum::Json(crate::members::list(&client, &project).await?))
}

fn lead_only(member: &crate::auth::Member, what: &str) -> ApiResult<()> {
    if member.role == Role::Lead {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("only the lead {what}")))
    }
}

pub async fn set_role(
    State(state): State<Arc<AppState>>,
    Path((project, target)): Path<(String, String)>,
    headers: HeaderMap,
    Json(req): Json<RoleRequest>,
) -> ApiResult<axum::Json<MemberInfo>> {
    let member = authenticate(&state, &headers, &project).await?;
    lead_only(&member, "gives roles")?;
    let mut client = state.pool.get().await?;
    let tx = client.transaction().await?;
    let info = crate::members::set_role(&tx, &project, &target, req.role).await?;
    tx.commit().await?;
    Ok(axum::Json(info))
}

pub async fn revoke(
    State(state): State<Arc<AppState>>,
    Path((project, target)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<axum::Json<Revoked>> {
    let member = authenticate(&state, &headers, &project).await?;
    lead_only(&member, "revokes tokens")?;
    let client = state.pool.get().await?;
    let n = crate::members::revoke_member(&client, &project, &target).await?;
    Ok(axum::Json(Revoked {
        member_id: target,
        tokens_revoked: n,
    }))
}
