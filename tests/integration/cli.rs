use std::process::Command;

use crate::support::cp_span;

fn cli(project: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimcoder"))
        .arg("--project")
        .arg(project)
        .args(args)
        .env("CLAIMCODER_CODER", "Cli Coder")
        .output()
        .unwrap()
}

#[test]
fn import_docs_and_claims_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let file = dir.path().join("a.txt");
    let text = "Zoë said 👍🏽 yes.\n";
    std::fs::write(&file, text).unwrap();
    let out = cli(&project, &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = cli(&project, &["docs", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs[0]["title"], "Zoë said 👍🏽 yes.");
    assert_eq!(docs[0]["length"], 17);
    assert_eq!(docs[0]["claim_count"], 0);
    let doc_id = docs[0]["id"].as_str().unwrap().to_owned();

    // A claim made through the core shows up through the CLI with names and code points.
    let mut p = claimcoder::Project::open(&project).unwrap();
    p.set_coder("Ana").unwrap();
    let (start, end) = cp_span(text, "👍🏽 yes");
    p.create_claim(claimcoder::model::NewClaim {
        document: claimcoder::model::DocumentId(doc_id.clone()),
        start,
        end,
        quote: "👍🏽 yes".into(),
        status: claimcoder::model::Status::Attributed,
        speaker: None,
        cue: None,
        note: None,
    })
    .unwrap();
    drop(p);
    let out = cli(&project, &["claims", "--doc", &doc_id, "--json"]);
    assert!(out.status.success());
    let claims: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(claims[0]["start"], 9);
    assert_eq!(claims[0]["end"], 15);
    assert_eq!(claims[0]["quote"], "👍🏽 yes");
    assert_eq!(claims[0]["status"], "attributed");
    assert_eq!(claims[0]["coder_name"], "Ana");
    assert_eq!(claims[0]["speaker_name"], serde_json::Value::Null);
}

#[test]
fn errors_go_to_stderr_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("bogus.claimcoder");
    std::fs::write(&bogus, "hello").unwrap();
    let out = cli(&bogus, &["docs"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a Claimcoder project"), "{err}");
    assert_eq!(std::fs::read(&bogus).unwrap(), b"hello");

    let project = dir.path().join("p.claimcoder");
    fails_with(
        &project,
        &["claims", "--doc", "no-such-doc"],
        "no document with id no-such-doc",
    );
}

#[test]
fn export_and_import_set_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.claimcoder");
    let b = dir.path().join("b.claimcoder");
    let text = "Ana said the port is closed.\n";
    {
        let mut p = claimcoder::Project::open(&a).unwrap();
        p.set_coder("Ana").unwrap();
        let doc = p.import_text(None, text).unwrap().id;
        p.create_claim(crate::support::new_claim(
            &doc,
            text,
            "the port is closed",
            claimcoder::model::Status::Disputed,
        ))
        .unwrap();
    }
    let set = dir.path().join("ana.json");
    let out = cli(
        &a,
        &[
            "export",
            "--format",
            "json",
            "--coder",
            "ana",
            "--out",
            set.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 1 claims on 1 documents"));

    let out = cli(&b, &["import-set", set.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["imported"], true);
    assert_eq!(reports[0]["claims_added"], 1);
    let claims: serde_json::Value =
        serde_json::from_slice(&cli(&b, &["claims", "--json"]).stdout).unwrap();
    assert_eq!(claims[0]["quote"], "the port is closed");
    assert_eq!(claims[0]["coder_name"], "Ana");

    // Several files, one of them broken: every file is reported, the good ones imported.
    let c = dir.path().join("c.claimcoder");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    let out = cli(
        &c,
        &[
            "import-set",
            broken.to_str().unwrap(),
            set.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["imported"], false);
    assert_eq!(reports[0]["error"]["code"], "invalid_file");
    assert!(reports[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("broken.json"));
    assert_eq!(
        (
            reports[1]["imported"].clone(),
            reports[1]["claims_added"].clone()
        ),
        (true.into(), 1.into())
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 2 files could not be read"));
    let claims: serde_json::Value =
        serde_json::from_slice(&cli(&c, &["claims", "--json"]).stdout).unwrap();
    assert_eq!(claims.as_array().unwrap().len(), 1);

    // A set with a claim that cannot be placed: exit 1, the report says why, nothing imported.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&set).unwrap()).unwrap();
    v["claims"][0]["quote"] = "not in the text".into();
    v["claims"][0]["id"] = "another-claim".into();
    std::fs::write(&set, serde_json::to_vec(&v).unwrap()).unwrap();
    let out = cli(&b, &["import-set", set.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("refused another-claim"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--partial"));

    let out = cli(&b, &["export", "--format", "xml", "--out", "x"]);
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
    let help = String::from_utf8_lossy(&out.stderr);
    assert!(
        help.contains("invalid value 'xml'")
            && help.contains("json, jsonl, csv, w3c, qdpx, brat, html"),
        "{help}"
    );
}

#[test]
fn agreement_of_two_coders_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("team.claimcoder");
    let text = "Ana said the port is closed. Bo said prices rose. Officials denied it all.\n";
    use claimcoder::model::Status::*;
    coded_by(
        &project,
        text,
        &[
            (
                "Ana",
                &[
                    ("the port is closed", Disputed),
                    ("prices rose", Attributed),
                    ("Officials denied it all", Unverified),
                ],
            ),
            // Same first span and status; overlapping second span with another status; no third.
            (
                "Bo",
                &[
                    ("the port is closed", Disputed),
                    ("said prices rose", Disputed),
                ],
            ),
        ],
    );
    let out = cli(
        &project,
        &[
            "agreement",
            "--coders",
            "Ana,Bo",
            "--bootstrap",
            "200",
            "--seed",
            "7",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["documents"], 1);
    assert_eq!(
        a["units"], 3,
        "two shared passages (one by overlap) and Ana's third claim"
    );
    let pair = &a["status"]["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("Ana"), Some("Bo"))
    );
    assert_eq!(pair["n"], 2);
    assert_eq!(pair["percent_agreement"], 0.5);
    assert_eq!(
        a["spans"]["pairs"][0]["f1_exact"], 0.4,
        "1 exact match of 3 + 2 claims"
    );
    assert_eq!(a["spans"]["pairs"][0]["f1_overlap"], 0.8);
    assert!(a["status"].get("alpha_ci95").is_some());
    // The same seed gives the same interval.
    let again: serde_json::Value = serde_json::from_slice(
        &cli(
            &project,
            &[
                "agreement",
                "--coders",
                "Ana,Bo",
                "--bootstrap",
                "200",
                "--seed",
                "7",
                "--json",
            ],
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(a["status"]["alpha_ci95"], again["status"]["alpha_ci95"]);

    let out = cli(&project, &["agreement", "--coders", "Ana,Nobody"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no coder is called \"Nobody\""));
    let audit = dir.path().join("audit.csv");
    let out = cli(
        &project,
        &[
            "review",
            "export",
            "--format",
            "csv",
            "--out",
            audit.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 0 decisions"));
    assert!(std::fs::read_to_string(&audit)
        .unwrap()
        .starts_with("decision_id,document_id"));
    let human = String::from_utf8_lossy(&cli(&project, &["agreement"]).stdout).to_string();
    assert!(
        human.contains("Cohen's kappa") && human.contains("Ana / Bo"),
        "{human}"
    );
}

/// A project at `path` with `text` as its one document, coded by each coder in turn: the
/// document's id.
fn coded_by(
    path: &std::path::Path,
    text: &str,
    coders: &[(&str, &[(&str, claimcoder::model::Status)])],
) -> String {
    let mut p = claimcoder::Project::open(path).unwrap();
    let doc = p.import_text(None, text).unwrap().id;
    for (coder, claims) in coders {
        p.set_coder(coder).unwrap();
        for (quote, status) in *claims {
            p.create_claim(crate::support::new_claim(&doc, text, quote, *status))
                .unwrap();
        }
    }
    doc.to_string()
}

/// Runs the CLI, which must fail with exit code 1 and say `words` on stderr.
fn fails_with(project: &std::path::Path, args: &[&str], words: &str) {
    let out = cli(project, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
}

/// Runs the CLI and returns its JSON output, failing with its stderr when it fails.
fn cli_json(project: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = cli(project, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn claims_and_speakers_are_scriptable_with_the_apps_checks() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let file = dir.path().join("a.txt");
    let text = crate::support::MIXED;
    std::fs::write(&file, text).unwrap();
    assert!(cli(&project, &["import", file.to_str().unwrap()])
        .status
        .success());
    let docs = cli_json(&project, &["docs", "--json"]);
    let doc = docs[0]["id"].as_str().unwrap().to_owned();

    let zoe = cli_json(
        &project,
        &[
            "speaker",
            "add",
            "Zoë",
            "--kind",
            "government",
            "--alias",
            "the minister",
            "--json",
        ],
    );
    assert_eq!(zoe["aliases"][0], "the minister");
    cli_json(
        &project,
        &["speaker", "add", "Bo Lind", "--kind", "person", "--json"],
    );
    cli_json(
        &project,
        &["speaker", "add", "B. Lind", "--kind", "person", "--json"],
    );
    // Offered for merging with their reason, never merged without being asked.
    let offered = cli_json(&project, &["speaker", "suggest", "--json"]);
    assert_eq!(offered.as_array().unwrap().len(), 1, "{offered}");
    assert_eq!(offered[0]["reason"], "initials");
    assert_eq!(
        cli_json(&project, &["speakers", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    cli_json(
        &project,
        &["speaker", "merge", "B. Lind", "--into", "Bo Lind", "--json"],
    );

    // Offsets are code points: after an emoji with a skin tone (two code points).
    let (s, e) = cp_span(text, "\"we agree\"");
    let (cs, ce) = cp_span(text, "said");
    let (s, e, cs, ce) = (s.to_string(), e.to_string(), cs.to_string(), ce.to_string());
    let claim = cli_json(
        &project,
        &[
            "claim",
            "add",
            &doc,
            &s,
            &e,
            "--status",
            "attributed",
            "--speaker",
            "THE MINISTER",
            "--cue",
            &cs,
            &ce,
            "--note",
            "checked",
            "--json",
        ],
    );
    assert_eq!(claim["quote"], "\"we agree\"");
    assert_eq!(claim["speaker_name"], "Zoë");
    assert_eq!(claim["coder_name"], "Cli Coder");
    assert_eq!(claim["cue"]["start"], cs.parse::<u32>().unwrap());
    let id = claim["id"].as_str().unwrap().to_owned();

    // The same checks as the app: a span outside the text, an unknown speaker.
    let out = cli(
        &project,
        &["claim", "add", &doc, "5", "999", "--status", "disputed"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("falls outside the text"));
    let out = cli(
        &project,
        &[
            "claim",
            "add",
            &doc,
            &s,
            &e,
            "--status",
            "disputed",
            "--speaker",
            "Nobody",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no speaker is called \"Nobody\""), "{err}");

    let (s2, e2) = cp_span(text, "we agree");
    let edited = cli_json(
        &project,
        &[
            "claim",
            "edit",
            &id,
            "--status",
            "disputed",
            "--span",
            &s2.to_string(),
            &e2.to_string(),
            "--no-cue",
            "--speaker",
            "bo lind",
            "--json",
        ],
    );
    assert_eq!(
        (&edited["quote"], &edited["status"], &edited["speaker_name"]),
        (&"we agree".into(), &"disputed".into(), &"Bo Lind".into())
    );
    assert_eq!(edited["cue"], serde_json::Value::Null);
    assert_eq!(edited["note"], "checked", "what is not given stays");

    // Merging Bo Lind into Zoë: the claim follows, the name becomes an alias.
    let merged = cli_json(
        &project,
        &["speaker", "merge", "Bo Lind", "--into", "Zoë", "--json"],
    );
    assert_eq!(merged["claims"][0]["id"], id.as_str());
    let speakers = cli_json(&project, &["speakers", "--json"]);
    assert_eq!(speakers.as_array().unwrap().len(), 1);
    assert_eq!(
        speakers[0]["speaker"]["aliases"],
        serde_json::json!(["B. Lind", "Bo Lind", "the minister"])
    );
    assert_eq!(speakers[0]["claims"], 1);
    assert_eq!(speakers[0]["by_coder"][0]["coder"], "Cli Coder");
    // Undone from what the merge printed, then merged again.
    let printed = project.with_file_name("merge.json");
    std::fs::write(&printed, merged.to_string()).unwrap();
    let undone = cli_json(
        &project,
        &["speaker", "unmerge", printed.to_str().unwrap(), "--json"],
    );
    assert_eq!(undone["restored"]["name"], "Bo Lind");
    assert_eq!(undone["claims"][0]["speaker"], undone["restored"]["id"]);
    let listed = cli_json(&project, &["speakers", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
    cli_json(
        &project,
        &["speaker", "merge", "Bo Lind", "--into", "Zoë", "--json"],
    );
    let renamed = cli_json(
        &project,
        &[
            "speaker",
            "edit",
            "the minister",
            "--name",
            "Zoë Marchetti",
            "--kind",
            "person",
            "--json",
        ],
    );
    assert_eq!(
        (&renamed["name"], &renamed["kind"]),
        (&"Zoë Marchetti".into(), &"person".into())
    );
    let aliased = cli_json(
        &project,
        &[
            "speaker",
            "alias",
            "Zoë Marchetti",
            "--remove",
            "bo lind",
            "--remove",
            "B. LIND",
            "--add",
            "Z. M.",
            "--json",
        ],
    );
    assert_eq!(
        aliased["aliases"],
        serde_json::json!(["the minister", "Z. M."])
    );

    let claims = cli_json(&project, &["claims", "--json"]);
    assert_eq!(claims[0]["speaker_name"], "Zoë Marchetti");
    let out = cli(&project, &["claim", "rm", &id]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("deleted {id}")));
    assert_eq!(
        cli_json(&project, &["claims", "--json"]),
        serde_json::json!([])
    );
    fails_with(&project, &["claim", "rm", &id], "no claim with id");
}

#[test]
fn a_team_lead_scripts_review_units_decisions_and_undo() {
    use claimcoder::model::Status::*;
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("team.claimcoder");
    let text = "Ana said the port is closed. Bo said prices rose. Officials denied it all.\n";
    let doc = coded_by(
        &project,
        text,
        &[
            (
                "Ana",
                &[
                    ("the port is closed", Disputed),
                    ("prices rose", Attributed),
                ],
            ),
            (
                "Bo",
                &[
                    ("port is closed", Attributed),
                    ("denied it all", Unverified),
                ],
            ),
        ],
    );
    let units = cli_json(&project, &["review", "units", &doc, "--json"]);
    let units = units.as_array().unwrap();
    assert_eq!(units.len(), 3, "{units:#?}");
    let port = &units[0];
    assert_eq!(port["claims"].as_array().unwrap().len(), 2);
    assert_eq!(
        port["differs"],
        serde_json::json!({"span": true, "status": true, "speaker": false})
    );
    assert_eq!(units[1]["missing"], serde_json::json!(["Bo"]));
    let id = |u: &serde_json::Value| u["id"].as_str().unwrap().to_owned();
    // The same claims give the same unit id in every listing.
    let again = cli_json(&project, &["review", "units", &doc, "--json"]);
    assert_eq!(id(&again[0]), id(port));

    let out = cli(
        &project,
        &[
            "--as",
            "Lead",
            "review",
            "decide",
            &id(port),
            "--accept",
            "Bo",
            "--reason",
            "",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a reason"));
    let accepted = cli_json(
        &project,
        &[
            "--as",
            "Lead",
            "review",
            "decide",
            &id(port),
            "--accept",
            "bo",
            "--reason",
            "Bo's span is tighter",
            "--json",
        ],
    );
    assert_eq!(accepted["action"], "accept");
    assert_eq!(accepted["result"]["quote"], "port is closed");
    assert_eq!(accepted["result"]["status"], "attributed");
    let (s, e) = cp_span(text, "prices rose");
    let edited = cli_json(
        &project,
        &[
            "--as",
            "Lead",
            "review",
            "decide",
            &id(&units[1]),
            "--edit",
            &s.to_string(),
            &e.to_string(),
            "--status",
            "unverified",
            "--reason",
            "no source is named",
            "--json",
        ],
    );
    assert_eq!(
        (&edited["result"]["quote"], &edited["result"]["status"]),
        (&"prices rose".into(), &"unverified".into())
    );
    let rejected = cli_json(
        &project,
        &[
            "--as",
            "Lead",
            "review",
            "decide",
            &id(&units[2]),
            "--reject",
            "--reason",
            "an opinion",
            "--json",
        ],
    );
    assert_eq!(rejected["result"], serde_json::Value::Null);
    let out = cli(
        &project,
        &[
            "--as",
            "Lead",
            "review",
            "decide",
            &id(port),
            "--reject",
            "--reason",
            "again",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("already decided"));

    let gold: Vec<String> = cli_json(&project, &["claims", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["coder_name"] == "gold")
        .map(|c| c["quote"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(gold, ["port is closed", "prices rose"]);

    let decision = accepted["id"].as_str().unwrap();
    let undone = cli_json(
        &project,
        &["--as", "Lead", "review", "undo", decision, "--json"],
    );
    assert!(undone["undone_at"].is_string());
    let decisions = cli_json(&project, &["review", "decisions", &doc, "--json"]);
    assert_eq!(
        decisions.as_array().unwrap().len(),
        3,
        "the undone one stays on record"
    );
    let units = cli_json(&project, &["review", "units", &doc, "--json"]);
    assert_eq!(units[0]["decision"], serde_json::Value::Null);
    assert_eq!(units[1]["decision"]["action"], "edit");
}

/// The shell's command list, as the app registers it.
mod shell {
    include!("../../src-tauri/src/command_names.rs");
}

/// Each command the app offers and the CLI command that does the same through the same core
/// call; `None` for what only a window has (native dialogs, the window's session, its undo).
const CLI_COUNTERPARTS: &[(&str, Option<&[&str]>)] = &[
    ("session", None),
    ("set_coder", Some(&["--as"])),
    ("list_documents", Some(&["docs"])),
    ("get_document", Some(&["doc", "show"])),
    ("edit_document", Some(&["doc", "edit"])),
    ("delete_document", Some(&["doc", "rm"])),
    ("import_text", Some(&["paste"])),
    ("pick_article_files", None),
    ("import_article_file", Some(&["import"])),
    ("chrome_preview", Some(&["chrome"])),
    ("list_claims", Some(&["claims"])),
    ("create_claim", Some(&["claim", "add"])),
    ("update_claim", Some(&["claim", "edit"])),
    ("delete_claim", Some(&["claim", "rm"])),
    ("restore_claim", None),
    ("list_speakers", Some(&["speakers"])),
    ("create_speaker", Some(&["speaker", "add"])),
    ("speaker_uses", Some(&["speakers"])),
    ("edit_speaker", Some(&["speaker", "edit"])),
    ("merge_speakers", Some(&["speaker", "merge"])),
    ("unmerge_speakers", Some(&["speaker", "unmerge"])),
    ("merge_suggestions", Some(&["speaker", "suggest"])),
    ("open_project_dialog", Some(&["--project"])),
    ("new_project_dialog", Some(&["init"])),
    ("open_project", Some(&["--project"])),
    ("pick_export_path", None),
    ("export_claims", Some(&["export"])),
    ("pick_set_files", None),
    ("import_set_files", Some(&["import-set"])),
    ("list_coders", Some(&["coders"])),
    ("agreement", Some(&["agreement"])),
    ("review_units", Some(&["review", "units"])),
    ("adjudicate", Some(&["review", "decide"])),
    ("undo_decision", Some(&["review", "undo"])),
    ("list_decisions", Some(&["review", "decisions"])),
    ("pick_audit_path", None),
    ("export_decisions", Some(&["review", "export"])),
    ("list_backups", Some(&["backup", "list"])),
    ("create_backup", Some(&["backup", "create"])),
    ("restore_backup", Some(&["backup", "restore"])),
    // A test's probe: nothing for a user to do.
    ("canary", None),
    ("search", Some(&["search"])),
    ("list_versions", Some(&["doc", "versions"])),
    ("import_version_dialog", Some(&["import"])),
    ("attention", Some(&["orphans"])),
    ("replace_orphan", Some(&["orphan", "place"])),
    ("discard_orphan", Some(&["orphan", "discard"])),
    ("confirm_placement", Some(&["placement", "confirm"])),
    // Each CLI command reads the project afresh.
    ("changed_elsewhere", None),
    ("open_read_only", Some(&["--read-only"])),
    ("import_html", Some(&["import"])),
    ("import_dropped", Some(&["import"])),
    ("team_link", Some(&["team", "link"])),
    ("team_state", Some(&["team", "status"])),
    ("team_sync_now", Some(&["team", "sync"])),
    ("team_unlink", Some(&["team", "unlink"])),
];

#[test]
fn every_command_of_the_app_has_its_cli_counterpart() {
    let mapped: Vec<&str> = CLI_COUNTERPARTS.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        mapped,
        shell::COMMAND_NAMES,
        "a command of the app has no CLI counterpart here (or one is listed that the app lacks)"
    );
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    for (command, cli_path) in CLI_COUNTERPARTS {
        let Some(path) = cli_path else { continue };
        // A global flag is in the top-level help; a subcommand answers its own --help.
        let (args, wanted): (Vec<&str>, &str) = match path {
            [flag] if flag.starts_with("--") => (vec!["--help"], flag),
            _ => (path.iter().copied().chain(["--help"]).collect(), "Usage:"),
        };
        let out = cli(&project, &args);
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && help.contains(wanted),
            "{command}: `claimcoder {}` is not a command\n{help}{}",
            path.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn paste_show_and_coders_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcoder"))
        .args([
            "--project",
            project.to_str().unwrap(),
            "paste",
            "--title",
            "Pasted",
        ])
        .env("CLAIMCODER_CODER", "Cli Coder")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        child.stdin.as_mut().unwrap(),
        "Zoë said 👍🏽 yes.\r\n".as_bytes(),
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let id = String::from_utf8_lossy(&out.stdout)
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let doc = cli_json(&project, &["doc", "show", &id, "--json"]);
    assert_eq!(doc["title"], "Pasted");
    assert_eq!(doc["text"], "Zoë said 👍🏽 yes.\n", "line endings normalised");
    let shown = cli(&project, &["doc", "show", &id]);
    assert!(String::from_utf8_lossy(&shown.stdout).starts_with("Pasted\n======\n"));
    let coders = cli_json(&project, &["coders", "--json"]);
    assert_eq!(coders[0]["name"], "Cli Coder");
    let edited = cli_json(
        &project,
        &[
            "doc",
            "edit",
            &id,
            "--title",
            "  Port  strike ",
            "--publisher",
            "Example Wire",
            "--json",
        ],
    );
    assert_eq!(
        (&edited["title"], &edited["source"]["publisher"]),
        (&"Port strike".into(), &"Example Wire".into())
    );
    assert_eq!(
        edited["text"], "Zoë said 👍🏽 yes.\n",
        "the text never changes"
    );
    let cleared = cli_json(&project, &["doc", "edit", &id, "--publisher", "", "--json"]);
    assert_eq!(cleared["source"]["publisher"], serde_json::Value::Null);
    assert_eq!(cleared["title"], "Port strike");
    let tagged = cli_json(
        &project,
        &[
            "doc",
            "tag",
            &id,
            "--add",
            "week 12",
            "--add",
            "to review",
            "--json",
        ],
    );
    assert_eq!(tagged["tags"], serde_json::json!(["to review", "week 12"]));
    let tagged = cli_json(
        &project,
        &["doc", "tag", &id, "--remove", "WEEK 12", "--json"],
    );
    assert_eq!(tagged["tags"], serde_json::json!(["to review"]));
    assert_eq!(
        cli_json(&project, &["docs", "--json"])[0]["tags"],
        serde_json::json!(["to review"])
    );
    fails_with(
        &project,
        &["doc", "edit", &id, "--title", " "],
        "a document's title cannot be empty",
    );
    fails_with(
        &project,
        &["doc", "show", "nope"],
        "no document with id nope",
    );
}

#[test]
fn backups_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_claimcoder"))
            .arg("--project")
            .arg(&project)
            .args(args)
            .env("CLAIMCODER_CODER", "Cli Coder")
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap_or_default()
    };
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Zoë said yes.\n").unwrap();
    run(&["import", text.to_str().unwrap()]);
    let made = run(&["backup", "create", "--json"]);
    assert_eq!(
        (made["documents"].as_u64(), made["claims"].as_u64()),
        (Some(1), Some(0))
    );
    let backup = made["path"].as_str().unwrap().to_owned();
    assert!(
        backup.starts_with(&data.path().display().to_string()),
        "{backup}"
    );
    // A second document, then the backup put back.
    let more = dir.path().join("b.txt");
    std::fs::write(&more, "Bo said no.\n").unwrap();
    run(&["import", more.to_str().unwrap()]);
    let kept = run(&["backup", "restore", &backup, "--json"]);
    assert_eq!(kept["documents"], 2, "the file as it was, backed up first");
    assert_eq!(run(&["docs", "--json"]).as_array().unwrap().len(), 1);
    let listed = run(&["backup", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

/// `import PATH...` reports each file's outcome (as JSON too) and fails, naming the files,
/// when any was skipped; `--trim-chrome` drops a scraped article's trailing chrome, which
/// `chrome FILE` lists first; `doc edit --lang` and `docs --json` carry the metadata.
#[test]
fn import_reports_each_file_and_trims_chrome_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let scraped = folder.join("scraped.txt");
    std::fs::write(
        &scraped,
        "Talks resume\n\nThe ambassador said talks would resume in May.\n\nPrevious Article\n\nFire at pig farm\n\nNext Article\n\nLeave a Comment\n",
    )
    .unwrap();
    let out = cli(&project, &["chrome", scraped.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "5\tPrevious Article\n7\tFire at pig farm\n9\tNext Article\n11\tLeave a Comment\n"
    );

    let page = folder.join("page.html");
    std::fs::write(
        &page,
        "<html lang=\"en\"><head><meta property=\"og:title\" content=\"Harbour talks\"><meta name=\"author\" content=\"Ann Lee\"></head><body><nav>Home</nav><p>The harbour authority met the union on Monday.</p></body></html>",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let out = cli(
        &project,
        &[
            "import",
            "--trim-chrome",
            "--json",
            folder.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped file fails the command"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 of 3 files were not imported") && stderr.contains("missing.txt"),
        "{stderr}"
    );
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let outcomes: Vec<&str> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["imported", "imported", "skipped"]);
    assert_eq!(results[2]["reason"], "unreadable");
    assert!(results[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("missing.txt"));

    let docs = cli_json(&project, &["docs", "--json"]);
    let html = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Harbour talks")
        .unwrap();
    assert_eq!(html["source"]["author"], "Ann Lee");
    assert_eq!(html["source"]["language"], "en");
    let txt = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Talks resume")
        .unwrap();
    let shown = cli_json(
        &project,
        &["doc", "show", txt["id"].as_str().unwrap(), "--json"],
    );
    assert_eq!(
        shown["text"],
        "Talks resume\n\nThe ambassador said talks would resume in May.\n"
    );

    // Importing the same folder again: duplicates, not failures.
    let out = cli(
        &project,
        &["import", "--trim-chrome", folder.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        printed
            .lines()
            .filter(|l| l.starts_with("duplicate\t"))
            .count(),
        2,
        "{printed}"
    );

    let edited = cli_json(
        &project,
        &[
            "doc",
            "edit",
            html["id"].as_str().unwrap(),
            "--lang",
            "en-GB",
            "--site",
            "Harbour Watch",
            "--json",
        ],
    );
    assert_eq!(edited["source"]["language"], "en-GB");
    assert_eq!(edited["source"]["publisher"], "Harbour Watch");
}

/// `claimcoder docs | head -1`: the reader goes away; the tool stops quietly with a broken
/// pipe's status instead of panicking, and what it was asked to do before printing is done.
#[test]
fn output_to_a_reader_that_went_away_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimcoder");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Zoë said yes.\n").unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_claimcoder"))
        .arg("--project")
        .arg(&project)
        .args(["import", file.to_str().unwrap()])
        .env("CLAIMCODER_CODER", "Cli Coder")
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(141), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = cli(&project, &["docs", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&docs.stdout).unwrap();
    assert_eq!(docs[0]["title"], "Zoë said yes.");
}
