//! What the server's benches share: their sizes from the environment, percentiles, and the
//! baseline beside their figures.

use std::time::{Duration, Instant};

use deadpool_postgres::Pool;

#[path = "../../tests/server/pg.rs"]
#[allow(dead_code)]
pub mod pg;

/// A throw-away PostgreSQL cluster, the server on it in this process on loopback, and a new
/// team project: what each bench measures against.
pub struct Served {
    pub cluster: pg::Cluster,
    pub pool: Pool,
    pub base: String,
    pub project: String,
}

pub async fn served(project_name: &str) -> Served {
    let cluster = pg::Cluster::start();
    let pool = claimcoder_server::db::pool(&cluster.database(), 16).unwrap();
    claimcoder_server::db::migrate(&pool).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(claimcoder_server::serve(
        listener,
        pool.clone(),
        std::future::pending(),
    ));
    let client = pool.get().await.unwrap();
    let project = claimcoder_server::members::create_project(&client, project_name)
        .await
        .unwrap();
    Served {
        cluster,
        pool,
        base,
        project,
    }
}
use serde_json::json;

/// A size from the environment, or `default`.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `p` quantile (0..=1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Raw PostgreSQL inserts of `total` rows like a claim's (project, id, owner, JSON body,
/// version), prepared, `batch` per transaction, on one connection of the same cluster.
pub async fn raw_insert(pool: &Pool, project: &str, total: usize, batch: usize) -> Duration {
    let mut raw = pool.get().await.unwrap();
    raw.batch_execute(
        "CREATE TABLE IF NOT EXISTS raw_claims (project_id text, id text PRIMARY KEY, owner text, body jsonb, version bigint)",
    )
    .await
    .unwrap();
    let stmt = raw
        .prepare("INSERT INTO raw_claims (project_id, id, owner, body, version) VALUES ($1, $2, $3, $4, $5)")
        .await
        .unwrap();
    let body = json!({"document": "d", "start": 0, "end": 12, "quote": "The minister", "status": "attributed"});
    let t = Instant::now();
    let mut v = 0i64;
    while (v as usize) < total {
        let tx = raw.transaction().await.unwrap();
        for _ in 0..batch {
            v += 1;
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(&stmt, &[&project, &id, &"raw", &body, &v])
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
    }
    t.elapsed()
}
