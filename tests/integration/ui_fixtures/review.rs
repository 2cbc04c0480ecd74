//! The review scenario (`review.json`): two coders on one article with identical, differing
//! and lone claims; each decision the review tests make, from the same start, with the units
//! and the audit trail after it; an undo; the refusals the UI shows.

use std::path::{Path, PathBuf};

use claimcoder::model::{Chosen, Claim, DecisionAction, EditedClaim, NewDecision, NewSpeaker};
use claimcoder::model::{DocumentId, NewClaim, Speaker, SpeakerKind, Status};
use claimcoder::project::DEFAULT_MIN_JACCARD;
use serde_json::{json, Value};

use super::record::{Recording, Walk};
use super::{branch, code, project_at};
use crate::support::new_claim;

pub const TEXT: &str =
    "The ambassador said the convoy arrived on time. Officials in Kyiv disputed the account. \
A ministry spokesman called it routine. Nobody else commented on the report.";

/// The start of the scenario: Ana's and Bo's claims (closed project at the path returned).
pub struct Coded {
    pub path: PathBuf,
    pub doc: DocumentId,
    pub a2: Claim,
    pub b2: Claim,
    pub a3: Claim,
    pub a4: Claim,
    pub b4: Claim,
}

/// Four units: identical claims (1), the same span with another status (2), a claim of Ana's
/// alone (3), the same span with another speaker (4).
pub fn coded(dir: &Path) -> Coded {
    let (mut p, path) = project_at(dir, "base");
    let doc = p.import_text(Some("Convoy report"), TEXT).unwrap().id;
    let antonov = p
        .create_speaker(NewSpeaker {
            name: "Anatoly Antonov".into(),
            kind: SpeakerKind::Person,
            aliases: vec![],
        })
        .unwrap();
    let mut by = |coder: &str, quote: &str, status, speaker: Option<&Speaker>| {
        p.set_coder(coder).unwrap();
        let claim = NewClaim {
            speaker: speaker.map(|s| s.id.clone()),
            ..new_claim(&doc, TEXT, quote, status)
        };
        code(&mut p, claim)
    };
    let convoy = "the convoy arrived on time";
    let kyiv = "Officials in Kyiv disputed the account";
    let nobody = "Nobody else commented on the report";
    by("Ana", convoy, Status::Attributed, Some(&antonov));
    by("Bo", convoy, Status::Attributed, Some(&antonov));
    let a2 = by("Ana", kyiv, Status::Disputed, None);
    let b2 = by("Bo", kyiv, Status::Unverified, None);
    let a3 = by(
        "Ana",
        "A ministry spokesman called it routine",
        Status::Attributed,
        None,
    );
    let a4 = by("Ana", nobody, Status::Unverified, Some(&antonov));
    let b4 = by("Bo", nobody, Status::Unverified, None);
    p.set_coder(super::ME).unwrap();
    drop(p);
    Coded {
        path,
        doc,
        a2,
        b2,
        a3,
        a4,
        b4,
    }
}

fn units(doc: &DocumentId, coders: &[&str], min_jaccard: f64) -> Value {
    json!({ "document": doc, "coders": coders, "minJaccard": min_jaccard })
}

/// What the review view reads in the walk's state: its units (all coders) and audit trail.
fn view(w: &mut Walk, doc: &DocumentId) {
    w.ask("reviewUnits", units(doc, &[], DEFAULT_MIN_JACCARD), |p| {
        p.review_units(doc, &[], DEFAULT_MIN_JACCARD)
    });
    w.ask("listDecisions", json!(doc), |p| p.decisions(Some(doc)));
}

fn decision(
    doc: &DocumentId,
    considered: &[&Claim],
    action: DecisionAction,
    chosen: [Option<&Claim>; 3],
    reason: &str,
) -> NewDecision {
    let [span, status, speaker] = chosen.map(|c| c.map(|c| c.id.clone()));
    NewDecision {
        document: doc.clone(),
        considered: considered.iter().map(|c| c.id.clone()).collect(),
        action,
        chosen: Chosen {
            span,
            status,
            speaker,
        },
        edited: None,
        reason: reason.into(),
    }
}

/// Records `d` from the walk's state to `next`, then what the view reads there.
fn decide(w: &mut Walk, d: NewDecision, next: &str) -> Value {
    let doc = d.document.clone();
    let answer = w.step("adjudicate", json!(d), next, |p| p.adjudicate(d));
    view(w, &doc);
    answer
}

fn refuse(w: &mut Walk, d: NewDecision) {
    w.ask("adjudicate", json!(d), |p| p.adjudicate(d));
}

#[test]
fn review_answers_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let s = coded(dir.path());
    let doc = &s.doc;
    let mut rec = Recording::new(dir.path());
    let (a2, b2, a3, a4, b4) = (&s.a2, &s.b2, &s.a3, &s.a4, &s.b4);
    use DecisionAction::{Accept, Edit, Merge, Reject};

    // What the view reads at the start, and the refusal of an empty reason.
    let mut w = Walk::new(&mut rec, branch(&s.path, "start"), "start");
    view(&mut w, doc);
    for (coders, j) in [(&["Ana"][..], DEFAULT_MIN_JACCARD), (&["Ana"][..], 0.8)] {
        let names: Vec<String> = coders.iter().map(|c| c.to_string()).collect();
        w.ask("reviewUnits", units(doc, coders, j), |p| {
            p.review_units(doc, &names, j)
        });
    }
    refuse(
        &mut w,
        decision(doc, &[a2, b2], Accept, [Some(a2); 3], "   "),
    );
    // Ana's lone claim rejected.
    decide(
        &mut w,
        decision(doc, &[a3], Reject, [None; 3], "not a claim"),
        "reject-lone",
    );

    // Bo's claim accepted on the unit whose status differs.
    let mut w = Walk::new(&mut rec, branch(&s.path, "accept"), "start");
    decide(
        &mut w,
        decision(doc, &[a2, b2], Accept, [Some(b2); 3], "Bo's status fits"),
        "accept-bo",
    );

    // Merged: Bo's span, Ana's status and speaker.
    let mut w = Walk::new(&mut rec, branch(&s.path, "merge"), "start");
    let chosen = [Some(b4), Some(a4), Some(a4)];
    let reason = "Bo's span, Ana's speaker";
    decide(
        &mut w,
        decision(doc, &[a4, b4], Merge, chosen, reason),
        "merge",
    );

    // Edited: Ana's span with another status, as the decision panel sends it.
    let mut w = Walk::new(&mut rec, branch(&s.path, "edit"), "start");
    let mut edit = decision(
        doc,
        &[a2, b2],
        Edit,
        [Some(a2), None, Some(a2)],
        "both missed the attribution",
    );
    edit.edited = Some(EditedClaim {
        start: a2.start,
        end: a2.end,
        quote: a2.quote.clone(),
        status: Status::Attributed,
        speaker: a2.speaker.clone(),
        cue: a2.cue,
        note: None,
    });
    decide(&mut w, edit, "edit");

    // Edited with a free span (words selected in the passage), another status and a speaker
    // none of the coders gave; undone by Ctrl+Z, then decided again by Ctrl+Shift+Z.
    let mut w = Walk::new(&mut rec, branch(&s.path, "edit-free"), "start");
    let (start, end) = crate::support::cp_span(TEXT, "Officials in Kyiv");
    let speakers = w.ask("listSpeakers", json!(null), |p| p.speakers());
    let antonov = speakers[0]["id"]
        .as_str()
        .map(claimcoder::model::SpeakerId::from);
    let mut free = decision(
        doc,
        &[a2, b2],
        Edit,
        [None, None, None],
        "only the officials are a claim",
    );
    free.edited = Some(EditedClaim {
        start,
        end,
        quote: "Officials in Kyiv".into(),
        status: Status::Disputed,
        speaker: antonov,
        cue: None,
        note: None,
    });
    let made = decide(&mut w, free.clone(), "edit-free");
    let id = made["id"].as_str().unwrap().to_owned();
    w.step("undoDecision", json!(id), "edit-free-undone", |p| {
        p.undo_decision(&id)
    });
    view(&mut w, doc);
    decide(&mut w, free, "edit-free-again");

    // Rejected, the audit trail exported, then undone.
    let mut w = Walk::new(&mut rec, branch(&s.path, "reject"), "start");
    let rejected = decide(
        &mut w,
        decision(doc, &[a2, b2], Reject, [None; 3], "no claim here"),
        "reject-status",
    );
    let audit = dir.path().join("tmp/audit.csv");
    std::fs::create_dir_all(audit.parent().unwrap()).unwrap();
    let request = json!({ "path": audit.display().to_string(), "asCsv": true });
    w.ask("exportDecisions", request, |p| {
        p.export_decisions(&audit, true)
    });
    let id = rejected["id"].as_str().unwrap().to_owned();
    w.step("undoDecision", json!(id), "reject-status-undone", |p| {
        p.undo_decision(&id)
    });
    view(&mut w, doc);

    // Another window rejected Ana's claim meanwhile: the view's decision is refused.
    let mut w = Walk::new(&mut rec, branch(&s.path, "behind"), "start");
    let reason = "behind the view's back";
    decide(
        &mut w,
        decision(doc, &[a2], Reject, [None; 3], reason),
        "decided-elsewhere",
    );
    refuse(&mut w, decision(doc, &[a2, b2], Accept, [Some(a2); 3], "x"));

    rec.finish("review.json");
}
