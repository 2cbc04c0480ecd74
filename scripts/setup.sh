#!/usr/bin/env bash
# Installs what the app and its tests need on a Debian or Ubuntu machine, only when missing.
# Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

# postgresql: the team server's tests start a throw-away cluster of their own (server/tests/);
# openssl: the team scenario makes a certificate of its own to sync over HTTPS.
SYSTEM_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev libxdo-dev librsvg2-dev libayatana-appindicator3-dev
  webkit2gtk-driver xvfb x11-apps imagemagick xauth
  fonts-noto-color-emoji fonts-noto-cjk fonts-dejavu-core
  libxml2-utils python3-venv
  postgresql openssl
)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install --locked tauri-driver --version "^2"
fi

# Python validators the tests run against exports (JSON Schema), pinned.
if [ ! -x .venv/bin/python ] || [ tests/validators/requirements.txt -nt .venv/.installed ]; then
  echo "setup: installing the validators' Python packages"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/validators/requirements.txt
  touch .venv/.installed
fi

# UI packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund)
fi
