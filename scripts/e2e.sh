#!/usr/bin/env bash
# Runs the end-to-end tests of the desktop app (tests/e2e) with node's test runner: each
# scenario starts its own Xvfb display and tauri-driver, drives the built app through
# WebDriver, checks the project file through the CLI, and ends everything it started.
#
# Assumes the UI and the app are built: target/debug/claimcoder-app (with ui/dist inside) and
# target/debug/claimcoder. Screenshots and logs go to .e2e-artifacts/.
# Extra arguments go to node (e.g. --test-name-pattern=emoji).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

fail() { echo "e2e: $*" >&2; exit 2; }

for bin in target/debug/claimcoder-app target/debug/claimcoder target/debug/claimcoder-server; do
  [ -x "$bin" ] || fail "$bin is missing: build the UI and the app first (the e2e tests run the built binaries)"
done
for tool in node Xvfb tauri-driver WebKitWebDriver xwd convert sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (scripts/setup.sh installs what the tests need)"
done
if [ -d ui/dist ] && [ -n "$(find ui/dist -newer target/debug/claimcoder-app -type f -print -quit)" ]; then
  echo "e2e: warning: ui/dist is newer than target/debug/claimcoder-app; the app embeds the UI it was built with" >&2
fi

mkdir -p .e2e-artifacts
# One scenario at a time (each runs a whole app; the machine has 2 cores).
exec node --test --test-concurrency=1 --test-reporter=spec "$@" tests/e2e/
