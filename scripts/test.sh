#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting and
# clippy (host and wasm32), native tests (including the real Codex CLI),
# component tests in headless Chromium, the release build, and the
# end-to-end tests against it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

# Each step says when it starts (minutes:seconds since the script began), so
# a run shows where its time goes (docs/testing.md#how-long-it-takes).
step() { printf '\n\033[1m==> %s\033[0m (at %d:%02d)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "Formatting"
cargo fmt --check

step "Clippy (host and wasm32)"
cargo clippy --all-targets --locked -- -D warnings
# The shell compiled natively, as the build's prerender uses it.
cargo clippy --all-targets --locked --features prerender -- -D warnings
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "Native tests: validation, generators, properties, real Codex CLI"
cargo test --locked

step "Component tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web

step "Builds: release at the root and under a sub-path, debug under a sub-path"
# Each build checks that every integrity in index.html matches its file
# (scripts/integrity.mjs); the debug build at the root is serve.sh's own,
# run by e2e/serve.test.mjs.
trunk build --release --offline --locked
trunk build --release --offline --locked --public-url /tools/codex/ --dist dist-subpath
trunk build --offline --locked --public-url /tools/codex/ --dist dist-debug-subpath

step "End-to-end tests in headless Chromium"
node --test --test-concurrency=1 e2e/
step "Done"
