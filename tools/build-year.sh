#!/usr/bin/env bash
# Builds the year view's module (crates/kalkyl-year) into
# target/kalkyl-year-dist. The app's Trunk.toml runs it as a pre_build hook,
# so `trunk build` and `trunk serve` build both modules.
set -euo pipefail
cd "$(dirname "$0")/.."
# The outer Trunk's settings for its hooks are not this build's.
for v in $(env | grep -o '^TRUNK_[A-Z_]*' || true); do unset "$v"; done
exec trunk build --config crates/kalkyl-year/Trunk.toml
