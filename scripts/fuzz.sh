#!/usr/bin/env bash
# Fuzzes the paper-list parser (parse_list_text) with libFuzzer for a bounded time.
#   bash scripts/fuzz.sh [SECONDS]      default 60
# Builds with clang in build-fuzz/ (address + undefined sanitizers, libFuzzer coverage on the
# whole catalogue library). New interesting inputs go to build-fuzz/corpus; a crash leaves
# build-fuzz/crash-* and exits non-zero: copy it to tests/fuzz/corpus/ (the test suite replays
# that folder in CatalogueFuzzReplay) and fix the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
CLANG="$(command -v clang++-14 || command -v clang++)"
CLANGC="$(command -v clang-14 || command -v clang)"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CLANG" \
  -DCMAKE_C_COMPILER="$CLANGC" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DPAPER_FUZZ=ON -DPAPER_TESTS=OFF >/dev/null
cmake --build build-fuzz --target catalogue_fuzzer -j"$(nproc)"
mkdir -p build-fuzz/corpus
cd build-fuzz
./tests/fuzz/catalogue_fuzzer corpus ../tests/fuzz/corpus ../data \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
