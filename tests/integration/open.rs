use std::path::Path;

use claimcoder::store::{coders, Store, APPLICATION_ID, SCHEMA_VERSION};
use claimcoder::{ErrorCode, Project};
use rusqlite::Connection;

fn refused_unchanged(path: &Path, code: ErrorCode, words: &str) {
    let before = std::fs::read(path).unwrap();
    let err = Project::open(path).err().expect("the file is refused");
    assert_eq!(err.code(), code, "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains(words) && msg.contains(&path.display().to_string()),
        "{msg}"
    );
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "a refused file is never modified"
    );
    let dir = path.parent().unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    for side in ["-wal", "-shm", "-journal"] {
        assert!(
            !dir.join(format!("{name}{side}")).exists(),
            "no {side} file is left beside it"
        );
    }
}

#[test]
fn a_new_project_is_marked_and_versioned_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/new.claimcoder");
    drop(Project::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(
        (app, version, mode.as_str()),
        (APPLICATION_ID, SCHEMA_VERSION, "wal")
    );
    // Foreign keys are enforced on the project's own connection: a claim inserted straight
    // into its table (past every check of the project) on a document that does not exist
    // reaches the constraint, and nothing is written.
    let mut store = Store::open(&path).unwrap();
    let coder = store.write(|tx| coders::ensure(tx, "Ana")).unwrap();
    let insert = |tx: &rusqlite::Transaction| {
        tx.execute(
            "INSERT INTO claims (id, document_id, start, \"end\", quote, prefix, suffix, status,
                                 coder_id, created, modified)
             VALUES ('c1', 'missing', 0, 1, 'x', '', '', 'disputed', ?1, 't', 't')",
            [coder.id.as_str()],
        )
        .map_err(claimcoder::Error::from)
    };
    let err = store.write(insert).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Database, "{err}");
    assert!(
        err.to_string().contains("FOREIGN KEY constraint failed"),
        "{err}"
    );
    let count = |c: &Connection| {
        c.query_row("SELECT count(*) FROM claims", [], |r| r.get::<_, i64>(0))
            .map_err(claimcoder::Error::from)
    };
    assert_eq!(store.read(count).unwrap(), 0);
}

#[test]
fn a_read_sees_one_snapshot_while_another_process_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.claimcoder");
    let reader = Store::open(&path).unwrap();
    let mut writer = Store::open(&path).unwrap();
    let count = |c: &Connection| {
        c.query_row("SELECT count(*) FROM coders", [], |r| r.get::<_, i64>(0))
            .map_err(claimcoder::Error::from)
    };
    let (before, during) = reader
        .read(|c| {
            let before = count(c)?;
            // Another connection (the CLI, say) commits in the middle of this read.
            writer.write(|tx| coders::ensure(tx, "Bo")).unwrap();
            Ok((before, count(c)?))
        })
        .unwrap();
    assert_eq!((before, during), (0, 0), "one read, one snapshot");
    assert_eq!(
        reader.read(count).unwrap(),
        1,
        "the next read sees the change"
    );
}

#[test]
fn a_text_file_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.claimcoder");
    std::fs::write(&path, "just some notes, not a database\n").unwrap();
    refused_unchanged(&path, ErrorCode::NotAProject, "not an SQLite database");
}

#[test]
fn an_empty_file_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.claimcoder");
    std::fs::write(&path, b"").unwrap();
    refused_unchanged(&path, ErrorCode::NotAProject, "empty");
}

#[test]
fn another_applications_database_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .unwrap();
    }
    refused_unchanged(&path, ErrorCode::NotAProject, "another application");
}

#[test]
fn a_project_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.claimcoder");
    drop(Project::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    refused_unchanged(&path, ErrorCode::NewerVersion, "newer version");
}

#[test]
fn a_damaged_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.claimcoder");
    {
        let mut p = Project::open(&path).unwrap();
        p.set_coder("Ana").unwrap();
        p.import_text(None, &"A long article line.\n".repeat(2000))
            .unwrap();
    }
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    // Overwrite the pages after the header with garbage, as a failing disk might.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Project::open(&path).err().expect("refused");
    assert!(
        matches!(
            err.code(),
            ErrorCode::CorruptProject | ErrorCode::NotAProject
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("damaged") || err.to_string().contains("not a Claimcoder project"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_startup_project_gets_the_sample_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("default.claimcoder");
    let p = Project::open_with_sample(&path).unwrap();
    let docs = p.documents().unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].title.contains("Valmora"));
    let text = p.document(&docs[0].id).unwrap().text;
    assert!(
        text.chars().any(|c| c as u32 > 0xFFFF),
        "the sample has a character outside the BMP"
    );
    drop(p);
    assert_eq!(
        Project::open_with_sample(&path)
            .unwrap()
            .documents()
            .unwrap()
            .len(),
        1
    );
}

/// A file opened just now is checked; once it has settled and passed, opening it again while
/// nothing has written to it skips the check; a write, ours or anyone's, brings it back, even
/// when its modification time is put back as it was.
#[test]
fn a_project_is_checked_again_only_when_it_changed_since_it_passed() {
    use claimcoder::store::OpeningCheck;
    use std::fs::{File, FileTimes, OpenOptions};
    use std::io::{Seek, SeekFrom, Write};

    crate::support::isolated_data();
    let dir = tempfile::tempdir().unwrap();
    let make = |name: &str| {
        let path = dir.path().join(name);
        let mut p = Project::open(&path).unwrap();
        p.set_coder("Ana").unwrap();
        p.import_text(None, &"A long article line.\n".repeat(2000))
            .unwrap();
        drop(p);
        path
    };
    let check = |path: &Path| Project::open(path).map(|p| p.opening_check());
    let ours = make("ours.claimcoder");
    assert_eq!(check(&ours).unwrap(), OpeningCheck::Checked);
    // Written less than a tick of a coarse file clock ago: checked, not recorded.
    assert_eq!(check(&ours).unwrap(), OpeningCheck::Checked);
    let damaged = make("damaged.claimcoder");

    std::thread::sleep(std::time::Duration::from_millis(3100));
    for path in [&ours, &damaged] {
        assert_eq!(check(path).unwrap(), OpeningCheck::Checked);
        assert_eq!(check(path).unwrap(), OpeningCheck::UnchangedSincePassed);
        assert_eq!(
            check(path).unwrap(),
            OpeningCheck::UnchangedSincePassed,
            "opening and reading leave the file as it was"
        );
    }

    // A text imported: the file changed, so it is checked.
    {
        let mut p = Project::open(&ours).unwrap();
        p.set_coder("Ana").unwrap();
        p.import_text(None, "Another article.").unwrap();
    }
    assert_eq!(check(&ours).unwrap(), OpeningCheck::Checked);

    // Garbage over pages in the middle, in place (same size, same inode), and its modification
    // time put back: its change time still moved, so the damage is found.
    let modified = std::fs::metadata(&damaged).unwrap().modified().unwrap();
    let size = std::fs::metadata(&damaged).unwrap().len();
    {
        let mut f = OpenOptions::new().write(true).open(&damaged).unwrap();
        f.seek(SeekFrom::Start(4096 + 16)).unwrap();
        f.write_all(&[0xA5; 8192]).unwrap();
        f.sync_all().unwrap();
        File::set_times(&f, FileTimes::new().set_modified(modified)).unwrap();
    }
    assert_eq!(std::fs::metadata(&damaged).unwrap().len(), size);
    assert_eq!(
        std::fs::metadata(&damaged).unwrap().modified().unwrap(),
        modified
    );
    let err = Project::open(&damaged).err().expect("the damage is found");
    assert_eq!(err.code(), ErrorCode::CorruptProject, "{err}");
}
