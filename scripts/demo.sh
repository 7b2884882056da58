#!/usr/bin/env bash
# The README's first command: install what is needed, build, and run `station demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh --target station
exec "${BUILD_DIR:-build}/station/station" demo "$@"
