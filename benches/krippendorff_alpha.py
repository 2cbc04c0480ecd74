"""The baseline of our Krippendorff's alpha: the Python `krippendorff` package (the reference
of tests/reference/) on the same reliability matrix (coders x units, null where a coder has no
claim in a unit), written by `examples/bench_baselines.rs alpha`. Times the alpha call alone
(the matrix already in memory as numpy wants it), median of RUNS, and prints
{"alpha", "ms", "units", "version"} as JSON."""

import json
import statistics
import sys
import time
from importlib.metadata import version

import krippendorff
import numpy as np


def main():
    matrix = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in matrix], dtype=float
    )
    times = []
    alpha = None
    for _ in range(runs):
        started = time.perf_counter()
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        times.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "alpha": float(alpha),
                "ms": statistics.median(times),
                "units": data.shape[1],
                "version": version("krippendorff"),
            }
        )
    )


if __name__ == "__main__":
    main()
