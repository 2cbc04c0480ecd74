//! Push and pull: replayed batches, stale writes, merges by name and text, per-item refusals,
//! pages, and the summary a client compares.

use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_batch_gets_its_answer_and_applies_nothing_twice() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let body = push_body(vec![
        claim(&id(), &t.doc, "ana", 0, "attributed", &now()),
        claim(&id(), &t.doc, "ana", 0, "disputed", &now()),
    ]);
    let (s, first) = api.post(&t.ana, "push", &body).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    assert_eq!(first["replayed"], false);
    let before = server.fingerprint().await;

    let (s, again) = api.post(&t.ana, "push", &body).await;
    assert_eq!(s, StatusCode::OK, "{again}");
    assert_eq!(again["replayed"], true);
    assert_eq!(again["results"], first["results"]);
    assert_eq!(again["latest"], first["latest"]);
    assert_eq!(
        before,
        server.fingerprint().await,
        "a replay wrote something"
    );

    // The same id with other changes, or from someone else: refused, nothing applied.
    let mut other = push_body(vec![claim(&id(), &t.doc, "ana", 0, "unverified", &now())]);
    other["batch_id"] = body["batch_id"].clone();
    let (s, err) = api.post(&t.ana, "push", &other).await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["code"], "batch_reused");
    let mut bens = push_body(vec![claim(&id(), &t.doc, "ben", 0, "unverified", &now())]);
    bens["batch_id"] = body["batch_id"].clone();
    let (s, err) = api.post(&t.ben, "push", &bens).await;
    assert_eq!(s, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["code"], "batch_id_taken");
    assert_eq!(before, server.fingerprint().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_edit_loses_to_a_newer_one_and_is_kept() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let c = id();
    let v1 = only(
        &api.push(
            &t.ana,
            vec![claim(
                &c,
                &t.doc,
                "ana",
                0,
                "attributed",
                "2026-01-01T10:00:00.000Z",
            )],
        )
        .await,
    )["version"]
        .as_i64()
        .unwrap();

    // Machine A edits at 10:05, based on v1: accepted.
    let a = only(
        &api.push(
            &t.ana,
            vec![claim(
                &c,
                &t.doc,
                "ana",
                v1,
                "disputed",
                "2026-01-01T10:05:00.000Z",
            )],
        )
        .await,
    );
    assert_eq!(a["outcome"], "accepted");
    let v2 = a["version"].as_i64().unwrap();

    // Machine B edited at 10:02, also based on v1: older, so stale; the row stays A's.
    let b = only(
        &api.push(
            &t.ana,
            vec![claim(
                &c,
                &t.doc,
                "ana",
                v1,
                "unverified",
                "2026-01-01T10:02:00.000Z",
            )],
        )
        .await,
    );
    assert_eq!(b["outcome"], "stale", "{b}");
    assert_eq!(b["version"], v2);
    let kept = server
        .count("SELECT count(*) FROM superseded WHERE reason = 'stale' AND body->>'status' = 'unverified'")
        .await;
    assert_eq!(kept, 1, "the losing edit is kept in the record");

    // Machine C edited at 10:09 based on v1: newer, so it wins over A's, and A's is kept.
    let c3 = only(
        &api.push(
            &t.ana,
            vec![claim(
                &c,
                &t.doc,
                "ana",
                v1,
                "unverified",
                "2026-01-01T10:09:00.000Z",
            )],
        )
        .await,
    );
    assert_eq!(c3["outcome"], "accepted", "{c3}");
    assert_eq!(c3["superseded"], v2);
    let kept = server
        .count("SELECT count(*) FROM superseded WHERE reason = 'older_edit_replaced' AND body->>'status' = 'disputed'")
        .await;
    assert_eq!(kept, 1);

    // A deletion based on an old version that is older than the last edit: stale.
    let d = only(&api.push(&t.ana, vec![json!({"kind": "claim_delete", "base_version": v1, "id": c, "coder": "ana", "modified": "2026-01-01T10:07:00.000Z"})]).await);
    assert_eq!(d["outcome"], "stale");
    // The same deletion based on the current version: accepted, pulled as a delete.
    let cur = c3["version"].as_i64().unwrap();
    let d = only(&api.push(&t.ana, vec![json!({"kind": "claim_delete", "base_version": cur, "id": c, "coder": "ana", "modified": now()})]).await);
    assert_eq!(d["outcome"], "accepted");
    let log = api.pull_all(&t.ben, 0).await;
    let last = log.last().unwrap();
    assert_eq!(
        (last["op"].as_str(), last["id"].as_str()),
        (Some("delete"), Some(c.as_str()))
    );
    assert!(last["body"].is_null());
    // Sending the same claim again as it is: unchanged, no new version.
    let same = claim(
        &id(),
        &t.doc,
        "ana",
        0,
        "attributed",
        "2026-01-01T10:00:00.000Z",
    );
    let first = only(&api.push(&t.ana, vec![same.clone()]).await);
    let mut again = same;
    again["base_version"] = first["version"].clone();
    let second = only(&api.push(&t.ana, vec![again]).await);
    assert_eq!(second["outcome"], "unchanged");
    assert_eq!(second["version"], first["version"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speakers_merge_by_name_or_alias_and_documents_by_text() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let jane = id();
    let mut sp = speaker(&jane, "Jane  Doe");
    sp["speaker"]["aliases"] = json!(["J. Doe"]);
    assert_eq!(
        only(&api.push(&t.ana, vec![sp]).await)["outcome"],
        "accepted"
    );
    for name in ["jane doe", "J. DOE"] {
        let r = only(&api.push(&t.ben, vec![speaker(&id(), name)]).await);
        assert_eq!(r["outcome"], "merged", "{r}");
        assert_eq!(r["into"], jane.as_str());
    }
    assert_eq!(server.count("SELECT count(*) FROM speakers").await, 1);
    // Case in any script: one name, and a clash found whatever the case.
    let mut doctors = speaker(&id(), "Ärzte ohne Grenzen");
    doctors["speaker"]["aliases"] = json!(["ÄRZTE OHNE GRENZEN", "MSF", "msf"]);
    let r = only(&api.push(&t.ana, vec![doctors]).await);
    assert_eq!(r["outcome"], "accepted", "{r}");
    let log = api.pull_all(&t.ana, 0).await;
    assert_eq!(log.last().unwrap()["body"]["aliases"], json!(["MSF"]));
    let r = only(
        &api.push(&t.ben, vec![speaker(&id(), "ärzte OHNE grenzen")])
            .await,
    );
    assert_eq!(r["outcome"], "merged", "{r}");

    // The same text under another id: the team's document.
    let r = only(&api.push(&t.lead, vec![document(&id(), TEXT)]).await);
    assert_eq!(r["outcome"], "duplicate");
    assert_eq!(r["into"], t.doc.as_str());
    // The same document again: unchanged. Its id with another text: refused (immutable).
    let mut again = document(&t.doc, TEXT);
    again["document"]["title"] = json!("Bridge");
    assert_eq!(
        only(&api.push(&t.lead, vec![again]).await)["outcome"],
        "unchanged"
    );
    let r = only(
        &api.push(&t.lead, vec![document(&t.doc, "Another text.")])
            .await,
    );
    assert_eq!(
        (r["outcome"].as_str(), r["code"].as_str()),
        (Some("refused"), Some("document_immutable"))
    );
    let mut bad = document(&id(), "Some text.");
    bad["document"]["sha256"] = json!("00");
    let r = only(&api.push(&t.lead, vec![bad]).await);
    assert_eq!(r["code"], "sha256_mismatch");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_that_does_not_fit_is_refused_alone() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let mut wrong_quote = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    wrong_quote["claim"]["quote"] = json!("The ministers");
    let mut no_doc = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    no_doc["claim"]["document"] = json!(id());
    let mut no_speaker = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    no_speaker["claim"]["speaker"] = json!(id());
    let mut past_end = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    past_end["claim"]["start"] = json!(80);
    past_end["claim"]["end"] = json!(500);
    // The emoji is one code point: "🚧" is at 86..87 of TEXT.
    let mut emoji = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    emoji["claim"]["start"] = json!(86);
    emoji["claim"]["end"] = json!(87);
    emoji["claim"]["quote"] = json!("🚧");
    let good = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    let (s, body) = api
        .push(
            &t.ana,
            vec![wrong_quote, no_doc, no_speaker, past_end, emoji, good],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let codes: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap_or(r["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            "bad_span",
            "unknown_document",
            "unknown_speaker",
            "bad_span",
            "accepted",
            "accepted"
        ],
        "{body}"
    );
    assert_eq!(server.count("SELECT count(*) FROM claims").await, 2);
    // The server filled in the context from the text.
    let log = api.pull_all(&t.ana, 0).await;
    let emoji = log.iter().find(|c| c["body"]["quote"] == "🚧").unwrap();
    assert_eq!(emoji["body"]["suffix"], ".");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_pages_in_version_order_and_the_summary_matches_what_was_pulled() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    for who in [(&t.ana, "ana"), (&t.ben, "ben")] {
        let changes = (0..30)
            .map(|_| claim(&id(), &t.doc, who.1, 0, "attributed", &now()))
            .collect();
        let (s, b) = api.push(who.0, changes).await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    let (s, page) = api.get(&t.ben, "changes?after=0&limit=7").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(page["changes"].as_array().unwrap().len(), 7);
    assert_eq!(page["has_more"], true);
    assert_eq!(page["latest"], 61);
    let all = api.pull_all(&t.ben, 0).await;
    let versions: Vec<i64> = all.iter().map(|c| c["version"].as_i64().unwrap()).collect();
    assert_eq!(versions, (1..=61).collect::<Vec<_>>());
    assert_eq!(all[0]["kind"], "document");
    assert_eq!(all[0]["author"], "Lead");

    // What a client that pulled everything computes, per owner.
    let (s, summary) = api.get(&t.ana, "summary").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(summary["latest"], 61);
    assert_eq!(summary["documents"], 1);
    for owner in ["ana", "ben"] {
        let mut claims: Vec<(String, i64)> = all
            .iter()
            .filter(|c| c["owner"] == owner)
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_owned(),
                    c["version"].as_i64().unwrap(),
                )
            })
            .collect();
        claims.sort();
        let mut h = Sha256::new();
        for (i, v) in &claims {
            h.update(format!("{i}:{v}\n"));
        }
        let o = summary["owners"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["owner"] == owner)
            .unwrap();
        assert_eq!(o["claims"], 30);
        assert_eq!(o["hash"], hex::encode(h.finalize()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_are_data_not_sql() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let evil = "Robert'); DROP TABLE claims; -- \u{202e}\u{0}";
    let mut c = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    c["claim"]["note"] = json!(evil);
    // PostgreSQL text cannot hold NUL: refused cleanly, not a crash.
    let (s, body) = api.push(&t.ana, vec![c.clone()]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"].as_str().unwrap().contains("NUL"), "{body}");
    c["claim"]["note"] = json!(evil.trim_end_matches('\u{0}'));
    c["claim"]["id"] = json!(id());
    assert_eq!(
        only(&api.push(&t.ana, vec![c]).await)["outcome"],
        "accepted"
    );
    let sp = speaker(&id(), "x' OR '1'='1");
    assert_eq!(
        only(&api.push(&t.ana, vec![sp]).await)["outcome"],
        "accepted"
    );
    let log = api.pull_all(&t.ana, 0).await;
    assert!(log
        .iter()
        .any(|c| c["body"]["note"] == evil.trim_end_matches('\u{0}')));
    assert!(log.iter().any(|c| c["body"]["name"] == "x' OR '1'='1"));
    assert!(server.count("SELECT count(*) FROM claims").await >= 1);
}

fn raw_post(api: &Api, token: &str, body: impl Into<reqwest::Body>) -> reqwest::RequestBuilder {
    api.http
        .post(api.url("push"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_oversized_requests_are_refused_clearly() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let before = server.fingerprint().await;
    let cases: Vec<(String, &str)> = vec![
        ("{".into(), "EOF"),
        ("{\"changes\": []}".into(), "missing field `batch_id`"),
        (
            json!({"batch_id": id(), "changes": [{"kind": "poem", "base_version": 0}]}).to_string(),
            "unknown variant `poem`",
        ),
        (
            json!({"batch_id": id(), "changes": [{"kind": "claim", "base_version": "x"}]})
                .to_string(),
            "changes[0]: invalid type: string \"x\", expected i64",
        ),
        (
            json!({"batch_id": id(), "changes": [], "extra": 1}).to_string(),
            "unknown field `extra`",
        ),
        (
            json!({"batch_id": "nope", "changes": []}).to_string(),
            "batch_id is not a UUID",
        ),
    ];
    for (body, says) in cases {
        let r = raw_post(&api, &t.ana, body.clone()).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
        let e: Value = r.json().await.unwrap();
        assert_eq!(e["code"], "malformed");
        assert!(
            e["message"].as_str().unwrap().contains(says),
            "{body} → {e}"
        );
    }
    // A bad status names the item's path.
    let mut c = claim(&id(), &t.doc, "ana", 0, "attributed", &now());
    c["claim"]["status"] = json!("maybe");
    let (s, e) = api.push(&t.ana, vec![c]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e["message"].as_str().unwrap().contains("changes[0]"), "{e}");

    // More changes than one push carries.
    let many = (0..5001)
        .map(|_| claim(&id(), &t.doc, "ana", 0, "attributed", &now()))
        .collect();
    let (s, e) = api.push(&t.ana, many).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("at most 5000 changes"),
        "{e}"
    );

    // Over 8 MiB: 413 with our message.
    let big = format!(
        "{{\"batch_id\": \"{}\", \"changes\": [], \"pad\": \"{}\"}}",
        id(),
        "x".repeat(9 * 1024 * 1024)
    );
    let r = raw_post(&api, &t.ana, big).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // The connection is not kept for the next request (its body was left unread).
    assert_eq!(r.headers()["connection"], "close");
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "too_large");
    assert!(e["message"].as_str().unwrap().contains("8 MiB"), "{e}");

    // Not JSON; a bad query; an unknown route.
    let r = api
        .http
        .post(api.url("push"))
        .bearer_auth(&t.ana)
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    for q in [
        "changes?after=abc",
        "changes?after=-1",
        "changes?limit=0",
        "changes?limit=100000",
        "changes?sort=1",
    ] {
        let (s, e) = api.get(&t.ana, q).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {e}");
        assert_eq!(e["code"], "malformed");
    }
    let (s, e) = api.get(&t.ana, "nothing").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(e["code"], "not_found");
    assert_eq!(before, server.fingerprint().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_adjudicates_with_a_gold_claim_and_a_decision_in_one_batch() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let ana_claim = id();
    only(
        &api.push(
            &t.ana,
            vec![claim(&ana_claim, &t.doc, "ana", 0, "attributed", &now())],
        )
        .await,
    );
    let gold = id();
    let decision = |id: &str, result: &str, reason: &str, base: i64, at: &str| {
        json!({"kind": "decision", "base_version": base, "decision": {
            "id": id, "document": t.doc, "unit_start": 0, "unit_end": 12, "action": "accept",
            "considered": [ana_claim], "result": result, "reason": reason, "decided_at": at
        }})
    };
    let d = id();
    let (s, body) = api
        .push(
            &t.reviewer,
            vec![
                claim(&gold, &t.doc, "gold", 0, "attributed", &now()),
                decision(&d, &gold, "ana is right", 0, "2026-02-01T09:00:00.000Z"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let outcomes: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["accepted", "accepted"], "{body}");
    let v = body["results"][1]["version"].as_i64().unwrap();

    // A decision whose result is not a gold claim is refused on its own.
    let r = only(
        &api.push(
            &t.reviewer,
            vec![decision(&id(), &ana_claim, "x", 0, &now())],
        )
        .await,
    );
    assert_eq!(r["code"], "unknown_claim", "{r}");

    // The reviewer's two machines: the later undo wins over an earlier re-decision.
    let mut undo = decision(&d, &gold, "ana is right", v, "2026-02-01T09:00:00.000Z");
    undo["decision"]["undone_at"] = json!("2026-02-01T11:00:00.000Z");
    assert_eq!(
        only(&api.push(&t.reviewer, vec![undo]).await)["outcome"],
        "accepted"
    );
    let other = decision(
        &d,
        &gold,
        "on reflection, yes",
        v,
        "2026-02-01T10:00:00.000Z",
    );
    let r = only(&api.push(&t.reviewer, vec![other]).await);
    assert_eq!(r["outcome"], "stale", "{r}");
    let (_, summary) = api.get(&t.lead, "summary").await;
    assert_eq!(summary["decisions"], 1);
    let owners: Vec<&str> = summary["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["owner"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["ana", "gold"]);
}
