#!/usr/bin/env bash
# Builds the release page and a minimal Leptos page with the same toolchain,
# then prints sizes and timings in headless Chromium, and the budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
trunk build --release --offline --locked
(cd bench/minimal && trunk build --release --offline)
node bench/bench.mjs
