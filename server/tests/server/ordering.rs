//! The change log under concurrent writers: versions gap-free in commit order, so a reader
//! polling "after V" while pushes commit never skips one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use claimcoder_server::auth::Role;
use reqwest::StatusCode;

use crate::common::*;

const WRITERS: usize = 8;
const BATCHES: usize = 20;
const PER_BATCH: usize = 5;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_pushes_never_let_a_reader_skip_a_version() {
    let server = TestServer::start().await;
    let t = team(&server).await;
    let api = server.api(&t.project);
    let mut tokens = Vec::new();
    for w in 0..WRITERS {
        let name = format!("coder{w}");
        tokens.push((server.invite(&t.project, &name, Role::Coder).await, name));
    }
    let done = Arc::new(AtomicBool::new(false));

    // The reader: polls from the last version it saw and checks each page continues it.
    let reader = {
        let api = api.clone();
        let token = t.reviewer.clone();
        let done = done.clone();
        tokio::spawn(async move {
            let mut seen = 1; // the team's document
            let mut polls = 0;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let (s, page) = api
                    .get(&token, &format!("changes?after={seen}&limit=37"))
                    .await;
                assert_eq!(s, StatusCode::OK);
                for c in page["changes"].as_array().unwrap() {
                    let v = c["version"].as_i64().unwrap();
                    assert_eq!(v, seen + 1, "the reader skipped from {seen} to {v}");
                    seen = v;
                }
                polls += 1;
                if finished && !page["has_more"].as_bool().unwrap() {
                    return (seen, polls);
                }
            }
        })
    };

    let mut writers = Vec::new();
    for (token, name) in tokens {
        let api = api.clone();
        let doc = t.doc.clone();
        writers.push(tokio::spawn(async move {
            for _ in 0..BATCHES {
                let changes = (0..PER_BATCH)
                    .map(|_| claim(&id(), &doc, &name, 0, "attributed", &now()))
                    .collect();
                let (s, body) = api.push(&token, changes).await;
                assert_eq!(s, StatusCode::OK, "{body}");
                let versions: Vec<i64> = body["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["version"].as_i64().unwrap())
                    .collect();
                // One batch's versions are consecutive: nobody else numbers in between.
                assert!(
                    versions.windows(2).all(|w| w[1] == w[0] + 1),
                    "{versions:?}"
                );
            }
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let (seen, polls) = reader.await.unwrap();
    let total = 1 + (WRITERS * BATCHES * PER_BATCH) as i64;
    assert_eq!(seen, total);
    assert!(polls > 1);
    assert_eq!(server.count("SELECT count(*) FROM changes").await, total);
    assert_eq!(
        server.count("SELECT max(version) FROM changes").await,
        total
    );
}
