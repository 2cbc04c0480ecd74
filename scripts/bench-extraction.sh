#!/usr/bin/env bash
# Scores article extraction on a corpus of pages (default: the development corpus beside the
# repository) with word 4-gram shingle precision, recall and F1, ours beside trafilatura's in
# the same run, with milliseconds per page. trafilatura is installed into the repository's
# .venv for this benchmark only; the app never depends on it.
#   scripts/bench-extraction.sh [CORPUS_DIR]    (BENCH_VENV=DIR uses another virtualenv)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpora/readability-test-pages}"
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
venv="${BENCH_VENV:-.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet 'trafilatura>=2.3,<3' lxml_html_clean
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release --example extract_pages -- "$corpus" > "$out/ours.jsonl"
"$venv/bin/python" benches/trafilatura_pages.py "$corpus" > "$out/trafilatura.jsonl"
echo "corpus: $corpus ($(uname -m), $(nproc) cores)"
"$venv/bin/python" benches/score_extraction.py "$corpus" \
  "claimcoder=$out/ours.jsonl" "trafilatura=$out/trafilatura.jsonl" ${PER_PAGE:+--per-page}
