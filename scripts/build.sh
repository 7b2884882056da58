#!/usr/bin/env bash
# Configures and builds into $BUILD_DIR (default build/); warnings are errors when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
werror=OFF
if [[ ${CI:-} == true ]]; then werror=ON; fi
launcher=()
if command -v ccache > /dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Paths relative to the checkout, so that two clones or worktrees share cached objects.
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} \
    -DRS_WERROR=$werror "${launcher[@]}" ${CMAKE_ARGS:-}
cmake --build "$build_dir" -j "$(nproc)" "$@"
