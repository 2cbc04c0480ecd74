//! Faults seen from the desktop client: the connection cut in the middle of an answer or a
//! page, the server killed mid-sync and started again elsewhere, PostgreSQL restarted mid-sync,
//! the client gone between two pages. After recovery every project holds what the team holds,
//! claim by claim: nothing acknowledged lost, nothing doubled.

use std::process::Child;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use claimcoder::model::{NewClaim, Status};
use claimcoder::ErrorCode;
use claimcoder_server::auth::Role;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::admin::spawn_server;
use crate::client::{lead_with_article, linked, Desktop};
use crate::common::*;
use crate::pg;

/// A TCP proxy in front of the server: its address stays when the server moves, and it can
/// cut every new connection after so many bytes of the server's answer.
struct Proxy {
    addr: String,
    upstream: Arc<Mutex<String>>,
    cut_after: Arc<AtomicUsize>,
}

impl Proxy {
    async fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = format!("http://{}", listener.local_addr().unwrap());
        let upstream = Arc::new(Mutex::new(host_port(upstream)));
        let cut_after = Arc::new(AtomicUsize::new(0));
        let (up, cut) = (upstream.clone(), cut_after.clone());
        tokio::spawn(async move {
            loop {
                let Ok((inbound, _)) = listener.accept().await else {
                    return;
                };
                let target = up.lock().unwrap().clone();
                let limit = cut.load(Ordering::SeqCst);
                tokio::spawn(relay(inbound, target, limit));
            }
        });
        Proxy {
            addr,
            upstream,
            cut_after,
        }
    }

    fn cut_after(&self, bytes: usize) {
        self.cut_after.store(bytes, Ordering::SeqCst);
    }

    fn point_at(&self, upstream: &str) {
        *self.upstream.lock().unwrap() = host_port(upstream);
    }
}

fn host_port(url: &str) -> String {
    url.trim_start_matches("http://").to_owned()
}

async fn relay(inbound: TcpStream, target: String, limit: usize) {
    let Ok(outbound) = TcpStream::connect(&target).await else {
        return;
    };
    let (mut ri, mut wi) = inbound.into_split();
    let (mut ro, mut wo) = outbound.into_split();
    let up = tokio::io::copy(&mut ri, &mut wo);
    let down = async {
        let mut sent = 0usize;
        let mut buf = vec![0u8; 8192];
        loop {
            let n = match ro.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let n = if limit > 0 { n.min(limit - sent) } else { n };
            if wi.write_all(&buf[..n]).await.is_err() {
                return;
            }
            sent += n;
            if limit > 0 && sent >= limit {
                return; // cut: both halves are dropped
            }
        }
    };
    tokio::select! {
        _ = up => {}
        _ = down => {}
    }
}

/// Codes `n` claims here, on successive words of the article.
async fn code_many(d: &Desktop, n: usize) {
    d.on(move |p| {
        let doc = p.documents().unwrap()[0].id.clone();
        let text: Vec<char> = p.document(&doc).unwrap().text.chars().collect();
        for i in 0..n {
            let start = i % (text.len() - 8);
            p.create_claim(NewClaim {
                document: doc.clone(),
                start: start as u32,
                end: start as u32 + 5,
                quote: text[start..start + 5].iter().collect(),
                status: Status::Unverified,
                speaker: None,
                cue: None,
                note: Some(format!("claim {i}")),
            })
            .unwrap();
        }
    })
    .await;
}

async fn expect_offline(d: &Desktop) {
    let e = d.sync().await.expect_err("the sync cannot finish");
    assert_eq!(e.code(), ErrorCode::TeamOffline, "{e}");
}

/// Every claim once on the server, once in its log (each was written once), and each desktop
/// equal to the others claim by claim.
async fn converged(server: &TestServer, desktops: &[&Desktop], claims: i64) {
    for d in desktops {
        let r = d.sync().await.unwrap();
        assert!(r.verified, "{}: {r:?}", d.coder);
    }
    assert_eq!(server.count("SELECT count(*) FROM claims").await, claims);
    assert_eq!(
        server
            .count("SELECT count(*) FROM changes WHERE kind = 'claim'")
            .await,
        claims,
        "each claim applied once"
    );
    let first = desktops[0].claims().await;
    assert_eq!(first.len() as i64, claims);
    for d in &desktops[1..] {
        assert_eq!(d.claims().await, first, "{} differs", d.coder);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cut_answers_and_pages_and_a_server_killed_mid_sync_lose_and_double_nothing() {
    let admin = TestServer::start().await;
    let (mut child, base): (Child, String) = spawn_server(&admin.db_url);
    let proxy = Proxy::start(&base).await;
    let project = admin.project("Faults").await;
    let url = format!("{}/{project}", proxy.addr);
    let lead = lead_with_article(&url, admin.invite(&project, "lee", Role::Lead).await).await;
    let ana = linked(
        "ana",
        &url,
        admin.invite(&project, "ana", Role::Coder).await,
    )
    .await;
    ana.sync().await.unwrap();
    code_many(&ana, 1500).await;

    // The push arrives and its answer is cut: the batch is sent again and applied once.
    proxy.cut_after(120);
    expect_offline(&ana).await;
    assert_eq!(
        admin.count("SELECT count(*) FROM claims").await,
        1000,
        "the first batch was applied; only its answer was lost"
    );
    assert_eq!(ana.on(|p| p.team_status().unwrap().pending).await, 1500);
    proxy.cut_after(0);
    converged(&admin, &[&ana, &lead], 1500).await;

    // A first pull cut inside its first page: nothing of the page is applied, then all of it.
    let ben = linked(
        "ben",
        &url,
        admin.invite(&project, "ben", Role::Coder).await,
    )
    .await;
    proxy.cut_after(40_000);
    expect_offline(&ben).await;
    assert_eq!(ben.on(|p| p.team_status().unwrap().pulled).await, 0);
    proxy.cut_after(0);
    converged(&admin, &[&ana, &ben, &lead], 1500).await;

    // The server killed while Ana pushes, and started again at another address.
    code_many(&ana, 1500).await;
    let syncing = {
        let (project, tokens) = (ana.project.clone(), ana.tokens.clone());
        tokio::task::spawn_blocking(move || Desktop::sync_file(&project, "ana", &tokens))
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let first = syncing.await.unwrap();
    let (mut child, base) = spawn_server(&admin.db_url);
    proxy.point_at(&base);
    eprintln!("the sync the kill met: {:?}", first.map(|r| r.pushed));
    converged(&admin, &[&ana, &ben, &lead], 3000).await;
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_mid_sync_and_a_client_gone_between_pages_lose_and_double_nothing() {
    let cluster = pg::Cluster::start();
    let server = TestServer::on(cluster.url("postgres")).await;
    let project = server.project("Restart").await;
    let url = format!("{}/{project}", server.base);
    let lead = lead_with_article(&url, server.invite(&project, "lee", Role::Lead).await).await;
    let ana = linked(
        "ana",
        &url,
        server.invite(&project, "ana", Role::Coder).await,
    )
    .await;
    ana.sync().await.unwrap();
    code_many(&ana, 2500).await;

    let syncing = {
        let (project, tokens) = (ana.project.clone(), ana.tokens.clone());
        tokio::task::spawn_blocking(move || Desktop::sync_file(&project, "ana", &tokens))
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    let c = &cluster;
    tokio::task::block_in_place(|| {
        c.stop("immediate");
        std::thread::sleep(Duration::from_millis(300));
        c.run_postgres();
    });
    let first = syncing.await.unwrap();
    if let Err(e) = &first {
        assert_eq!(e.code(), ErrorCode::TeamOffline, "{e}");
    }
    converged(&server, &[&ana, &lead], 2500).await;

    // Ben's app stops after applying one page of three (each page is one transaction).
    let ben = linked(
        "ben",
        &url,
        server.invite(&project, "ben", Role::Coder).await,
    )
    .await;
    let tokens = ben.tokens.clone();
    let pulled = ben
        .on(move |p| {
            let link = p.team_link().unwrap().unwrap();
            let client = claimcoder::team::sync::client_for(&link, &tokens).unwrap();
            let page = client.changes(0, 1000).unwrap();
            assert!(page.has_more);
            p.team_apply_page(&page, None).unwrap();
            p.team_status().unwrap().pulled
        })
        .await;
    assert!(pulled >= 1000, "{pulled}");
    converged(&server, &[&ana, &ben, &lead], 2500).await;
}
