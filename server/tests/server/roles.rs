//! Every role × operation pair: the allowed ones succeed, the others are refused with 403 and
//! change nothing (every table counted before and after).

use claimcoder_server::auth::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Me,
    Pull,
    Summary,
    Invite,
    Document,
    NewSpeaker,
    EditSpeaker,
    OwnClaim,
    OwnClaimDelete,
    OthersClaim,
    OthersClaimTakenOver,
    OthersClaimDelete,
    GoldClaim,
    Decision,
    OthersDecision,
}

const OPS: [Op; 15] = [
    Op::Me,
    Op::Pull,
    Op::Summary,
    Op::Invite,
    Op::Document,
    Op::NewSpeaker,
    Op::EditSpeaker,
    Op::OwnClaim,
    Op::OwnClaimDelete,
    Op::OthersClaim,
    Op::OthersClaimTakenOver,
    Op::OthersClaimDelete,
    Op::GoldClaim,
    Op::Decision,
    Op::OthersDecision,
];

/// The roles matrix of server/README.md.
fn allowed(op: Op, role: Role) -> bool {
    match op {
        Op::Me | Op::Pull | Op::Summary | Op::NewSpeaker | Op::OwnClaim | Op::OwnClaimDelete => {
            true
        }
        Op::Invite | Op::Document | Op::EditSpeaker => role == Role::Lead,
        Op::GoldClaim | Op::Decision => role == Role::Reviewer,
        Op::OthersClaim | Op::OthersClaimTakenOver | Op::OthersClaimDelete | Op::OthersDecision => {
            false
        }
    }
}

fn decision(id: &str, doc: &str, reason: &str) -> Value {
    json!({"kind": "decision", "base_version": 0, "decision": {
        "id": id, "document": doc, "unit_start": 0, "unit_end": 12, "action": "reject",
        "considered": [], "reason": reason, "decided_at": now()
    }})
}

fn version(resp: &(StatusCode, Value)) -> i64 {
    let r = only(resp);
    assert_eq!(r["outcome"], "accepted", "{r}");
    r["version"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_and_operation() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let rolf = server.invite(&t.project, "Rolf", Role::Reviewer).await;
    let api = server.api(&t.project);
    let actors = [
        (Role::Lead, t.lead.clone(), "Lead"),
        (Role::Reviewer, t.reviewer.clone(), "Rita"),
        (Role::Coder, t.ana.clone(), "ana"),
    ];
    let mut tried = 0;
    for (role, token, name) in &actors {
        for op in OPS {
            // What the operation works on, made by someone allowed to.
            let setup_version = match op {
                Op::EditSpeaker => {
                    let sp = id();
                    let v = version(
                        &api.push(&t.lead, vec![speaker(&sp, &format!("Speaker {sp}"))])
                            .await,
                    );
                    Some((sp, v))
                }
                Op::OwnClaimDelete => {
                    let c = id();
                    let v = version(
                        &api.push(
                            token,
                            vec![claim(&c, &t.doc, name, 0, "attributed", &now())],
                        )
                        .await,
                    );
                    Some((c, v))
                }
                Op::OthersClaim | Op::OthersClaimTakenOver | Op::OthersClaimDelete => {
                    let c = id();
                    let v = version(
                        &api.push(
                            &t.ben,
                            vec![claim(&c, &t.doc, "ben", 0, "attributed", &now())],
                        )
                        .await,
                    );
                    Some((c, v))
                }
                Op::OthersDecision => {
                    let d = id();
                    let v = version(
                        &api.push(&rolf, vec![decision(&d, &t.doc, "not a claim")])
                            .await,
                    );
                    Some((d, v))
                }
                _ => None,
            };
            let before = server.fingerprint().await;
            let resp = match op {
                Op::Me => api.get(token, "me").await,
                Op::Pull => api.get(token, "changes?after=0").await,
                Op::Summary => api.get(token, "summary").await,
                Op::Invite => {
                    api.post(
                        token,
                        "members",
                        &json!({"name": format!("new {}", id()), "role": "coder"}),
                    )
                    .await
                }
                Op::Document => {
                    api.push(
                        token,
                        vec![document(&id(), &format!("A new text {}", id()))],
                    )
                    .await
                }
                Op::NewSpeaker => {
                    api.push(token, vec![speaker(&id(), &format!("New {}", id()))])
                        .await
                }
                Op::EditSpeaker => {
                    let (sp, v) = setup_version.clone().unwrap();
                    let mut change = speaker(&sp, &format!("Renamed {sp}"));
                    change["base_version"] = json!(v);
                    api.push(token, vec![change]).await
                }
                Op::OwnClaim => {
                    api.push(
                        token,
                        vec![claim(&id(), &t.doc, name, 0, "disputed", &now())],
                    )
                    .await
                }
                Op::OwnClaimDelete => {
                    let (c, v) = setup_version.clone().unwrap();
                    api.push(token, vec![json!({"kind": "claim_delete", "base_version": v, "id": c, "coder": name, "modified": now()})])
                        .await
                }
                Op::OthersClaim => {
                    let (c, v) = setup_version.clone().unwrap();
                    api.push(token, vec![claim(&c, &t.doc, "ben", v, "disputed", &now())])
                        .await
                }
                Op::OthersClaimTakenOver => {
                    // Ben's claim id sent as the actor's own.
                    let (c, v) = setup_version.clone().unwrap();
                    api.push(token, vec![claim(&c, &t.doc, name, v, "disputed", &now())])
                        .await
                }
                Op::OthersClaimDelete => {
                    let (c, v) = setup_version.clone().unwrap();
                    api.push(token, vec![json!({"kind": "claim_delete", "base_version": v, "id": c, "coder": "ben", "modified": now()})])
                        .await
                }
                Op::GoldClaim => {
                    api.push(
                        token,
                        vec![claim(&id(), &t.doc, "gold", 0, "attributed", &now())],
                    )
                    .await
                }
                Op::Decision => {
                    api.push(token, vec![decision(&id(), &t.doc, "no claim here")])
                        .await
                }
                Op::OthersDecision => {
                    let (d, v) = setup_version.clone().unwrap();
                    let mut change = decision(&d, &t.doc, "changed my mind");
                    change["base_version"] = json!(v);
                    api.push(token, vec![change]).await
                }
            };
            let after = server.fingerprint().await;
            if allowed(op, *role) {
                assert_eq!(resp.0, StatusCode::OK, "{role:?} {op:?}: {}", resp.1);
                if resp.1.get("results").is_some() {
                    assert_eq!(
                        only(&resp)["outcome"],
                        "accepted",
                        "{role:?} {op:?}: {}",
                        resp.1
                    );
                }
            } else {
                assert_eq!(resp.0, StatusCode::FORBIDDEN, "{role:?} {op:?}: {}", resp.1);
                assert_eq!(resp.1["code"], "forbidden");
                assert!(!resp.1["message"].as_str().unwrap().is_empty());
                assert_eq!(before, after, "{role:?} {op:?} changed something");
            }
            tried += 1;
        }
    }
    assert_eq!(tried, 45);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_with_one_forbidden_item_applies_nothing() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let before = server.fingerprint().await;
    let own = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    let others = claim(&id(), &t.doc, "ben", 0, "attributed", &now());
    let (status, body) = api.push(&t.ana, vec![own, others]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["message"].as_str().unwrap().starts_with("changes[1]:"),
        "{body}"
    );
    assert_eq!(before, server.fingerprint().await);
}
