use serde::{Deserialize, Serialize};

use super::{Claim, ClaimId, DocumentId, Span, SpeakerId, Status, Timestamp};

/// What adjudication did with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum DecisionAction {
    /// One coder's claim, as it is.
    Accept,
    /// Span, status and speaker each picked from a coder's claim.
    Merge,
    /// A claim the adjudicator wrote.
    Edit,
    /// No claim belongs here.
    Reject,
}

impl DecisionAction {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionAction::Accept => "accept",
            DecisionAction::Merge => "merge",
            DecisionAction::Edit => "edit",
            DecisionAction::Reject => "reject",
        }
    }

    pub fn parse(s: &str) -> Option<DecisionAction> {
        [Self::Accept, Self::Merge, Self::Edit, Self::Reject]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// Which coder claim each part of the gold claim came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Chosen {
    pub span: Option<ClaimId>,
    pub status: Option<ClaimId>,
    pub speaker: Option<ClaimId>,
}

/// The adjudicator's own claim, for an `Edit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EditedClaim {
    pub start: u32,
    pub end: u32,
    pub quote: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    pub cue: Option<Span>,
    pub note: Option<String>,
}

/// A decision to make on one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewDecision {
    pub document: DocumentId,
    /// The coders' claims of the unit (each coder at most once).
    pub considered: Vec<ClaimId>,
    pub action: DecisionAction,
    /// For `Accept`: `span` names the accepted claim. For `Merge`: each part's source.
    pub chosen: Chosen,
    /// For `Edit` only.
    pub edited: Option<EditedClaim>,
    pub reason: String,
}

/// A recorded decision: who, when, what was chosen from what, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    pub id: String,
    pub document: DocumentId,
    pub unit_start: u32,
    pub unit_end: u32,
    pub action: DecisionAction,
    pub considered: Vec<Claim>,
    pub chosen: Chosen,
    /// The gold claim made (none for a rejection).
    pub result: Option<Claim>,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: Timestamp,
    pub undone_at: Option<Timestamp>,
    pub undone_by: Option<String>,
}
