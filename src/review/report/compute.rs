//! Every measure for one set of units and continua, computed for each document and pooled
//! over all of them (never an average of per-document figures).

use std::collections::BTreeMap;

use super::breakdowns;
use super::types::{
    Agreement, AlphaDetail, CiDetail, CoderRef, DocumentAgreement, FleissDetail, ReasonDetail,
    Settings, SpanAgreement, SpanPair, SpanPairDetail, SpeakerAgreement, StatusAgreement,
    StatusPair, UnitizingDetail,
};
use crate::model::{CoderId, DocumentId, SpeakerId, Status};
use crate::review::alpha::{bootstrap_ci, nominal_alpha, Alpha};
use crate::review::figure::Figure;
use crate::review::kappa::{cohen, fleiss};
use crate::review::spans::{unitizing_alpha, Continuum, SpanMatches, Unitizing};
use crate::review::units::{units_of, CodedSpan, Unit};

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

/// Everything one set of units (one document, or all of them) yields.
struct Measured {
    status: StatusAgreement,
    speaker: SpeakerAgreement,
    spans: SpanAgreement,
}

/// The report on `input`.
pub fn agreement(input: &AgreementInput) -> Agreement {
    let coder_ids: Vec<CoderId> = input.coders.iter().map(|(id, _)| id.clone()).collect();
    // Borrowed, not copied: three strings a claim, 100,000 claims.
    let mut claims_by_doc: BTreeMap<&DocumentId, Vec<&CodedSpan>> = input
        .documents
        .iter()
        .map(|(d, _)| (d, Vec::new()))
        .collect();
    let mut ignored = 0;
    for (doc, claim) in &input.claims {
        match claims_by_doc.get_mut(doc) {
            Some(list) if coder_ids.contains(&claim.coder) && claim.start <= claim.end => {
                list.push(claim)
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
        let doc_units = units_of(doc, claims, &coder_ids, input.min_jaccard);
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
        per_status: breakdowns::per_status(&all_units, &coder_ids),
        per_coder: breakdowns::per_coder(&all_units, &input.coders),
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
    let speakers: Vec<Vec<Option<&SpeakerId>>> = units
        .iter()
        .map(|u| u.members.values().map(|m| m.speaker.as_ref()).collect())
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
