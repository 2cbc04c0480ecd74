fn main() {
    // The app's own commands go through Tauri's permission system like any plugin's, so the
    // capability file lists exactly what the window may call.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "session",
            "set_coder",
            "list_documents",
            "get_document",
            "import_text",
            "import_files_dialog",
            "list_claims",
            "create_claim",
            "update_claim",
            "delete_claim",
            "restore_claim",
            "list_speakers",
            "create_speaker",
            "open_project_dialog",
            "new_project_dialog",
            "open_project",
        ]),
    ))
    .expect("tauri build script");
}
