#!/usr/bin/env bash
# Benchmarks, one section per part, each printing a markdown table:
#   scripts/bench.sh cli         the CLI at issue 12's scale (3 coders x 1,000 documents, ~100,000
#                                claims): import-set, every export, agreement; medians of 3, each
#                                beside its baseline in the same run
#   scripts/bench.sh criterion   the criterion benches (store, merge, exports, agreement at 1k,
#                                10k and 100k claims, each beside its raw baseline)
#   scripts/bench.sh ui          the release app in a real window (scripts/bench-ui.sh: opening,
#                                coding, scrolling, start-up, memory, 10,000 articles)
#   scripts/bench.sh team        the team server (its own PostgreSQL cluster): 50 coders pushing
#                                and pulling over HTTP (load), and 50 desktop projects syncing
#                                through the real client, checked claim by claim (desktops)
#   scripts/bench.sh             all of them
# Settings: SEED (1), DOCUMENTS (1000), RUNS (3), BENCH_VENV (.venv: the Python `krippendorff`
# package is installed there for the benchmark only; the app never depends on it).
set -euo pipefail
cd "$(dirname "$0")/.."

SEED="${SEED:-1}"
DOCUMENTS="${DOCUMENTS:-1000}"
RUNS="${RUNS:-3}"
KRIPPENDORFF_VERSION="0.9.0" # the version tests/reference/ was made with

# Seconds (3 decimals) that "$@" takes, its output discarded.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

# The median of the arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# Median of RUNS timings of "$@", after running `prepare` (a function name, or :) before each.
timed() {
  local prepare="$1"
  shift
  local times=()
  for _ in $(seq "$RUNS"); do
    "$prepare"
    times+=("$(seconds "$@")")
  done
  median "${times[@]}"
}

# $1 / $2, rounded to two decimals (bc alone truncates).
ratio() {
  printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"
}

venv_python() {
  local venv="${BENCH_VENV:-.venv}"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
  if ! "$venv/bin/python" -c "import krippendorff, numpy" 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet "krippendorff==$KRIPPENDORFF_VERSION" >&2
  fi
  echo "$venv/bin/python"
}

bench_cli() {
  cargo build --quiet --release --bin claimcoder --example scale_data --example bench_baselines
  local python
  python="$(venv_python)"
  local bin=target/release/claimcoder
  local base=target/release/examples/bench_baselines
  local tmp
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" RETURN
  target/release/examples/scale_data --out "$tmp/sets" --seed "$SEED" --documents "$DOCUMENTS" >&2
  local project="$tmp/p.claimcoder"
  export CLAIMCODER_CODER="Bench"
  # The record of checked projects (and any backup) goes with the benchmark's files.
  export XDG_DATA_HOME="$tmp/data"
  fresh() { rm -f "$project" "$project-wal" "$project-shm"; }
  local claims
  claims=$(cat "$tmp"/sets/*.json | grep -c '"quote"')

  echo
  echo "## CLI at scale: $DOCUMENTS documents, 3 coders, $claims claims (seed $SEED)"
  echo
  echo "$(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs, seconds"
  echo
  echo "| path | claimcoder | baseline | baseline's time | ratio |"
  echo "| --- | --- | --- | --- | --- |"
  local t
  t=$(timed fresh "$bin" --project "$project" import-set "$tmp"/sets/*.json)
  echo "| import-set of the three sets (fresh project) | $t | | | |"
  # Opening checks the whole file unless it is as it was when it last passed (see
  # store/check_record.rs): timed right after the import (checked), then once it has settled
  # and passed (not checked), which is what every command below meets.
  t=$(seconds "$bin" --project "$project" coders)
  echo "| opening the project right after a change (the whole file checked) | $t | | | |"
  sleep 4
  "$bin" --project "$project" coders >/dev/null
  t=$(timed : "$bin" --project "$project" coders)
  echo "| opening it unchanged since it passed its check | $t | | | |"
  # The raw dump reads the same claims from the same file: an export's floor.
  local dump
  dump=$(timed : "$base" dump "$project" "$tmp/raw.json")
  for f in json jsonl csv brat html w3c qdpx; do
    t=$(timed : "$bin" --project "$project" export --format "$f" --out "$tmp/out.$f")
    echo "| export $f | $t | raw serde_json dump of the claims | $dump | $(ratio "$t" "$dump")× |"
  done
  t=$(timed : "$bin" --project "$project" agreement)
  echo "| agreement (all measures, no bootstrap) | $t | | | |"

  # Krippendorff's alpha alone, ours and the Python package's, on the same matrix.
  local ours theirs
  ours=$("$base" alpha "$project" "$tmp/matrix.json")
  theirs=$("$python" benches/krippendorff_alpha.py "$tmp/matrix.json")
  "$python" - "$ours" "$theirs" <<'EOF'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"| Krippendorff's alpha, nominal, {ours['units']} units x 3 coders (status) | "
      f"{ours['ms']:.2f} ms (α {ours['alpha']:.6f}) | Python krippendorff {theirs['version']} | "
      f"{theirs['ms']:.2f} ms (α {theirs['alpha']:.6f}) | {theirs['ms'] / ours['ms']:.0f}× faster |")
assert abs(ours["alpha"] - theirs["alpha"]) < 1e-9, "the two alphas differ"
EOF
}

bench_criterion() {
  echo
  echo "## Criterion (cargo bench --bench scale)"
  echo
  cargo bench --quiet --bench scale 2>&1 | grep -E "^(scale|  *time:)|^[a-z].*/" || true
}

bench_ui() {
  echo
  echo "## The app (scripts/bench-ui.sh; target/bench/ui.json)"
  echo
  scripts/bench-ui.sh
}

bench_team() {
  echo
  echo "## The team server (cargo bench -p claimcoder-server --bench load / --bench desktops)"
  echo
  cargo bench --quiet -p claimcoder-server --bench load 2>&1 | grep -E "^(\||load)"
  cargo bench --quiet -p claimcoder-server --bench desktops 2>&1 | grep -E "^(\||desktops)"
}

case "${1:-all}" in
  cli) bench_cli ;;
  team) bench_team ;;
  criterion) bench_criterion ;;
  ui) bench_ui ;;
  all)
    bench_cli
    bench_criterion
    bench_ui
    bench_team
    ;;
  *)
    echo "usage: scripts/bench.sh [cli|criterion|ui|team|all]" >&2
    exit 2
    ;;
esac
