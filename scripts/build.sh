#!/usr/bin/env bash
# Builds the UI (ui/dist) and then the app and the CLI, which embed and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run --silent build)
cargo build --workspace --bins
