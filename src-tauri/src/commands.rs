//! Tauri commands: each a thin call into the core. `async` runs them on a worker thread, so
//! database work never blocks the UI thread.

use std::path::PathBuf;

use claimcoder::import::chrome::{chrome_of_file, ChromeLine};
use claimcoder::import::ReadOptions;
use claimcoder::project::FileResult;

use claimcoder::interchange::{ExportFormat, ExportScope, ExportSummary};
use claimcoder::model::{Attention, ClaimPlacement, DocumentVersion, Orphan, Span, VersionImport};
use claimcoder::model::{
    Claim, ClaimEdit, ClaimId, ClaimList, Coder, Document, DocumentEdit, DocumentId,
    DocumentSummary, NewClaim, NewSpeaker, Speaker, SpeakerEdit, SpeakerId,
};
use claimcoder::model::{Decision, NewDecision};
use claimcoder::paths::PROJECT_EXTENSION;
use claimcoder::project::backups::Backup;
use claimcoder::project::AgreementOptions;
use claimcoder::project::SearchHit;
use claimcoder::project::{
    ImportReport, MergeSuggestion, SpeakerMerge, SpeakerUnmerge, SpeakerUse,
};
use claimcoder::review::view::ReviewUnit;
use claimcoder::review::Agreement;
use tauri::{AppHandle, State};

use crate::dialogs::{self, Filter};
use crate::error::CmdResult;
use crate::state::{AppState, Restored, Session};
use crate::team::TeamState;

const PROJECT_FILTER: Filter = Filter {
    name: "Claimcoder project",
    extensions: &[PROJECT_EXTENSION],
};

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
    state.with_project(|p| p.open_document(&id))
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

/// Asks for article files: their paths (none when cancelled). The UI then imports them one at
/// a time (`import_article_file`), so it can show how far it is and stop between files.
#[tauri::command(async)]
#[specta::specta]
pub fn pick_article_files(app: AppHandle) -> Vec<String> {
    dialogs::pick_files(
        &app,
        "Import articles",
        &[Filter {
            name: "Articles (.txt, .md, .html, .docx)",
            extensions: claimcoder::import::EXTENSIONS,
        }],
    )
    .into_iter()
    .map(|p| p.display().to_string())
    .collect()
}

/// Imports one article file in its own transaction: imported, a new version, already there, or
/// skipped and why.
#[tauri::command(async)]
#[specta::specta]
pub fn import_article_file(
    state: State<'_, AppState>,
    path: String,
    trim_chrome: bool,
) -> CmdResult<FileResult> {
    state.with_project(|p| {
        Ok(p.import_file(std::path::Path::new(&path), ReadOptions { trim_chrome }))
    })
}

/// The site chrome ("Previous Article", "Leave a Comment", "Share"…) found at the start and end
/// of the plain-text files among `paths`, to show before importing them; files with none (and
/// files that cannot be read: their import will say why) are left out.
#[tauri::command(async)]
#[specta::specta]
pub fn chrome_preview(paths: Vec<String>) -> Vec<ChromePreview> {
    paths
        .into_iter()
        .filter(|p| {
            let ext = std::path::Path::new(p)
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            matches!(ext.as_deref(), Some("txt" | "text" | "md" | "markdown"))
        })
        .filter_map(|path| {
            let lines = chrome_of_file(std::path::Path::new(&path)).ok()?;
            (!lines.is_empty()).then_some(ChromePreview { path, lines })
        })
        .collect()
}

/// A plain-text file's lines that look like site chrome.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct ChromePreview {
    pub path: String,
    pub lines: Vec<ChromeLine>,
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_claims(state: State<'_, AppState>, document: DocumentId) -> CmdResult<ClaimList> {
    state.with_project(|p| p.claim_list(&document))
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

/// Sets a document's title and source (never its text).
#[tauri::command(async)]
#[specta::specta]
pub fn edit_document(state: State<'_, AppState>, edit: DocumentEdit) -> CmdResult<Document> {
    state.with_project(|p| p.edit_document(edit))
}

/// Deletes a document; with its claims only when `with_claims`; never one with decisions.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_document(
    state: State<'_, AppState>,
    id: DocumentId,
    with_claims: bool,
) -> CmdResult<DocumentSummary> {
    state.with_project(|p| p.delete_document(&id, with_claims))
}

/// Every speaker with its claim counts by coder (the speakers pane).
#[tauri::command(async)]
#[specta::specta]
pub fn speaker_uses(state: State<'_, AppState>) -> CmdResult<Vec<SpeakerUse>> {
    state.with_project(|p| p.speaker_uses())
}

#[tauri::command(async)]
#[specta::specta]
pub fn edit_speaker(state: State<'_, AppState>, edit: SpeakerEdit) -> CmdResult<Speaker> {
    state.with_project(|p| p.edit_speaker(edit))
}

/// Merges speaker `from` into `into`: its claims follow, its names become aliases.
#[tauri::command(async)]
#[specta::specta]
pub fn merge_speakers(
    state: State<'_, AppState>,
    from: SpeakerId,
    into: SpeakerId,
) -> CmdResult<SpeakerMerge> {
    state.with_project(|p| p.merge_speakers(&from, &into))
}

/// Undoes a merge, given as `merge_speakers` answered it: the merged speaker is back with its
/// id, and its claims with it.
#[tauri::command(async)]
#[specta::specta]
pub fn unmerge_speakers(
    state: State<'_, AppState>,
    merge: SpeakerMerge,
) -> CmdResult<SpeakerUnmerge> {
    state.with_project(|p| p.unmerge_speakers(&merge))
}

/// Pairs of speakers whose names suggest they are one, for the analyst to merge or not.
#[tauri::command(async)]
#[specta::specta]
pub fn merge_suggestions(state: State<'_, AppState>) -> CmdResult<Vec<MergeSuggestion>> {
    state.with_project(|p| p.merge_suggestions())
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_project_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<Session>> {
    match dialogs::pick_file(&app, "Open a Claimcoder project", &PROJECT_FILTER) {
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
    let file_name = format!("project.{PROJECT_EXTENSION}");
    match dialogs::save_file(
        &app,
        "Create a Claimcoder project",
        &file_name,
        &PROJECT_FILTER,
    ) {
        Some(path) => state.switch_to(&path).map(Some),
        None => Ok(None),
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_project(state: State<'_, AppState>, path: String) -> CmdResult<Session> {
    state.switch_to(&PathBuf::from(path))
}

/// Asks where to save an export of `format`; `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn pick_export_path(app: AppHandle, format: ExportFormat) -> Option<String> {
    let info = format.info();
    let ext = [info.extension];
    let filter = Filter {
        name: info.label,
        extensions: &ext,
    };
    let name = format!("claims.{}", info.extension);
    dialogs::save_file(&app, "Export claims", &name, &filter).map(|p| p.display().to_string())
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_claims(
    state: State<'_, AppState>,
    scope: ExportScope,
    format: ExportFormat,
    path: String,
) -> CmdResult<ExportSummary> {
    state.with_project(|p| p.export(&scope, format, &PathBuf::from(path)))
}

/// Asks which annotation sets (or W3C / REFI-QDA files) to import; `[]` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn pick_set_files(app: AppHandle) -> Vec<String> {
    dialogs::pick_files(
        &app,
        "Import annotation sets",
        &[Filter {
            name: "Annotation sets and exchange files",
            extensions: claimcoder::interchange::IMPORT_EXTENSIONS,
        }],
    )
    .into_iter()
    .map(|p| p.display().to_string())
    .collect()
}

/// Imports each file in its own transaction and reports on each; a file with refused claims
/// imports nothing unless `accept_partial`.
#[tauri::command(async)]
#[specta::specta]
pub fn import_set_files(
    state: State<'_, AppState>,
    paths: Vec<String>,
    accept_partial: bool,
) -> CmdResult<Vec<ImportReport>> {
    state.with_project(|p| Ok(p.import_set_files(&paths, accept_partial)))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_coders(state: State<'_, AppState>) -> CmdResult<Vec<Coder>> {
    state.with_project(|p| p.coders())
}

/// Agreement figures for the dashboard.
#[tauri::command(async)]
#[specta::specta]
pub fn agreement(state: State<'_, AppState>, options: AgreementOptions) -> CmdResult<Agreement> {
    state.with_project(|p| p.agreement(&options))
}

/// The units of a document for the review view.
#[tauri::command(async)]
#[specta::specta]
pub fn review_units(
    state: State<'_, AppState>,
    document: DocumentId,
    coders: Vec<String>,
    min_jaccard: f64,
) -> CmdResult<Vec<ReviewUnit>> {
    state.with_project(|p| p.review_units(&document, &coders, min_jaccard))
}

#[tauri::command(async)]
#[specta::specta]
pub fn adjudicate(state: State<'_, AppState>, decision: NewDecision) -> CmdResult<Decision> {
    state.with_project(|p| p.adjudicate(decision))
}

#[tauri::command(async)]
#[specta::specta]
pub fn undo_decision(state: State<'_, AppState>, id: String) -> CmdResult<Decision> {
    state.with_project(|p| p.undo_decision(&id))
}

/// The audit trail, oldest first; of one document when given.
#[tauri::command(async)]
#[specta::specta]
pub fn list_decisions(
    state: State<'_, AppState>,
    document: Option<DocumentId>,
) -> CmdResult<Vec<Decision>> {
    state.with_project(|p| p.decisions(document.as_ref()))
}

/// Asks where to save the audit trail; `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn pick_audit_path(app: AppHandle, as_csv: bool) -> Option<String> {
    let ext = [if as_csv { "csv" } else { "json" }];
    let filter = Filter {
        name: "Audit trail",
        extensions: &ext,
    };
    let name = format!("audit-trail.{}", ext[0]);
    dialogs::save_file(&app, "Export the audit trail", &name, &filter)
        .map(|p| p.display().to_string())
}

/// Writes the audit trail; returns how many decisions it holds.
#[tauri::command(async)]
#[specta::specta]
pub fn export_decisions(state: State<'_, AppState>, path: String, as_csv: bool) -> CmdResult<u32> {
    state.with_project(|p| {
        p.export_decisions(&PathBuf::from(path), as_csv)
            .map(|n| n as u32)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<Backup>> {
    state.backups()
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_backup(state: State<'_, AppState>) -> CmdResult<Backup> {
    state.with_project(|p| p.create_backup())
}

#[tauri::command(async)]
#[specta::specta]
pub fn restore_backup(state: State<'_, AppState>, backup: String) -> CmdResult<Restored> {
    state.restore_backup(std::path::Path::new(&backup))
}

/// Does nothing but note that it was called, in the file named by `CLAIMCODER_CANARY` when that
/// is set. The hostile-content test puts calls to it in articles and checks that the file never
/// appears: nothing in a document can reach the app's commands.
#[tauri::command(async)]
#[specta::specta]
pub fn canary() -> CmdResult<()> {
    if let Some(path) = std::env::var_os("CLAIMCODER_CANARY") {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| crate::error::AppError {
                code: claimcoder::error::ErrorCode::Io,
                message: format!("canary: {e}"),
            })?;
        let _ = writeln!(f, "called");
    }
    Ok(())
}

#[tauri::command(async)]
#[specta::specta]
pub fn search(state: State<'_, AppState>, query: String) -> CmdResult<Vec<SearchHit>> {
    state.with_project(|p| p.search(&query))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_versions(
    state: State<'_, AppState>,
    document: DocumentId,
) -> CmdResult<Vec<DocumentVersion>> {
    state.with_project(|p| p.versions(&document))
}

/// Asks for the file of a new version of `document` and imports it, carrying its claims over;
/// `None` when the dialog was cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_version_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
    document: DocumentId,
) -> CmdResult<Option<VersionImport>> {
    let Some(path) = dialogs::pick_file(
        &app,
        "Import a new version",
        &Filter {
            name: "Articles",
            extensions: claimcoder::import::EXTENSIONS,
        },
    ) else {
        return Ok(None);
    };
    state
        .with_project(|p| p.import_version_file(&document, &path))
        .map(Some)
}

#[tauri::command(async)]
#[specta::specta]
pub fn attention(state: State<'_, AppState>, document: DocumentId) -> CmdResult<Attention> {
    state.with_project(|p| p.attention(&document))
}

#[tauri::command(async)]
#[specta::specta]
pub fn replace_orphan(
    state: State<'_, AppState>,
    id: ClaimId,
    span: Span,
    quote: String,
) -> CmdResult<Claim> {
    state.with_project(|p| p.replace_orphan(&id, span.start, span.end, &quote))
}

#[tauri::command(async)]
#[specta::specta]
pub fn discard_orphan(state: State<'_, AppState>, id: ClaimId) -> CmdResult<Orphan> {
    state.with_project(|p| p.discard_orphan(&id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn confirm_placement(state: State<'_, AppState>, claim: ClaimId) -> CmdResult<ClaimPlacement> {
    state.with_project(|p| p.confirm_placement(&claim))
}

/// Whether another process (the CLI, another window) changed the project since the last ask;
/// the UI polls it and reloads what it shows.
#[tauri::command(async)]
#[specta::specta]
pub fn changed_elsewhere(state: State<'_, AppState>) -> CmdResult<bool> {
    // The team sync writes through the app's own connection, which SQLite does not count as
    // another's: it says so itself.
    let pulled = state.team.take_pulled();
    Ok(state.with_project(|p| p.changed_elsewhere())? || pulled)
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_read_only(state: State<'_, AppState>) -> CmdResult<Session> {
    state.open_read_only()
}

/// Imports HTML pasted from a web page: the article's text and the page's metadata.
#[tauri::command(async)]
#[specta::specta]
pub fn import_html(
    state: State<'_, AppState>,
    title: Option<String>,
    html: String,
) -> CmdResult<DocumentSummary> {
    state.with_project(|p| p.import_html(title.as_deref(), &html))
}

/// Imports a file dropped on the window: its name and its bytes, read by the page and sent as
/// base64 (the page has no file-system paths, and needs none).
#[tauri::command(async)]
#[specta::specta]
pub fn import_dropped(
    state: State<'_, AppState>,
    name: String,
    base64: String,
) -> CmdResult<FileResult> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.as_bytes())
        .map_err(|e| crate::error::AppError {
            code: claimcoder::error::ErrorCode::InvalidFile,
            message: format!("{name}: the dropped file did not arrive whole ({e})"),
        })?;
    state.with_project(|p| Ok(p.import_named_bytes(&name, &bytes, ReadOptions::default())))
}

/// Links the project to a team project (its address and the member's token), asking the
/// server who the token is; the token is kept in the user's config folder. A first sync
/// starts at once.
#[tauri::command(async)]
#[specta::specta]
pub fn team_link(state: State<'_, AppState>, url: String, token: String) -> CmdResult<TeamState> {
    state.with_project(|p| {
        // The blocking HTTP client may not be made or dropped on the async runtime's threads,
        // where Tauri runs this command: a thread of its own.
        std::thread::scope(|s| {
            s.spawn(|| {
                claimcoder::team::link(p, &url, &token, &claimcoder::paths::team_tokens_file())
            })
            .join()
            .unwrap_or_else(|_| Err(claimcoder::Error::TeamServer("the link failed".into())))
        })
    })?;
    state.team.reset();
    state.team.wake();
    team_state(state)
}

/// Where the team link stands: linked or not, syncing, offline, the last sync and error.
#[tauri::command(async)]
#[specta::specta]
pub fn team_state(state: State<'_, AppState>) -> CmdResult<TeamState> {
    let status = state.with_project(|p| match p.team_link()? {
        Some(_) => p.team_status().map(Some),
        None => Ok(None),
    })?;
    Ok(state.team.state(status))
}

/// Syncs now, in the background; the state says when it is done.
#[tauri::command(async)]
#[specta::specta]
pub fn team_sync_now(state: State<'_, AppState>) -> CmdResult<TeamState> {
    state.with_project(|p| p.team_status())?;
    state.team.wake();
    team_state(state)
}

/// Forgets the link and its token; the project keeps everything it holds.
#[tauri::command(async)]
#[specta::specta]
pub fn team_unlink(state: State<'_, AppState>) -> CmdResult<TeamState> {
    state.with_project(|p| {
        let status = p.team_status()?;
        p.unlink_team()?;
        claimcoder::team::tokens::store(&claimcoder::paths::team_tokens_file(), &status.url, None)
    })?;
    state.team.reset();
    team_state(state)
}
