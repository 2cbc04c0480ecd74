#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS_PER_TARGET seconds each, one after
# the other, and prints a summary: executions and crashes per target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# cargo-fuzz drives libFuzzer, which needs nightly compiler flags; on the stable toolchain
# RUSTC_BOOTSTRAP=1 allows them. No sanitizer: the core forbids unsafe code, so AddressSanitizer
# would only slow the runs; debug assertions and overflow checks are on.
# Inputs that crash are written to fuzz/artifacts/<target>/. Fix the core, then copy each one
# to tests/fuzz-regressions/<target>/: `cargo test` replays them through the same target body
# (tests/integration/fuzz_regressions.rs). Corpora grow in fuzz/corpus/<target>/ (only the
# committed seed-* files are kept by git).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

secs="${1:-60}"
[ $# -gt 0 ] && shift
case "$secs" in '' | *[!0-9]*)
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
    ;;
esac

if ! command -v cargo-fuzz >/dev/null; then
    cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1

if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi

(cd fuzz && cargo fuzz build -s none)

summary=()
total_runs=0
total_crashes=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t/last-run.log"
    before=$(find "fuzz/artifacts/$t" -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' | wc -l)
    echo "== $t: ${secs} s"
    set +e
    (cd fuzz && cargo fuzz run -s none "$t" -- \
        -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1
    rc=$?
    set -e
    after=$(find "fuzz/artifacts/$t" -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' | wc -l)
    runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
    runs=${runs:-0}
    crashes=$((after - before))
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        echo "   $t stopped with status $rc and no crash file: see $log" >&2
        tail -20 "$log" >&2
        crashes=1
    fi
    corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
    summary+=("$(printf '%-16s %12s runs  %3s crashes  %6s corpus inputs' "$t" "$runs" "$crashes" "$corpus")")
    total_runs=$((total_runs + runs))
    total_crashes=$((total_crashes + crashes))
    if [ "$crashes" -gt 0 ]; then
        grep -E 'panicked at|SUMMARY|Test unit written' "$log" | head -5 >&2 || true
    fi
done

echo
echo "== fuzz summary (${secs} s per target)"
printf '%s\n' "${summary[@]}"
printf '%-16s %12s runs  %3s crashes\n' "total" "$total_runs" "$total_crashes"
[ "$total_crashes" -eq 0 ]
