#!/usr/bin/env bash
# The README's second command: install what is needed, build everything, run every test.
# Extra arguments go to ctest (e.g. -R labels); every test has one label, unit, integration or
# slow, so `scripts/test.sh -L unit` is the fast loop and `-LE slow` leaves out the long runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install-npm.sh
scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
