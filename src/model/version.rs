//! Versions of a document and the claims carried over to them.

use serde::{Deserialize, Serialize};

use super::{ClaimId, CoderId, DocumentId, DocumentSummary, SpeakerId, Status, Timestamp};
use crate::model::Claim;
pub use crate::text::Placement;

/// One version of an article, in the list of its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentVersion {
    pub id: DocumentId,
    pub version: u32,
    pub title: String,
    pub length: u32,
    pub claim_count: u32,
    /// Claims carried to it whose words were gone, waiting to be re-placed or discarded.
    pub orphan_count: u32,
    /// Carried claims placed on a guess (fuzzy or ambiguous), waiting for a look.
    pub review_count: u32,
    pub created: Timestamp,
}

/// Why a carried claim should be looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ReviewReason {
    /// Its quote occurs elsewhere with context as good; the nearest was taken.
    Ambiguous,
    /// Its words changed; the closest passage was taken.
    Fuzzy,
}

impl ReviewReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewReason::Ambiguous => "ambiguous",
            ReviewReason::Fuzzy => "fuzzy",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewReason> {
        [ReviewReason::Ambiguous, ReviewReason::Fuzzy]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// How a claim came to be where it is, when it was carried over (or re-anchored from a set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimPlacement {
    pub claim: ClaimId,
    pub placement: Placement,
    /// The claim it was carried from, and the words it had there.
    pub from_claim: ClaimId,
    pub from_quote: String,
    /// Set while it waits for an analyst's look.
    pub review: Option<ReviewReason>,
}

/// A claim carried to a version where its words are gone: kept whole, with no span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Orphan {
    /// The id the claim gets when it is re-placed.
    pub id: ClaimId,
    /// The version it belongs to.
    pub document: DocumentId,
    pub from_claim: ClaimId,
    /// Its words, with their context, in the version it came from.
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    pub note: Option<String>,
    pub coder: CoderId,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// What carrying one claim over did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CarriedClaim {
    pub from_claim: ClaimId,
    /// The carried claim (or the orphan) in the new version.
    pub claim: ClaimId,
    pub placement: Placement,
    /// Its span in the new version (none for an orphan).
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub review: Option<ReviewReason>,
    /// Its cue could not be carried (the cue's words are gone); the claim went without it.
    pub cue_dropped: bool,
}

/// What importing a new version did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VersionImport {
    pub document: DocumentSummary,
    /// The version it follows.
    pub previous: DocumentId,
    pub carried: Vec<CarriedClaim>,
    pub exact: u32,
    pub moved: u32,
    pub fuzzy: u32,
    pub orphaned: u32,
    /// Placed on a guess (fuzzy, or ambiguous), listed for review.
    pub to_review: u32,
}

/// A carried claim waiting for a look, with how it was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimToReview {
    pub claim: Claim,
    pub placement: ClaimPlacement,
}

/// What in a version needs an analyst: orphans to re-place or discard, placements to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attention {
    pub orphans: Vec<Orphan>,
    pub review: Vec<ClaimToReview>,
}
