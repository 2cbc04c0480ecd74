//! Faults: the server killed in the middle of pushes, PostgreSQL restarted as after a crash,
//! connections cut. Clients send each batch again (same batch id) until it is answered; in
//! the end nothing acknowledged is lost and nothing is applied twice.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimcoder_server::auth::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::admin::spawn_server;
use crate::common::*;
use crate::pg;

/// Batches of claims by `coder`, each with its id fixed in advance.
fn batches(doc: &str, coder: &str, n: usize, size: usize) -> Vec<Value> {
    (0..n)
        .map(|_| {
            push_body(
                (0..size)
                    .map(|_| claim(&id(), doc, coder, 0, "attributed", &now()))
                    .collect(),
            )
        })
        .collect()
}

/// Checks the project against every batch and its acknowledged answer: each claim once, in
/// the log once, at the version acknowledged; versions gap-free.
async fn check_exactly_once(
    server: &TestServer,
    api: &Api,
    token: &str,
    sent: &[Value],
    acked: &HashMap<String, Value>,
) {
    let log = api.pull_all(token, 0).await;
    let versions: Vec<i64> = log.iter().map(|c| c["version"].as_i64().unwrap()).collect();
    assert_eq!(
        versions,
        (1..=versions.len() as i64).collect::<Vec<_>>(),
        "gap-free"
    );
    let mut at: HashMap<&str, i64> = HashMap::new();
    for c in &log {
        assert!(
            at.insert(c["id"].as_str().unwrap(), c["version"].as_i64().unwrap())
                .is_none(),
            "applied twice: {c}"
        );
    }
    let claims: usize = sent
        .iter()
        .map(|b| b["changes"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        server.count("SELECT count(*) FROM claims").await,
        claims as i64
    );
    assert_eq!(log.len(), claims + 1, "every claim once, and the document");
    for b in sent {
        let answer = &acked[b["batch_id"].as_str().unwrap()];
        for r in answer["results"].as_array().unwrap() {
            assert_eq!(r["outcome"], "accepted");
            assert_eq!(
                Some(&r["version"].as_i64().unwrap()),
                at.get(r["id"].as_str().unwrap()),
                "acknowledged version lost"
            );
        }
    }
}

/// Sends `batch` until the server answers it (a client's retry), for at most 60 s.
async fn push_until_answered(api: &Api, token: &str, batch: &Value) -> (Value, usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut failures = 0;
    loop {
        let sent = api
            .http
            .post(api.url("push"))
            .bearer_auth(token)
            .json(batch)
            .send()
            .await;
        match sent {
            Ok(r) if r.status() == StatusCode::OK => return (r.json().await.unwrap(), failures),
            Ok(r) => {
                let status = r.status();
                let body: Value = r.json().await.unwrap_or(Value::Null);
                assert_eq!(
                    status,
                    StatusCode::SERVICE_UNAVAILABLE,
                    "only 'try again' while the database is away: {body}"
                );
                assert_eq!(body["code"], "database_unavailable");
            }
            Err(_) => {} // the connection to the server broke
        }
        failures += 1;
        assert!(Instant::now() < deadline, "the batch was never answered");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_killed_mid_push_loses_nothing_acknowledged_and_doubles_nothing() {
    let seed = fastrand::u64(..);
    fastrand::seed(seed);
    let server = TestServer::start().await;
    let project = server.project("Kill").await;
    let lead = server.invite(&project, "Lead", Role::Lead).await;
    let ana = server.invite(&project, "ana", Role::Coder).await;
    let doc = id();
    only(
        &server
            .api(&project)
            .push(&lead, vec![document(&doc, TEXT)])
            .await,
    );
    let sent = batches(&doc, "ana", 30, 50);

    let (mut child, base) = spawn_server(&server.db_url);
    let api = Api {
        http: reqwest::Client::new(),
        base,
        project: project.clone(),
    };
    let mut acked: HashMap<String, Value> = HashMap::new();
    let answered_count = Arc::new(AtomicUsize::new(0));
    let pusher = {
        let (api, ana, sent, count) = (
            api.clone(),
            ana.clone(),
            sent.clone(),
            answered_count.clone(),
        );
        tokio::spawn(async move {
            let mut answered = Vec::new();
            for b in &sent {
                match api
                    .http
                    .post(api.url("push"))
                    .bearer_auth(&ana)
                    .json(b)
                    .send()
                    .await
                {
                    Ok(r) if r.status() == StatusCode::OK => {
                        answered.push(r.json::<Value>().await.unwrap())
                    }
                    _ => break,
                }
                count.fetch_add(1, Ordering::SeqCst);
            }
            answered
        })
    };
    // Somewhere in the middle of a push: after a few were answered, at a random moment.
    let wait_for = fastrand::usize(2..10);
    while answered_count.load(Ordering::SeqCst) < wait_for {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    tokio::time::sleep(Duration::from_millis(fastrand::u64(0..40))).await;
    child.kill().unwrap(); // SIGKILL: no graceful anything
    child.wait().unwrap();
    for a in pusher.await.unwrap() {
        acked.insert(a["batch_id"].as_str().unwrap().to_owned(), a);
    }
    let before_restart = acked.len();
    assert!(
        before_restart < sent.len(),
        "the kill came after every push (seed {seed})"
    );

    // A new server; the client sends every batch again, acknowledged or not.
    let (mut child, base) = spawn_server(&server.db_url);
    let api = Api { base, ..api };
    for b in &sent {
        let (answer, _) = push_until_answered(&api, &ana, b).await;
        let key = b["batch_id"].as_str().unwrap().to_owned();
        if let Some(first) = acked.get(&key) {
            assert_eq!(answer["replayed"], true);
            assert_eq!(
                answer["results"], first["results"],
                "an acknowledged batch answered otherwise"
            );
        } else {
            acked.insert(key, answer);
        }
    }
    check_exactly_once(&server, &api, &ana, &sent, &acked).await;
    child.kill().unwrap();
    child.wait().unwrap();
    eprintln!(
        "killed after {before_restart} of {} batches acknowledged (seed {seed})",
        sent.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_and_connections_cut_lose_and_double_nothing() {
    // Its own cluster: restarting the shared one would disturb the other tests.
    let cluster = pg::Cluster::start();
    let server = TestServer::on(cluster.url("postgres")).await;
    let project = server.project("Restart").await;
    let lead = server.invite(&project, "Lead", Role::Lead).await;
    let ana = server.invite(&project, "ana", Role::Coder).await;
    let api = server.api(&project);
    let doc = id();
    only(&api.push(&lead, vec![document(&doc, TEXT)]).await);
    let sent = batches(&doc, "ana", 30, 50);

    let pusher = {
        let (api, ana, sent) = (api.clone(), ana.clone(), sent.clone());
        tokio::spawn(async move {
            let mut acked = HashMap::new();
            let mut retries = 0;
            for b in &sent {
                let (answer, failures) = push_until_answered(&api, &ana, b).await;
                retries += failures;
                acked.insert(b["batch_id"].as_str().unwrap().to_owned(), answer);
            }
            (acked, retries)
        })
    };
    // Cut the server's connections twice, then restart PostgreSQL as after a crash.
    let url = cluster.url("postgres");
    for _ in 0..2 {
        tokio::time::sleep(Duration::from_millis(60)).await;
        let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'claimcoder-server'",
                &[],
            )
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let c = &cluster;
    tokio::task::block_in_place(|| c.stop("immediate"));
    // While PostgreSQL is down, health says so.
    let down = api
        .http
        .get(format!("{}/health", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
    tokio::task::block_in_place(|| {
        std::thread::sleep(Duration::from_millis(300));
        c.run_postgres();
    });
    let (acked, retries) = pusher.await.unwrap();
    let health = api
        .http
        .get(format!("{}/health", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert!(
        retries > 0,
        "no push met the cut connections or the restart"
    );
    let replies: HashSet<_> = acked
        .values()
        .map(|a| a["replayed"].as_bool().unwrap())
        .collect();
    check_exactly_once(&server, &api, &ana, &sent, &acked).await;
    eprintln!("{retries} retries; answers replayed: {replies:?}");
}
