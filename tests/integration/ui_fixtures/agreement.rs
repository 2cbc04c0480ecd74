//! The agreement scenario (`agreement.json`): the report on the review scenario's coding, as
//! the dashboard asks for it (without and with the bootstrap), and again after a third coder's
//! set is imported (where some figures are not defined).

use claimcoder::interchange::{ExportFormat, ExportScope};
use claimcoder::model::Status;
use claimcoder::project::{AgreementOptions, DEFAULT_MIN_JACCARD};
use serde_json::json;

use super::record::{Recording, Walk};
use super::review::{coded, TEXT};
use super::{branch, code};
use crate::support::new_claim;

fn report(w: &mut Walk, bootstrap: Option<u32>) {
    let options = AgreementOptions {
        coders: vec![],
        documents: vec![],
        min_jaccard: DEFAULT_MIN_JACCARD,
        bootstrap,
        seed: bootstrap.map(|_| 1),
    };
    w.ask("agreement", json!(options), |p| p.agreement(&options));
}

#[test]
fn agreement_answers_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let s = coded(dir.path());
    // Cy codes a passage no one else did: no unit has every coder, Cy shares none.
    let mut cy = branch(&s.path, "cy");
    cy.set_coder("Cy").unwrap();
    let said = "The ambassador said";
    code(&mut cy, new_claim(&s.doc, TEXT, said, Status::Attributed));
    let set = dir.path().join("sets/cy.json");
    std::fs::create_dir_all(set.parent().unwrap()).unwrap();
    let only_cy = ExportScope {
        coder: Some("Cy".into()),
        documents: vec![],
        statuses: vec![],
    };
    cy.export(&only_cy, ExportFormat::Json, &set).unwrap();

    let mut rec = Recording::new(dir.path());
    rec.file(&set);
    let mut w = Walk::new(&mut rec, branch(&s.path, "team"), "start");
    // The dashboard's two requests: without intervals, and with 1000 resamples, seed 1.
    report(&mut w, None);
    report(&mut w, Some(1000));
    let request = json!({ "paths": [set.display().to_string()], "acceptPartial": false });
    w.step("importSetFiles", request, "with-cy", |p| {
        Ok(p.import_set_files(&[&set], false))
    });
    report(&mut w, None);
    report(&mut w, Some(1000));
    rec.finish("agreement.json");
}
