//! The UI's generated bindings must match the Rust types: this fails when they drift.
//! `UPDATE_BINDINGS=1 cargo test -p claimcoder-app --test bindings` rewrites them.

use std::path::PathBuf;

#[test]
fn ui_bindings_match_the_rust_types() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let dir = tempfile_dir();
    let fresh = dir.join("bindings.ts");
    claimcoder_app::typescript_bindings(&fresh).expect("bindings export");
    let fresh_text = std::fs::read_to_string(&fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh_text).unwrap();
    }
    let committed_text = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        committed_text == fresh_text,
        "ui/src/bindings.ts is out of date with the Rust types; run scripts/bindings.sh and commit it"
    );
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcoder-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
