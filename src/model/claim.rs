use serde::{Deserialize, Serialize};

use super::{ClaimId, CoderId, DocumentId, SpeakerId, Timestamp};

/// How a claim stands: exactly one of three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The text attributes the claim to a source.
    Attributed,
    /// The claim is contested in or beyond the text.
    Disputed,
    /// Asserted with no attribution or support.
    Unverified,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Attributed, Status::Disputed, Status::Unverified];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Attributed => "attributed",
            Status::Disputed => "disputed",
            Status::Unverified => "unverified",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A span of code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A coded span of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Claim {
    pub id: ClaimId,
    pub document: DocumentId,
    pub start: u32,
    pub end: u32,
    /// The exact text at start..end.
    pub quote: String,
    /// Up to [`crate::text::CONTEXT_CHARS`] code points before and after the quote, so the
    /// claim can be found again if offsets ever disagree with the text.
    pub prefix: String,
    pub suffix: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    /// The words that signal attribution ("said", "according to"), as their own span.
    pub cue: Option<Span>,
    pub note: Option<String>,
    pub coder: CoderId,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// What a coder gives to make a claim; the quote is checked against the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewClaim {
    pub document: DocumentId,
    pub start: u32,
    pub end: u32,
    pub quote: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    pub cue: Option<Span>,
    pub note: Option<String>,
}

/// The complete new state of a claim's editable fields (so undo is an edit back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimEdit {
    pub id: ClaimId,
    pub start: u32,
    pub end: u32,
    pub quote: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    pub cue: Option<Span>,
    pub note: Option<String>,
}
