//! The agreement report as it is serialised: the CLI's JSON and the desktop shell's bindings
//! (specta) are made from these types.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{CoderId, DocumentId};
use crate::review::figure::Figure;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Agreement {
    pub coders: Vec<CoderRef>,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub documents: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub units: usize,
    pub status: StatusAgreement,
    pub speaker: SpeakerAgreement,
    pub spans: SpanAgreement,
    pub per_document: Vec<DocumentAgreement>,
    pub per_status: Vec<StatusBreakdown>,
    pub per_coder: Vec<CoderBreakdown>,
    pub settings: Settings,
    /// Claims left out: of a coder or document not chosen, or with end before start.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub ignored_claims: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CoderRef {
    pub id: CoderId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Settings {
    pub min_jaccard: f64,
    pub bootstrap_resamples: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub bootstrap_seed: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusAgreement {
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub krippendorff_alpha: Figure,
    pub krippendorff_alpha_detail: AlphaDetail,
    pub alpha_ci95: Option<[f64; 2]>,
    pub alpha_ci95_detail: CiDetail,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub fleiss_kappa: Figure,
    pub fleiss_kappa_detail: FleissDetail,
    pub pairs: Vec<StatusPair>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpeakerAgreement {
    /// "No speaker" counts as a category of its own.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub krippendorff_alpha: Figure,
    pub krippendorff_alpha_detail: AlphaDetail,
    pub alpha_ci95: Option<[f64; 2]>,
    pub alpha_ci95_detail: CiDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpanAgreement {
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub unitizing_alpha: Figure,
    pub unitizing_alpha_detail: UnitizingDetail,
    pub pairs: Vec<SpanPair>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AlphaDetail {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub units: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub pairable_units: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub pairable_values: usize,
    pub observed_disagreement: Option<f64>,
    pub expected_disagreement: Option<f64>,
    pub undefined_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CiDetail {
    /// "hayes-krippendorff-2007": pairs of values drawn from the coincidence matrix.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub method: &'static str,
    pub resamples: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub seed: Option<u64>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub draws_per_resample: Option<u64>,
    pub undefined_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FleissDetail {
    /// Units that every chosen coder coded (the only ones Fleiss' kappa can use).
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub units: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub coders: usize,
    pub undefined_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusPair {
    pub a: CoderId,
    pub b: CoderId,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub cohen_kappa: Figure,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub percent_agreement: Figure,
    /// Units both coded.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub n: usize,
    /// confusion[a's status][b's status] = units.
    #[cfg_attr(feature = "specta", specta(type = BTreeMap<String, BTreeMap<String, u32>>))]
    pub confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    pub cohen_kappa_detail: ReasonDetail,
    pub percent_agreement_detail: ReasonDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReasonDetail {
    pub undefined_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UnitizingDetail {
    /// "binary": coded-as-a-claim vs not, statuses ignored (see spans::unitizing_alpha).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub variant: &'static str,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub length: u64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub coded_segments: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub coders: usize,
    pub observed_disagreement: Option<f64>,
    pub expected_disagreement: Option<f64>,
    pub undefined_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpanPair {
    pub a: CoderId,
    pub b: CoderId,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub f1_exact: Figure,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub f1_overlap: Figure,
    pub detail: SpanPairDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpanPairDetail {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub claims_a: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub claims_b: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub matched_exact: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub matched_overlap: usize,
    pub undefined_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentAgreement {
    pub document: DocumentId,
    pub length: u32,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub units: usize,
    pub status: StatusAgreement,
    pub speaker: SpeakerAgreement,
    pub spans: SpanAgreement,
}

/// For one status, pooled over documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusBreakdown {
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub status: &'static str,
    /// Units in which each coder gave this status (a coder's claim is in exactly one unit).
    #[cfg_attr(feature = "specta", specta(type = BTreeMap<CoderId, u32>))]
    pub units_by_coder: BTreeMap<CoderId, usize>,
    /// Units with two or more coders, all of whom gave this status.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub unanimous_units: usize,
    /// Units where some coder gave this status and another coder a different one.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub contested_units: usize,
}

/// For one coder, pooled over documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CoderBreakdown {
    pub coder: CoderId,
    pub name: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub claims: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub units_coded: usize,
    /// Units this coder coded together with at least one other coder.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub units_shared: usize,
    /// Share of compared units in which this coder's status equals the majority status of the
    /// *other* coders in that unit (the single most frequent one; units where the others tie
    /// are left out and counted).
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub agreement_with_majority: Figure,
    pub agreement_with_majority_detail: MajorityDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MajorityDetail {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub compared_units: usize,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub tied_units: usize,
    pub undefined_reason: Option<String>,
}
