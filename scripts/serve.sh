#!/usr/bin/env bash
# Installs what is missing, then builds the page and serves it on
# http://127.0.0.1:8080/ with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
exec trunk serve --offline "$@"
