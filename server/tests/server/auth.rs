//! Tokens: missing, malformed, unknown, wrong, expired, revoked → 401; another project's → 403.

use claimcoder_server::auth::Role;
use reqwest::StatusCode;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_tokens_are_refused() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);

    let (s, me) = api.get(&t.ana, "me").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["name"], "ana");
    assert_eq!(me["role"], "coder");

    // No header at all.
    let r = api.http.get(api.url("me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "unauthorized");

    // Not one of ours; the right id with a wrong secret; an unknown id.
    let (id_part, _) = claimcoder_server::auth::parse_token(&t.ana).unwrap();
    let other = claimcoder_server::auth::new_token();
    let (_, other_secret) = claimcoder_server::auth::parse_token(&other.text).unwrap();
    let wrong_secret = format!("cc1.{id_part}.{other_secret}");
    for (token, says) in [
        ("not-a-token", "not a claimcoder-server token"),
        (wrong_secret.as_str(), "wrong token"),
        (other.text.as_str(), "unknown token"),
    ] {
        let (s, body) = api.get(token, "me").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{token}");
        assert!(body["message"].as_str().unwrap().contains(says), "{body}");
    }

    // Expired: a token made to expire, then its expiry moved into the past.
    let old = server
        .invite_for(&t.project, "old", Role::Coder, Some(1))
        .await;
    assert_eq!(api.get(&old, "me").await.0, StatusCode::OK);
    let (old_id, _) = claimcoder_server::auth::parse_token(&old).unwrap();
    let client = server.pool.get().await.unwrap();
    client
        .execute(
            "UPDATE tokens SET expires_at = now() - interval '1 minute' WHERE id = $1",
            &[&old_id],
        )
        .await
        .unwrap();
    let (s, body) = api.get(&old, "me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(
        body["message"].as_str().unwrap().contains("expired"),
        "{body}"
    );

    // Revoked: at once, although the token passed before (the verified cache).
    assert_eq!(api.get(&t.ben, "me").await.0, StatusCode::OK);
    claimcoder_server::members::revoke(&client, &t.ben)
        .await
        .unwrap();
    let before = server.fingerprint().await;
    let (s, body) = api
        .push(
            &t.ben,
            vec![claim(&id(), &t.doc, "ben", 0, "attributed", &now())],
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(
        body["message"].as_str().unwrap().contains("revoked"),
        "{body}"
    );
    assert_eq!(before, server.fingerprint().await);

    // A token of another team project.
    let elsewhere = server.project("Elsewhere").await;
    let stranger = server.invite(&elsewhere, "stranger", Role::Lead).await;
    let (s, body) = api.get(&stranger, "changes?after=0").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("another team project"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_stored_hashed_and_looked_up_by_id() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let client = server.pool.get().await.unwrap();
    let rows = client
        .query("SELECT id, hash FROM tokens", &[])
        .await
        .unwrap();
    assert_eq!(rows.len(), 4);
    for row in rows {
        let (tid, hash): (String, String) = (row.get(0), row.get(1));
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        for token in [&t.lead, &t.reviewer, &t.ana, &t.ben] {
            let (_, secret) = claimcoder_server::auth::parse_token(token).unwrap();
            assert!(!hash.contains(secret));
            assert!(!tid.contains(secret));
        }
    }
}
