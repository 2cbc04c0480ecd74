//! A record of the project files that passed their opening check, each with the state of its
//! file and -wal file then (device, inode, size, modification and change times), so that a file
//! nothing has written to since is not checked again. Checking every page costs a large project
//! more than the command run on it (0.6 s of a 160 MB project here, for an export of 0.8 s).
//!
//! Any write to the file or its -wal, a copy or a restore over it changes its change time
//! (ctime), which no program can set back, or its inode. A state is recorded only when both
//! files were last changed a while before the check began, so that a write in the same tick of
//! a coarse file clock cannot leave the times as they were (git's "racy clean" problem). A
//! record lost, torn or unreadable means the next opening checks again, nothing more.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// How long before a check both files must have been last changed for it to be recorded: longer
/// than the coarsest file clock a project can live on (2 s on FAT).
pub(super) const SETTLED: Duration = Duration::from_secs(3);

/// How many files the record remembers, the most recently checked first.
const REMEMBERED: usize = 64;

/// Where the record is kept: in the user's data folder, beside the backups (a project's own
/// folder may be shared or synced; the record is this machine's).
pub(super) fn default_record() -> PathBuf {
    crate::paths::data_file("checked-projects.json")
}

/// A project file's state and its -wal file's (`None` when there is none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct ProjectState {
    file: FileState,
    wal: Option<FileState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct FileState {
    device: u64,
    inode: u64,
    size: u64,
    /// Seconds and nanoseconds.
    modified: (i64, i64),
    changed: (i64, i64),
}

impl ProjectState {
    /// The state of the project at `path` now; `None` where the system does not say enough
    /// (then the file is always checked).
    pub(super) fn of(path: &Path) -> Option<ProjectState> {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let wal = match std::fs::metadata(Path::new(&wal)) {
            Ok(m) => Some(FileState::of(&m)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return None,
        };
        Some(ProjectState {
            file: FileState::of(&std::fs::metadata(path).ok()?)?,
            wal,
        })
    }

    /// Whether both files were last changed at least `settled` before `now`.
    fn settled_at(&self, now: SystemTime, settled: Duration) -> bool {
        let Some(limit) = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()
            .and_then(|t| t.checked_sub(settled))
        else {
            return false;
        };
        let before = |(s, ns): (i64, i64)| {
            u64::try_from(s)
                .ok()
                .zip(u32::try_from(ns).ok())
                .is_some_and(|(s, ns)| Duration::new(s, ns) <= limit)
        };
        std::iter::once(self.file)
            .chain(self.wal)
            .all(|f| before(f.modified) && before(f.changed))
    }
}

impl FileState {
    #[cfg(unix)]
    fn of(m: &std::fs::Metadata) -> Option<FileState> {
        use std::os::unix::fs::MetadataExt;
        Some(FileState {
            device: m.dev(),
            inode: m.ino(),
            size: m.size(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
        })
    }

    /// Elsewhere no change time that programs cannot set: never trust a state.
    #[cfg(not(unix))]
    fn of(_: &std::fs::Metadata) -> Option<FileState> {
        None
    }
}

#[derive(Default, Serialize, Deserialize)]
struct Record {
    files: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    state: ProjectState,
}

/// The record at `record` (empty when missing or unreadable).
fn load(record: &Path) -> Record {
    std::fs::read(record)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The name a project goes by in the record: its full path.
fn key(project: &Path) -> PathBuf {
    std::fs::canonicalize(project).unwrap_or_else(|_| project.to_owned())
}

/// Whether the project at `project`, found in `state`, passed its check in that very state.
pub(super) fn passed_in(record: &Path, project: &Path, state: &ProjectState) -> bool {
    let project = key(project);
    load(record)
        .files
        .iter()
        .any(|e| e.path == project && e.state == *state)
}

/// Records that the project at `project` passed its check in `state`, found when the check
/// began (at `began`), if that state had settled by then and is still the project's now.
/// Failing to write the record is not an error: the next opening checks again.
pub(super) fn remember_passed(
    record: &Path,
    project: &Path,
    state: &ProjectState,
    began: SystemTime,
    settled: Duration,
) {
    if !state.settled_at(began, settled) || ProjectState::of(project).as_ref() != Some(state) {
        return;
    }
    let path = key(project);
    let mut kept = load(record);
    kept.files.retain(|e| e.path != path);
    kept.files.insert(
        0,
        Entry {
            path,
            state: *state,
        },
    );
    kept.files.truncate(REMEMBERED);
    let _ = write(record, &kept);
}

/// Writes the record atomically (see [`crate::files`]).
fn write(record: &Path, kept: &Record) -> crate::error::Result<()> {
    let bytes = serde_json::to_vec(kept).expect("the record serialises");
    crate::files::save(record, &bytes, false)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn project(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, b"SQLite format 3\0 and pages").unwrap();
        path
    }

    /// A folder with a record (not yet written) and a project file in its state now.
    fn setup(name: &str) -> (tempfile::TempDir, PathBuf, PathBuf, ProjectState) {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("record.json");
        let path = project(dir.path(), name);
        let state = ProjectState::of(&path).unwrap();
        (dir, record, path, state)
    }

    fn passed_now(record: &Path, path: &Path, state: &ProjectState) {
        remember_passed(record, path, state, SystemTime::now(), Duration::ZERO);
    }

    /// Writes `bytes` to `file` (the project or its -wal): the project's state is then another,
    /// not known to have passed.
    fn unknown_after_writing(record: &Path, path: &Path, before: &ProjectState, file: &Path) {
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(file, b"SQLite format 3\0 and pages").unwrap();
        let now = ProjectState::of(path).unwrap();
        assert_ne!(now, *before);
        assert!(!passed_in(record, path, &now));
    }

    #[test]
    fn a_state_that_passed_is_known_until_the_file_changes() {
        let (dir, record, path, state) = setup("a.claimcoder");
        assert!(!passed_in(&record, &path, &state), "nothing recorded yet");

        passed_now(&record, &path, &state);
        assert!(passed_in(&record, &path, &state));
        // Known by its full path, however it is named.
        let relative = dir.path().join(".").join("a.claimcoder");
        assert!(passed_in(&record, &relative, &state));

        // The same bytes written again: the change time moves.
        unknown_after_writing(&record, &path, &state, &path);
    }

    #[test]
    fn a_wal_file_is_part_of_the_state() {
        let (dir, record, path, alone) = setup("b.claimcoder");
        passed_now(&record, &path, &alone);
        unknown_after_writing(&record, &path, &alone, &dir.path().join("b.claimcoder-wal"));
    }

    #[test]
    fn a_state_changed_lately_or_since_the_check_began_is_not_recorded() {
        let (_dir, record, path, state) = setup("c.claimcoder");
        // Written just now: a write in the same tick could keep its times.
        remember_passed(&record, &path, &state, SystemTime::now(), SETTLED);
        assert!(!passed_in(&record, &path, &state));
        // Written during the check.
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&path, b"changed meanwhile").unwrap();
        passed_now(&record, &path, &state);
        assert!(!passed_in(&record, &path, &state));
        assert!(!record.exists());
    }

    #[test]
    fn an_unreadable_record_trusts_nothing_and_is_replaced() {
        let (_dir, record, path, state) = setup("d.claimcoder");
        std::fs::write(&record, b"{\"files\": [ torn").unwrap();
        assert!(!passed_in(&record, &path, &state));
        passed_now(&record, &path, &state);
        assert!(passed_in(&record, &path, &state));
    }

    #[test]
    fn the_record_keeps_the_most_recently_checked_files() {
        let (dir, record, first, state) = setup("p0.claimcoder");
        passed_now(&record, &first, &state);
        let paths: Vec<PathBuf> = (1..=REMEMBERED)
            .map(|i| project(dir.path(), &format!("p{i}.claimcoder")))
            .collect();
        for path in &paths {
            passed_now(&record, path, &ProjectState::of(path).unwrap());
        }
        assert_eq!(load(&record).files.len(), REMEMBERED);
        assert!(!passed_in(&record, &first, &state));
        let last = &paths[REMEMBERED - 1];
        assert!(passed_in(&record, last, &ProjectState::of(last).unwrap()));
    }
}
