#!/usr/bin/env bash
# Builds the release page and a minimal Leptos page with the same toolchain,
# then prints sizes and timings in headless Chromium, and the budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
trunk build --release --offline --locked
# RUSTFLAGS set (even empty) replaces .cargo/config.toml's flags for the
# wasm target, which Cargo also finds from bench/minimal: --emit-relocs is
# for the page's split (scripts/split.mjs) and left the minimal page 566 kB
# of relocation sections that nothing strips (166.6 kB brotli, not 25.6).
(cd bench/minimal && RUSTFLAGS= trunk build --release --offline)
node bench/bench.mjs
