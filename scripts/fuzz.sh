#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (coverage, ASan, UBSan) and runs each in
# turn, seeded with its corpus in tests/fixtures/fuzz/<target>/ (never written: what a run finds
# goes to $FUZZ_BUILD_DIR/corpus/<target>/, crashes to $FUZZ_BUILD_DIR/crashes/<target>/).
#
# Usage: scripts/fuzz.sh [SECONDS | -runs=N] [TARGET...]
#   SECONDS     time per target (default 60)
#   -runs=N     executions per target instead of a time (the offline run: -runs=10000000)
#   TARGET...   some targets only (names as in tests/fuzz/CMakeLists.txt: code_grammar, config...)
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_JOBS (build jobs, default nproc),
# FUZZ_NICE (niceness of the runs, default 0).
# The targets are the list in tests/fuzz/CMakeLists.txt, which CMake writes to
# $FUZZ_BUILD_DIR/tests/fuzz/fuzz_targets.txt: nothing here to keep in step with it.
#
# Needs clang 16 (Debian's clang-16 and libclang-rt-16-dev, installed here when missing): clang
# 14 cannot compile libstdc++ 12's std::expected. The CTest suite runs the same targets for a
# bounded number of inputs with g++ (label unit); this script is for longer, coverage-guided runs.
# Each run ends with libFuzzer's final statistics (stat::number_of_executed_units, the exec/s
# and the cov/ft of its last line) and a summary line per target: RESULT fuzz_<name> ...
set -euo pipefail
cd "$(dirname "$0")/.."
limit=(-max_total_time=60)
case ${1:-} in
    -runs=*) limit=("$1") ; shift ;;
    '' | *[!0-9]*) ;;
    *) limit=(-max_total_time="$1") ; shift ;;
esac
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}

if ! command -v clang++-16 >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-16-dev 2>/dev/null | grep -q "install ok installed"; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends clang-16 libclang-rt-16-dev
fi
scripts/install-deps.sh
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
fi
CXX=clang++-16 cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRS_FUZZ=ON \
    -DRS_BUILD_BENCH=OFF "${launcher[@]}"
mapfile -t targets <"$build_dir/tests/fuzz/fuzz_targets.txt"
if (($# > 0)); then
    for wanted in "$@"; do
        printf '%s\n' "${targets[@]}" | grep -qx "$wanted" || { echo "fuzz.sh: no target $wanted" >&2; exit 2; }
    done
    targets=("$@")
fi
cmake --build "$build_dir" -j "${FUZZ_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

status=0
for target in "${targets[@]}"; do
    corpus="$build_dir/corpus/$target"
    crashes="$build_dir/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    log="$build_dir/fuzz_$target.log"
    echo "fuzz.sh: $target ${limit[*]}"
    # -rss_limit_mb: a parser that holds far more than its input is a finding too.
    if ! nice -n "${FUZZ_NICE:-0}" "$build_dir/tests/fuzz/fuzz_$target" "${limit[@]}" \
        -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$crashes/" \
        "$corpus" "tests/fixtures/fuzz/$target" >"$log" 2>&1; then
        status=1
        echo "fuzz.sh: $target FOUND A FAILURE: see $log and $crashes/" >&2
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\) .*/\1/p' <<<"$last")
    speed=$(sed -n 's/.* exec\/s: \([0-9]*\).*/\1/p' <<<"$last")
    echo "RESULT fuzz_$target runs=${runs:-?} exec_per_s=${speed:-?} cov=${cov:-?} ft=${ft:-?}" \
        "crashes=$(find "$crashes" -type f | wc -l)"
done
exit $status
