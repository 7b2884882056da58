#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang and runs each for a while.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60; corpora kept in build-fuzz/corpus/)
# Needs clang 16 (Debian's clang-16 and libclang-rt-16-dev, installed here when missing): clang
# 14 cannot compile libstdc++ 12's std::expected. The CTest suite runs the same targets for a
# bounded number of inputs with g++; this script is for longer, coverage-guided runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}

if ! command -v clang++-16 >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-16-dev 2>/dev/null | grep -q "install ok installed"; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends clang-16 libclang-rt-16-dev
fi
scripts/install-deps.sh
CXX=clang++-16 cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRS_FUZZ=ON \
    -DRS_BUILD_BENCH=OFF
targets=(fuzz_keyboard fuzz_hid_pos fuzz_serial fuzz_hid_descriptor fuzz_dfu_protocol fuzz_dfu_file)
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
# The byte fixtures are hex text: their bytes are the seeds.
seeds="$build_dir/corpus/seeds"
mkdir -p "$seeds"
for fixture in tests/fixtures/scanners/*.hex tests/fixtures/firmware/*.hex; do
    perl -ne 'next if /^#/; s/\s+//g; print pack("H*", $_)' "$fixture" >"$seeds/$(basename "$fixture" .hex)"
done
for target in "${targets[@]}"; do
    corpus="$build_dir/corpus/$target"
    mkdir -p "$corpus"
    echo "fuzz.sh: $target for ${seconds}s"
    "$build_dir/tests/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
        "$corpus" "$seeds"
done
