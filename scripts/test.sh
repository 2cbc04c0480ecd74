#!/usr/bin/env bash
# Every check and test, from a fresh Debian/Ubuntu machine: installs what is missing, then
# formatting, lints, type check, Rust tests, UI tests, and the end-to-end tests in the real app.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "set-up"
scripts/setup.sh

step "rustfmt"
cargo fmt --all --check

step "UI: type check, lint, unit tests, build"
(cd ui && npm run --silent typecheck && npm run --silent lint && npm run --silent test && npm run --silent build)

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "Rust tests (core, CLI, shell, bindings drift)"
cargo test --workspace

step "build the app and the CLI"
cargo build --workspace --bins

step "end-to-end tests in the real app"
scripts/e2e.sh
