#!/usr/bin/env bash
# The README's second command: install what is needed, build everything, run every test; then
# build the same tree with AddressSanitizer + UndefinedBehaviorSanitizer (-DRS_SANITIZE=ON, in
# build-asan/, through the same ccache) and run every test again there. SANITIZED=0 leaves the
# second pass out (a quick local loop; CI always runs it). Extra arguments go to both ctest runs
# (e.g. -R labels); every test has one label, unit, integration or slow, so
# `SANITIZED=0 scripts/test.sh -L unit` is the fast loop and `-LE slow` leaves out the long runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install-npm.sh
scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"

if [[ ${SANITIZED:-1} != 0 || ${CI:-} == true ]]; then
    sanitized_dir=${SANITIZED_BUILD_DIR:-build-asan}
    BUILD_DIR=$sanitized_dir CMAKE_ARGS="-DRS_SANITIZE=ON ${CMAKE_ARGS:-}" scripts/build.sh
    # Any finding fails the test that met it: leaks included, no suppressions of our code.
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    # The `postgres` copies run the same code on the other engine: once, in the plain pass.
    ctest --test-dir "$sanitized_dir" --output-on-failure -j "$(nproc)" -LE postgres "$@"
fi
