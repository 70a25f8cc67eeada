#!/usr/bin/env bash
# Opens the real app under Xvfb on a corpus and saves a screenshot: scripts/screenshot.sh [CORPUS] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-assets/sample-corpus}"
out="${2:-target/screenshot.png}"
command -v Xvfb >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq xvfb imagemagick; }
cargo build --release
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
# A fresh settings folder, so the screenshot does not depend on what was open last time.
export XDG_DATA_HOME="$(mktemp -d)" XDG_CONFIG_HOME="$(mktemp -d)"
DISPLAY="$display" ./target/release/dossier "$corpus" &
app=$!
sleep "${WAIT:-6}"
DISPLAY="$display" import -window root "$out"
echo "saved $out"
