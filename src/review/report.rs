//! The agreement report: every measure for the chosen coders and documents, pooled over all
//! units of all documents (never an average of per-document figures), with per-document
//! figures beside the pooled ones and per-status and per-coder breakdowns.
//!
//! Serialised, the required keys are exactly those of the CLI shape (`krippendorff_alpha`,
//! `alpha_ci95`, `fleiss_kappa`, `pairs`, `unitizing_alpha`, …, with `null` for a figure that is
//! not defined); the counts and the reasons are additional `*_detail` keys beside each figure.

use std::collections::BTreeMap;

use serde::Serialize;

use super::alpha::{bootstrap_ci, nominal_alpha, Alpha};
use super::figure::Figure;
use super::kappa::{cohen, fleiss};
use super::spans::{unitizing_alpha, Continuum, SpanMatches, Unitizing};
use super::units::{units, CodedSpan, Unit};
use crate::model::{CoderId, DocumentId, SpeakerId, Status};

/// What the report is computed from; the caller (CLI, shell) reads it from the project.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementInput {
    /// The chosen coders, with their names, in the order the report lists them.
    pub coders: Vec<(CoderId, String)>,
    /// The chosen documents with their text length in code points.
    pub documents: Vec<(DocumentId, u32)>,
    /// Claims; those of other coders or documents are ignored (and counted).
    pub claims: Vec<(DocumentId, CodedSpan)>,
    /// Jaccard index from which two claims of different coders form one unit (e.g. 0.5).
    pub min_jaccard: f64,
    /// (resamples, seed) for the bootstrap intervals of each alpha; None for no intervals.
    pub bootstrap: Option<(u32, u64)>,
}

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

/// Everything one set of units (one document, or all of them) yields.
struct Measured {
    status: StatusAgreement,
    speaker: SpeakerAgreement,
    spans: SpanAgreement,
}

pub fn agreement(input: &AgreementInput) -> Agreement {
    let coder_ids: Vec<CoderId> = input.coders.iter().map(|(id, _)| id.clone()).collect();
    let mut claims_by_doc: BTreeMap<&DocumentId, Vec<CodedSpan>> = input
        .documents
        .iter()
        .map(|(d, _)| (d, Vec::new()))
        .collect();
    let mut ignored = 0;
    for (doc, claim) in &input.claims {
        match claims_by_doc.get_mut(doc) {
            Some(list) if coder_ids.contains(&claim.coder) && claim.start <= claim.end => {
                list.push(claim.clone())
            }
            _ => ignored += 1,
        }
    }

    let mut all_units = Vec::new();
    let mut all_continua = Vec::new();
    let mut all_matches = vec![SpanMatches::default(); pair_count(coder_ids.len())];
    let mut per_document = Vec::new();
    for (doc, length) in &input.documents {
        let claims = &claims_by_doc[doc];
        let doc_units = units(doc, claims, &coder_ids, input.min_jaccard);
        let continuum = Continuum {
            length: *length,
            coders: coder_ids
                .iter()
                .map(|c| {
                    claims
                        .iter()
                        .filter(|x| &x.coder == c)
                        .map(|x| (x.start, x.end))
                        .collect()
                })
                .collect(),
        };
        let matches = span_matches(&continuum, input.min_jaccard);
        for (total, m) in all_matches.iter_mut().zip(&matches) {
            total.add(*m);
        }
        let measured = measure(
            &doc_units,
            std::slice::from_ref(&continuum),
            &matches,
            &coder_ids,
            input.bootstrap,
        );
        per_document.push(DocumentAgreement {
            document: doc.clone(),
            length: *length,
            units: doc_units.len(),
            status: measured.status,
            speaker: measured.speaker,
            spans: measured.spans,
        });
        all_units.extend(doc_units);
        all_continua.push(continuum);
    }
    let pooled = measure(
        &all_units,
        &all_continua,
        &all_matches,
        &coder_ids,
        input.bootstrap,
    );

    Agreement {
        coders: input
            .coders
            .iter()
            .map(|(id, name)| CoderRef {
                id: id.clone(),
                name: name.clone(),
            })
            .collect(),
        documents: input.documents.len(),
        units: all_units.len(),
        status: pooled.status,
        speaker: pooled.speaker,
        spans: pooled.spans,
        per_document,
        per_status: per_status(&all_units, &coder_ids),
        per_coder: per_coder(&all_units, &input.coders),
        settings: Settings {
            min_jaccard: input.min_jaccard,
            bootstrap_resamples: input.bootstrap.map(|b| b.0),
            bootstrap_seed: input.bootstrap.map(|b| b.1),
        },
        ignored_claims: ignored,
    }
}

fn pair_count(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// Coder pairs (i < j) in the order of the chosen coders.
fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| ((i + 1)..n).map(move |j| (i, j)))
}

fn span_matches(continuum: &Continuum, min_jaccard: f64) -> Vec<SpanMatches> {
    pairs(continuum.coders.len())
        .map(|(i, j)| {
            SpanMatches::of_document(&continuum.coders[i], &continuum.coders[j], min_jaccard)
        })
        .collect()
}

fn measure(
    units: &[Unit],
    continua: &[Continuum],
    matches: &[SpanMatches],
    coders: &[CoderId],
    bootstrap: Option<(u32, u64)>,
) -> Measured {
    // Reliability tables: one row per unit, the values of the coders who coded it.
    let statuses: Vec<Vec<&'static str>> = units
        .iter()
        .map(|u| u.members.values().map(|m| m.status.as_str()).collect())
        .collect();
    let speakers: Vec<Vec<Option<SpeakerId>>> = units
        .iter()
        .map(|u| u.members.values().map(|m| m.speaker.clone()).collect())
        .collect();
    let complete: Vec<Vec<&'static str>> = units
        .iter()
        .filter(|u| coders.iter().all(|c| u.members.contains_key(c)))
        .map(|u| u.members.values().map(|m| m.status.as_str()).collect())
        .collect();

    let status_alpha = nominal_alpha(&statuses);
    let (status_ci, status_ci_detail) = ci(&statuses, coders.len(), bootstrap);
    let f = fleiss(&complete);
    let all_statuses: Vec<&'static str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let status_pairs = pairs(coders.len())
        .map(|(i, j)| {
            let (a, b) = (&coders[i], &coders[j]);
            let shared: Vec<(&'static str, &'static str)> = units
                .iter()
                .filter_map(|u| Some((u.members.get(a)?, u.members.get(b)?)))
                .map(|(x, y)| (x.status.as_str(), y.status.as_str()))
                .collect();
            let c = cohen(&shared, &all_statuses);
            StatusPair {
                a: a.clone(),
                b: b.clone(),
                cohen_kappa_detail: reason(&c.kappa),
                percent_agreement_detail: reason(&c.percent_agreement),
                cohen_kappa: c.kappa,
                percent_agreement: c.percent_agreement,
                n: c.n,
                confusion: c.confusion,
            }
        })
        .collect();

    let speaker_alpha = nominal_alpha(&speakers);
    let (speaker_ci, speaker_ci_detail) = ci(&speakers, coders.len(), bootstrap);

    let u = unitizing_alpha(continua);
    let span_pairs = pairs(coders.len())
        .zip(matches)
        .map(|((i, j), m)| {
            let f1_exact = m.f1_exact();
            SpanPair {
                a: coders[i].clone(),
                b: coders[j].clone(),
                f1_overlap: m.f1_overlap(),
                detail: SpanPairDetail {
                    claims_a: m.claims_a,
                    claims_b: m.claims_b,
                    matched_exact: m.exact,
                    matched_overlap: m.overlap,
                    undefined_reason: f1_exact.reason().map(str::to_owned),
                },
                f1_exact,
            }
        })
        .collect();

    Measured {
        status: StatusAgreement {
            krippendorff_alpha_detail: alpha_detail(&status_alpha, units.len()),
            krippendorff_alpha: status_alpha.alpha,
            alpha_ci95: status_ci,
            alpha_ci95_detail: status_ci_detail,
            fleiss_kappa_detail: FleissDetail {
                units: f.units,
                coders: coders.len(),
                undefined_reason: f.kappa.reason().map(str::to_owned),
            },
            fleiss_kappa: f.kappa,
            pairs: status_pairs,
        },
        speaker: SpeakerAgreement {
            krippendorff_alpha_detail: alpha_detail(&speaker_alpha, units.len()),
            krippendorff_alpha: speaker_alpha.alpha,
            alpha_ci95: speaker_ci,
            alpha_ci95_detail: speaker_ci_detail,
        },
        spans: SpanAgreement {
            unitizing_alpha_detail: unitizing_detail(&u),
            unitizing_alpha: u.alpha,
            pairs: span_pairs,
        },
    }
}

fn reason(f: &Figure) -> ReasonDetail {
    ReasonDetail {
        undefined_reason: f.reason().map(str::to_owned),
    }
}

fn alpha_detail(a: &Alpha, units: usize) -> AlphaDetail {
    AlphaDetail {
        units,
        pairable_units: a.pairable_units,
        pairable_values: a.pairable_values,
        observed_disagreement: a.observed_disagreement,
        expected_disagreement: a.expected_disagreement,
        undefined_reason: a.alpha.reason().map(str::to_owned),
    }
}

fn unitizing_detail(u: &Unitizing) -> UnitizingDetail {
    UnitizingDetail {
        variant: "binary",
        length: u.length,
        coded_segments: u.segments,
        coders: u.coders,
        observed_disagreement: u.observed_disagreement,
        expected_disagreement: u.expected_disagreement,
        undefined_reason: u.alpha.reason().map(str::to_owned),
    }
}

fn ci<L: Ord>(
    table: &[Vec<L>],
    coders: usize,
    bootstrap: Option<(u32, u64)>,
) -> (Option<[f64; 2]>, CiDetail) {
    let mut detail = CiDetail {
        method: "hayes-krippendorff-2007",
        resamples: bootstrap.map(|b| b.0),
        seed: bootstrap.map(|b| b.1),
        draws_per_resample: None,
        undefined_reason: None,
    };
    let Some((resamples, seed)) = bootstrap else {
        detail.undefined_reason = Some("no bootstrap was asked for".into());
        return (None, detail);
    };
    match bootstrap_ci(table, coders, resamples, seed) {
        Ok(b) => {
            detail.draws_per_resample = Some(b.draws);
            (Some([b.low, b.high]), detail)
        }
        Err(reason) => {
            detail.undefined_reason = Some(reason);
            (None, detail)
        }
    }
}

fn per_status(units: &[Unit], coders: &[CoderId]) -> Vec<StatusBreakdown> {
    Status::ALL
        .iter()
        .map(|&status| {
            let mut units_by_coder: BTreeMap<CoderId, usize> =
                coders.iter().map(|c| (c.clone(), 0)).collect();
            let (mut unanimous, mut contested) = (0, 0);
            for u in units {
                let with = u.members.values().filter(|m| m.status == status).count();
                for m in u.members.values().filter(|m| m.status == status) {
                    *units_by_coder.entry(m.coder.clone()).or_default() += 1;
                }
                if with >= 2 && with == u.members.len() {
                    unanimous += 1;
                }
                if with >= 1 && with < u.members.len() {
                    contested += 1;
                }
            }
            StatusBreakdown {
                status: status.as_str(),
                units_by_coder,
                unanimous_units: unanimous,
                contested_units: contested,
            }
        })
        .collect()
}

fn per_coder(units: &[Unit], coders: &[(CoderId, String)]) -> Vec<CoderBreakdown> {
    coders
        .iter()
        .map(|(coder, name)| {
            let (mut coded, mut shared, mut compared, mut tied, mut agreed) = (0, 0, 0, 0, 0);
            for u in units {
                let Some(own) = u.members.get(coder) else {
                    continue;
                };
                coded += 1;
                let mut others: BTreeMap<&'static str, usize> = BTreeMap::new();
                for m in u.members.values().filter(|m| &m.coder != coder) {
                    *others.entry(m.status.as_str()).or_default() += 1;
                }
                let Some(&top) = others.values().max() else {
                    continue;
                };
                shared += 1;
                let leaders: Vec<&&str> = others
                    .iter()
                    .filter(|(_, &n)| n == top)
                    .map(|(s, _)| s)
                    .collect();
                if leaders.len() > 1 {
                    tied += 1;
                    continue;
                }
                compared += 1;
                if *leaders[0] == own.status.as_str() {
                    agreed += 1;
                }
            }
            let agreement = if compared == 0 {
                Figure::undefined(
                    "no unit this coder coded has a single majority status among other coders",
                )
            } else {
                Figure::Value(agreed as f64 / compared as f64)
            };
            CoderBreakdown {
                coder: coder.clone(),
                name: name.clone(),
                // Every claim of the coder is in exactly one unit, and each unit holds at most
                // one claim of theirs.
                claims: coded,
                units_coded: coded,
                units_shared: shared,
                agreement_with_majority_detail: MajorityDetail {
                    compared_units: compared,
                    tied_units: tied,
                    undefined_reason: agreement.reason().map(str::to_owned),
                },
                agreement_with_majority: agreement,
            }
        })
        .collect()
}
