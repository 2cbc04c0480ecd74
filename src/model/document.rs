use serde::{Deserialize, Serialize};

use super::{DocumentId, Timestamp};

/// Where an article came from, when known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Source {
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    /// The article's language as the page declares it (a BCP 47 tag such as "en" or "ru-RU").
    /// Optional for the UI's types, so that sources written before it still type-check.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub language: Option<String>,
}

/// An imported article. Its text never changes once imported; an edited article becomes a
/// new version (a new document pointing at the one it replaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Document {
    pub id: DocumentId,
    pub title: String,
    pub text: String,
    pub source: Source,
    /// Length of the text in code points.
    pub length: u32,
    pub version: u32,
    pub created: Timestamp,
    /// The project's labels for it, in order.
    pub tags: Vec<String>,
}

/// The complete new state of a document's editable metadata: its title and source. The text
/// is never edited (an edited article is a new version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentEdit {
    pub id: DocumentId,
    pub title: String,
    pub source: Source,
    pub tags: Vec<String>,
}

/// A line of the documents list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentSummary {
    pub id: DocumentId,
    pub title: String,
    pub publisher: Option<String>,
    /// All of its source metadata (`publisher` above is the same as `source.publisher`);
    /// optional for the UI's types, which build summaries in their fakes.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub source: Source,
    pub length: u32,
    pub claim_count: u32,
    pub created: Timestamp,
    pub tags: Vec<String>,
    /// Its number among the versions of the article (1 for the first import).
    pub version: u32,
    /// The version it replaces, if any.
    pub previous_version: Option<DocumentId>,
    /// How many versions the article has (the list shows only the latest of each).
    pub version_count: u32,
}

/// A document ready to be stored: what an importer produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub title: String,
    pub text: String,
    pub source: Source,
}
