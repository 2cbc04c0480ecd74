//! Tokens and roles. A token is `cc1.<id>.<secret>`: the id is looked up directly and the
//! secret (32 random bytes) is checked against its argon2id hash, so no request scans hashes.
//! Only the hash is stored; the token is shown once, when it is made.

use std::collections::HashMap;
use std::sync::Mutex;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::HeaderMap;
use base64::Engine;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
pub use crate::wire::Role;

const PREFIX: &str = "cc1";
/// The id is 8 random bytes in hex; the secret 32 random bytes in unpadded base64url.
const ID_BYTES: usize = 8;
const SECRET_BYTES: usize = 32;

/// Who made a request: a member of one team project.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub project_id: String,
    pub name: String,
    pub role: Role,
}

/// A new token: the text to hand to the person (shown once) and what is stored.
pub struct NewToken {
    pub text: String,
    pub id: String,
    pub hash: String,
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the system's random source works");
    bytes
}

/// A fresh token and its argon2id hash (default parameters: 19 MiB, 2 passes).
pub fn new_token() -> NewToken {
    let id = hex::encode(random::<ID_BYTES>());
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random::<SECRET_BYTES>());
    let salt = SaltString::encode_b64(&random::<16>()).expect("16 bytes make a valid salt");
    let hash = Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .expect("argon2id hashes any secret")
        .to_string();
    NewToken {
        text: format!("{PREFIX}.{id}.{secret}"),
        id,
        hash,
    }
}

/// The id and secret of a token's text, or `None` when it is not one of ours.
pub fn parse_token(text: &str) -> Option<(&str, &str)> {
    let mut parts = text.trim().splitn(3, '.');
    let (prefix, id, secret) = (parts.next()?, parts.next()?, parts.next()?);
    let id_ok = id.len() == ID_BYTES * 2 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let secret_ok = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(secret)
        .is_ok_and(|b| b.len() == SECRET_BYTES);
    (prefix == PREFIX && id_ok && secret_ok).then_some((id, secret))
}

fn verify_hash(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &h)
            .is_ok()
    })
}

/// Tokens whose secret already passed argon2id in this process, by token id: the SHA-256 of
/// the secret that passed. A request with the same secret skips the slow hash; the token's
/// row (revocation, expiry, role) is still read on every request, so revoking takes effect at once.
#[derive(Default)]
pub struct VerifiedCache(Mutex<HashMap<String, [u8; 32]>>);

impl VerifiedCache {
    const MAX: usize = 10_000;

    fn knows(&self, id: &str, digest: &[u8; 32]) -> bool {
        self.0.lock().expect("cache lock").get(id) == Some(digest)
    }

    fn remember(&self, id: &str, digest: [u8; 32]) {
        let mut map = self.0.lock().expect("cache lock");
        if map.len() >= Self::MAX {
            map.clear();
        }
        map.insert(id.to_owned(), digest);
    }
}

/// The member a request's bearer token names, checked against the team project in its path.
/// 401 for a missing, unknown, wrong, revoked or expired token; 403 for a token of another project.
pub async fn authenticate(
    state: &crate::AppState,
    headers: &HeaderMap,
    project_id: &str,
) -> ApiResult<Member> {
    let header = headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::unauthorized("no bearer token: send Authorization: Bearer <token>")
        })?;
    let text = header
        .to_str()
        .ok()
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::unauthorized("the Authorization header is not `Bearer <token>`")
        })?;
    let (id, secret) = parse_token(text).ok_or_else(|| {
        ApiError::unauthorized("the bearer token is not a claimcoder-server token")
    })?;

    let client = state.pool.get().await?;
    let row = client
        .query_opt(
            "SELECT t.hash, t.expires_at, t.revoked_at, m.id, m.project_id, m.name, m.role
               FROM tokens t JOIN members m ON m.id = t.member_id
              WHERE t.id = $1",
            &[&id],
        )
        .await?
        .ok_or_else(|| ApiError::unauthorized("unknown token"))?;
    drop(client);

    let hash: String = row.get(0);
    let digest: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
    if !state.verified.knows(id, &digest) {
        let secret = secret.to_owned();
        let _slot = state
            .hashing
            .acquire()
            .await
            .expect("the hashing semaphore is never closed");
        let ok = tokio::task::spawn_blocking(move || verify_hash(&secret, &hash))
            .await
            .unwrap_or(false);
        if !ok {
            return Err(ApiError::unauthorized("wrong token"));
        }
        state.verified.remember(id, digest);
    }
    // Said only to someone holding the secret.
    let expires_at: DateTime<Utc> = row.get(1);
    let revoked_at: Option<DateTime<Utc>> = row.get(2);
    if let Some(at) = revoked_at {
        return Err(ApiError::unauthorized(format!(
            "this token was revoked at {}",
            at.to_rfc3339()
        )));
    }
    if expires_at <= Utc::now() {
        return Err(ApiError::unauthorized(format!(
            "this token expired at {}",
            expires_at.to_rfc3339()
        )));
    }
    let member = Member {
        id: row.get(3),
        project_id: row.get(4),
        name: row.get(5),
        role: Role::parse(row.get(6)).expect("the schema allows only known roles"),
    };
    if member.project_id != project_id {
        return Err(ApiError::forbidden(
            "this token belongs to another team project",
        ));
    }
    Ok(member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_token_parses_and_verifies_and_another_does_not() {
        let t = new_token();
        let (id, secret) = parse_token(&t.text).unwrap();
        assert_eq!(id, t.id);
        assert!(verify_hash(secret, &t.hash));
        let other = new_token();
        let (_, other_secret) = parse_token(&other.text).unwrap();
        assert!(!verify_hash(other_secret, &t.hash));
        assert!(t.hash.starts_with("$argon2id$"));
    }

    #[test]
    fn malformed_tokens_are_not_parsed() {
        for bad in [
            "",
            "cc1",
            "cc1.zz.abc",
            "cc2.0011223344556677.x",
            "cc1.0011.abc",
        ] {
            assert!(parse_token(bad).is_none(), "{bad}");
        }
    }
}
