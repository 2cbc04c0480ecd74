//! Tauri commands: each a thin call into the core. `async` runs them on a worker thread, so
//! database work never blocks the UI thread.

use std::path::PathBuf;

use claimcoder::model::{
    Claim, ClaimEdit, ClaimId, Coder, Document, DocumentId, DocumentSummary, NewClaim, NewSpeaker,
    Speaker,
};
use claimcoder::paths::PROJECT_EXTENSION;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CmdResult;
use crate::state::{AppState, Session};

#[tauri::command(async)]
#[specta::specta]
pub fn session(state: State<'_, AppState>) -> CmdResult<Session> {
    state.session()
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_coder(state: State<'_, AppState>, name: String) -> CmdResult<Coder> {
    state.set_coder(&name)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_documents(state: State<'_, AppState>) -> CmdResult<Vec<DocumentSummary>> {
    state.with_project(|p| p.documents())
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_document(state: State<'_, AppState>, id: DocumentId) -> CmdResult<Document> {
    state.with_project(|p| p.document(&id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_text(
    state: State<'_, AppState>,
    title: Option<String>,
    text: String,
) -> CmdResult<DocumentSummary> {
    state.with_project(|p| p.import_text(title.as_deref(), &text))
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_files_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Vec<DocumentSummary>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import articles")
        .add_filter("Articles (.txt, .md)", claimcoder::import::EXTENSIONS)
        .blocking_pick_files();
    let paths: Vec<PathBuf> = picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect();
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    state.with_project(|p| p.import_files(&paths))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_claims(state: State<'_, AppState>, document: DocumentId) -> CmdResult<Vec<Claim>> {
    state.with_project(|p| p.claims(&document))
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_claim(state: State<'_, AppState>, claim: NewClaim) -> CmdResult<Claim> {
    state.with_project(|p| p.create_claim(claim))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_claim(state: State<'_, AppState>, edit: ClaimEdit) -> CmdResult<Claim> {
    state.with_project(|p| p.update_claim(edit))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_claim(state: State<'_, AppState>, id: ClaimId) -> CmdResult<Claim> {
    state.with_project(|p| p.delete_claim(&id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn restore_claim(state: State<'_, AppState>, claim: Claim) -> CmdResult<Claim> {
    state.with_project(|p| p.restore_claim(claim))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_speakers(state: State<'_, AppState>) -> CmdResult<Vec<Speaker>> {
    state.with_project(|p| p.speakers())
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_speaker(state: State<'_, AppState>, speaker: NewSpeaker) -> CmdResult<Speaker> {
    state.with_project(|p| p.create_speaker(speaker))
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_project_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<Session>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Open a Claimcoder project")
        .add_filter("Claimcoder project", &[PROJECT_EXTENSION])
        .blocking_pick_file();
    match picked.and_then(|f| f.into_path().ok()) {
        Some(path) => state.switch_to(&path).map(Some),
        None => Ok(None),
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn new_project_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<Session>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Create a Claimcoder project")
        .set_file_name(format!("project.{PROJECT_EXTENSION}"))
        .add_filter("Claimcoder project", &[PROJECT_EXTENSION])
        .blocking_save_file();
    match picked.and_then(|f| f.into_path().ok()) {
        Some(mut path) => {
            if path.extension().is_none() {
                path.set_extension(PROJECT_EXTENSION);
            }
            state.switch_to(&path).map(Some)
        }
        None => Ok(None),
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_project(state: State<'_, AppState>, path: String) -> CmdResult<Session> {
    state.switch_to(&PathBuf::from(path))
}
