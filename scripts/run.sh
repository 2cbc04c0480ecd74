#!/usr/bin/env bash
# Installs what is missing, builds, and runs the app on the default project (or on
# $CLAIMCODER_PROJECT). Without a display it runs under a virtual one (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
scripts/build.sh
# WebKitGTK's DMA-BUF renderer fails on some virtual and older displays.
export WEBKIT_DISABLE_DMABUF_RENDERER="${WEBKIT_DISABLE_DMABUF_RENDERER:-1}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; running under Xvfb (virtual screen :99)"
  exec xvfb-run --server-num=99 --server-args="-screen 0 1280x800x24" target/debug/claimcoder-app
fi
exec target/debug/claimcoder-app
