//! The desktop's sync client (`claimcoder::team`) against the real server: real project files,
//! real HTTP. Each "desktop" is its own SQLite project and token file, as on its own machine.
//! The client is blocking, so each of its calls runs on tokio's blocking pool beside the
//! server.

use std::path::PathBuf;

use claimcoder::model::{
    Chosen, ClaimEdit, DecisionAction, NewClaim, NewDecision, NewSpeaker, SpeakerKind, Status,
};
use claimcoder::project::GOLD_CODER;
use claimcoder::team::{self, sync::client_for, SyncReport};
use claimcoder::{ErrorCode, Project};
use claimcoder_server::auth::Role;

use crate::common::*;

pub const TEXT: &str = "The minister said the bridge «will open in May». Критики ответили: «Это невозможно» 🌉. Ana noted costs rose.";

pub struct Desktop {
    _dir: tempfile::TempDir,
    pub project: PathBuf,
    pub tokens: PathBuf,
    pub coder: String,
}

impl Desktop {
    pub fn new(coder: &str) -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        Desktop {
            project: dir.path().join(format!("{coder}.claimcoder")),
            tokens: dir.path().join("team-tokens.json"),
            _dir: dir,
            coder: coder.to_owned(),
        }
    }

    /// Runs `f` on this desktop's project, opened as its coder, off the async threads.
    pub async fn on<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Project) -> T + Send + 'static,
    ) -> T {
        let (path, coder) = (self.project.clone(), self.coder.clone());
        tokio::task::spawn_blocking(move || {
            let mut p = Project::open(&path).unwrap();
            p.set_coder(&coder).unwrap();
            f(&mut p)
        })
        .await
        .unwrap()
    }

    pub async fn link(&self, url: String, token: String) {
        let tokens = self.tokens.clone();
        self.on(move |p| team::link(p, &url, &token, &tokens).unwrap())
            .await;
    }

    pub async fn sync(&self) -> claimcoder::Result<SyncReport> {
        let (project, tokens, coder) = (
            self.project.clone(),
            self.tokens.clone(),
            self.coder.clone(),
        );
        tokio::task::spawn_blocking(move || Desktop::sync_file(&project, &coder, &tokens))
            .await
            .unwrap()
    }

    /// One sync of the project at `path` (blocking).
    pub fn sync_file(
        path: &std::path::Path,
        coder: &str,
        tokens: &std::path::Path,
    ) -> claimcoder::Result<SyncReport> {
        let mut p = Project::open(path)?;
        p.set_coder(coder)?;
        let link = p.team_link()?.expect("linked");
        let client = client_for(&link, tokens)?;
        team::run(&mut p, &client)
    }

    /// Every claim as (id, coder, start, end, status, speaker's name), sorted.
    pub async fn claims(&self) -> Vec<(String, String, u32, u32, Status, Option<String>)> {
        self.on(|p| {
            let coders: std::collections::HashMap<_, _> = p
                .coders()
                .unwrap()
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect();
            let speakers: std::collections::HashMap<_, _> = p
                .speakers()
                .unwrap()
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect();
            let mut out: Vec<_> = p
                .all_claims()
                .unwrap()
                .into_iter()
                .map(|c| {
                    (
                        c.id.to_string(),
                        coders[&c.coder].clone(),
                        c.start,
                        c.end,
                        c.status,
                        c.speaker.map(|s| speakers[&s].clone()),
                    )
                })
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out
        })
        .await
    }

    /// Codes `quote` (its first occurrence) with `status`, citing `speaker` (created here if
    /// new) when given; returns the claim's id.
    async fn code(&self, quote: &str, status: Status, speaker: Option<&str>) -> String {
        let (quote, speaker) = (quote.to_owned(), speaker.map(str::to_owned));
        self.on(move |p| {
            let doc = p.documents().unwrap()[0].id.clone();
            let text = p.document(&doc).unwrap().text;
            let byte = text.find(&quote).expect("quote in the text");
            let start = text[..byte].chars().count() as u32;
            let speaker = speaker.map(|name| match p.speaker_named(&name) {
                Ok(s) => s.id,
                Err(_) => {
                    p.create_speaker(NewSpeaker {
                        name,
                        kind: SpeakerKind::Person,
                        aliases: vec![],
                    })
                    .unwrap()
                    .id
                }
            });
            p.create_claim(NewClaim {
                document: doc,
                start,
                end: start + quote.chars().count() as u32,
                quote,
                status,
                speaker,
                cue: None,
                note: None,
            })
            .unwrap()
            .id
            .to_string()
        })
        .await
    }
}

struct Team {
    server: TestServer,
    url: String,
    project: String,
}

impl Team {
    async fn new() -> Team {
        let server = TestServer::start().await;
        let project = server.project("Bridge desk").await;
        Team {
            url: format!("{}/{}", server.base, project),
            server,
            project,
        }
    }

    /// The lead, who shares the article (checked: the push accepted it).
    async fn lead(&self) -> Desktop {
        let token = self.server.invite(&self.project, "lee", Role::Lead).await;
        let lead = lead_with_article(&self.url, token).await;
        assert_eq!(lead.claims().await.len(), 0);
        lead
    }

    async fn member(&self, name: &str, role: Role) -> Desktop {
        linked(
            name,
            &self.url,
            self.server.invite(&self.project, name, role).await,
        )
        .await
    }
}

/// A new desktop of `name`, linked at `url` with `token`.
pub async fn linked(name: &str, url: &str, token: String) -> Desktop {
    let d = Desktop::new(name);
    d.link(url.to_owned(), token).await;
    d
}

/// A lead's desktop with the article, linked at `url` and synced: the team has the article.
pub async fn lead_with_article(url: &str, token: String) -> Desktop {
    let lead = linked("lee", url, token).await;
    lead.on(|p| p.import_text(Some("Bridge"), TEXT).unwrap())
        .await;
    let r = synced(&lead).await;
    assert_eq!(r.pushed.accepted, 1, "the lead shares the document: {r:?}");
    lead
}

async fn synced(d: &Desktop) -> SyncReport {
    let r = d.sync().await.unwrap();
    assert!(r.verified, "{}: {r:?}", d.coder);
    assert_eq!(r.status.as_ref().unwrap().pending, 0, "{}: {r:?}", d.coder);
    r
}

#[tokio::test]
async fn coders_and_a_reviewer_on_three_desktops_converge() {
    let team = Team::new().await;
    let lead = team.lead().await;

    let ana = team.member("ana", Role::Coder).await;
    let ben = team.member("ben", Role::Coder).await;
    let rita = team.member("rita", Role::Reviewer).await;
    for d in [&ana, &ben, &rita] {
        let r = synced(d).await;
        assert_eq!(r.pulled.documents, 1, "{}: {r:?}", d.coder);
    }

    // Both coders meet the same new speaker offline: the team keeps one.
    let a1 = ana
        .code(
            "will open in May",
            Status::Attributed,
            Some("Minister Kovač"),
        )
        .await;
    let b1 = ben
        .code("will open in May", Status::Disputed, Some("minister kovač"))
        .await;
    let b2 = ben.code("Это невозможно", Status::Unverified, None).await;
    let r = synced(&ana).await;
    assert_eq!(r.pushed.accepted, 2, "a speaker and a claim: {r:?}");
    let r = synced(&ben).await;
    assert_eq!(r.pushed.matched, 1, "the speaker is the team's: {r:?}");
    assert_eq!(r.pulled.claims, 1, "ana's claim: {r:?}");
    synced(&ana).await;
    synced(&rita).await;

    // The reviewer adjudicates the unit both coded: ana's claim, as gold.
    let (a1_, b1_) = (a1.clone(), b1.clone());
    rita.on(move |p| {
        let doc = p.documents().unwrap()[0].id.clone();
        p.adjudicate(NewDecision {
            document: doc,
            considered: vec![a1_.as_str().into(), b1_.as_str().into()],
            action: DecisionAction::Accept,
            chosen: Chosen {
                span: Some(a1_.as_str().into()),
                status: None,
                speaker: None,
            },
            edited: None,
            reason: "the minister is quoted directly".into(),
        })
        .unwrap()
    })
    .await;
    let r = synced(&rita).await;
    assert_eq!(
        r.pushed.accepted, 2,
        "the gold claim and the decision: {r:?}"
    );
    for d in [&ana, &ben, &lead] {
        let r = synced(d).await;
        assert_eq!(r.pulled.decisions, 1, "{}: {r:?}", d.coder);
    }

    let everyone = ana.claims().await;
    assert_eq!(everyone.len(), 4, "{everyone:?}");
    for d in [&ben, &rita, &lead] {
        assert_eq!(d.claims().await, everyone, "{} differs from ana", d.coder);
    }
    assert!(everyone.iter().any(|c| c.0 == b2 && c.1 == "ben"));
    let gold: Vec<_> = everyone.iter().filter(|c| c.1 == GOLD_CODER).collect();
    assert_eq!(gold.len(), 1);
    assert_eq!(
        gold[0].5.as_deref().map(str::to_lowercase),
        Some("minister kovač".into())
    );
    let decisions = ana.on(|p| p.decisions(None).unwrap()).await;
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].decided_by, "rita");
    assert_eq!(decisions[0].reason, "the minister is quoted directly");

    // A coder's edit and deletion reach the others.
    let a1_ = a1.clone();
    ana.on(move |p| {
        let c = p.claim(&a1_.as_str().into()).unwrap();
        p.update_claim(ClaimEdit {
            id: c.id,
            start: c.start,
            end: c.end,
            quote: c.quote,
            status: Status::Disputed,
            speaker: c.speaker,
            cue: c.cue,
            note: Some("checked with the ministry".into()),
        })
        .unwrap();
    })
    .await;
    let b2_ = b2.clone();
    ben.on(move |p| p.delete_claim(&b2_.as_str().into()).unwrap())
        .await;
    synced(&ana).await;
    synced(&ben).await;
    synced(&ana).await;
    synced(&lead).await;
    let now = lead.claims().await;
    assert_eq!(now.len(), 3);
    assert!(!now.iter().any(|c| c.0 == b2));
    assert_eq!(now.iter().find(|c| c.0 == a1).unwrap().4, Status::Disputed);
    assert_eq!(ana.claims().await, now);
    assert_eq!(ben.claims().await, now);
}

#[tokio::test]
async fn a_coder_offline_keeps_working_and_syncs_when_the_server_is_back() {
    let team = Team::new().await;
    team.lead().await;
    let ana_token = team.server.invite(&team.project, "ana", Role::Coder).await;
    let ana = Desktop::new("ana");
    ana.link(team.url.clone(), ana_token.clone()).await;
    synced(&ana).await;

    // The server goes away.
    let Team {
        server, project, ..
    } = team;
    let db_url = server.db_url.clone();
    drop(server);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let id = ana.code("costs rose", Status::Attributed, None).await;
    let e = ana.sync().await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::TeamOffline, "{e}");
    let status = ana.on(|p| p.team_status().unwrap()).await;
    assert_eq!(status.pending, 1);
    assert!(status.last_error.unwrap().contains("cannot be reached"));
    assert_eq!(ana.claims().await.len(), 1, "the claim is kept here");

    // Back, at another address: linked again with the same token, the link keeps its state.
    let server = TestServer::on(db_url).await;
    ana.link(format!("{}/{}", server.base, project), ana_token)
        .await;
    let r = synced(&ana).await;
    assert_eq!(r.pushed.accepted, 1, "{r:?}");
    let status = ana.on(|p| p.team_status().unwrap()).await;
    assert!(status.last_error.is_none());
    assert_eq!(
        server
            .count(&format!("SELECT count(*) FROM claims WHERE id = '{id}'"))
            .await,
        1
    );
}

#[tokio::test]
async fn a_push_whose_answer_was_lost_is_sent_again_and_applied_once() {
    let team = Team::new().await;
    team.lead().await;
    let ana = team.member("ana", Role::Coder).await;
    synced(&ana).await;
    ana.code("costs rose", Status::Attributed, None).await;

    // The push reaches the server, and the desktop dies before it hears the answer.
    let tokens = ana.tokens.clone();
    ana.on(move |p| {
        let batch = p
            .team_outgoing(claimcoder::project::PushPhase::Coding)
            .unwrap()
            .expect("a claim to push");
        let client = client_for(&p.team_link().unwrap().unwrap(), &tokens).unwrap();
        client.push(&batch.body).unwrap();
    })
    .await;
    assert_eq!(team.server.count("SELECT count(*) FROM claims").await, 1);
    let r = synced(&ana).await;
    assert_eq!(r.pushed.accepted, 1, "the stored answer, replayed: {r:?}");
    assert_eq!(team.server.count("SELECT count(*) FROM claims").await, 1);
    assert_eq!(
        team.server
            .count("SELECT count(*) FROM changes WHERE kind = 'claim'")
            .await,
        1,
        "applied once"
    );
}

#[tokio::test]
async fn one_coder_on_two_machines_the_newer_edit_wins_and_a_damaged_record_resyncs() {
    let team = Team::new().await;
    team.lead().await;
    let token = team.server.invite(&team.project, "ana", Role::Coder).await;
    let (laptop, office) = (Desktop::new("ana"), Desktop::new("ana"));
    laptop.link(team.url.clone(), token.clone()).await;
    office.link(team.url.clone(), token).await;
    synced(&laptop).await;
    let id = laptop.code("costs rose", Status::Attributed, None).await;
    synced(&laptop).await;
    synced(&office).await;

    let set = |status: Status, note: &'static str| {
        let id = id.clone();
        move |p: &mut Project| {
            let c = p.claim(&id.as_str().into()).unwrap();
            p.update_claim(ClaimEdit {
                id: c.id,
                start: c.start,
                end: c.end,
                quote: c.quote,
                status,
                speaker: c.speaker,
                cue: c.cue,
                note: Some(note.into()),
            })
            .unwrap();
        }
    };
    office.on(set(Status::Disputed, "older")).await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    laptop.on(set(Status::Unverified, "newer")).await;
    synced(&laptop).await;
    let r = synced(&office).await;
    assert_eq!(r.pushed.stale, 1, "the older edit lost: {r:?}");
    for d in [&laptop, &office] {
        let note = d
            .on({
                let id = id.clone();
                move |p| p.claim(&id.as_str().into()).unwrap().note
            })
            .await;
        assert_eq!(note.as_deref(), Some("newer"));
    }
    assert_eq!(
        team.server.count("SELECT count(*) FROM superseded").await,
        1,
        "the older edit is kept on the server"
    );

    // A project whose record of versions went wrong finds out and pulls everything again.
    let path = office.project.clone();
    tokio::task::spawn_blocking(move || {
        let c = rusqlite::Connection::open(path).unwrap();
        c.execute("UPDATE team_rows SET version = 1 WHERE kind = 'claim'", [])
            .unwrap();
    })
    .await
    .unwrap();
    let r = synced(&office).await;
    assert!(r.full_resync, "{r:?}");
    assert_eq!(office.claims().await, laptop.claims().await);
}
