#!/usr/bin/env bash
# Regenerates ui/src/bindings.ts from the Rust types (the test suite fails while it is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_BINDINGS=1 cargo test -p claimcoder-app --test bindings
