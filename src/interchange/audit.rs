//! The adjudication audit trail out of the project: JSON (every record whole) or CSV (one row
//! per decision, with names instead of ids, for a spreadsheet).

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{Claim, Decision, Speaker};

pub const CSV_HEADER: [&str; 20] = [
    "decision_id",
    "document_id",
    "document_title",
    "unit_start",
    "unit_end",
    "action",
    "reason",
    "decided_by",
    "decided_at",
    "undone_at",
    "undone_by",
    "considered",
    "span_from",
    "status_from",
    "speaker_from",
    "gold_claim_id",
    "gold_start",
    "gold_end",
    "gold_status",
    "gold_speaker",
];

pub fn json(decisions: &[Decision]) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(decisions).expect("decisions serialise");
    out.push(b'\n');
    out
}

/// `titles` and `coders` name documents and coders by id; `speakers` are the project's.
pub fn csv(
    decisions: &[Decision],
    titles: &HashMap<String, String>,
    coders: &HashMap<String, String>,
    speakers: &[Speaker],
) -> Result<Vec<u8>> {
    let speaker = |c: &Claim| {
        c.speaker
            .as_ref()
            .and_then(|s| speakers.iter().find(|k| &k.id == s))
            .map(|k| k.name.clone())
            .unwrap_or_default()
    };
    let coder = |c: &Claim| coders.get(c.coder.as_str()).cloned().unwrap_or_default();
    let from = |d: &Decision, id: &Option<crate::model::ClaimId>| {
        id.as_ref()
            .and_then(|id| d.considered.iter().find(|c| &c.id == id))
            .map(coder)
            .unwrap_or_default()
    };
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: ::csv::Error| Error::io("writing the audit trail", e.into());
    w.write_record(CSV_HEADER).map_err(err)?;
    for d in decisions {
        let considered = d
            .considered
            .iter()
            .map(|c| {
                format!(
                    "{}: {} {}..{} \"{}\"{}",
                    coder(c),
                    c.status.as_str(),
                    c.start,
                    c.end,
                    c.quote,
                    match speaker(c) {
                        s if s.is_empty() => String::new(),
                        s => format!(" ({s})"),
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let gold = d.result.as_ref();
        w.write_record([
            d.id.clone(),
            d.document.to_string(),
            titles.get(d.document.as_str()).cloned().unwrap_or_default(),
            d.unit_start.to_string(),
            d.unit_end.to_string(),
            d.action.as_str().to_owned(),
            d.reason.clone(),
            d.decided_by.clone(),
            d.decided_at.clone(),
            d.undone_at.clone().unwrap_or_default(),
            d.undone_by.clone().unwrap_or_default(),
            considered,
            from(d, &d.chosen.span),
            from(d, &d.chosen.status),
            from(d, &d.chosen.speaker),
            gold.map(|c| c.id.to_string()).unwrap_or_default(),
            gold.map(|c| c.start.to_string()).unwrap_or_default(),
            gold.map(|c| c.end.to_string()).unwrap_or_default(),
            gold.map(|c| c.status.as_str().to_owned())
                .unwrap_or_default(),
            gold.map(speaker).unwrap_or_default(),
        ])
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::io("writing the audit trail", e.into_error()))
}
