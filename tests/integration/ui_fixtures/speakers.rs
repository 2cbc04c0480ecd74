//! The speakers scenario (`speakers.json`): two articles citing one ambassador under two
//! spellings and a spokeswoman under her full name and her surname, coded by Erin and Dan. The
//! pane's requests: the suggested merges, a rename refused because the name is taken, a merge
//! (and its undo and redo), and the surname pair merged from its suggestion.

use claimcoder::model::{NewClaim, Speaker, SpeakerEdit, SpeakerKind, Status};
use serde_json::json;

use super::record::{Recording, Walk};
use super::{branch, code, project_at, ME};
use crate::support::{new_claim, speaker};

const BRIEFING: &str = "Anatoly Antonov said the talks were useful. The embassy later added that \
the talks would go on. Maria Zakharova called the report a fabrication.";
const INTERVIEW: &str = "In an interview, Antonov said sanctions had failed. Zakharova said \
nothing had changed.";

#[test]
fn speakers_answers_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, base) = project_at(dir.path(), "base");
    let briefing = p.import_text(Some("Briefing"), BRIEFING).unwrap().id;
    let interview = p.import_text(Some("Interview"), INTERVIEW).unwrap().id;
    let anatoly = speaker(
        &mut p,
        "Anatoly Antonov",
        SpeakerKind::Person,
        &["the ambassador"],
    );
    let anatoli = speaker(&mut p, "Anatoli Antonov", SpeakerKind::Person, &[]);
    let maria = speaker(&mut p, "Maria Zakharova", SpeakerKind::Government, &[]);
    let zakharova = speaker(&mut p, "Zakharova", SpeakerKind::Person, &[]);
    speaker(&mut p, "RIA Novosti", SpeakerKind::Media, &["RIA"]);
    let mut cite = |coder: &str, doc, text, quote: &str, s: &Speaker| {
        p.set_coder(coder).unwrap();
        let claim = NewClaim {
            speaker: Some(s.id.clone()),
            ..new_claim(doc, text, quote, Status::Attributed)
        };
        code(&mut p, claim)
    };
    cite(ME, &briefing, BRIEFING, "the talks were useful", &anatoly);
    cite(ME, &interview, INTERVIEW, "sanctions had failed", &anatoli);
    cite(
        "Dan",
        &interview,
        INTERVIEW,
        "sanctions had failed",
        &anatoli,
    );
    cite(ME, &briefing, BRIEFING, "the report a fabrication", &maria);
    cite(ME, &interview, INTERVIEW, "nothing had changed", &zakharova);
    drop(p);

    let mut rec = Recording::new(dir.path());
    let mut w = Walk::new(&mut rec, branch(&base, "one"), "start");
    w.ask("mergeSuggestions", json!(null), |p| p.merge_suggestions());
    // Renaming Zakharova to a name another speaker has: refused where the analyst typed it.
    let taken = SpeakerEdit {
        id: zakharova.id.clone(),
        name: "anatoly antonov".into(),
        kind: zakharova.kind,
        aliases: vec![],
    };
    w.ask("editSpeaker", json!(taken), |p| {
        p.edit_speaker(taken.clone())
    });
    // Anatoli into Anatoly, undone, redone.
    let request = json!({ "from": anatoli.id, "into": anatoly.id });
    let merged = w.step("mergeSpeakers", request.clone(), "merged", |p| {
        p.merge_speakers(&anatoli.id, &anatoly.id)
    });
    w.ask("mergeSuggestions", json!(null), |p| p.merge_suggestions());
    let merge = serde_json::from_value(merged.clone()).unwrap();
    w.step("unmergeSpeakers", merged, "unmerged", |p| {
        p.unmerge_speakers(&merge)
    });
    w.ask("mergeSuggestions", json!(null), |p| p.merge_suggestions());
    w.step("mergeSpeakers", request, "remerged", |p| {
        p.merge_speakers(&anatoli.id, &anatoly.id)
    });
    w.ask("mergeSuggestions", json!(null), |p| p.merge_suggestions());
    drop(w);

    // From the start again: the surname pair merged from its suggestion (Zakharova goes).
    let mut w = Walk::new(&mut rec, branch(&base, "two"), "start");
    let request = json!({ "from": zakharova.id, "into": maria.id });
    w.step("mergeSpeakers", request, "zakharova-merged", |p| {
        p.merge_speakers(&zakharova.id, &maria.id)
    });
    w.ask("mergeSuggestions", json!(null), |p| p.merge_suggestions());
    drop(w);
    rec.finish("speakers.json");
}
