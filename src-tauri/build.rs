include!("src/command_names.rs");

fn main() {
    // The app's own commands go through Tauri's permission system like any plugin's, so the
    // capability file lists exactly what the window may call.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .expect("tauri build script");
}
