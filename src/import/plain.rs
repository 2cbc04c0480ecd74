use crate::model::{NewDocument, Source};

/// Plain text is kept as it is; its title is its first line.
pub(super) fn to_document(text: &str, fallback_title: Option<&str>) -> NewDocument {
    NewDocument {
        title: super::title_from_first_line(text)
            .or_else(|| fallback_title.map(str::to_owned))
            .unwrap_or_else(|| "Untitled".into()),
        text: text.to_owned(),
        source: Source::default(),
    }
}
