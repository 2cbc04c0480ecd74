//! Load: simulated coders syncing at once against the real server and a real PostgreSQL,
//! beside the raw insert rate of the same PostgreSQL. Not a timed test: it prints figures.
//!
//! `cargo bench -p claimcoder-server --bench load` (50 coders × 1,000 claims; set
//! `LOAD_CODERS`, `LOAD_CLAIMS`, `LOAD_BATCH` for other sizes). Each coder pushes its claims in
//! batches of `LOAD_BATCH`, then pulls everything after version 0 in pages of 1,000 (a first sync).

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use support::{env, percentile};

use claimcoder::text::sha256_hex;
use claimcoder_server::auth::Role;
use serde_json::{json, Value};

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

const TEXT: &str = "The minister said the bridge will open in May. Critics disputed that.";

/// Only what paging needs is decoded: the bench's client should not cost more than the server.
#[derive(serde::Deserialize)]
struct Page {
    changes: Vec<Versioned>,
    has_more: bool,
}

#[derive(serde::Deserialize)]
struct Versioned {
    version: i64,
}

/// One page after `after`: how many changes, the last version, whether more follow.
async fn pull_page(
    http: &reqwest::Client,
    base: &str,
    project: &str,
    token: &str,
    after: i64,
) -> (usize, Option<i64>, bool) {
    let page: Page = http
        .get(format!(
            "{base}/projects/{project}/changes?after={after}&limit=1000"
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        page.changes.len(),
        page.changes.last().map(|c| c.version),
        page.has_more,
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing: run only when asked.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let coders = env("LOAD_CODERS", 50);
    let claims = env("LOAD_CLAIMS", 1000);
    let batch = env("LOAD_BATCH", 100);
    let support::Served {
        cluster,
        pool,
        base,
        project,
    } = support::served("Load").await;
    let client = pool.get().await.unwrap();
    let lead = claimcoder_server::members::invite(&client, &project, "Lead", Role::Lead, None)
        .await
        .unwrap()
        .token;
    let mut tokens = Vec::new();
    for c in 0..coders {
        let name = format!("coder{c}");
        let t = claimcoder_server::members::invite(&client, &project, &name, Role::Coder, None)
            .await
            .unwrap()
            .token;
        tokens.push((name, t));
    }
    let http = reqwest::Client::new();
    let push_url = format!("{base}/projects/{project}/push");
    let doc = id();
    let r = http
        .post(&push_url)
        .bearer_auth(&lead)
        .json(&json!({"batch_id": id(), "changes": [{"kind": "document", "base_version": 0, "document": {
            "id": doc, "title": "Bridge", "text": TEXT, "sha256": sha256_hex(TEXT)}}]}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());

    println!("load: {coders} coders × {claims} claims, batches of {batch}, at once");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (name, token) in tokens.clone() {
        let (http, doc, push_url) = (http.clone(), doc.clone(), push_url.clone());
        tasks.push(tokio::spawn(async move {
            let mut pushes = Vec::new();
            let mut sent = 0;
            while sent < claims {
                let n = batch.min(claims - sent);
                let changes: Vec<Value> = (0..n)
                    .map(|i| json!({"kind": "claim", "base_version": 0, "claim": {
                        "id": id(), "document": doc, "start": 0, "end": 12, "quote": "The minister",
                        "status": "attributed", "coder": name, "note": format!("claim {}", sent + i),
                        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z"}}))
                    .collect();
                let t = Instant::now();
                let r = http
                    .post(&push_url)
                    .bearer_auth(&token)
                    .json(&json!({"batch_id": id(), "changes": changes}))
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_success(), "{}", r.text().await.unwrap());
                let _: Value = r.json().await.unwrap();
                pushes.push(t.elapsed());
                sent += n;
            }
            pushes
        }));
    }
    let mut pushes = Vec::new();
    for t in tasks {
        pushes.extend(t.await.unwrap());
    }
    let push_wall = started.elapsed();

    // Then every coder's first pull of everything there is, all at once.
    let pull_started = Instant::now();
    let mut tasks = Vec::new();
    for (_, token) in tokens {
        let (http, base, project) = (http.clone(), base.clone(), project.clone());
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let (mut after, mut pulled) = (0i64, 0usize);
            loop {
                let (n, last, more) = pull_page(&http, &base, &project, &token, after).await;
                pulled += n;
                after = last.unwrap_or(after);
                if !more {
                    break;
                }
            }
            (t.elapsed(), pulled)
        }));
    }
    let mut pulls = Vec::new();
    let mut pulled = 0;
    for t in tasks {
        let (pull, n) = t.await.unwrap();
        pulls.push(pull);
        pulled += n;
    }
    let pull_wall = pull_started.elapsed();
    // One coder alone pulling everything, nothing else running.
    let solo_started = Instant::now();
    let (mut after, mut solo) = (0i64, 0usize);
    loop {
        let (n, last, more) = pull_page(&http, &base, &project, &lead, after).await;
        solo += n;
        after = last.unwrap_or(after);
        if !more {
            break;
        }
    }
    let solo_wall = solo_started.elapsed();
    pushes.sort();
    pulls.sort();
    let total = coders * claims;
    let stored: i64 = client
        .query_one("SELECT count(*) FROM claims", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored as usize, total);

    let raw_wall = support::raw_insert(&pool, &project, total, batch).await;

    println!();
    println!("| what | figure |");
    println!("| --- | --- |");
    println!(
        "| claims pushed and stored | {total} in {:.2} s |",
        push_wall.as_secs_f64()
    );
    println!(
        "| push throughput, {coders} coders at once | {:.0} claims/s |",
        total as f64 / push_wall.as_secs_f64()
    );
    println!(
        "| push of {batch} claims: p50 / p95 / max | {} / {} / {} |",
        ms(percentile(&pushes, 0.5)),
        ms(percentile(&pushes, 0.95)),
        ms(*pushes.last().unwrap())
    );
    println!("| first pull of everything, {coders} coders at once | {pulled} changes in {:.2} s: {:.0} changes/s |", pull_wall.as_secs_f64(), pulled as f64 / pull_wall.as_secs_f64());
    println!(
        "| one coder's first pull ({} changes): p50 / p95 | {} / {} |",
        pulled / coders,
        ms(percentile(&pulls, 0.5)),
        ms(percentile(&pulls, 0.95))
    );
    println!(
        "| one coder's first pull alone | {solo} changes in {}: {:.0} changes/s |",
        ms(solo_wall),
        solo as f64 / solo_wall.as_secs_f64()
    );
    println!(
        "| raw PostgreSQL INSERT, one connection, {batch} per transaction | {:.0} rows/s |",
        total as f64 / raw_wall.as_secs_f64()
    );
    drop(cluster);
}
