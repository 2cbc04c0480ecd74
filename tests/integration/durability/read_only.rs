//! A project that cannot be written opens read-only and refuses every change clearly; a
//! project opened read-only by choice is never written.

use std::path::Path;
use std::process::Command;

use claimcoder::error::ErrorCode;
use claimcoder::model::{ClaimEdit, Status};
use claimcoder::Project;

use super::Mount;
use crate::support::{new_claim, MIXED};

/// A closed project with two claims, in `dir`.
fn closed_project(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("ro.claimcoder");
    let mut p = Project::open(&path).unwrap();
    p.set_coder("Ana").unwrap();
    let doc = p.import_text(Some("Mixed"), MIXED).unwrap().id;
    p.create_claim(new_claim(&doc, MIXED, "we agree", Status::Attributed))
        .unwrap();
    p.create_claim(new_claim(&doc, MIXED, "owners disagree", Status::Disputed))
        .unwrap();
    path
}

/// The file's bytes and modification time, and which side files exist beside it.
fn snapshot(path: &Path) -> (Vec<u8>, std::time::SystemTime, bool, bool) {
    let side = |ext: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(ext);
        Path::new(&s).exists()
    };
    (
        std::fs::read(path).unwrap(),
        std::fs::metadata(path).unwrap().modified().unwrap(),
        side("-wal"),
        side("-shm"),
    )
}

/// Every kind of change is refused with `read_only`, naming the file; reads still work.
fn every_write_refused(p: &mut Project, path: &Path) {
    p.set_coder("Ana")
        .expect("choosing who reads needs no write");
    let claims = p.all_claims().unwrap();
    assert_eq!(claims.len(), 2, "the claims can be read");
    let doc = claims[0].document.clone();
    let c = &claims[0];
    let edit = ClaimEdit {
        id: c.id.clone(),
        start: c.start,
        end: c.end,
        quote: c.quote.clone(),
        status: Status::Unverified,
        speaker: None,
        cue: None,
        note: Some("changed".into()),
    };
    let attempts = [
        p.create_claim(new_claim(&doc, MIXED, "Minister", Status::Disputed))
            .map(drop),
        p.update_claim(edit).map(drop),
        p.delete_claim(&c.id).map(drop),
        p.import_text(Some("New"), "A new article.").map(drop),
    ];
    for (i, r) in attempts.into_iter().enumerate() {
        let e = r.expect_err("a write on a read-only project");
        assert_eq!(e.code(), ErrorCode::ReadOnly, "attempt {i}: {e}");
        let m = e.to_string();
        assert!(
            m.contains(path.to_str().unwrap()) && m.contains("read-only"),
            "{m}"
        );
    }
    assert_eq!(p.all_claims().unwrap(), claims, "nothing changed");
}

#[test]
fn a_project_in_a_read_only_folder_opens_read_only_and_refuses_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mount = Mount::tmpfs(&disk, "2m");
    let path = closed_project(&disk);
    mount.remount_read_only();
    let before = snapshot(&path);

    let mut p = Project::open(&path).expect("a read-only project opens");
    let why = p.read_only().expect("and says it is read-only");
    assert!(why.contains("Read-only file system"), "{why}");
    every_write_refused(&mut p, &path);
    drop(p);

    // The CLI reads it, and refuses a write with the clear error and a failing exit.
    let cli = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimcoder"))
            .arg("--project")
            .arg(&path)
            .args(args)
            .env("CLAIMCODER_CODER", "Ana")
            .output()
            .unwrap()
    };
    let out = cli(&["claims", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = Project::open(&path).unwrap().documents().unwrap()[0]
        .id
        .clone();
    let out = cli(&[
        "claim",
        "add",
        doc.as_str(),
        "0",
        "8",
        "--status",
        "disputed",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "the CLI said it wrote to a read-only project"
    );
    assert!(
        err.contains("read-only") && err.contains("changes cannot be saved"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    assert_eq!(
        snapshot(&path),
        before,
        "the file and its side files are as they were"
    );
}

#[test]
fn a_read_only_file_in_a_writable_folder_opens_read_only_and_makes_no_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_project(dir.path());
    let _mount = Mount::read_only_file(&path);
    let before = snapshot(&path);
    assert!(
        !before.2 && !before.3,
        "a closed project has no -wal or -shm"
    );

    let mut p = Project::open(&path).unwrap();
    let why = p.read_only().expect("a read-only file opens read-only");
    assert!(why.contains("the file"), "{why}");
    every_write_refused(&mut p, &path);
    drop(p);
    assert_eq!(snapshot(&path), before);
}

#[test]
fn open_read_only_never_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_project(dir.path());
    let before = snapshot(&path);
    // A later modification time would show even a rewrite of the same bytes.
    std::thread::sleep(std::time::Duration::from_millis(20));

    let mut p = Project::open_read_only(&path).unwrap();
    assert!(p.read_only().is_some());
    every_write_refused(&mut p, &path);
    // A backup is written beside the user's data, not to the project: it still works.
    let backup = p
        .create_backup()
        .expect("a read-only project can be backed up");
    assert_eq!(backup.claims, 2);
    drop(p);
    std::fs::remove_dir_all(claimcoder::paths::backups_dir(&path)).unwrap();
    assert_eq!(
        snapshot(&path),
        before,
        "bytes, modification time, no -wal or -shm"
    );
}

#[test]
fn open_read_only_sees_what_another_process_has_committed_and_still_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_project(dir.path());
    // Another writer holds the project open, its last change still in the -wal.
    let mut writer = Project::open(&path).unwrap();
    writer.set_coder("Bea").unwrap();
    let c = writer.all_claims().unwrap()[0].clone();
    writer.delete_claim(&c.id).unwrap();
    let main_file = std::fs::read(&path).unwrap();

    let mut p = Project::open_read_only(&path).unwrap();
    p.set_coder("Ana").unwrap();
    assert_eq!(
        p.all_claims().unwrap().len(),
        1,
        "the -wal's change is seen"
    );
    let e = p.restore_claim(c).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReadOnly);
    drop(p);
    assert_eq!(std::fs::read(&path).unwrap(), main_file);
}

#[test]
fn a_project_of_an_older_format_that_cannot_be_written_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mount = Mount::tmpfs(&disk, "2m");
    let path = disk.join("old.claimcoder");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema/v1.claimcoder");
    std::fs::copy(fixture, &path).unwrap();
    mount.remount_read_only();
    let before = snapshot(&path);
    let e = Project::open(&path).err().expect("it cannot be upgraded");
    assert_eq!(e.code(), ErrorCode::ReadOnly, "{e}");
    assert!(e.to_string().contains("older format"), "{e}");
    assert_eq!(snapshot(&path), before);
}

#[test]
fn a_damaged_project_is_refused_but_opens_read_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = closed_project(dir.path());
    {
        let mut p = Project::open(&path).unwrap();
        p.set_coder("Ana").unwrap();
        p.import_text(Some("Long"), &"A long article line.\n".repeat(2000))
            .unwrap();
    }
    // A page near the end overwritten with garbage, as a failing disk might.
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    bytes[n - 8192..n - 4096].fill(0xA5);
    std::fs::write(&path, &bytes).unwrap();
    let before = snapshot(&path);

    let e = Project::open(&path)
        .err()
        .expect("a damaged project is refused");
    assert_eq!(e.code(), ErrorCode::CorruptProject, "{e}");

    let mut p = Project::open_read_only(&path).expect("but opens read-only when asked");
    let why = p.read_only().unwrap();
    assert!(why.contains("failed its check"), "{why}");
    // What can be read is read; what cannot is a clear error, never a crash.
    let readable = |r: claimcoder::Result<()>| match r {
        Ok(()) => true,
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::CorruptProject, "{e}");
            false
        }
    };
    let docs = p.documents().unwrap_or_default();
    let read: Vec<bool> = docs
        .iter()
        .map(|d| readable(p.document(&d.id).map(drop)))
        .chain([readable(p.all_claims().map(drop))])
        .collect();
    assert!(read.contains(&true), "nothing at all could be read");
    let e = p.import_text(Some("New"), "text").unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReadOnly);
    drop(p);
    assert_eq!(snapshot(&path), before, "never written");

    // The CLI reads it the same way when asked, and refuses to change it.
    let cli = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimcoder"))
            .arg("--project")
            .arg(&path)
            .args(args)
            .env("CLAIMCODER_CODER", "Ana")
            .output()
            .unwrap()
    };
    let docs = cli(&["--read-only", "docs", "--json"]);
    assert!(
        docs.status.success(),
        "{}",
        String::from_utf8_lossy(&docs.stderr)
    );
    assert!(String::from_utf8_lossy(&docs.stdout).contains("\"Long\""));
    let refused = cli(&[
        "--read-only",
        "speaker",
        "add",
        "Somebody",
        "--kind",
        "person",
    ]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("read-only"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let plain = cli(&["docs"]);
    assert!(!plain.status.success(), "without --read-only it is refused");
    assert!(String::from_utf8_lossy(&plain.stderr).contains("damaged"));
    assert_eq!(snapshot(&path), before, "the CLI never wrote either");
}
