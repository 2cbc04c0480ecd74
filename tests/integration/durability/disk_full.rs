//! A project on a disk that fills up mid-import: a clear error naming the file, nothing
//! acknowledged lost, nothing of the failed import left, and work resumes once space is freed.

use claimcoder::error::ErrorCode;
use claimcoder::model::Status;
use claimcoder::Project;

use super::{integrity, Mount};
use crate::support::{new_claim, MIXED};

#[test]
fn a_full_disk_refuses_the_import_clearly_and_keeps_everything_before() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let _mount = Mount::tmpfs(&disk, "6m");
    let path = disk.join("full.claimcoder");
    // Most of the disk taken by something else, so that a few imports fill the rest (a new
    // project, its 16 KiB pages and its -wal, takes about 1.5 MiB).
    let filler = disk.join("filler.bin");
    std::fs::write(&filler, vec![7u8; 3 * 1024 * 1024]).unwrap();

    let mut p = Project::open(&path).unwrap();
    p.set_coder("Ana").unwrap();
    let doc = p.import_text(Some("Mixed"), MIXED).unwrap().id;
    let claim = p
        .create_claim(new_claim(&doc, MIXED, "we agree", Status::Attributed))
        .unwrap();
    let mut imported = vec![doc.clone()];
    let err = loop {
        // Each text is new (its identity differs) and about 200 KB.
        let text = format!("Article {}.\n{}", imported.len(), MIXED.repeat(1_500));
        match p.import_text(Some(&format!("Article {}", imported.len())), &text) {
            Ok(d) => imported.push(d.id),
            Err(e) => break e,
        }
        assert!(imported.len() < 100, "the 6 MiB disk never filled");
    };
    assert!(
        imported.len() > 1,
        "the disk was full before the first import"
    );
    assert_eq!(err.code(), ErrorCode::NoSpace, "{err}");
    let message = err.to_string();
    assert!(message.contains("disk is full"), "{message}");
    assert!(
        message.contains(path.to_str().unwrap()),
        "names the file: {message}"
    );
    eprintln!(
        "durability: the 6 MiB disk filled at import {}: {message}",
        imported.len()
    );

    // Everything acknowledged is there; the failed import left nothing.
    let docs: Vec<_> = p.documents().unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(docs, imported);
    assert_eq!(p.claim(&claim.id).unwrap(), claim);

    // Space freed: the same open project writes again, and the file is sound.
    std::fs::remove_file(&filler).unwrap();
    let again = p
        .create_claim(new_claim(&doc, MIXED, "owners disagree", Status::Disputed))
        .unwrap();
    p.import_text(Some("After"), "Written once space was freed.")
        .unwrap();
    drop(p);
    assert_eq!(integrity(&path), "ok");
    let p = Project::open(&path).unwrap();
    assert_eq!(p.all_claims().unwrap(), vec![claim, again]);
    assert_eq!(p.documents().unwrap().len(), imported.len() + 1);
}

#[test]
fn a_backup_onto_a_full_disk_says_so_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = crate::support::project_with(&MIXED.repeat(2_000));
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let _mount = Mount::tmpfs(&disk, "256k");
    std::fs::write(disk.join("filler.bin"), vec![1u8; 200 * 1024]).unwrap();
    let store = claimcoder::store::Store::open(&f.path()).unwrap();
    let dest = disk.join("backup.claimcoder");
    let e = store.backup_to(&dest).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NoSpace, "{e}");
    assert!(
        e.to_string().contains("backup.claimcoder"),
        "names the backup: {e}"
    );
    let left: Vec<_> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("filler.bin")],
        "no partial backup"
    );
}
