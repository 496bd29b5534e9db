#!/usr/bin/env bash
# Time full `jobboard build`s of a synthetic site of N postings (x2 languages),
# each from a cold process, with whole-process wall time and peak RSS.
# usage: .ci/bench.sh N [RUNS]      e.g. .ci/bench.sh 10000 3
# Builds the jobboard binary once, generates the site with cmd/gensite (into
# $W/site-N, /tmp/jobboard-bench by default; same files for the same N), runs 1 warm-up build (it also
# fills the page cache) then RUNS builds (default 5), and prints each run and
# the medians, like ../shared/bench/run-hugo.sh does for Hugo.
# Needs: go, /usr/bin/time (Debian package "time").
# By default each run rebuilds over the previous public/ and its cache
# (.public.jobboard-cache/), with nothing changed, as an author's second build.
# EDIT=1 edits the text of one posting before each run (untimed), as an author
# who saves and builds. FRESH=1 removes public/ and the cache before each run,
# as on a CI runner with a fresh checkout (and as run-hugo.sh does for Hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: $0 N [RUNS]}
RUNS=${2:-5}
NOW=2026-11-25
W=${BENCH_WORK:-${TMPDIR:-/tmp}/jobboard-bench}   # outside the repository: nothing to ignore
S=$W/site-$N

[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
mkdir -p "$W"
go build -o "$W/jobboard" ./cmd/jobboard
go run ./cmd/gensite -n "$N" -out "$S" -now "$NOW"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

build() { /usr/bin/time -f "%e %M" -o "$W/time.txt" "$W/jobboard" build -C "$S" -now "$NOW" > "$W/build.txt"; }
fresh() { [ "${FRESH:-0}" = 1 ] && rm -rf "$S/public" "$S/.public.jobboard-cache" || true; }
POSTINGS=("$S"/content/postings/*.fr.md)
EDITED=${POSTINGS[0]}
edit() { [ "${EDIT:-0}" = 1 ] && sed -i "0,/^## /s//## $1 /" "$EDITED" || true; }
echo "jobboard $(git rev-parse --short HEAD) ($(go env GOVERSION)), N=$N postings = $((2 * N)) posting pages$([ "${FRESH:-0}" = 1 ] && echo ", FRESH=1")$([ "${EDIT:-0}" = 1 ] && echo ", EDIT=1")"
fresh
build # warm-up (also fills the page cache)
: > "$W/runs.txt"
for i in $(seq "$RUNS"); do
  fresh
  edit "Édité$i"
  build
  read -r wall kb < "$W/time.txt"
  echo "run $i: ${wall} s, peak RSS $((kb / 1024)) MiB"
  echo "$wall $kb" >> "$W/runs.txt"
done
wall=$(cut -d' ' -f1 "$W/runs.txt" | median)
kb=$(cut -d' ' -f2 "$W/runs.txt" | median)
files=$(find "$S/public" -type f | wc -l)
echo "jobboard median of $RUNS runs after 1 warm-up: ${wall} s wall, peak RSS $(awk -v k="$kb" 'BEGIN{printf "%.0f", k/1024}') MiB, $(awk -v n="$N" -v w="$wall" 'BEGIN{printf "%.0f", 2*n/w}') posting pages/s ($files output files, $(du -sh "$S/public" | cut -f1))"
