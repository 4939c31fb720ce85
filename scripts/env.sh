# Sourced by the other scripts: puts the project's tools on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The CLIs installed apart (scripts/setup.sh says why), each at its pinned version.
if [ -f package.json ] && command -v node >/dev/null; then
  PATH="$(node -e "const p = require('./package.json').installedApart ?? {}; console.log(Object.entries(p).map(([n, v]) => process.cwd() + '/.cache/apart/' + n + '/' + v + '/node_modules/.bin').concat(process.env.PATH).join(':'))")"
fi
export CHROMEDRIVER=/usr/bin/chromedriver
