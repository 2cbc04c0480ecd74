//! Exports and imports: the export format's values and the import reports.

use claimcoder::interchange::{ExportFormat, FORMATS};
use claimcoder::project::ImportReport;

/// `--format` takes the names of the export formats' table, and its help lists them.
pub fn format_parser() -> impl clap::builder::TypedValueParser<Value = ExportFormat> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(FORMATS.iter().map(|f| f.name))
        .map(|name| ExportFormat::parse(&name).expect("a name from the table"))
}

pub fn print_report(r: &ImportReport) {
    if let Some(e) = &r.error {
        eprintln!("NOT imported: {}", e.message);
        return;
    }
    outln!(
        "{}: {}; documents {} added, {} matched; speakers {} added, {} matched; claims {} added, {} updated, {} unchanged, {} re-anchored, {} refused",
        r.source,
        if r.imported { "imported" } else { "NOT imported" },
        r.documents_added,
        r.documents_matched,
        r.speakers_added,
        r.speakers_matched,
        r.claims_added,
        r.claims_updated,
        r.claims_unchanged,
        r.reanchored.len(),
        r.refused.len(),
    );
    for n in &r.reanchored {
        outln!("  re-anchored {}: {}", n.claim, n.message);
    }
    for n in &r.refused {
        outln!("  refused {}: {}", n.claim, n.message);
    }
    for n in &r.notes {
        outln!("  note: {n}");
    }
}

/// The error the import-set command ends with when any file imported nothing.
pub fn outcome(reports: &[ImportReport]) -> claimcoder::Result<()> {
    let failed = reports.iter().filter(|r| r.error.is_some()).count();
    let refused = reports
        .iter()
        .filter(|r| r.error.is_none() && !r.imported)
        .count();
    if failed + refused == 0 {
        return Ok(());
    }
    let mut why = Vec::new();
    if failed > 0 {
        why.push(format!(
            "{failed} of {} files could not be read",
            reports.len()
        ));
    }
    if refused > 0 {
        why.push(format!(
            "{refused} had refused claims and imported nothing (use --partial to import the rest)"
        ));
    }
    Err(claimcoder::Error::ClaimsRefused(format!(
        "{}; see above",
        why.join("; ")
    )))
}
