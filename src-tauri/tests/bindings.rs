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

/// Every command the bindings invoke is declared to Tauri's permission system and granted to
/// the window, and nothing more is granted.
#[test]
fn commands_permissions_and_capabilities_agree() {
    let dir = tempfile_dir();
    let fresh = dir.join("bindings-for-names.ts");
    claimcoder_app::typescript_bindings(&fresh).unwrap();
    let text = std::fs::read_to_string(&fresh).unwrap();
    // Each call reads `__TAURI_INVOKE("name"` or `__TAURI_INVOKE<Type>("name"`.
    let mut invoked: Vec<&str> = text
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter_map(|rest| rest.split_once("(\"").map(|(_, r)| r))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    invoked.sort();
    let mut declared = claimcoder_app::COMMAND_NAMES.to_vec();
    declared.sort();
    assert_eq!(
        invoked, declared,
        "src-tauri/src/command_names.rs lists every command once"
    );

    let cap: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut granted: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    granted.sort();
    let mut expected: Vec<String> = declared
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.sort();
    assert_eq!(
        granted, expected,
        "the window is granted exactly the app's commands"
    );
}
