#!/usr/bin/env bash
# Query benchmark (issue 5): over the 984-PDF corpus (../shared/bench/make-corpus.sh) and its 50
# queries, the wall time of one process per query for paper-search, Xapian's quest over
# omindex's index and recollq over Recoll's index (same run, same machine, warm cache), then
# the in-process latency of the query library (query_bench, Google Benchmark), and known-item
# search quality on real pages (known_item).
#   bench/query/run.sh [CORPUS_DIR] [QUERIES]
# Needs: xapian-tools (quest), xapian-omega (omindex), recollcmd (recollindex, recollq),
# poppler-utils, libbenchmark-dev; a build of the project in $BUILD (default build-query).
# INDEX=DIR uses (or builds) paper-index's index in DIR instead of bench/work/index.
# Indexes go to bench/work/ (kept between runs; delete a folder to rebuild it). Writes
# bench/work/query-times.md, to be copied into bench/results/query.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build-query}
CORPUS=$(realpath "${1:-bench/corpus/pdfs}")
QUERIES=$(realpath "${2:-../shared/bench/queries.txt}")
WORK=$(realpath -m bench/work)
ROUNDS=${ROUNDS:-5}
mkdir -p "$WORK"
INDEX=$(realpath -m "${INDEX:-$WORK/index}")

if [ ! -e "$INDEX/current" ]; then
  echo "building paper-index's index of $CORPUS" >&2
  "$BUILD/indexer/paper-index" build --db "$INDEX" --quiet --synonyms data/synonyms.txt \
    "$CORPUS" || [ $? -eq 2 ]
fi
if [ ! -d "$WORK/omega" ]; then
  echo "building omindex's index" >&2
  omindex --db "$WORK/omega" --url / "$CORPUS" >"$WORK/omindex.log" 2>&1
fi
if [ ! -d "$WORK/recoll/xapiandb" ]; then
  echo "building Recoll's index" >&2
  mkdir -p "$WORK/recoll"
  printf 'topdirs = %s\nloglevel = 1\n' "$CORPUS" >"$WORK/recoll/recoll.conf"
  recollindex -c "$WORK/recoll" >"$WORK/recollindex.log" 2>&1
fi

python3 - "$BUILD/query/paper-search" "$WORK" "$QUERIES" "$ROUNDS" "$INDEX" <<'PY' | tee "$WORK/query-times.md"
import subprocess, sys, time
search, work, queries_file, rounds, index = sys.argv[1:4] + [int(sys.argv[4]), sys.argv[5]]
queries = [l.strip() for l in open(queries_file) if l.strip() and not l.startswith('#')]
tools = {
    'paper-search (text, 10 results, pages + snippets)':
        lambda q: [search, '--db', index, q],
    'paper-search --json':
        lambda q: [search, '--db', index, '--json', q],
    'quest (omindex index, 10 results)':
        lambda q: ['quest', '-d', work + '/omega', '-m', '10', q],
    'recollq (10 results)':
        lambda q: ['recollq', '-c', work + '/recoll', '-n', '10', q],
}
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
print(f'{len(queries)} queries x {rounds} rounds, one process per query, after one warm-up round\n')
print('| tool | p50 ms | p95 ms | p99 ms | queries with results |')
print('|---|---|---|---|---|')
for name, cmd in tools.items():
    times, found = [], 0
    for q in queries:  # warm-up
        subprocess.run(cmd(q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for r in range(rounds):
        for q in queries:
            t = time.perf_counter()
            out = subprocess.run(cmd(q), capture_output=True, text=True, errors='replace')
            times.append((time.perf_counter() - t) * 1000)
            if r == 0 and out.stdout.strip() and 'no papers matched' not in out.stdout \
                    and '"total":0' not in out.stdout and 'MSet:\n' != out.stdout[-6:] \
                    and '0 results' not in out.stdout:
                found += 1
    print(f'| {name} | {pct(times, 50):.1f} | {pct(times, 95):.1f} | {pct(times, 99):.1f} | {found} |')
PY

"$BUILD/bench/query/query_bench" --db "$INDEX" --queries "$QUERIES" \
  --benchmark_format=console 2>&1 | tee -a "$WORK/query-times.md"

# Known-item search (the right paper and the right page first) over the same index.
"$BUILD/bench/query/known_item" --db "$INDEX" --queries 300 | tee -a "$WORK/query-times.md"
