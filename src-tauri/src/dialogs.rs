//! Native file dialogs, opened by the shell (the UI gets paths back, never a file system API).
//! End-to-end tests cannot click a native dialog, so when `CLAIMCODER_TEST_DIALOG_ANSWER`
//! names a file, a dialog answers with the paths written in it (one per line, none = cancel)
//! instead of opening.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

pub struct Filter<'a> {
    pub name: &'a str,
    pub extensions: &'a [&'a str],
}

fn test_answer() -> Option<Vec<PathBuf>> {
    let file = std::env::var_os("CLAIMCODER_TEST_DIALOG_ANSWER")?;
    let text = std::fs::read_to_string(file).unwrap_or_default();
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect(),
    )
}

pub fn pick_files(app: &AppHandle, title: &str, filters: &[Filter]) -> Vec<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer;
    }
    let mut d = app.dialog().file().set_title(title);
    for f in filters {
        d = d.add_filter(f.name, f.extensions);
    }
    d.blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect()
}

pub fn pick_file(app: &AppHandle, title: &str, filter: &Filter) -> Option<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer.into_iter().next();
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.name, filter.extensions)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// A path to save to, with `filter`'s first extension added when the user typed none.
pub fn save_file(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: &Filter,
) -> Option<PathBuf> {
    let picked = match test_answer() {
        Some(answer) => answer.into_iter().next(),
        None => app
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(file_name)
            .add_filter(filter.name, filter.extensions)
            .blocking_save_file()
            .and_then(|f| f.into_path().ok()),
    };
    picked.map(|mut p| {
        if p.extension().is_none() {
            if let Some(ext) = filter.extensions.first() {
                p.set_extension(ext);
            }
        }
        p
    })
}
