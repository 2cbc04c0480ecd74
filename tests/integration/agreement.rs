//! The agreement measures against reference implementations (values in
//! tests/reference/agreement.json, written by tests/reference/agreement.py with the
//! `krippendorff`, scikit-learn and statsmodels packages) and against published worked
//! examples; the unit building by hand-checked cases; the bootstrap's behaviour.

use claimcoder::model::{ClaimId, CoderId, DocumentId, SpeakerId, Status};
use claimcoder::review::alpha::{bootstrap_ci, nominal_alpha};
use claimcoder::review::kappa::{cohen, fleiss};
use claimcoder::review::{agreement, units, AgreementInput, CodedSpan, Figure};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn reference() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/agreement.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

type Table = Vec<Vec<Option<String>>>;

fn table(set: &Value) -> Table {
    set["table"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// The values present in each unit (missing ones dropped), as the measures take them.
fn present(t: &Table) -> Vec<Vec<String>> {
    t.iter()
        .map(|r| r.iter().flatten().cloned().collect())
        .collect()
}

fn check(name: &str, what: &str, got: &Figure, want: &Value) {
    match (got, want.as_f64()) {
        (Figure::Value(x), Some(y)) => {
            assert!(
                (x - y).abs() < TOLERANCE,
                "{name}: {what} {x} vs reference {y}"
            )
        }
        (Figure::Undefined { .. }, None) => {}
        _ => panic!("{name}: {what} {got:?} vs reference {want}"),
    }
}

fn datasets() -> Vec<Value> {
    reference()["datasets"].as_array().unwrap().clone()
}

#[test]
fn krippendorff_alpha_matches_the_krippendorff_package() {
    for set in datasets() {
        let name = set["name"].as_str().unwrap();
        let e = &set["expected"];
        let a = nominal_alpha(&present(&table(&set)));
        check(name, "alpha", &a.alpha, &e["alpha"]);
        assert_eq!(
            a.pairable_units as u64,
            e["pairable_units"].as_u64().unwrap()
        );
        assert_eq!(
            a.pairable_values as u64,
            e["pairable_values"].as_u64().unwrap()
        );
    }
}

#[test]
fn cohen_kappa_and_percent_agreement_match_scikit_learn() {
    for set in datasets() {
        let name = set["name"].as_str().unwrap();
        let t = table(&set);
        let categories: Vec<String> = serde_json::from_value(set["categories"].clone()).unwrap();
        for pair in set["expected"]["pairs"].as_array().unwrap() {
            let (a, b) = (
                pair["a"].as_u64().unwrap() as usize,
                pair["b"].as_u64().unwrap() as usize,
            );
            let shared: Vec<(String, String)> = t
                .iter()
                .filter_map(|r| Some((r[a].clone()?, r[b].clone()?)))
                .collect();
            let c = cohen(&shared, &categories);
            assert_eq!(c.n as u64, pair["n"].as_u64().unwrap(), "{name}");
            check(name, "cohen", &c.kappa, &pair["cohen_kappa"]);
            check(
                name,
                "percent",
                &c.percent_agreement,
                &pair["percent_agreement"],
            );
            let total: usize = c.confusion.values().flat_map(|r| r.values()).sum();
            assert_eq!(total, c.n);
        }
    }
}

#[test]
fn fleiss_kappa_matches_statsmodels() {
    for set in datasets() {
        let name = set["name"].as_str().unwrap();
        let complete: Vec<Vec<String>> = table(&set)
            .into_iter()
            .filter(|r| r.iter().all(Option::is_some))
            .map(|r| r.into_iter().flatten().collect())
            .collect();
        let f = fleiss(&complete);
        assert_eq!(
            f.units as u64,
            set["expected"]["fleiss_units"].as_u64().unwrap()
        );
        check(name, "fleiss", &f.kappa, &set["expected"]["fleiss_kappa"]);
    }
}

fn coder(i: usize) -> CoderId {
    CoderId(format!("c{i}"))
}

/// A reliability table as claims: unit u is the span 10u..10u+5, each coder who has a value
/// there claims exactly that span; units split across `docs` documents.
fn as_input(t: &Table, docs: usize) -> AgreementInput {
    let coders = t[0].len();
    let per_doc = t.len().div_ceil(docs);
    let mut claims = Vec::new();
    for (u, row) in t.iter().enumerate() {
        let doc = DocumentId(format!("d{}", u / per_doc));
        let start = 10 * (u % per_doc) as u32;
        for (c, v) in row.iter().enumerate() {
            if let Some(v) = v {
                claims.push((
                    doc.clone(),
                    CodedSpan {
                        coder: coder(c),
                        claim: ClaimId(format!("{u}-{c}")),
                        start,
                        end: start + 5,
                        status: Status::parse(v).unwrap(),
                        speaker: None,
                    },
                ));
            }
        }
    }
    AgreementInput {
        coders: (0..coders)
            .map(|c| (coder(c), format!("Coder {c}")))
            .collect(),
        documents: (0..docs)
            .map(|d| (DocumentId(format!("d{d}")), 10 * per_doc as u32 + 10))
            .collect(),
        claims,
        min_jaccard: 0.5,
        bootstrap: None,
    }
}

#[test]
fn the_report_pools_units_of_all_documents_and_matches_the_references() {
    for set in datasets()
        .iter()
        .filter(|s| s["statuses"].as_bool().unwrap())
    {
        let name = set["name"].as_str().unwrap();
        let t = table(set);
        let e = &set["expected"];
        for docs in [1, 3] {
            let report = agreement(&as_input(&t, docs));
            let nonempty = t.iter().filter(|r| r.iter().any(Option::is_some)).count();
            assert_eq!(report.units, nonempty, "{name}");
            assert_eq!(report.per_document.len(), docs);
            check(
                name,
                "alpha",
                &report.status.krippendorff_alpha,
                &e["alpha"],
            );
            check(
                name,
                "fleiss",
                &report.status.fleiss_kappa,
                &e["fleiss_kappa"],
            );
            for (got, want) in report
                .status
                .pairs
                .iter()
                .zip(e["pairs"].as_array().unwrap())
            {
                assert_eq!(got.n as u64, want["n"].as_u64().unwrap());
                check(name, "cohen", &got.cohen_kappa, &want["cohen_kappa"]);
                check(
                    name,
                    "percent",
                    &got.percent_agreement,
                    &want["percent_agreement"],
                );
            }
        }
    }
}

#[test]
fn report_serialises_to_the_cli_shape_with_null_for_undefined() {
    let one = datasets()
        .into_iter()
        .find(|s| s["name"] == "one_category")
        .unwrap();
    let mut input = as_input(&table(&one), 2);
    input.bootstrap = Some((200, 1));
    let json = serde_json::to_value(agreement(&input)).unwrap();
    for key in ["coders", "documents", "units", "status", "speaker", "spans"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    let status = &json["status"];
    assert!(status["krippendorff_alpha"].is_null());
    assert!(status["alpha_ci95"].is_null());
    assert!(status["fleiss_kappa"].is_null());
    assert!(status["krippendorff_alpha_detail"]["undefined_reason"]
        .as_str()
        .unwrap()
        .contains("same category"));
    let pair = &status["pairs"][0];
    for key in [
        "a",
        "b",
        "cohen_kappa",
        "percent_agreement",
        "n",
        "confusion",
    ] {
        assert!(pair.get(key).is_some(), "{key}");
    }
    assert!(pair["cohen_kappa"].is_null());
    assert_eq!(pair["percent_agreement"], 1.0);
    assert_eq!(pair["confusion"]["unverified"]["unverified"], 8);
    assert!(json["speaker"].get("krippendorff_alpha").is_some());
    assert!(json["spans"].get("unitizing_alpha").is_some());
    let span_pair = &json["spans"]["pairs"][0];
    for key in ["a", "b", "f1_exact", "f1_overlap"] {
        assert!(span_pair.get(key).is_some(), "{key}");
    }
    // Coder 1 has no claim in the last unit: 8 matches of 9 + 8 claims.
    assert_eq!(span_pair["f1_exact"], 16.0 / 17.0);
}

// ---- Published worked examples ----

#[test]
fn krippendorff_2011_four_coders_twelve_units() {
    // "Computing Krippendorff's Alpha-Reliability" (2011), nominal data, 4 observers, missing
    // values: alpha = 0.743 (the krippendorff package gives 0.743421052631579).
    let rows: [[Option<u8>; 4]; 12] = [
        [Some(1), Some(1), None, Some(1)],
        [Some(2), Some(2), Some(3), Some(2)],
        [Some(3), Some(3), Some(3), Some(3)],
        [Some(3), Some(3), Some(3), Some(3)],
        [Some(2), Some(2), Some(2), Some(2)],
        [Some(1), Some(2), Some(3), Some(4)],
        [Some(4), Some(4), Some(4), Some(4)],
        [Some(1), Some(1), Some(2), Some(1)],
        [Some(2), Some(2), Some(2), Some(2)],
        [None, Some(5), Some(5), Some(5)],
        [None, None, Some(1), Some(1)],
        [None, Some(3), None, None],
    ];
    let units: Vec<Vec<u8>> = rows
        .iter()
        .map(|r| r.iter().flatten().copied().collect())
        .collect();
    let a = nominal_alpha(&units);
    assert!((a.alpha.value().unwrap() - 0.743421052631579).abs() < TOLERANCE);
    assert_eq!((a.pairable_units, a.pairable_values), (11, 40));
}

#[test]
fn cohen_textbook_example() {
    // Wikipedia "Cohen's kappa", worked example: 50 grant proposals, yes/yes 20, yes/no 5,
    // no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    let mut pairs = Vec::new();
    pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
    pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
    pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
    pairs.extend(std::iter::repeat_n(("no", "no"), 15));
    let c = cohen(&pairs, &["yes", "no"]);
    assert!((c.kappa.value().unwrap() - 0.4).abs() < TOLERANCE);
    assert!((c.percent_agreement.value().unwrap() - 0.7).abs() < TOLERANCE);
    assert_eq!(c.confusion["no"]["yes"], 10);
}

#[test]
fn fleiss_1971_wikipedia_example() {
    // Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
    // P̄ = 0.378, P̄_e = 0.213, kappa = 0.210.
    let counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];
    let units: Vec<Vec<usize>> = counts
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .flat_map(|(cat, &n)| std::iter::repeat_n(cat, n))
                .collect()
        })
        .collect();
    let f = fleiss(&units);
    assert_eq!((f.units, f.raters), (10, 14));
    // To three places as published, and to 1e-9 against statsmodels' fleiss_kappa on the same
    // table (0.20993070442195522).
    let kappa = f.kappa.value().unwrap();
    assert!((kappa - 0.210).abs() < 0.0005, "{f:?}");
    assert!((kappa - 0.20993070442195522).abs() < TOLERANCE, "{f:?}");
}

// ---- Units ----

fn span(coder: &str, id: &str, start: u32, end: u32) -> CodedSpan {
    CodedSpan {
        coder: CoderId::from(coder),
        claim: ClaimId::from(id),
        start,
        end,
        status: Status::Attributed,
        speaker: None,
    }
}

fn coders(names: &[&str]) -> Vec<CoderId> {
    names.iter().map(|n| CoderId::from(*n)).collect()
}

fn member_ids(u: &claimcoder::review::Unit) -> Vec<&str> {
    u.members.values().map(|m| m.claim.as_str()).collect()
}

#[test]
fn units_from_identical_spans_overlaps_and_thresholds() {
    let doc = DocumentId::from("d");
    let ab = coders(&["a", "b"]);
    // Identical spans.
    let u = units(
        &doc,
        &[span("a", "a1", 0, 10), span("b", "b1", 0, 10)],
        &ab,
        0.5,
    );
    assert_eq!(u.len(), 1);
    assert_eq!(member_ids(&u[0]), ["a1", "b1"]);
    // Jaccard exactly 0.5 (0..10 against 0..5) joins.
    let u = units(
        &doc,
        &[span("a", "a1", 0, 10), span("b", "b1", 0, 5)],
        &ab,
        0.5,
    );
    assert_eq!(u.len(), 1);
    assert_eq!((u[0].start, u[0].end), (0, 10));
    // Just below (0..10 against 0..4: 0.4) does not.
    let u = units(
        &doc,
        &[span("a", "a1", 0, 10), span("b", "b1", 0, 4)],
        &ab,
        0.5,
    );
    assert_eq!(u.len(), 2);
    assert!(u.iter().all(|x| x.members.len() == 1));
}

#[test]
fn a_coder_contributes_their_best_claim_once() {
    let doc = DocumentId::from("d");
    let ab = coders(&["a", "b"]);
    // b has two candidates for a's 0..10: 1..9 (0.8) and 1..10 (0.9): the better joins, the
    // other forms its own unit.
    let claims = [
        span("a", "a1", 0, 10),
        span("b", "b1", 1, 9),
        span("b", "b2", 1, 10),
    ];
    let u = units(&doc, &claims, &ab, 0.5);
    assert_eq!(u.len(), 2);
    assert_eq!(member_ids(&u[0]), ["a1", "b2"]);
    assert_eq!(member_ids(&u[1]), ["b1"]);
    // Ties: against a's 0..12, b's 2..12 and 1..11 both have 10/12; the earlier start joins.
    let claims = [
        span("a", "a1", 0, 12),
        span("b", "b1", 2, 12),
        span("b", "b2", 1, 11),
    ];
    let u = units(&doc, &claims, &ab, 0.5);
    assert_eq!(member_ids(&u[0]), ["a1", "b2"]);
    assert_eq!(member_ids(&u[1]), ["b1"]);
    // A claim that starts before the seed would have been the seed itself: seeds go in text
    // order, so b's 0..8 seeds and a's 0..10 joins it (0.8) before b's 1..10 is considered.
    let claims = [
        span("a", "a1", 0, 10),
        span("b", "b1", 0, 8),
        span("b", "b2", 1, 10),
    ];
    let u = units(&doc, &claims, &ab, 0.5);
    assert_eq!(member_ids(&u[0]), ["a1", "b1"]);
}

#[test]
fn a_coder_who_coded_nothing_is_missing_everywhere() {
    let doc = DocumentId::from("d");
    let abc = coders(&["a", "b", "c"]);
    let claims = [
        span("a", "a1", 0, 10),
        span("b", "b1", 0, 10),
        span("a", "a2", 20, 30),
    ];
    let u = units(&doc, &claims, &abc, 0.5);
    assert_eq!(u.len(), 2);
    assert!(u
        .iter()
        .all(|x| !x.members.contains_key(&CoderId::from("c"))));
    // And claims of coders not chosen are left out.
    let u = units(&doc, &claims, &coders(&["b"]), 0.5);
    assert_eq!(u.len(), 1);
}

#[test]
fn units_do_not_depend_on_input_order() {
    let doc = DocumentId::from("d");
    let abc = coders(&["a", "b", "c"]);
    let claims = vec![
        span("c", "c1", 2, 11),
        span("a", "a1", 0, 10),
        span("b", "b1", 1, 10),
        span("b", "b2", 30, 40),
        span("a", "a2", 31, 40),
        span("c", "c2", 50, 52),
    ];
    let forward = units(&doc, &claims, &abc, 0.5);
    let mut reversed = claims.clone();
    reversed.reverse();
    assert_eq!(forward, units(&doc, &reversed, &abc, 0.5));
    assert_eq!(forward.len(), 3);
    assert_eq!(member_ids(&forward[0]), ["a1", "b1", "c1"]);
}

/// The project reads claims for agreement in the order they are stored (no sort in SQL): the
/// whole report, figures, intervals and per-document rows, must come out the same whatever
/// order the claims arrive in, to the last bit.
#[test]
fn the_report_does_not_depend_on_the_order_claims_arrive_in() {
    let docs = [DocumentId::from("d1"), DocumentId::from("d2")];
    let statuses = [Status::Attributed, Status::Disputed, Status::Unverified];
    let mut claims = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for k in 0..40u32 {
            for (c, coder) in ["a", "b", "c"].iter().enumerate() {
                // Overlapping, nested and missing spans; statuses and speakers that disagree.
                if (k + c as u32) % 7 == 0 {
                    continue;
                }
                let start = 12 * k + (c as u32 * k) % 5;
                let mut s = span(coder, &format!("{coder}-{i}-{k}"), start, start + 6 + k % 9);
                s.status = statuses[((k / 3) as usize + c * (k % 2) as usize) % 3];
                s.speaker = (k % 4 != c as u32).then(|| SpeakerId(format!("s{}", k % 3)));
                claims.push((doc.clone(), s));
            }
        }
    }
    let input = |claims: Vec<(DocumentId, CodedSpan)>| AgreementInput {
        coders: ["a", "b", "c"]
            .iter()
            .map(|c| (CoderId::from(*c), c.to_uppercase()))
            .collect(),
        documents: docs.iter().map(|d| (d.clone(), 600)).collect(),
        claims,
        min_jaccard: 0.5,
        bootstrap: Some((200, 7)),
    };
    let stored = agreement(&input(claims.clone()));
    let mut reversed = claims.clone();
    reversed.reverse();
    // Every seventh claim first, then the rest: documents and coders interleaved.
    let (sevenths, rest): (Vec<_>, Vec<_>) = claims
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 7 == 3);
    let interleaved = sevenths.into_iter().chain(rest).map(|(_, c)| c).collect();
    assert_eq!(agreement(&input(reversed)), stored);
    assert_eq!(agreement(&input(interleaved)), stored);
    assert!(stored.units > 60, "{}", stored.units);
}

// ---- Speaker ----

#[test]
fn speaker_alpha_treats_no_speaker_as_a_category() {
    let doc = DocumentId::from("d");
    let mut claims = Vec::new();
    for u in 0..10u32 {
        for c in ["a", "b"] {
            let mut s = span(c, &format!("{c}{u}"), 10 * u, 10 * u + 5);
            // Both leave it empty on even units, both name speaker x on odd ones, except unit 9.
            s.speaker = match (u % 2, u == 9 && c == "b") {
                (_, true) => None,
                (1, _) => Some(SpeakerId::from("x")),
                _ => None,
            };
            claims.push((doc.clone(), s));
        }
    }
    let report = agreement(&AgreementInput {
        coders: vec![
            (CoderId::from("a"), "A".into()),
            (CoderId::from("b"), "B".into()),
        ],
        documents: vec![(doc, 200)],
        claims,
        min_jaccard: 0.5,
        bootstrap: None,
    });
    let units: Vec<Vec<Option<&str>>> = (0..10)
        .map(|u| {
            let a = if u % 2 == 1 { Some("x") } else { None };
            let b = if u == 9 { None } else { a };
            vec![a, b]
        })
        .collect();
    let want = nominal_alpha(&units).alpha.value().unwrap();
    assert_eq!(report.speaker.krippendorff_alpha, Figure::Value(want));
    assert!(want > 0.0 && want < 1.0);
    assert_eq!(report.status.krippendorff_alpha.value(), None);
}

// ---- Bootstrap ----

/// Two coders, `n` units cycling through the statuses; coder b disagrees on every fifth.
fn two_coder_table(n: usize) -> Vec<Vec<&'static str>> {
    let s = ["attributed", "disputed", "unverified", "attributed"];
    (0..n)
        .map(|i| {
            let a = s[i % 4];
            let b = if i % 5 == 0 { s[(i + 1) % 4] } else { a };
            vec![a, b]
        })
        .collect()
}

#[test]
fn bootstrap_is_seeded_contains_alpha_and_narrows_with_more_units() {
    let small = two_coder_table(40);
    let large = two_coder_table(400);
    let x = bootstrap_ci(&small, 2, 2000, 42).unwrap();
    assert_eq!(x, bootstrap_ci(&small, 2, 2000, 42).unwrap());
    for t in [&small, &large] {
        let alpha = nominal_alpha(t).alpha.value().unwrap();
        let ci = bootstrap_ci(t, 2, 2000, 42).unwrap();
        assert!(ci.low < alpha && alpha < ci.high, "{ci:?} vs {alpha}");
    }
    let y = bootstrap_ci(&large, 2, 2000, 42).unwrap();
    assert!(y.high - y.low < x.high - x.low, "{x:?} {y:?}");
    // HK draw (m − 1)·n/2 pairs, capped at 25 per non-zero coincidence cell.
    assert_eq!(x.draws, 40);
}

#[test]
fn report_intervals_are_reproducible_with_a_seed() {
    let set = datasets()
        .into_iter()
        .find(|s| s["name"] == "five_coders_missing")
        .unwrap();
    let mut input = as_input(&table(&set), 2);
    input.bootstrap = Some((1000, 9));
    let a = agreement(&input);
    let b = agreement(&input);
    assert_eq!(a, b);
    let [lo, hi] = a.status.alpha_ci95.unwrap();
    let alpha = a.status.krippendorff_alpha.value().unwrap();
    assert!(lo < alpha && alpha < hi);
    assert_eq!(a.status.alpha_ci95_detail.resamples, Some(1000));
}
