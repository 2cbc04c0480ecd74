//! Team projects, members and their tokens: what the admin commands and the lead's invite do.

use chrono::{Duration, Utc};
use deadpool_postgres::GenericClient;

use crate::auth::{new_token, parse_token, Role};
use crate::error::{ApiError, ApiResult};
use crate::wire::Invited;

/// A token lives this long unless told otherwise.
pub const DEFAULT_EXPIRES_DAYS: u32 = 365;
/// The longest a token may live.
pub const MAX_EXPIRES_DAYS: u32 = 3650;
pub const MAX_NAME_CHARS: usize = 100;

/// `name` on one line with its white space tidied: not empty, not too long.
pub fn clean_name(name: &str, what: &str) -> ApiResult<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(ApiError::malformed(format!("the {what} is empty")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::malformed(format!(
            "the {what} is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(name)
}

/// Makes a team project; its id (a UUID v7).
pub async fn create_project(client: &impl GenericClient, name: &str) -> ApiResult<String> {
    let name = clean_name(name, "project name")?;
    let id = uuid::Uuid::now_v7().to_string();
    client
        .execute(
            "INSERT INTO projects (id, name) VALUES ($1, $2)",
            &[&id, &name],
        )
        .await?;
    Ok(id)
}

/// Adds a member to a team project with a new token (shown once).
pub async fn invite(
    client: &impl GenericClient,
    project_id: &str,
    name: &str,
    role: Role,
    expires_days: Option<u32>,
) -> ApiResult<Invited> {
    let name = clean_name(name, "member's name")?;
    if name.eq_ignore_ascii_case(claimcoder::project::GOLD_CODER) {
        return Err(ApiError::malformed(format!(
            "`{}` is the adjudicated claims' coder, not a person's name",
            claimcoder::project::GOLD_CODER
        )));
    }
    let days = expires_days.unwrap_or(DEFAULT_EXPIRES_DAYS);
    if days == 0 || days > MAX_EXPIRES_DAYS {
        return Err(ApiError::malformed(format!(
            "a token lives 1 to {MAX_EXPIRES_DAYS} days, not {days}"
        )));
    }
    let exists = client
        .query_opt("SELECT 1 FROM projects WHERE id = $1", &[&project_id])
        .await?;
    if exists.is_none() {
        return Err(ApiError::not_found(format!(
            "there is no team project {project_id}"
        )));
    }
    let taken = client
        .query_opt(
            "SELECT name FROM members WHERE project_id = $1 AND lower(name) = lower($2)",
            &[&project_id, &name],
        )
        .await?;
    if let Some(row) = taken {
        let existing: String = row.get(0);
        return Err(ApiError::conflict(
            "name_taken",
            format!("the project already has a member named {existing}"),
        ));
    }
    let member_id = uuid::Uuid::now_v7().to_string();
    client
        .execute(
            "INSERT INTO members (id, project_id, name, role) VALUES ($1, $2, $3, $4)",
            &[&member_id, &project_id, &name, &role.as_str()],
        )
        .await?;
    let token = new_token();
    let expires_at = Utc::now() + Duration::days(i64::from(days));
    client
        .execute(
            "INSERT INTO tokens (id, member_id, hash, expires_at) VALUES ($1, $2, $3, $4)",
            &[&token.id, &member_id, &token.hash, &expires_at],
        )
        .await?;
    Ok(Invited {
        member_id,
        name,
        role,
        token: token.text,
        expires_at: expires_at.to_rfc3339(),
    })
}

/// Revokes a token, given in full or by its id (the part after `cc1.`): effective on the
/// server's next request. Revoking a revoked token says so and changes nothing.
pub async fn revoke(client: &impl GenericClient, token: &str) -> ApiResult<String> {
    let id = match parse_token(token) {
        Some((id, _)) => id.to_owned(),
        None => token.trim().to_owned(),
    };
    let row = client
        .query_opt(
            "SELECT m.name, t.revoked_at IS NOT NULL
               FROM tokens t JOIN members m ON m.id = t.member_id WHERE t.id = $1",
            &[&id],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("no such token"))?;
    let (name, already): (String, bool) = (row.get(0), row.get(1));
    if already {
        return Err(ApiError::conflict(
            "already_revoked",
            format!("{name}'s token was already revoked"),
        ));
    }
    client
        .execute("UPDATE tokens SET revoked_at = now() WHERE id = $1", &[&id])
        .await?;
    Ok(name)
}

/// The members of a team project, in the order they joined.
pub async fn list(
    client: &impl GenericClient,
    project_id: &str,
) -> ApiResult<Vec<crate::wire::MemberInfo>> {
    let rows = client
        .query(
            "SELECT id, name, role FROM members WHERE project_id = $1 ORDER BY created_at, id",
            &[&project_id],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| crate::wire::MemberInfo {
            member_id: r.get(0),
            name: r.get(1),
            role: Role::parse(r.get(2)).expect("the schema allows only known roles"),
        })
        .collect())
}

/// Gives a member another role. A project keeps at least one lead.
pub async fn set_role(
    client: &impl GenericClient,
    project_id: &str,
    member_id: &str,
    role: Role,
) -> ApiResult<crate::wire::MemberInfo> {
    // The project's row first: two leads demoting each other at once are serialised.
    client
        .query_opt(
            "SELECT 1 FROM projects WHERE id = $1 FOR UPDATE",
            &[&project_id],
        )
        .await?;
    let row = client
        .query_opt(
            "SELECT name, role FROM members WHERE project_id = $1 AND id = $2",
            &[&project_id, &member_id],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("no such member in this team project"))?;
    let (name, old): (String, String) = (row.get(0), row.get(1));
    if old == Role::Lead.as_str() && role != Role::Lead {
        let leads: i64 = client
            .query_one(
                "SELECT count(*) FROM members WHERE project_id = $1 AND role = 'lead'",
                &[&project_id],
            )
            .await?
            .get(0);
        if leads <= 1 {
            return Err(ApiError::conflict(
                "last_lead",
                format!("{name} is the project's only lead: make someone else lead first"),
            ));
        }
    }
    client
        .execute(
            "UPDATE members SET role = $3 WHERE project_id = $1 AND id = $2",
            &[&project_id, &member_id, &role.as_str()],
        )
        .await?;
    Ok(crate::wire::MemberInfo {
        member_id: member_id.to_owned(),
        name,
        role,
    })
}

/// Revokes every token of a member; how many were still live.
pub async fn revoke_member(
    client: &impl GenericClient,
    project_id: &str,
    member_id: &str,
) -> ApiResult<u64> {
    let exists = client
        .query_opt(
            "SELECT 1 FROM members WHERE project_id = $1 AND id = $2",
            &[&project_id, &member_id],
        )
        .await?;
    if exists.is_none() {
        return Err(ApiError::not_found("no such member in this team project"));
    }
    Ok(client
        .execute(
            "UPDATE tokens SET revoked_at = now() WHERE member_id = $1 AND revoked_at IS NULL",
            &[&member_id],
        )
        .await?)
}
