# Sourced by the other scripts: puts the project's tools on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# OpenCode lives apart (scripts/setup.sh says why); the pinned version first.
if [ -f package.json ] && command -v node >/dev/null; then
  PATH="$PWD/.cache/opencode/$(node -p "require('./package.json').installedApart['opencode-ai']")/node_modules/.bin:$PATH"
fi
export CHROMEDRIVER=/usr/bin/chromedriver
