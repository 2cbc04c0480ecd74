//! The agreement report: every measure for the chosen coders and documents, pooled over all
//! units of all documents (never an average of per-document figures), with per-document
//! figures beside the pooled ones and per-status and per-coder breakdowns.
//!
//! Serialised, the required keys are exactly those of the CLI shape (`krippendorff_alpha`,
//! `alpha_ci95`, `fleiss_kappa`, `pairs`, `unitizing_alpha`, …, with `null` for a figure that is
//! not defined); the counts and the reasons are additional `*_detail` keys beside each figure.
//!
//! `types` holds what is serialised (and crosses to the UI), `compute` the pooled and
//! per-document measures, `breakdowns` the per-status and per-coder figures.

mod breakdowns;
mod compute;
mod types;

pub use compute::{agreement, AgreementInput};
pub use types::*;
