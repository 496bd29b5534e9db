#!/usr/bin/env bash
# Builds from empty, jobboard and Hugo alternated in one sitting, on sites of
# N synthetic postings (x2 languages), with whole-process wall time, CPU time
# and peak RSS.
# usage: .ci/bench-empty.sh N [RUNS]      e.g. .ci/bench-empty.sh 1000 5
#
# Why not `FRESH=1 .ci/bench.sh` beside `FRESH=1 run-hugo.sh`: those delete
# the previous output right before each run. On this machine's ext4 (mounted
# without a journal) the kernel then gives no inode freed in the last minutes
# to a new file, and finds a free one by looking at the freed ones one after
# the other (recently_deleted, find_inode_bit in perf): every file and folder
# created costs a scan of the thousands just deleted. That took a third of
# the samples of a jobboard build of 1,000 postings from empty and made its
# system time 2.5 s instead of 0.35 s; Hugo pays the same. A CI runner's
# fresh checkout has no such inodes. So here each tool's output is moved
# aside into a trash folder before its run, and the trash is deleted only
# after the last run. RM=1 deletes instead, as the other scripts do.
# A run started within minutes of deleting a large tree is slowed the same
# way: leave a few minutes after an earlier benchmark's clean-up.
#
# Needs: go, hugo, /usr/bin/time, and ../shared/bench beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: $0 N [RUNS]}
RUNS=${2:-5}
NOW=2026-11-25
KIT=$(cd ../shared/bench && pwd)
W=${BENCH_WORK:-${TMPDIR:-/tmp}/jobboard-bench}
S=$W/site-$N
H=$W/hugo-$N
TRASH=$W/trash-$$

mkdir -p "$W" "$TRASH"
go build -o "$W/jobboard" ./cmd/jobboard
go run ./cmd/gensite -n "$N" -out "$S" -now "$NOW"
if [ ! -d "$H/content" ]; then
  go build -C "$KIT/gen-postings" -o "$W/gen-postings" .
  mkdir -p "$H/content"
  cp -r "$KIT"/hugo-site/{hugo.yaml,layouts,i18n,static} "$H/"
  cp "$KIT"/hugo-site/content/archive.*.md "$H/content/"
  "$W/gen-postings" -n "$N" -out "$H/content" -facts-everywhere
fi

aside() { # aside path...: moves each existing path into the trash, or deletes it with RM=1
  for p; do
    [ -e "$p" ] || continue
    if [ "${RM:-0}" = 1 ]; then rm -rf "$p"; else mv "$p" "$(mktemp -d "$TRASH/XXXXXX")/"; fi
  done
}
timed() { # timed tool command...: runs the command, appends "wall cpu rss" to $W/<tool>.txt
  local tool=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$W/time.txt" "$@" > /dev/null 2> "$W/$tool.log"
  read -r wall user sys kb < "$W/time.txt"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
  echo "$tool: ${wall} s wall, ${cpu} s CPU (${sys} s system), peak RSS $((kb / 1024)) MiB"
  [ "$i" -gt 0 ] && echo "$wall $cpu $kb" >> "$W/$tool.txt" || true
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$W/$1.txt" | median; }

echo "jobboard $(git rev-parse --short HEAD), $(hugo version | cut -d' ' -f1-2), N=$N postings, $RUNS runs after 1 warm-up, $([ "${RM:-0}" = 1 ] && echo "output deleted" || echo "output moved aside") before each, load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$W/jobboard.txt"; : > "$W/hugo.txt"
for i in $(seq 0 "$RUNS"); do
  echo "run $i$([ "$i" = 0 ] && echo " (warm-up)")"
  aside "$S/public" "$S/.public.jobboard-cache"
  timed jobboard "$W/jobboard" build -C "$S" -now "$NOW"
  aside "$H/public"
  timed hugo hugo --source "$H" --minify --quiet
done
for t in jobboard hugo; do
  echo "$t median: $(col $t 1) s wall, $(col $t 2) s CPU, peak RSS $(awk -v k="$(col $t 3)" 'BEGIN{printf "%.0f", k/1024}') MiB"
done
awk -v j="$(col jobboard 1)" -v h="$(col hugo 1)" -v jc="$(col jobboard 2)" -v hc="$(col hugo 2)" \
  'BEGIN{printf "jobboard is %.2fx Hugo'"'"'s speed from empty (wall), %.2fx in CPU time\n", h/j, hc/jc}'
rm -rf "$TRASH"
