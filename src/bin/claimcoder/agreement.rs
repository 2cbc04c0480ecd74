//! The agreement report for people.

use claimcoder::review::{Agreement, Figure};

fn figure(f: &Figure) -> String {
    match serde_json::to_value(f).ok().and_then(|v| v.as_f64()) {
        Some(x) => format!("{x:.3}"),
        None => "not defined".into(),
    }
}

pub fn print(a: &Agreement) {
    let names: Vec<_> = a.coders.iter().map(|c| c.name.as_str()).collect();
    outln!(
        "coders: {}; documents: {}; units: {}",
        names.join(", "),
        a.documents,
        a.units
    );
    let ci = |c: &Option<[f64; 2]>| {
        c.map(|[lo, hi]| format!(" (95% CI {lo:.3} to {hi:.3})"))
            .unwrap_or_default()
    };
    outln!(
        "status: Krippendorff's alpha {}{}; Fleiss' kappa {}",
        figure(&a.status.krippendorff_alpha),
        ci(&a.status.alpha_ci95),
        figure(&a.status.fleiss_kappa)
    );
    for p in &a.status.pairs {
        outln!(
            "  {} / {}: Cohen's kappa {}, agreement {} over {} units",
            p.a,
            p.b,
            figure(&p.cohen_kappa),
            figure(&p.percent_agreement),
            p.n
        );
    }
    outln!(
        "speaker: Krippendorff's alpha {}{}",
        figure(&a.speaker.krippendorff_alpha),
        ci(&a.speaker.alpha_ci95)
    );
    outln!(
        "spans: unitizing alpha {}",
        figure(&a.spans.unitizing_alpha)
    );
    for p in &a.spans.pairs {
        outln!(
            "  {} / {}: F1 exact {}, F1 overlap {}",
            p.a,
            p.b,
            figure(&p.f1_exact),
            figure(&p.f1_overlap)
        );
    }
}
