//! What a team project's sync will push: every row while the project is linked, and nothing
//! recorded while it is not (linking marks everything the project holds). A claim's insert
//! sets its mark without a trigger (migration 10), through every way a claim is written.

use claimcoder::interchange::{ExportFormat, ExportScope};
use claimcoder::model::Status;
use claimcoder::team::wire::{Me, Role};
use claimcoder::Project;

use crate::support::{new_claim, project_with, MIXED};

fn me() -> Me {
    Me {
        project_id: "team-project".into(),
        project_name: "Desk".into(),
        member_id: "m1".into(),
        name: "Ana".into(),
        role: Role::Coder,
        latest: 0,
    }
}

fn pending(p: &Project) -> u32 {
    p.team_status().unwrap().pending
}

#[test]
fn a_linked_project_marks_each_new_claim_however_it_is_written() {
    let mut f = project_with(MIXED);
    let first = f
        .project
        .create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Attributed))
        .unwrap();
    // A teammate's set of the same article, with two claims, to merge later.
    let dir = f.dir.path().to_owned();
    let mut bea = Project::open(&dir.join("bea.claimcoder")).unwrap();
    bea.set_coder("Bea").unwrap();
    let doc = bea.import_text(Some("Mixed"), MIXED).unwrap().id;
    for quote in ["owners disagree", "北京称此说法不实"] {
        bea.create_claim(new_claim(&doc, MIXED, quote, Status::Disputed))
            .unwrap();
    }
    let set = dir.join("bea.json");
    bea.export(&ExportScope::default(), ExportFormat::Json, &set)
        .unwrap();

    // Linking marks what the project holds: its document and its claim.
    f.project.link_team("http://127.0.0.1:9", &me()).unwrap();
    assert_eq!(pending(&f.project), 2);

    // Coded, merged and restored by undo: each claim is marked once.
    let second = f
        .project
        .create_claim(new_claim(&f.doc, MIXED, "Minister Zoë", Status::Unverified))
        .unwrap();
    assert_eq!(pending(&f.project), 3);
    let report = f.project.import_set_file(&set, false).unwrap();
    assert_eq!(report.claims_added, 2, "{report:?}");
    assert_eq!(pending(&f.project), 5, "the merged claims are marked");
    f.project.delete_claim(&second.id).unwrap();
    f.project.restore_claim(second.clone()).unwrap();
    assert_eq!(pending(&f.project), 5, "a mark is set once per row");

    // Unlinked, nothing is recorded; linked again, everything is marked again.
    f.project.unlink_team().unwrap();
    f.project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "Cafe\u{301} owners",
            Status::Disputed,
        ))
        .unwrap();
    f.project.delete_claim(&first.id).unwrap();
    f.project.link_team("http://127.0.0.1:9", &me()).unwrap();
    // The document, and the four claims it holds now.
    assert_eq!(pending(&f.project), 5);
}
