#!/usr/bin/env bash
# Runs every test, installing whatever is missing first:
#   formatting, clippy, native tests (with 100 000 property-test cases for the
#   parsers), the release build, its size budget and the browser end-to-end
#   tests in headless Chromium against dist/ served on loopback.
#   scripts/test.sh --quick   only the native part (seconds, no browser)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ "$quick" = 1 ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
else
  scripts/setup.sh --browser
  export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "native tests"
cargo test --workspace --locked

step "core property tests, 100 000 cases each (release mode)"
PROPTEST_CASES=${PROPTEST_CASES:-100000} cargo test --release --locked -p kalkyl-core -p kalkyl-text

[ "$quick" = 1 ] && exit 0

step "release build (trunk)"
trunk build --release

step "browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/*.test.mjs
