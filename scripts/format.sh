#!/usr/bin/env bash
# Applies .clang-format to every C++ file; with --check, only reports files that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.h' '*.cpp' '*.h.in')
if [[ ${1:-} == --check ]]; then
    clang-format --dry-run -Werror "${files[@]}"
    echo "format: ${#files[@]} files follow .clang-format"
else
    clang-format -i "${files[@]}"
fi
