#!/usr/bin/env bash
# Fuzzes with libFuzzer for a bounded time:
#   bash scripts/fuzz.sh [SECONDS] [TARGET]      default 60 seconds, target catalogue
# Targets: catalogue (the paper-list parser, parse_list_text), page_text (the index's page
# values: decode_page_text / decode_page_excerpt / encode_page_text, and make_snippet on any
# text). Builds with clang in build-fuzz/ (address + undefined sanitizers, libFuzzer coverage).
# New interesting inputs go to build-fuzz/corpus-TARGET; a crash leaves build-fuzz/crash-* and
# exits non-zero: for the catalogue, copy it to tests/fuzz/corpus/ (the test suite replays that
# folder in CatalogueFuzzReplay) and fix the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
target="${2:-catalogue}"
CLANG="$(command -v clang++-14 || command -v clang++)"
CLANGC="$(command -v clang-14 || command -v clang)"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CLANG" \
  -DCMAKE_C_COMPILER="$CLANGC" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DPAPER_FUZZ=ON -DPAPER_TESTS=OFF >/dev/null
cmake --build build-fuzz --target "${target}_fuzzer" -j"$(nproc)"
mkdir -p "build-fuzz/corpus-$target"
cd build-fuzz
seeds=()
[ "$target" = catalogue ] && seeds=(../tests/fuzz/corpus ../data)
"./tests/fuzz/${target}_fuzzer" "corpus-$target" "${seeds[@]}" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
