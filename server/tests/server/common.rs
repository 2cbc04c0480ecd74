//! The server under test: started in this process on 127.0.0.1:0 over a fresh database of the
//! shared cluster, with a small HTTP client and builders of wire items.

use claimcoder::text::sha256_hex;
use claimcoder_server::auth::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::sync::oneshot;

use crate::pg;

pub struct TestServer {
    pub base: String,
    pub db_url: String,
    pub pool: deadpool_postgres::Pool,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

impl TestServer {
    /// A server over a new database of the shared cluster.
    pub async fn start() -> TestServer {
        let db_url = pg::shared().database();
        TestServer::on(db_url).await
    }

    pub async fn on(db_url: String) -> TestServer {
        let pool = claimcoder_server::db::pool(&db_url, 16).expect("pool");
        claimcoder_server::db::migrate(&pool)
            .await
            .expect("migrate");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let serve_pool = pool.clone();
        tokio::spawn(async move {
            claimcoder_server::serve(listener, serve_pool, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestServer {
            base,
            db_url,
            pool,
            stop: Some(tx),
        }
    }

    pub async fn project(&self, name: &str) -> String {
        let client = self.pool.get().await.unwrap();
        claimcoder_server::members::create_project(&client, name)
            .await
            .unwrap()
    }

    pub async fn invite(&self, project: &str, name: &str, role: Role) -> String {
        self.invite_for(project, name, role, None).await
    }

    pub async fn invite_for(
        &self,
        project: &str,
        name: &str,
        role: Role,
        days: Option<u32>,
    ) -> String {
        let client = self.pool.get().await.unwrap();
        claimcoder_server::members::invite(&client, project, name, role, days)
            .await
            .unwrap()
            .token
    }

    pub fn api(&self, project: &str) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            project: project.to_owned(),
        }
    }

    /// One number from the database, for checking that nothing changed.
    pub async fn count(&self, sql: &str) -> i64 {
        let client = self.pool.get().await.unwrap();
        client.query_one(sql, &[]).await.unwrap().get(0)
    }

    /// Rows of every table that a refused request must leave alone.
    pub async fn fingerprint(&self) -> Vec<i64> {
        let mut out = Vec::new();
        for t in [
            "SELECT coalesce(sum(last_version), 0)::bigint FROM projects",
            "SELECT count(*) FROM changes",
            "SELECT count(*) FROM documents",
            "SELECT count(*) FROM speakers",
            "SELECT count(*) FROM claims",
            "SELECT count(*) FROM decisions",
            "SELECT count(*) FROM batches",
            "SELECT count(*) FROM superseded",
            "SELECT count(*) FROM members",
            "SELECT count(*) FROM tokens",
            "SELECT count(*) FROM tokens WHERE revoked_at IS NOT NULL",
            "SELECT count(*) FROM members WHERE role = 'lead'",
            "SELECT count(*) FROM members WHERE role = 'reviewer'",
        ] {
            out.push(self.count(t).await);
        }
        out
    }
}

#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub project: String,
}

impl Api {
    pub fn url(&self, path: &str) -> String {
        format!("{}/projects/{}/{path}", self.base, self.project)
    }

    pub async fn get(&self, token: &str, path: &str) -> (StatusCode, Value) {
        let r = self
            .http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self
            .http
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Pushes `changes` as a new batch.
    pub async fn push(&self, token: &str, changes: Vec<Value>) -> (StatusCode, Value) {
        self.post(token, "push", &push_body(changes)).await
    }

    /// Every change after `after`, through all pages.
    pub async fn pull_all(&self, token: &str, after: i64) -> Vec<Value> {
        let mut out = Vec::new();
        let mut after = after;
        loop {
            let (s, page) = self
                .get(token, &format!("changes?after={after}&limit=1000"))
                .await;
            assert_eq!(s, StatusCode::OK, "{page}");
            let changes = page["changes"].as_array().unwrap().clone();
            if let Some(last) = changes.last() {
                after = last["version"].as_i64().unwrap();
            }
            out.extend(changes);
            if !page["has_more"].as_bool().unwrap() {
                return out;
            }
        }
    }
}

pub fn push_body(changes: Vec<Value>) -> Value {
    json!({"batch_id": uuid::Uuid::now_v7().to_string(), "changes": changes})
}

pub fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub const TEXT: &str =
    "The minister said the bridge will open in May. Critics disputed that, «citing delays» 🚧.";

pub fn document(doc_id: &str, text: &str) -> Value {
    json!({"kind": "document", "base_version": 0, "document": {
        "id": doc_id, "title": "Bridge", "text": text, "sha256": sha256_hex(text),
        "source": {"publisher": "The Daily"}
    }})
}

pub fn speaker(sp_id: &str, name: &str) -> Value {
    json!({"kind": "speaker", "base_version": 0, "speaker": {
        "id": sp_id, "name": name, "kind": "person", "aliases": []
    }})
}

/// A claim on `TEXT`'s first words ("The minister said"), code points 0..17.
pub fn claim(
    claim_id: &str,
    doc: &str,
    coder: &str,
    base: i64,
    status: &str,
    modified: &str,
) -> Value {
    json!({"kind": "claim", "base_version": base, "claim": {
        "id": claim_id, "document": doc, "start": 0, "end": 12, "quote": "The minister",
        "status": status, "coder": coder,
        "created": "2026-01-01T00:00:00.000Z", "modified": modified
    }})
}

pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The single item result of a one-item push that must be 200.
pub fn only(resp: &(StatusCode, Value)) -> Value {
    assert_eq!(resp.0, StatusCode::OK, "{}", resp.1);
    let results = resp.1["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{}", resp.1);
    results[0].clone()
}

/// A project with a document, and tokens for a lead, a reviewer and two coders.
pub struct Team {
    pub project: String,
    pub doc: String,
    pub lead: String,
    pub reviewer: String,
    pub ana: String,
    pub ben: String,
}

pub async fn team(server: &TestServer) -> Team {
    let project = server.project("Bridge desk").await;
    let lead = server.invite(&project, "Lead", Role::Lead).await;
    let reviewer = server.invite(&project, "Rita", Role::Reviewer).await;
    let ana = server.invite(&project, "ana", Role::Coder).await;
    let ben = server.invite(&project, "ben", Role::Coder).await;
    let doc = id();
    let r = server
        .api(&project)
        .push(&lead, vec![document(&doc, TEXT)])
        .await;
    assert_eq!(only(&r)["outcome"], "accepted");
    Team {
        project,
        doc,
        lead,
        reviewer,
        ana,
        ben,
    }
}
