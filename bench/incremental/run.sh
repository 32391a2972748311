#!/usr/bin/env bash
# Incremental and sharded builds (issue 16) on a synthetic organisation, beside Hugo's full build of the same
# Markdown in the same run: wall seconds and peak RSS of
#   cold       the first build, empty cache (what CI pays once)
#   warm       the same build again, nothing changed
#   one edit   one docs page edited
#   no cache   --no-cache (renders every doc set, writes no cache)
#   shard K/3  each of three matrix jobs (--shard K/3), from an empty cache
#   assemble   the build given the three shards' doc sets (search and site from scratch)
#   hugo       hugo --quiet over the same Markdown (Hugo keeps no cache across CI jobs)
#
#   bench/incremental/run.sh [PAGES]          # default 10000
#
# Environment: PAVED_JAR (default generator/cli/target/paved.jar, built first by you), JAVA, CORPUS (reuse a
# folder gen-corpus.py made for PAGES), SHARED_DIR (default ../shared), KEEP=1 keeps the work folder.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PAGES=${1:-10000}
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
SHARED=${SHARED_DIR:-$ROOT/../shared}
log() { printf '[incremental] %s\n' "$*" >&2; }
[ -f "$JAR" ] || { log "no $JAR: build it with ./mvnw -pl generator/cli -am package -DskipTests"; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/paved-bench-incremental.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then log "work folder $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
C=${CORPUS:-$WORK/corpus}
if [ -z "${CORPUS:-}" ]; then
  log "generating the $PAGES-page corpus"
  python3 "$SHARED/bench/gen-corpus.py" --pages "$PAGES" --out "$C" > "$WORK/manifest" 2>&1
fi
cat "$C"/repos/*/docs/*.md > /dev/null
R=$WORK/results.tsv; : > "$R"

run() { # NAME ARGS...: one timed paved build from inside the corpus (its cache is $C/target/paved-cache)
  local name=$1; shift
  (cd "$C" && /usr/bin/time -v -o "$WORK/$name.time" "$JAVA" -jar "$JAR" build repos/* "$@" \
      > "$WORK/$name.out" 2> "$WORK/$name.err") || log "$name exited non-zero (see $WORK/$name.err)"
  local s m
  s=$(awk -F': ' '/Elapsed/{n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$WORK/$name.time")
  m=$(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$WORK/$name.time")
  printf '%s\t%s\t%s\t%s\n' "$name" "$s" "$m" "$(grep -h '^Stages:' "$WORK/$name.err" | head -1)" >> "$R"
  log "$name: $s s, $m MiB"
}

rm -rf "$C/target/paved-cache"
run cold -o "$WORK/out-cold"
run warm -o "$WORK/out-warm"
page=$(ls "$C"/repos/*/docs/*.md | sort | sed -n 7p)
printf '\nOne more paragraph, edited for the benchmark.\n' >> "$page"
run one-edit -o "$WORK/out-edit"
run no-cache --no-cache -o "$WORK/out-nocache"
rm -rf "$C/target/paved-cache"
for k in 1 2 3; do run "shard-$k" --shard "$k/3"; done
run assemble -o "$WORK/out-assemble"
cmp -s <(cd "$WORK/out-assemble" && find . -type f -exec sha256sum {} + | sort) \
       <(cd "$WORK/out-edit" && find . -type f -exec sha256sum {} + | sort) \
  && log "assemble == one-edit build: same bytes" || log "assemble differs from the one-edit build"

if command -v hugo > /dev/null; then
  /usr/bin/time -v -o "$WORK/hugo.time" hugo --quiet -s "$C/hugo" -d "$WORK/hugo-out" > /dev/null 2>&1 || true
  printf 'hugo\t%s\t%s\t\n' \
    "$(awk -F': ' '/Elapsed/{n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$WORK/hugo.time")" \
    "$(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$WORK/hugo.time")" >> "$R"
fi

echo "| Build | Wall s | Peak RSS MiB | vs cold | Stages |"
echo "|---|---|---|---|---|"
cold=$(awk -F'\t' '$1=="cold"{print $2}' "$R")
awk -F'\t' -v c="$cold" '{printf "| %s | %.1f | %s | %.0f %% | %s |\n", $1, $2, $3, 100*$2/c, $4}' "$R"
s_max=$(awk -F'\t' '$1 ~ /^shard/{if($2>m)m=$2} END{print m}' "$R")
asm=$(awk -F'\t' '$1=="assemble"{print $2}' "$R")
awk -v s="$s_max" -v a="$asm" -v c="$cold" 'BEGIN{printf "\nThree-job matrix, projected: slowest shard %.1f s + assemble %.1f s = %.1f s (%.0f %% of one cold job), artifact transfer not counted.\n", s, a, s+a, 100*(s+a)/c}'
