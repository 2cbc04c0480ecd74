//! Every role × operation pair: the allowed ones succeed, the others are refused with 403 and
//! change nothing (every table counted before and after).

use claimcoder_server::auth::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Me,
    ListMembers,
    SetRole,
    RevokeMember,
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

const OPS: [Op; 18] = [
    Op::Me,
    Op::ListMembers,
    Op::SetRole,
    Op::RevokeMember,
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
        Op::Me
        | Op::ListMembers
        | Op::Pull
        | Op::Summary
        | Op::NewSpeaker
        | Op::OwnClaim
        | Op::OwnClaimDelete => true,
        Op::Invite | Op::SetRole | Op::RevokeMember | Op::Document | Op::EditSpeaker => {
            role == Role::Lead
        }
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
                Op::SetRole | Op::RevokeMember => {
                    let name = format!("member {}", id());
                    server.invite(&t.project, &name, Role::Coder).await;
                    let (_, list) = api.get(&t.lead, "members").await;
                    let m = list
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|m| m["name"] == name.as_str())
                        .unwrap();
                    Some((m["member_id"].as_str().unwrap().to_owned(), 0))
                }
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
                Op::ListMembers => api.get(token, "members").await,
                Op::SetRole => {
                    let (m, _) = setup_version.clone().unwrap();
                    let r = api
                        .http
                        .patch(api.url(&format!("members/{m}")))
                        .bearer_auth(token)
                        .json(&json!({"role": "reviewer"}))
                        .send()
                        .await
                        .unwrap();
                    (r.status(), r.json().await.unwrap())
                }
                Op::RevokeMember => {
                    let (m, _) = setup_version.clone().unwrap();
                    api.post(token, &format!("members/{m}/revoke"), &json!({}))
                        .await
                }
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
    assert_eq!(tried, 54);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_change_what_a_member_may_do_and_a_project_keeps_a_lead() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let (_, list) = api.get(&t.ana, "members").await;
    let id_of = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()["member_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        list.to_string().find("cc1.").is_none(),
        "no token is listed"
    );
    let gold = || claim(&id(), &t.doc, "gold", 0, "attributed", &now());
    assert_eq!(
        api.push(&t.ana, vec![gold()]).await.0,
        StatusCode::FORBIDDEN
    );
    let set = |who: String, role: &'static str| {
        let api = api.clone();
        let lead = t.lead.clone();
        async move {
            let r = api
                .http
                .patch(api.url(&format!("members/{who}")))
                .bearer_auth(&lead)
                .json(&json!({"role": role}))
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    assert_eq!(set(id_of("ana"), "reviewer").await.0, StatusCode::OK);
    assert_eq!(
        only(&api.push(&t.ana, vec![gold()]).await)["outcome"],
        "accepted"
    );
    // The only lead cannot step down; with a second lead, they can.
    let (s, e) = set(id_of("Lead"), "coder").await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["code"], "last_lead");
    assert_eq!(set(id_of("ben"), "lead").await.0, StatusCode::OK);
    assert_eq!(set(id_of("Lead"), "coder").await.0, StatusCode::OK);
    assert_eq!(
        api.post(&t.lead, "members", &json!({"name": "x", "role": "coder"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    // Ben, now lead, revokes Rita: her next request is refused.
    let (s, r) = api
        .post(
            &t.ben,
            &format!("members/{}/revoke", id_of("Rita")),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["tokens_revoked"], 1);
    assert_eq!(api.get(&t.reviewer, "me").await.0, StatusCode::UNAUTHORIZED);
    // A bad role or an unknown member: clear errors.
    let (s, e) = api
        .http
        .patch(api.url(&format!("members/{}", id_of("ana"))))
        .bearer_auth(&t.ben)
        .json(&json!({"role": "boss"}))
        .send()
        .await
        .map(|r| (r.status(), r))
        .unwrap();
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.text().await.unwrap().contains("unknown variant `boss`"));
    assert_eq!(
        set(id(), "coder").await.0,
        StatusCode::FORBIDDEN,
        "the old lead is a coder now"
    );
}
