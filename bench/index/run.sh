#!/usr/bin/env bash
# Issue 4 benchmark: extraction floor (pdftotext), omindex, recollindex and paper-index over the
# same PDFs: cold build, no-change re-run, 10-files-changed re-run; wall time, peak memory of the
# whole process tree (bench/index/treepeak.py) and index size.
#
#   bash bench/index/run.sh [PDF_DIR] [PAPER_INDEX]
#   ONLY=ours bash bench/index/run.sh ...   (only paper-index, in bench/work/index-bench-ours)
#
# PDF_DIR defaults to bench/corpus/pdfs (make it with
# `bash /work/shared/bench/make-corpus.sh bench/corpus`; use bench/corpus/pdfs-100 for a quick
# run). The PDFs are copied to bench/work/index-bench/pdfs first (the changed re-run edits 10 of
# them). Needs: poppler-utils, xapian-omega, recollcmd, python3. Results: TSV on stdout and in
# bench/work/index-bench/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=${1:-bench/corpus/pdfs}
PI=${2:-build-release/indexer/paper-index}
ONLY=${ONLY:-all}
W=bench/work/index-bench
[ "$ONLY" = ours ] && W=bench/work/index-bench-ours
PEAK="python3 bench/index/treepeak.py"
JOBS=$(nproc)

[ -d "$SRC" ] || { echo "no corpus at $SRC; run make-corpus.sh first" >&2; exit 1; }
[ -x "$PI" ] || { echo "no paper-index at $PI; build it first" >&2; exit 1; }
rm -rf "$W"
mkdir -p "$W"
cp -r "$SRC" "$W/pdfs"
PDFS=$(cd "$W/pdfs" && pwd)
N=$(find "$PDFS" -name '*.pdf' | wc -l)
RES="$W/results.tsv"
printf 'run\twall_s\tpeak_tree_MB\texit\tpeak_largest_MB\n' > "$RES"

# Recoll: its own configuration folder; the index goes to $W/recoll/xapiandb.
mkdir -p "$W/recoll"
cat > "$W/recoll/recoll.conf" <<CONF
topdirs = $PDFS
loglevel = 1
CONF

floor() {
  find "$PDFS" -name '*.pdf' -print0 | xargs -0 -P"$JOBS" -I{} pdftotext -q {} /dev/null || true
}
export -f floor
export PDFS JOBS

run() { $PEAK "$@" | tee -a "$RES"; }

change_ten() {
  # Appending after %%EOF changes the bytes (and mtime) while every reader still opens the file.
  find "$PDFS" -name '*.pdf' | sort > "$W/all.txt"
  head -10 "$W/all.txt" > "$W/changed.txt"
  while read -r f; do
    printf '\n%% changed %s\n' "$1" >> "$f"
  done < "$W/changed.txt"
}

echo "# $N PDFs, $(du -sh "$PDFS" | cut -f1), $JOBS CPUs, $(date -u +%FT%TZ)" | tee -a "$RES"
if [ "$ONLY" = all ]; then
run floor-pdftotext bash -c floor
run floor-pdftotext-2 bash -c floor

run omindex-cold omindex --db "$W/omega" --url / "$PDFS"
run omindex-nochange omindex --db "$W/omega" --url / "$PDFS"
run recoll-cold recollindex -c "$W/recoll"
run recoll-nochange recollindex -c "$W/recoll"
fi
run ours-cold "$PI" build --quiet --db "$W/ours" --jobs "$JOBS" "$PDFS"
run ours-nochange "$PI" build --quiet --db "$W/ours" --jobs "$JOBS" "$PDFS"

change_ten 1
if [ "$ONLY" = all ]; then
run omindex-10changed omindex --db "$W/omega" --url / "$PDFS"
run recoll-10changed recollindex -c "$W/recoll"
fi
run ours-10changed "$PI" build --quiet --db "$W/ours" --jobs "$JOBS" "$PDFS"

echo "# index sizes (bytes)" | tee -a "$RES"
if [ "$ONLY" = all ]; then
printf 'size-omindex\t%s\n' "$(du -sb "$W/omega" | cut -f1)" | tee -a "$RES"
printf 'size-recoll-xapiandb\t%s\n' "$(du -sb "$W/recoll/xapiandb" | cut -f1)" | tee -a "$RES"
fi
printf 'size-ours-xapian\t%s\n' "$(du -sb "$(readlink -f "$W/ours/current")" | cut -f1)" | tee -a "$RES"
printf 'size-ours-total\t%s\n' "$(du -sb "$W/ours" | cut -f1)" | tee -a "$RES"
echo "# versions" | tee -a "$RES"
{ pdftotext -v 2>&1 | head -1; omindex --version | head -1;
  dpkg-query -W recollcmd xapian-omega poppler-utils libxapian30 2>/dev/null || true; "$PI" --version; } | tee -a "$RES"
