#!/usr/bin/env bash
# Command 1 of the README: install, build (Release), index data/'s lists and run a search.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DPAPER_TESTS=OFF >/dev/null
cmake --build build-release -j"$(nproc)"
set +e
./build-release/indexer/paper-index build --db index
rc=$?
set -e
# 2 means "finished, some papers only by metadata" (e.g. no internet): still searchable.
if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then exit $rc; fi
./build-release/query/paper-search --db index "${@:-medical image segmentation}"
