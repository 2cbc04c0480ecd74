//! The HTTP API, all under `/projects/{project}/` with a bearer token. One module per area.

mod extract;
mod members;
mod sync;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};
use axum::Router;

use crate::error::ApiError;
use crate::{AppState, MAX_BODY_BYTES};

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/projects/{project}/me", get(members::me))
        .route(
            "/projects/{project}/members",
            get(members::list).post(members::invite),
        )
        .route(
            "/projects/{project}/members/{member}",
            patch(members::set_role),
        )
        .route(
            "/projects/{project}/members/{member}/revoke",
            post(members::revoke),
        )
        .route("/projects/{project}/push", post(sync::push))
        .route("/projects/{project}/changes", get(sync::changes))
        .route("/projects/{project}/summary", get(sync::summary))
        .fallback(|| async { ApiError::not_found("no such route") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// `GET /health` (no token): 200 with the schema version when the database answers, else 503.
/// For a load balancer or a script waiting for the server.
async fn health(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
) -> crate::error::ApiResult<axum::Json<serde_json::Value>> {
    let client = state.pool.get().await?;
    let version: i32 = client
        .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])
        .await?
        .get(0);
    Ok(axum::Json(
        serde_json::json!({"status": "ok", "schema": version}),
    ))
}
