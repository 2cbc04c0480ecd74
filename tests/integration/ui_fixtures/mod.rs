//! Answers recorded from the core for the UI tests (`ui/src/test/fixtures/*.json`), which the
//! UI's fake ipc replays instead of computing them itself. Each test drives real projects the
//! way the shell's commands do and fails when the committed fixture differs;
//! `scripts/ui-fixtures.sh` rewrites them.

mod agreement;
mod import;
mod record;
mod review;
mod speakers;

use std::path::{Path, PathBuf};

use claimcoder::model::{Claim, NewClaim};
use claimcoder::Project;

/// The current coder of every recorded project: the analyst using the app.
const ME: &str = "Erin";

/// A copy of the closed project at `base` as `<dir>/<name>.claimcoder`, opened as Erin: every
/// branch of a scenario starts from the same ids.
fn branch(base: &Path, name: &str) -> Project {
    let to = base.with_file_name(format!("{name}.claimcoder"));
    std::fs::copy(base, &to).unwrap();
    let mut p = Project::open(&to).unwrap();
    p.set_coder(ME).unwrap();
    p
}

/// A new project at `<dir>/<name>.claimcoder`, opened as Erin.
fn project_at(dir: &Path, name: &str) -> (Project, PathBuf) {
    let path = dir.join(format!("{name}.claimcoder"));
    let mut p = Project::open(&path).unwrap();
    p.set_coder(ME).unwrap();
    (p, path)
}

/// Creates `claim` as the project's current coder, at a clock time of its own (see record.rs).
fn code(p: &mut Project, claim: NewClaim) -> Claim {
    let c = p.create_claim(claim).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(3));
    c
}
