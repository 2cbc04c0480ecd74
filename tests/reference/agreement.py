#!/usr/bin/env python3
"""Reference values for Claimcoder's agreement measures (tests/integration/agreement.rs).

Generates reliability tables with a fixed seed and computes, with the reference packages:
  - Krippendorff's alpha, nominal:  krippendorff.alpha(level_of_measurement="nominal")
  - Cohen's kappa per coder pair:   sklearn.metrics.cohen_kappa_score, on the units both coded
  - percent agreement per pair:     share of those units with equal values (numpy)
  - Fleiss' kappa:                  statsmodels fleiss_kappa(aggregate_raters(...)), on the
                                    units every coder coded
and writes agreement.json beside this file (inputs + expected values; null where the figure is
not defined, i.e. where the package raises or returns NaN). CI does not run this script; the
JSON is committed.

Versions used to write the committed agreement.json (also in requirements.txt):
  python 3.11.7, numpy 2.4.6, krippendorff 0.9.0, scikit-learn 1.9.1, statsmodels 0.15.0,
  scipy 1.17.1, pandas 3.1.1

Run: python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install -r requirements.txt
     /tmp/refvenv/bin/python agreement.py
"""

import json
import math
import warnings
from importlib.metadata import version
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

STATUSES = ["attributed", "disputed", "unverified"]
SEED = 20240611


def generate(rng, n_units, n_coders, categories, weights, missing, reliability):
    """Each unit has a true category (drawn with uneven weights); each coder copies it with
    probability `reliability`, else draws any category with the same weights; a value is
    missing with probability `missing`."""
    table = []
    for _ in range(n_units):
        truth = rng.choice(categories, p=weights)
        row = []
        for _ in range(n_coders):
            if rng.random() < missing:
                row.append(None)
            elif rng.random() < reliability:
                row.append(str(truth))
            else:
                row.append(str(rng.choice(categories, p=weights)))
        table.append(row)
    return table


def finite_or_none(x):
    x = float(x)
    return x if math.isfinite(x) else None


def expected(table, categories):
    n_coders = len(table[0])
    index = {c: i for i, c in enumerate(categories)}
    # krippendorff wants coders x units, NaN for missing.
    data = np.array(
        [[np.nan if row[c] is None else index[row[c]] for row in table] for c in range(n_coders)],
        dtype=float,
    )
    pairable = [[v for v in row if v is not None] for row in table]
    pairable = [r for r in pairable if len(r) >= 2]
    try:
        alpha = finite_or_none(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # "There has to be more than one value in the domain."
        alpha = None

    pairs = []
    for a in range(n_coders):
        for b in range(a + 1, n_coders):
            shared = [(row[a], row[b]) for row in table if row[a] is not None and row[b] is not None]
            if shared:
                y1 = [x for x, _ in shared]
                y2 = [y for _, y in shared]
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    kappa = finite_or_none(cohen_kappa_score(y1, y2))
                pa = float(np.mean([x == y for x, y in shared]))
            else:
                kappa, pa = None, None
            pairs.append({"a": a, "b": b, "n": len(shared), "cohen_kappa": kappa, "percent_agreement": pa})

    complete = [[index[v] for v in row] for row in table if all(v is not None for v in row)]
    fleiss = None
    if complete and n_coders >= 2:
        counts, _ = aggregate_raters(np.array(complete))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fleiss = finite_or_none(fleiss_kappa(counts, method="fleiss"))

    return {
        "alpha": alpha,
        "pairable_units": len(pairable),
        "pairable_values": sum(len(r) for r in pairable),
        "pairs": pairs,
        "fleiss_kappa": fleiss,
        "fleiss_units": len(complete),
    }


def main():
    rng = np.random.default_rng(SEED)
    sets = []

    def add(name, table, categories, note):
        sets.append({
            "name": name,
            "note": note,
            "categories": categories,
            "statuses": all(v in STATUSES for row in table for v in row if v is not None),
            "table": table,
            "expected": expected(table, categories),
        })

    add("two_coders_complete", generate(rng, 25, 2, STATUSES, [0.6, 0.3, 0.1], 0.0, 0.7), STATUSES,
        "2 coders, no missing values, uneven categories")
    add("three_coders_missing", generate(rng, 40, 3, STATUSES, [0.6, 0.3, 0.1], 0.2, 0.7), STATUSES,
        "3 coders, 20% missing")
    add("five_coders_missing", generate(rng, 60, 5, STATUSES, [0.5, 0.35, 0.15], 0.3, 0.6), STATUSES,
        "5 coders, 30% missing")
    add("four_coders_rare_category", generate(rng, 50, 4, STATUSES, [0.85, 0.12, 0.03], 0.15, 0.8), STATUSES,
        "4 coders, one category rare")
    perfect = generate(rng, 15, 4, STATUSES, [0.4, 0.4, 0.2], 0.25, 1.0)
    add("perfect_agreement", perfect, STATUSES, "4 coders agree wherever both coded")
    add("total_disagreement", [["attributed", "disputed"] for _ in range(6)] + [["disputed", "unverified"] for _ in range(4)],
        STATUSES, "2 coders never agree")
    silent = generate(rng, 30, 3, STATUSES, [0.5, 0.3, 0.2], 0.1, 0.7)
    for row in silent:
        row[2] = None
    add("coder_coded_nothing", silent, STATUSES, "the third coder coded nothing")
    add("one_category", [["unverified"] * 3 for _ in range(8)] + [["unverified", None, "unverified"]],
        STATUSES, "every value is the same category: alpha, kappas undefined")
    speakers = ["none", "s1", "s2", "s3", "s4", "s5"]
    add("speakers_six_categories", generate(rng, 45, 4, speakers, [0.3, 0.25, 0.2, 0.12, 0.08, 0.05], 0.2, 0.65),
        speakers, "4 coders, 6 categories (speaker-like, 'none' is a category)")
    add("sparse_units", generate(rng, 30, 3, STATUSES, [0.5, 0.3, 0.2], 0.55, 0.7), STATUSES,
        "3 coders, 55% missing: many units with one value (not pairable)")

    out = {
        "generated_by": "tests/reference/agreement.py",
        "seed": SEED,
        "versions": {p: version(p) for p in ["numpy", "krippendorff", "scikit-learn", "statsmodels"]},
        "datasets": sets,
    }
    path = Path(__file__).with_name("agreement.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path} ({len(sets)} data sets)")


if __name__ == "__main__":
    main()
