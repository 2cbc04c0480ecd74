use serde::{Deserialize, Serialize};

use super::{CoderId, SpeakerId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organisation,
    Media,
    Government,
    Other,
}

impl SpeakerKind {
    pub const ALL: [SpeakerKind; 5] = [
        SpeakerKind::Person,
        SpeakerKind::Organisation,
        SpeakerKind::Media,
        SpeakerKind::Government,
        SpeakerKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Media => "media",
            SpeakerKind::Government => "government",
            SpeakerKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<SpeakerKind> {
        SpeakerKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The person or organisation a claim comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Speaker {
    pub id: SpeakerId,
    pub name: String,
    pub kind: SpeakerKind,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewSpeaker {
    pub name: String,
    pub kind: SpeakerKind,
    pub aliases: Vec<String>,
}

/// The complete new state of a speaker's editable fields (so that undo is an edit back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpeakerEdit {
    pub id: SpeakerId,
    pub name: String,
    pub kind: SpeakerKind,
    pub aliases: Vec<String>,
}

/// A person who codes claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Coder {
    pub id: CoderId,
    pub name: String,
}
