#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format) would write.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed"; exit 1; }
files=$(git ls-files '*.cc' '*.h' 2>/dev/null || find common indexer query tests bench -name '*.cc' -o -name '*.h')
clang-format --dry-run --Werror $files
echo "format ok: $(echo "$files" | wc -l) files"
