//! Plain types of the domain. Offsets are Unicode code points of a document's text, start
//! inclusive, end exclusive (the W3C TextPositionSelector rule).

mod claim;
mod decision;
mod document;
mod ids;
mod speaker;
mod version;

pub use claim::{Claim, ClaimEdit, ClaimList, ClaimRow, NewClaim, Span, Status};
pub use decision::{Chosen, Decision, DecisionAction, EditedClaim, NewDecision};
pub use document::{Document, DocumentEdit, DocumentSummary, NewDocument, Source};
pub use ids::{ClaimId, CoderId, DocumentId, SpeakerId};
pub use speaker::{Coder, NewSpeaker, Speaker, SpeakerEdit, SpeakerKind};
pub use version::{
    Attention, CarriedClaim, ClaimPlacement, ClaimToReview, DocumentVersion, Orphan, Placement,
    ReviewReason, VersionImport,
};

/// A moment as RFC 3339 text in UTC with milliseconds, the form stored and exported.
pub type Timestamp = String;

pub fn now() -> Timestamp {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
