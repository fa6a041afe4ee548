#!/usr/bin/env bash
# Installs whatever Kalkyl's build and tests need and is missing. Idempotent:
# each step first checks, and does nothing when the tool is already there.
#   scripts/setup.sh            build tools (serve needs these)
#   scripts/setup.sh --browser  and Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must match the crate pinned in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pids=()
names=()
run_bg() { # name, command...: long installs run side by side
  local name=$1; shift
  mkdir -p target/setup-logs
  log "installing $name (log: target/setup-logs/$name.log)"
  ("$@" >"target/setup-logs/$name.log" 2>&1) &
  pids+=($!); names+=("$name")
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  # About 20 minutes on two cores; 0.22 needs a newer rustc.
  run_bg trunk cargo install --locked trunk --version '^0.21'
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  # Without --locked: a locked install fails on a yanked dependency.
  run_bg wasm-bindgen-cli cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Node packages from the committed lockfile (binaryen's wasm-opt, playwright-core).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.kalkyl-lock 2>/dev/null)" != "$lock_hash" ]; then
  log "installing node packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >node_modules/.kalkyl-lock
fi

if [ "$want_browser" = 1 ] && ! [ -x /usr/bin/chromium ]; then
  install_chromium() {
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -q && as_root apt-get install -y -q chromium
  }
  run_bg chromium install_chromium
fi

failed=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    log "${names[$i]} installed"
  else
    echo "[setup] installing ${names[$i]} failed; the end of its log:" >&2
    tail -n 30 "target/setup-logs/${names[$i]}.log" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1

wasm-opt --version | grep -q 'version_132' || { echo "wasm-opt is not binaryen 132" >&2; exit 1; }
log "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version)"
