//! Load with the real desktop client: simulated coders, each with a project file of their own,
//! syncing 1,000 claims each with one team project at once through `claimcoder::team` (the
//! code the CLI and the app run), then syncing again until every project holds what the
//! server holds, checked claim by claim. Beside it, the raw insert rate of the same PostgreSQL.
//!
//! `cargo bench -p claimcoder-server --bench desktops` (50 coders × 1,000 claims; set
//! `DESKTOP_CODERS`, `DESKTOP_CLAIMS` for other sizes). The projects live on tmpfs when there is
//! one (/dev/shm): coding 50,000 claims one commit at a time on a disk would take minutes of
//! set-up; the sync's own commits are one per page of 1,000 changes.

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use support::{env, percentile};

use claimcoder::interchange::set::{AnnotationSet, SetClaim, SetCoder, SetDocument};
use claimcoder::model::Status;
use claimcoder::team::{self, sync::client_for, SyncReport};
use claimcoder::Project;
use claimcoder_server::auth::Role;

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// An article long enough for a thousand different claims.
fn article() -> String {
    (0..400)
        .map(|i| {
            format!("Speaker {i} said the bridge would open in month {i}, which critics doubted.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

struct Member {
    name: String,
    project: PathBuf,
    tokens: PathBuf,
}

fn sync(m: &Member) -> (Duration, SyncReport) {
    let t = Instant::now();
    let mut p = Project::open(&m.project).unwrap();
    p.set_coder(&m.name).unwrap();
    let client = client_for(&p.team_link().unwrap().unwrap(), &m.tokens).unwrap();
    let r = team::run(&mut p, &client).unwrap();
    (t.elapsed(), r)
}

/// `n` claims of `coder` on the project's only document, merged in one transaction (set-up).
fn code(project: &Path, coder: &str, n: usize) {
    let mut p = Project::open(project).unwrap();
    p.set_coder(coder).unwrap();
    let doc = p.documents().unwrap()[0].id.clone();
    let text = p.document(&doc).unwrap().text;
    let chars: Vec<char> = text.chars().collect();
    let stamp = "2026-12-02T00:00:00.000Z".to_owned();
    let claims = (0..n)
        .map(|i| {
            let start = (i * 7) % (chars.len() - 20);
            let end = start + 5 + i % 11;
            SetClaim {
                id: uuid::Uuid::now_v7().to_string(),
                document: doc.to_string(),
                start: start as u32,
                end: end as u32,
                quote: chars[start..end].iter().collect(),
                prefix: None,
                suffix: None,
                status: [Status::Attributed, Status::Disputed, Status::Unverified][i % 3],
                speaker: None,
                cue: None,
                note: None,
                coder: None,
                created: stamp.clone(),
                modified: stamp.clone(),
            }
        })
        .collect();
    let set = AnnotationSet {
        format: claimcoder::interchange::set::FORMAT.into(),
        version: claimcoder::interchange::set::VERSION,
        coder: Some(SetCoder {
            name: coder.to_owned(),
        }),
        documents: vec![SetDocument {
            id: doc.to_string(),
            title: "Bridge".into(),
            sha256: claimcoder::text::sha256_hex(&text),
            text,
            source: Default::default(),
        }],
        speakers: vec![],
        claims,
    };
    let r = p.import_set(&set, "bench", false).unwrap();
    assert_eq!(r.claims_added as usize, n, "{r:?}");
}

/// The client side's baseline: `total` rows like a claim's into a plain SQLite table (WAL,
/// synchronous FULL, as a project), 1,000 per transaction, where the projects live.
fn raw_sqlite(total: usize) -> Duration {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let mut c = rusqlite::Connection::open(dir.path().join("raw.sqlite")).unwrap();
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE claims (id TEXT PRIMARY KEY, document_id TEXT, start INTEGER, \"end\" INTEGER,
           quote TEXT, status TEXT, coder_id TEXT, created TEXT, modified TEXT) STRICT;",
    )
    .unwrap();
    let t = Instant::now();
    let mut done = 0;
    while done < total {
        let tx = c.transaction().unwrap();
        {
            let mut stmt = tx
                .prepare_cached("INSERT INTO claims VALUES (?1, 'd', ?2, ?3, 'The minister', 'attributed', 'k', ?4, ?4)")
                .unwrap();
            for i in done..(done + 1000).min(total) {
                stmt.execute(rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    i as i64,
                    i as i64 + 12,
                    "2026-12-02T00:00:00.000Z"
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
        done = (done + 1000).min(total);
    }
    t.elapsed()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let coders = env("DESKTOP_CODERS", 50);
    let claims = env("DESKTOP_CLAIMS", 1000);
    let support::Served {
        cluster,
        pool,
        base,
        project,
    } = support::served("Desktops").await;
    let client = pool.get().await.unwrap();
    let url = format!("{base}/{project}");
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let mut members = Vec::new();
    for (name, role) in std::iter::once(("lead".to_owned(), Role::Lead))
        .chain((0..coders).map(|c| (format!("coder{c}"), Role::Coder)))
    {
        let token = claimcoder_server::members::invite(&client, &project, &name, role, None)
            .await
            .unwrap()
            .token;
        let home = dir.path().join(&name);
        std::fs::create_dir_all(&home).unwrap();
        members.push((
            Member {
                project: home.join("project.claimcoder"),
                tokens: home.join("team-tokens.json"),
                name,
            },
            token,
        ));
    }

    // Set-up, not measured: the lead shares the article; every coder links, pulls it, codes.
    println!("desktops: {coders} coders × {claims} claims, each with a project file of their own");
    let setup = Instant::now();
    let text = article();
    let members: Vec<Member> = tokio::task::spawn_blocking(move || {
        let (lead, token) = &members[0];
        let mut p = Project::open(&lead.project).unwrap();
        p.import_text(Some("Bridge"), &text).unwrap();
        team::link(&mut p, &url, token, &lead.tokens).unwrap();
        drop(p);
        sync(lead);
        std::thread::scope(|s| {
            for (m, token) in &members[1..] {
                let url = &url;
                s.spawn(move || {
                    let mut p = Project::open(&m.project).unwrap();
                    team::link(&mut p, url, token, &m.tokens).unwrap();
                    drop(p);
                    sync(m);
                    code(&m.project, &m.name, claims);
                });
            }
        });
        members.into_iter().map(|(m, _)| m).collect()
    })
    .await
    .unwrap();
    println!("set-up: {}", secs(setup.elapsed()));

    // Every coder syncs at once: pushes their 1,000, pulls what is there by then.
    let rounds = tokio::task::spawn_blocking(move || {
        let mut rounds = Vec::new();
        for _ in 0..2 {
            let barrier = Arc::new(Barrier::new(coders));
            let started = Instant::now();
            let results: Vec<(Duration, SyncReport)> = std::thread::scope(|s| {
                let handles: Vec<_> = members[1..]
                    .iter()
                    .map(|m| {
                        let b = barrier.clone();
                        s.spawn(move || {
                            b.wait();
                            sync(m)
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            rounds.push((started.elapsed(), results));
        }
        let (_, lead_report) = sync(&members[0]);
        (rounds, lead_report, members)
    })
    .await
    .unwrap();
    let (rounds, lead_report, members) = rounds;

    // Every project equal to the server, claim by claim.
    let rows = client
        .query("SELECT id, version FROM claims WHERE NOT deleted", &[])
        .await
        .unwrap();
    let on_server: BTreeSet<String> = rows.iter().map(|r| r.get::<_, String>(0)).collect();
    let total = coders * claims;
    assert_eq!(on_server.len(), total);
    assert!(lead_report.verified);
    for m in &members {
        let p = Project::open(&m.project).unwrap();
        let here: BTreeSet<String> = p
            .all_claims()
            .unwrap()
            .into_iter()
            .map(|c| c.id.to_string())
            .collect();
        assert_eq!(here, on_server, "{} differs from the server", m.name);
    }
    for (_, results) in &rounds[1..] {
        assert!(
            results.iter().all(|(_, r)| r.verified),
            "the second round ends checked"
        );
    }

    // A late joiner: one more coder's first sync, alone, pulling everything.
    let token = claimcoder_server::members::invite(&client, &project, "late", Role::Coder, None)
        .await
        .unwrap()
        .token;
    let home = dir.path().join("late");
    std::fs::create_dir_all(&home).unwrap();
    let late = Member {
        project: home.join("project.claimcoder"),
        tokens: home.join("team-tokens.json"),
        name: "late".into(),
    };
    let url = format!("{base}/{project}");
    let (late_time, late_report) = tokio::task::spawn_blocking(move || {
        let mut p = Project::open(&late.project).unwrap();
        team::link(&mut p, &url, &token, &late.tokens).unwrap();
        drop(p);
        sync(&late)
    })
    .await
    .unwrap();
    assert!(late_report.verified);
    assert_eq!(late_report.pulled.claims as usize, total);
    let sqlite = tokio::task::spawn_blocking(move || raw_sqlite(total))
        .await
        .unwrap();

    let raw = support::raw_insert(&pool, &project, total, 1000).await;
    println!();
    println!("| what | figure |");
    println!("| --- | --- |");
    for (i, (wall, results)) in rounds.iter().enumerate() {
        let mut times: Vec<Duration> = results.iter().map(|(t, _)| *t).collect();
        times.sort();
        let pushed: u32 = results.iter().map(|(_, r)| r.pushed.accepted).sum();
        let pulled: u32 = results.iter().map(|(_, r)| r.pulled.claims).sum();
        println!(
            "| round {} ({}): {coders} syncs at once | {} wall; {pushed} claims pushed, {pulled} pulled; {:.0} claims/s through the server |",
            i + 1,
            if i == 0 {
                format!("each pushes {claims} and pulls until it holds everything")
            } else {
                "nothing new: each compares the summary".to_owned()
            },
            secs(*wall),
            (pushed + pulled) as f64 / wall.as_secs_f64()
        );
        println!(
            "| round {}: one sync, p50 / p95 / max | {} / {} / {} |",
            i + 1,
            secs(percentile(&times, 0.5)),
            secs(percentile(&times, 0.95)),
            secs(*times.last().unwrap())
        );
    }
    println!(
        "| check | every one of {} projects holds the server's {total} claims, id by id; summaries match |",
        members.len()
    );
    println!(
        "| a late joiner's first sync, alone: {total} claims pulled and applied | {}: {:.0} claims/s |",
        secs(late_time),
        total as f64 / late_time.as_secs_f64()
    );
    println!(
        "| raw SQLite INSERT of {total} claim-like rows, 1,000 per transaction, same file system | {}: {:.0} rows/s |",
        secs(sqlite),
        total as f64 / sqlite.as_secs_f64()
    );
    println!(
        "| raw PostgreSQL INSERT of {total} rows, one connection, 1,000 per transaction | {}: {:.0} rows/s |",
        secs(raw),
        total as f64 / raw.as_secs_f64()
    );
    drop(cluster);
}
