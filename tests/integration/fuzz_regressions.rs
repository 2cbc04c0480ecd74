//! Replays every input the fuzzers found (and the seeds they start from) through the same
//! target bodies, on a plain `cargo test`: no nightly, no libFuzzer. A panic in the core or a
//! broken promise fails the test with the file's name.

#[path = "../../fuzz/src/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_fuzz_finding_and_seed_replays_cleanly() {
    let mut replayed = 0;
    let mut failures = Vec::new();
    for (name, target) in harness::TARGETS {
        let dirs = [
            root().join("tests/fuzz-regressions").join(name),
            root().join("fuzz/corpus").join(name),
        ];
        for file in dirs.iter().flat_map(|d| files_in(d)) {
            let data = std::fs::read(&file).expect("a regression file");
            let result = std::panic::catch_unwind(|| target(&data));
            replayed += 1;
            if result.is_err() {
                failures.push(file.display().to_string());
            }
        }
    }
    assert!(
        failures.is_empty(),
        "these inputs fail again: {failures:#?}"
    );
    // The directories are there and hold inputs: a test that replays nothing proves nothing.
    assert!(
        replayed >= harness::TARGETS.len(),
        "only {replayed} inputs replayed"
    );
}

#[test]
fn each_target_has_its_fuzz_binary_and_each_binary_its_target() {
    let mut bins: Vec<String> = files_in(&root().join("fuzz/fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
    bins.sort();
    let mut names: Vec<String> = harness::TARGETS
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    names.sort();
    assert_eq!(bins, names);
    let manifest = std::fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap();
    for n in &names {
        assert!(
            manifest.contains(&format!("name = \"{n}\"")),
            "fuzz/Cargo.toml has no [[bin]] {n}"
        );
    }
}
