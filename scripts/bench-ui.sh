#!/usr/bin/env bash
# The app's benchmark: builds the release app and the generated projects, then opens, codes,
# scrolls and measures them in the real window under Xvfb (tests/bench/ui.mjs). Writes
# target/bench/ui.json and prints it. Extra arguments go to ui.mjs (--runs N, --only a,b).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

out=target/bench
data=$out/ui-data
mkdir -p "$out"
(cd ui && npm run --silent build)
cargo build --release -p claimcoder-app
# The projects are deterministic: made once, kept until the generator or the project format
# changes (an older format would be upgraded, with a backup, at every opening).
stamp=$(cat examples/ui_bench_data.rs src/store/migrations/*.sql | sha256sum | cut -c1-16)
if [ "$(cat "$data/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$data"
  cargo run --release --example ui_bench_data -- "$data" --seed 1
  echo "$stamp" > "$data/stamp"
fi
node tests/bench/ui.mjs "$data" "$out/ui.json" "$@"
