//! The binary: admin commands as a script runs them, serving, and migrations that refuse a
//! database newer than the binary.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;

use crate::common::*;
use crate::pg;

pub const BIN: &str = env!("CARGO_BIN_EXE_claimcoder-server");

/// `claimcoder-server admin --database URL ARGS…`: (success, stdout, stderr).
pub fn admin(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(["admin", "--database", db])
        .args(args)
        .env_remove("CLAIMCODER_DATABASE")
        .output()
        .expect("the server binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    )
}

/// The server binary serving `db` on a free port; its base URL.
pub fn spawn_server(db: &str) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["--database", db, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .rsplit("listening on ")
        .next()
        .filter(|_| line.contains("listening on"))
        .unwrap_or_else(|| panic!("the server did not start: {line}"))
        .to_owned();
    (child, format!("http://{addr}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_commands_as_a_script_runs_them() {
    let db = pg::shared().database();
    let (ok, project, err) = admin(&db, &["create-project", "Bridge desk"]);
    assert!(ok, "{err}");
    assert!(
        uuid::Uuid::parse_str(&project).is_ok(),
        "prints the id: {project}"
    );

    let (ok, token, err) = admin(&db, &["invite", &project, "Ana", "--role", "coder"]);
    assert!(ok, "{err}");
    assert!(
        claimcoder_server::auth::parse_token(&token).is_some(),
        "prints the token: {token}"
    );

    let (ok, _, err) = admin(&db, &["invite", &project, "ana", "--role", "lead"]);
    assert!(!ok);
    assert!(err.contains("already has a member named Ana"), "{err}");
    let (ok, _, err) = admin(&db, &["invite", &project, "Bo", "--role", "boss"]);
    assert!(!ok);
    assert!(err.contains("not a role"), "{err}");
    let (ok, _, err) = admin(
        &db,
        &[
            "invite",
            &uuid::Uuid::now_v7().to_string(),
            "Bo",
            "--role",
            "coder",
        ],
    );
    assert!(!ok);
    assert!(err.contains("no team project"), "{err}");
    let (ok, lead, err) = admin(
        &db,
        &[
            "invite",
            &project,
            "Lee",
            "--role",
            "lead",
            "--expires-days",
            "30",
        ],
    );
    assert!(ok, "{err}");

    // The real binary serves what the admin commands made.
    let (mut child, base) = spawn_server(&db);
    let api = Api {
        http: reqwest::Client::new(),
        base,
        project: project.clone(),
    };
    let (s, me) = api.get(&token, "me").await;
    assert_eq!(s, StatusCode::OK, "{me}");
    assert_eq!(
        (me["name"].as_str(), me["role"].as_str()),
        (Some("Ana"), Some("coder"))
    );
    assert_eq!(me["project_name"], "Bridge desk");
    assert_eq!(api.get(&lead, "me").await.1["role"], "lead");

    let (ok, said, err) = admin(&db, &["revoke", &token]);
    assert!(ok, "{err}");
    assert!(said.contains("Ana"), "{said}");
    assert_eq!(api.get(&token, "me").await.0, StatusCode::UNAUTHORIZED);
    let (ok, _, err) = admin(&db, &["revoke", &token]);
    assert!(!ok);
    assert!(err.contains("already revoked"), "{err}");
    assert_eq!(api.get(&lead, "me").await.0, StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_newer_than_the_binary_is_refused_untouched() {
    let db = pg::shared().database();
    let pool = claimcoder_server::db::pool(&db, 2).unwrap();
    // Twice, and twice at once: migrations are idempotent and serialised.
    let (a, b) = tokio::join!(
        claimcoder_server::db::migrate(&pool),
        claimcoder_server::db::migrate(&pool)
    );
    assert_eq!((a.unwrap(), b.unwrap()), (1, 1));
    claimcoder_server::db::migrate(&pool).await.unwrap();
    let client = pool.get().await.unwrap();
    client
        .execute("INSERT INTO schema_version (version) VALUES (99)", &[])
        .await
        .unwrap();
    let before = tables(&client).await;

    let err = claimcoder_server::db::migrate(&pool)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("schema is version 99, newer than this claimcoder-server knows (up to 1)"),
        "{err}"
    );

    let out = Command::new(BIN)
        .args(["--database", &db, "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("newer than this claimcoder-server"),
        "{stderr}"
    );
    let (ok, _, err) = admin(&db, &["create-project", "X"]);
    assert!(!ok);
    assert!(err.contains("upgrade claimcoder-server"), "{err}");

    assert_eq!(before, tables(&client).await);
    let versions: i64 = client
        .query_one("SELECT count(*) FROM schema_version", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(versions, 2);
}

async fn tables(c: &deadpool_postgres::Client) -> i64 {
    c.query_one(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
        &[],
    )
    .await
    .unwrap()
    .get(0)
}

#[test]
fn no_sql_is_built_from_values() {
    // Every query is a literal with $n parameters: no format!/push_str near SQL keywords.
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut files = vec![std::path::PathBuf::from(src)];
    let mut checked = 0;
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let upper = line.to_uppercase();
            let sql = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE "]
                .iter()
                .any(|k| upper.contains(k));
            let built = ["FORMAT!(", "PUSH_STR(", "CONCAT!("]
                .iter()
                .any(|k| upper.contains(k));
            assert!(
                !(sql && built),
                "{}:{}: SQL built from values: {line}",
                p.display(),
                n + 1
            );
        }
        checked += 1;
    }
    assert!(checked > 5);
}
