//! The Claimcoder desktop shell: Tauri commands that call the core, nothing more.

mod command_names;
mod commands;
mod dialogs;
mod error;
mod state;
mod team;

use tauri::Manager;
use tauri_specta::{collect_commands, Builder};

/// Every command the UI may call; the same list generates `ui/src/bindings.ts`.
pub fn specta_builder() -> Builder<tauri::Wry> {
    // One shape per type: the UI reads and writes the same objects (undo sends back what it got).
    Builder::<tauri::Wry>::new()
        .disable_serde_phases()
        // Values the UI and the core share, defined once in the core.
        .constant("GOLD_CODER", claimcoder::project::GOLD_CODER)
        .constant(
            "MAX_SEARCH_HITS",
            claimcoder::project::MAX_SEARCH_HITS as u32,
        )
        .constant(
            "MAX_IMPORT_BYTES",
            claimcoder::import::MAX_IMPORT_BYTES as u32,
        )
        .constant(
            "DEFAULT_MIN_JACCARD",
            claimcoder::project::DEFAULT_MIN_JACCARD,
        )
        .constant("EXPORT_FORMATS", claimcoder::interchange::FORMATS)
        .typ::<claimcoder::interchange::FormatInfo>()
        .commands(collect_commands![
            commands::session,
            commands::set_coder,
            commands::list_documents,
            commands::get_document,
            commands::edit_document,
            commands::delete_document,
            commands::import_text,
            commands::pick_article_files,
            commands::import_article_file,
            commands::chrome_preview,
            commands::list_claims,
            commands::create_claim,
            commands::update_claim,
            commands::delete_claim,
            commands::restore_claim,
            commands::list_speakers,
            commands::create_speaker,
            commands::speaker_uses,
            commands::edit_speaker,
            commands::merge_speakers,
            commands::unmerge_speakers,
            commands::merge_suggestions,
            commands::open_project_dialog,
            commands::new_project_dialog,
            commands::open_project,
            commands::pick_export_path,
            commands::export_claims,
            commands::pick_set_files,
            commands::import_set_files,
            commands::list_coders,
            commands::agreement,
            commands::review_units,
            commands::adjudicate,
            commands::undo_decision,
            commands::list_decisions,
            commands::pick_audit_path,
            commands::export_decisions,
            commands::list_backups,
            commands::create_backup,
            commands::restore_backup,
            commands::canary,
            commands::search,
            commands::list_versions,
            commands::import_version_dialog,
            commands::attention,
            commands::replace_orphan,
            commands::discard_orphan,
            commands::confirm_placement,
            commands::changed_elsewhere,
            commands::open_read_only,
            commands::import_html,
            commands::import_dropped,
            commands::team_link,
            commands::team_state,
            commands::team_sync_now,
            commands::team_unlink,
        ])
}

/// The bindings as TypeScript source.
pub fn typescript_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust types by tauri-specta: do not edit.\n// Regenerate with `scripts/bindings.sh`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

pub use command_names::COMMAND_NAMES;

pub fn run() {
    let builder = specta_builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::start())
        .setup(|app| {
            // A backup of the project the app starts on, off the start-up path (the window
            // shows at once), then every half hour if it changed meanwhile.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                // The copy and its check are seconds of CPU for a large project: at the lowest
                // priority they yield to the window, which otherwise waited on them for the
                // first claims coded after opening (a create took 140 ms instead of 5 on 2 cores).
                #[cfg(target_os = "linux")]
                let _ = rustix::process::setpriority_process(None, 19);
                loop {
                    handle.state::<state::AppState>().backup_if_changed();
                    std::thread::sleep(std::time::Duration::from_secs(30 * 60));
                }
            });
            team::spawn(app.handle().clone());
            Ok(())
        })
        .invoke_handler(builder.invoke_handler())
        .run(tauri::generate_context!())
        .expect("the Claimcoder window could not start");
}
