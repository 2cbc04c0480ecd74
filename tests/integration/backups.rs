//! Backups on real files: made while the project is open, listed with what they hold,
//! restored over the project with the current file backed up first; a bad backup restores
//! nothing.

use claimcoder::model::Status;
use claimcoder::project::backups;
use claimcoder::{ErrorCode, Project};

use crate::support::{isolated_data, new_claim, project_with, MIXED};

#[test]
fn a_backup_is_made_listed_and_restored_and_the_current_file_is_kept_first() {
    isolated_data();
    let mut f = project_with(MIXED);
    f.project
        .create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Disputed))
        .unwrap();
    let first = f.project.create_backup().unwrap();
    assert_eq!((first.documents, first.claims), (1, 1));
    assert!(
        !first.path.starts_with(&f.dir.path().display().to_string()),
        "not beside the project"
    );

    // More work after the backup, then the backup restored.
    f.project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "owners disagree",
            Status::Attributed,
        ))
        .unwrap();
    let path = f.path();
    drop(f.project);
    let backups::Kept::Backup(kept) =
        backups::restore(&path, std::path::Path::new(&first.path)).unwrap()
    else {
        panic!("the current file is backed up first")
    };
    assert_eq!(kept.claims, 2);
    let p = Project::open(&path).unwrap();
    let quotes: Vec<String> = p
        .all_claims()
        .unwrap()
        .into_iter()
        .map(|c| c.quote)
        .collect();
    assert_eq!(quotes, ["we agree"]);
    let listed = backups::list(&path).unwrap();
    assert_eq!(listed.len(), 2, "{listed:#?}");
    assert_eq!(
        listed[0].claims, 2,
        "newest first: the one made before restoring"
    );
}

#[test]
fn a_damaged_project_is_kept_byte_for_byte_when_a_backup_replaces_it() {
    isolated_data();
    let mut f = project_with(MIXED);
    f.project
        .create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Disputed))
        .unwrap();
    let good = f.project.create_backup().unwrap();
    let path = f.path();
    drop(f.project);
    // Garbage over the second page: the header still says SQLite, the check fails.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "the project spans several pages");
    for b in &mut bytes[4096 + 16..8192 - 16] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let refused = Project::open(&path)
        .err()
        .expect("a damaged project is refused");
    assert_eq!(refused.code(), ErrorCode::CorruptProject);

    let kept = backups::restore(&path, std::path::Path::new(&good.path)).unwrap();
    let backups::Kept::Copy { path: copy, reason } = kept else {
        panic!("a damaged file cannot be backed up, so it is copied: {kept:?}")
    };
    assert!(!reason.is_empty());
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        bytes,
        "the damaged bytes, as they were"
    );
    assert_eq!(
        backups::list(&path).unwrap().len(),
        1,
        "the copy is not offered as a backup"
    );
    let p = Project::open(&path).unwrap();
    assert_eq!(
        p.all_claims().unwrap().len(),
        1,
        "the backup's claim is back"
    );
}

#[test]
fn a_file_that_is_not_a_good_backup_restores_nothing() {
    isolated_data();
    let f = project_with(MIXED);
    let path = f.path();
    drop(f.project);
    let before = std::fs::read(&path).unwrap();
    let junk = path.with_file_name("junk.claimcoder");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let err = backups::restore(&path, &junk).unwrap_err();
    assert!(
        matches!(
            err.code(),
            ErrorCode::CorruptProject | ErrorCode::NotAProject
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the project is untouched"
    );
}

#[test]
fn a_backup_is_made_only_when_the_project_changed_since_the_last_one() {
    isolated_data();
    let mut f = project_with(MIXED);
    let first = f.project.backup_if_changed().unwrap();
    assert!(
        first.is_some(),
        "a project with changes and no backup gets one"
    );
    assert_eq!(
        f.project.backup_if_changed().unwrap(),
        None,
        "nothing changed since"
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    f.project
        .create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Disputed))
        .unwrap();
    let second = f
        .project
        .backup_if_changed()
        .unwrap()
        .expect("changed since");
    assert_eq!(second.claims, 1);
    assert_eq!(f.project.backups().unwrap().len(), 2);
}

/// The app's backup on opening, in two steps: decided under the project, copied through a
/// connection of its own, so the project answers and writes while a large copy runs. The copy
/// is one snapshot: the claim written between the decision and the copy is in it whole, and the
/// project, written on after, keeps everything.
#[test]
fn a_backup_job_copies_a_snapshot_without_holding_the_project() {
    isolated_data();
    let mut f = project_with(MIXED);
    f.project
        .create_claim(new_claim(&f.doc, MIXED, "we agree", Status::Disputed))
        .unwrap();
    let job = f
        .project
        .backup_job_if_changed()
        .unwrap()
        .expect("changed: a backup is due");
    // The project writes on while the job waits (the app answers meanwhile).
    f.project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "owners disagree",
            Status::Attributed,
        ))
        .unwrap();
    let made = job.run().unwrap();
    assert_eq!((made.documents, made.claims), (1, 2));
    assert_eq!(backups::list(&f.path()).unwrap()[0].path, made.path);
    // Nothing changed since: no job.
    assert!(f.project.backup_job_if_changed().unwrap().is_none());
    f.project
        .create_claim(new_claim(
            &f.doc,
            MIXED,
            "北京称此说法不实",
            Status::Unverified,
        ))
        .unwrap();
    assert_eq!(f.project.all_claims().unwrap().len(), 3);
}
