//! The admin subcommands: each prints one line a script can read (an id, a token) and exits
//! non-zero with the reason on failure.

use crate::cli::{AdminAction, AdminArgs};
use crate::{db, members};

/// Runs one admin action; what to print on success, or the error.
pub async fn run(args: AdminArgs) -> Result<String, String> {
    let pool = db::pool(&args.database, 2).map_err(|e| e.to_string())?;
    db::migrate(&pool).await.map_err(|e| e.to_string())?;
    let mut client = pool
        .get()
        .await
        .map_err(|e| format!("cannot connect to the database: {}", db::with_causes(&e)))?;
    let tx = client.transaction().await.map_err(|e| e.to_string())?;
    let out = match args.action {
        AdminAction::CreateProject { name } => members::create_project(&tx, &name).await,
        AdminAction::Invite {
            project,
            name,
            role,
            expires_days,
        } => members::invite(&tx, &project, &name, role, Some(expires_days))
            .await
            .map(|i| i.token),
        AdminAction::Revoke { token } => members::revoke(&tx, &token)
            .await
            .map(|name| format!("revoked {name}'s token")),
    }
    .map_err(|e| e.message)?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(out)
}
