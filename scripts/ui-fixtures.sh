#!/usr/bin/env bash
# Records the core's answers that the UI tests replay (ui/src/test/fixtures/*.json); the
# integration tests fail while they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_UI_FIXTURES=1 cargo test -p claimcoder --test integration ui_fixtures
