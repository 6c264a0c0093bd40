#!/bin/sh
# Builds and runs the fetch benchmark: 200 PDFs on loopback with 100 ms latency per response,
# a sequential curl loop vs the Fetcher (see bench/results/fetch.md).
# Usage: bench/fetch/run.sh [BUILD_DIR] [fetch_bench options...]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-"$root/build-bench"}
[ $# -gt 0 ] && shift
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target fetch_bench -j2 >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(free -h | awk '/^Mem:/ {print $2}') RAM; $(curl --version | head -1 | cut -d' ' -f1-2);"\
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bench/fetch/fetch_bench" "$@"
