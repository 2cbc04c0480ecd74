//! The per-status and per-coder breakdowns, pooled over documents.

use std::collections::BTreeMap;

use super::types::{CoderBreakdown, MajorityDetail, StatusBreakdown};
use crate::model::{CoderId, Status};
use crate::review::figure::Figure;
use crate::review::units::Unit;

pub(super) fn per_status(units: &[Unit], coders: &[CoderId]) -> Vec<StatusBreakdown> {
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

pub(super) fn per_coder(units: &[Unit], coders: &[(CoderId, String)]) -> Vec<CoderBreakdown> {
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
