//! Durability: what survives a kill, a full disk, a read-only file, an old format and a second
//! writer. Each test works on real project files and, where it says so, real processes.

mod disk_full;
mod kill;
mod migrations;
mod read_only;
mod two_writers;

use std::path::Path;

use claimcoder::model::{Claim, ClaimId};

/// `PRAGMA integrity_check` of the file, read by a connection of its own.
pub fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// How many change records the project holds for claims: one per committed claim write, in the
/// write's own transaction.
pub fn claim_changes(path: &Path) -> u64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM changes WHERE entity = 'claim'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    n as u64
}

pub fn by_id(claims: Vec<Claim>) -> std::collections::BTreeMap<ClaimId, Claim> {
    claims.into_iter().map(|c| (c.id.clone(), c)).collect()
}

/// The crash writer (tests/support/crash_writer.rs), a process of its own.
pub fn writer() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimcoder-crash-writer"))
}

/// A mount made by a test, unmounted when dropped (whatever happened). The tests that need one
/// need root (CI runs as root): without it they fail and say so.
pub struct Mount {
    at: std::path::PathBuf,
}

impl Mount {
    /// A tmpfs of `size` (as `mount -o size=` reads it: "3m") at the folder `at`.
    pub fn tmpfs(at: &Path, size: &str) -> Mount {
        mount(
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ],
            at,
        );
        Mount { at: at.to_owned() }
    }

    /// `file` made read-only by a read-only bind mount over it (root ignores permission bits).
    pub fn read_only_file(file: &Path) -> Mount {
        mount(&["--bind"], file);
        let m = Mount {
            at: file.to_owned(),
        };
        mount(&["-o", "remount,bind,ro"], file);
        m
    }

    /// Remounts this tmpfs read-only.
    pub fn remount_read_only(&self) {
        mount(&["-o", "remount,ro"], &self.at);
    }
}

fn mount(args: &[&str], at: &Path) {
    let mut cmd = std::process::Command::new("mount");
    cmd.args(args);
    if args.contains(&"--bind") {
        cmd.arg(at);
    }
    let out = cmd.arg(at).output().expect("run mount(8)");
    assert!(
        out.status.success(),
        "this test needs root to mount a filesystem (CI runs as root): `mount {} {}` said: {}",
        args.join(" "),
        at.display(),
        String::from_utf8_lossy(&out.stderr).trim()
    );
}

impl Drop for Mount {
    fn drop(&mut self) {
        let out = std::process::Command::new("umount").arg(&self.at).output();
        if !out.as_ref().is_ok_and(|o| o.status.success()) {
            // Still busy (a file left open by a failing test): detach it rather than leak it.
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(&self.at)
                .status();
        }
    }
}
