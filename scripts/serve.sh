#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080, installing
# whatever is missing first. PORT=9000 scripts/serve.sh picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
exec node tools/static-server.mjs dist "${PORT:-8080}"
