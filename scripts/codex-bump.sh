#!/usr/bin/env bash
# Follows a Codex CLI release: moves every pin of the project to VERSION
# (package.json and its lock, the newest of codexReleasesTested,
# merge::CODEX_VERSION, the README), asks the new release every question of
# scripts/codex-probes.mjs and adds its answers to the tables the page
# compiles in (src/clients/codex/*.txt), prints what changed between the two
# releases (the --help of `mcp add` and `mcp login`, Codex's verdict on
# every file of tests/codex_corpus/), then reruns every test that runs the
# real CLI against the new one.
#
#   scripts/codex-bump.sh 0.171.0
#
# The pins move first, so a failing test after it names what the new
# release does differently; `git diff` shows the moved pins, and
# `git checkout -- .` puts them back.
set -euo pipefail
cd "$(dirname "$0")/.."

new="${1:-}"
if ! [[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "usage: scripts/codex-bump.sh VERSION   (for example 0.171.0)" >&2
  exit 2
fi
bash scripts/setup.sh
source scripts/env.sh
old=$(node -p "require('./package.json').devDependencies['@openai/codex']")
if [ "$old" = "$new" ]; then
  echo "Codex is pinned at $new already." >&2
  exit 0
fi
say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT

say "What Codex $old says"
node scripts/codex-report.mjs > "$report/old.txt"

say "Moving every pin from $old to $new"
npm install --save-exact --no-audit --no-fund --loglevel=error "@openai/codex@$new"
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
  p.codexReleasesTested = [...p.codexReleasesTested.slice(0, -1), process.argv[1]];
  fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");
' "$new"
sed -i "s/pub const CODEX_VERSION: &str = \"$old\";/pub const CODEX_VERSION: \&str = \"$new\";/" src/merge/diagnose/settings/rules.rs
grep -q "CODEX_VERSION: &str = \"$new\"" src/merge/diagnose/settings/rules.rs || { echo "CODEX_VERSION was not $old in src/merge/diagnose/settings/rules.rs" >&2; exit 1; }
# The README's pinned release (a release named for what it introduced stays).
sed -i "s/(\*\*$old\*\*/(**$new**/; s/pinned Codex CLI ($old)/pinned Codex CLI ($new)/" README.md
git --no-pager diff --stat -- package.json package-lock.json src/merge/diagnose/settings/rules.rs README.md

say "Asking Codex $new what it knows (src/clients/codex/*.txt)"
node scripts/codex-probe.mjs --add "$new"
git --no-pager diff --stat -- src/clients/codex/

say "What Codex $new says differently (diff of --help and corpus verdicts)"
node scripts/codex-report.mjs > "$report/new.txt"
if diff -u "$report/old.txt" "$report/new.txt"; then
  echo "Nothing: the same --help for mcp add and mcp login, the same verdict on every corpus file."
fi

say "Every test that runs the real Codex CLI, against $new"
cargo test --locked --test codex_cli --test codex_corpus --test codex_merge --test releases --test settings_shapes
trunk build --release --offline --locked
node --test --test-concurrency=1 e2e/journey.test.mjs e2e/tools.test.mjs e2e/trust.test.mjs e2e/files.test.mjs e2e/merge.test.mjs e2e/releases.test.mjs e2e/shapes.test.mjs

say "Codex is pinned at $new; review with git diff and commit"
