#!/usr/bin/env bash
# Docs build benchmark: `paved build` against Hugo and MkDocs (per repo, as TechDocs does it) on the same
# Markdown, same machine, same run. See README.md beside this file.
#
#   bench/docs/run.sh [PAGES...]          # default: 1000 10000
#
# Environment (all optional):
#   PAVED_JAR    the CLI jar (default generator/cli/target/paved.jar; build it first, this script never builds)
#   JAVA         the java to run it with (default: java on PATH)
#   JAVA_OPTS    extra JVM flags for the Paved runs, for experiments (default: none, as a user runs it)
#   RUNS         timed runs per tool and size, interleaved; the median is reported (default 3)
#   WARMUP       1 (default): one untimed run of Paved and Hugo per size first; 0: none
#   TOOLS        which tools to run (default "paved hugo techdocs")
#   TECHDOCS_RUNS  timed runs of MkDocs per repo (default RUNS; it is the slow one)
#   TECHDOCS_MAX_S MkDocs per repo is skipped at a size when one build there is projected (linearly from the
#                previous size) to take longer than this many seconds, and not repeated when its first build
#                took longer (default 600)
#   SHARED_DIR   the shared folder with bench/gen-corpus.py and bench/bench-anchors.sh (default ../shared)
#   KEEP         1: keep the work folder (corpora, outputs, /usr/bin/time reports, Paved's warnings)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN="$SHARED/bench/gen-corpus.py"
ANCHORS="$SHARED/bench/bench-anchors.sh"
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
TOOLS=${TOOLS:-paved hugo techdocs}
TECHDOCS_RUNS=${TECHDOCS_RUNS:-$RUNS}
TECHDOCS_MAX_S=${TECHDOCS_MAX_S:-600}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)

die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "run.sh: $*" >&2; }
has() { case " $TOOLS " in *" $1 "*) return 0;; *) return 1;; esac; }

[ -f "$GEN" ] || die "$GEN not found: this benchmark needs the shared folder beside the project (../shared), or SHARED_DIR"
[ -f "$ANCHORS" ] || die "$ANCHORS not found (SHARED_DIR)"
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
if has paved; then
  [ -f "$JAR" ] || die "$JAR not found: build the CLI first (./paved --version builds it), or set PAVED_JAR"
  command -v "$JAVA" >/dev/null || die "java not found (JAVA=$JAVA)"
fi
command -v python3 >/dev/null || die "python3 is needed (gen-corpus.py)"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
has hugo && ! command -v hugo >/dev/null && missing+=(hugo)
has techdocs && [ ! -x /usr/bin/mkdocs ] && missing+=(mkdocs)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "${missing[@]}" >/dev/null 2>&1; } \
      || die "could not install ${missing[*]} (apt-get install -y ${missing[*]})"
  else
    die "missing: ${missing[*]} (apt-get install -y ${missing[*]})"
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/paved-bench-docs.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then log "work folder $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

# bench-anchors.sh looks up the Pagefind binary at start-up and, under `set -e`, exits when it is not installed,
# even when Pagefind is not asked for. This benchmark does not run Pagefind, so when NPM_DIR has none, it points
# NPM_DIR at a stub folder whose only file is never executed.
ANCHORS_NPM=${NPM_DIR:-$HOME/.cache/bench-npm}
if ! ls "$ANCHORS_NPM"/node_modules/@pagefind/*/bin/pagefind* >/dev/null 2>&1; then
  ANCHORS_NPM=$WORK/npm-stub; mkdir -p "$ANCHORS_NPM/node_modules/@pagefind/stub/bin"
  : > "$ANCHORS_NPM/node_modules/@pagefind/stub/bin/pagefind"
fi

T=$WORK/results.tsv   # size tool run wall_s rss_MiB pages extra
: > "$T"

secs() { awk -F': ' '/Elapsed/{n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/{printf "%.0f\n", $2/1024}' "$1"; }

# paved SIZE RUN: one build into a fresh folder (Paved refuses folders it did not write)
paved_run() {
  local n=$1 i=$2 c=$WORK/n$1 out=$WORK/n$1/paved-out
  rm -rf "$out"
  # From inside the corpus so that no paved.yaml of the project applies; every repo folder is a SOURCE.
  # --no-cache: a full build each time, as Hugo's (without it, runs after the first reuse the cache the first kept).
  # shellcheck disable=SC2086
  (cd "$c" && /usr/bin/time -v -o "$c/paved.$i.time" "$JAVA" $JAVA_OPTS -jar "$JAR" build --no-cache repos/* -o "$out" \
      > "$c/paved.$i.out" 2> "$c/paved.$i.err") || log "paved exited non-zero at $n pages, run $i (see $c/paved.$i.*)"
  local docs html
  docs=$(find "$out/docs" -name index.html 2>/dev/null | wc -l)
  html=$(find "$out" -name '*.html' 2>/dev/null | wc -l)
  [ "$i" = 0 ] || printf '%s\tpaved\t%s\t%s\t%s\t%s\t%s\n' "$n" "$i" "$(secs "$c/paved.$i.time")" "$(rss "$c/paved.$i.time")" \
    "$docs" "$html" >> "$T"
}
# anchor SIZE RUN TOOL: one run of a peer through the shared bench-anchors.sh (RUNS=1 there; we interleave)
anchor_run() {
  local n=$1 i=$2 tool=$3 line
  line=$(RUNS=1 NPM_DIR="$ANCHORS_NPM" bash "$ANCHORS" "$WORK/n$n" "$tool" | awk -v t="$tool" '$1==t')
  [ -n "$line" ] || { log "bench-anchors.sh $tool gave no figures at $n pages"; return 0; }
  [ "$i" = 0 ] || awk -v n="$n" -v i="$i" -v t="$tool" '{printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n, t, i, $3, $4, $2, $5}' \
    <<< "$line" >> "$T"
}

prev_td_n=; prev_td_s=
for n in "${SIZES[@]}"; do
  c=$WORK/n$n
  log "generating the $n-page corpus"
  python3 "$GEN" --pages "$n" --out "$c" > "$c.manifest" 2>&1 || { cat "$c.manifest" >&2; die "gen-corpus.py failed"; }
  cat "$c"/repos/*/docs/*.md > /dev/null   # the same warm page cache for every tool

  td_runs=$TECHDOCS_RUNS; td_note=
  if has techdocs && [ -n "$prev_td_n" ]; then
    proj=$(awk -v s="$prev_td_s" -v a="$prev_td_n" -v b="$n" 'BEGIN{printf "%.0f", s*b/a}')
    if [ "$proj" -gt "$TECHDOCS_MAX_S" ]; then
      td_runs=0; td_note="skipped: projected ${proj} s per build > TECHDOCS_MAX_S=$TECHDOCS_MAX_S"
      log "MkDocs per repo at $n pages $td_note"
    fi
  fi
  has techdocs || td_runs=0
  if [ "$WARMUP" = 1 ]; then
    log "$n pages: warm-up (untimed) of paved and hugo"
    has paved && paved_run "$n" 0
    has hugo && anchor_run "$n" 0 hugo
  fi
  for i in $(seq 1 "$RUNS"); do
    log "$n pages: run $i of $RUNS"
    has paved && paved_run "$n" "$i"
    has hugo && anchor_run "$n" "$i" hugo
    if [ "$i" -le "$td_runs" ]; then
      anchor_run "$n" "$i" techdocs
      w=$(awk -v n="$n" '$1==n && $2=="techdocs"{w=$4} END{print w}' "$T")
      if [ -n "$w" ] && awk -v w="$w" -v m="$TECHDOCS_MAX_S" 'BEGIN{exit !(w>m)}'; then
        td_runs=$i; td_note="one build took ${w} s > TECHDOCS_MAX_S, not repeated"; log "MkDocs per repo: $td_note"
      fi
    fi
  done
  if has techdocs && [ "$td_runs" -gt 0 ]; then
    prev_td_n=$n
    prev_td_s=$(awk -v n="$n" '$1==n && $2=="techdocs"{print $4}' "$T" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  fi
  [ -z "$td_note" ] || printf '%s\ttechdocs-note\t0\t0\t0\t0\t%s\n' "$n" "$td_note" >> "$T"
  # Paved's own summary and its diagnostics by code (from the last timed run)
  if has paved; then
    last=$c/paved.$RUNS
    printf '%s\tpaved-summary\t0\t0\t0\t0\t%s\n' "$n" "$(grep -E '^Built ' "$last.out" "$last.err" -h | tail -1)" >> "$T"
    printf '%s\tpaved-codes\t0\t0\t0\t0\t%s\n' "$n" \
      "$(cat "$last.out" "$last.err" | grep -oE '(warning|error) PAVED-[A-Z0-9]+' | sort | uniq -c | awk '{printf "%s%s %s x%s", s, $2, $3, $1; s=", "}')" >> "$T"
  fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$c/paved-out" "$c/hugo/public" "$c/techdocs/site"
done

{
  echo
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  has paved && echo "java: $("$JAVA" -version 2>&1 | head -2 | tail -1)${JAVA_OPTS:+ with $JAVA_OPTS}; jar: $JAR"
  has hugo && echo "hugo: $(hugo version | cut -d' ' -f1-2)"
  has techdocs && echo "mkdocs: $(/usr/bin/mkdocs --version | cut -d' ' -f1-3)"
}
python3 - "$T" "$RUNS" <<'EOF'
import statistics, sys
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
runs = int(sys.argv[2])
names = {'paved': 'paved build', 'hugo': 'hugo', 'techdocs': 'mkdocs per repo'}
print(f"median of up to {runs} interleaved runs under /usr/bin/time -v; pages = docs pages from the same Markdown")
print(f"{'tool':<16} {'pages':>6} {'wall_s':>8} {'pages/s':>8} {'peak_rss_MiB':>13}  {'runs (wall s / MiB)'}")
sizes = []
for r in rows:
    if r[0] not in sizes: sizes.append(r[0])
notes = []
for n in sizes:
    res = {}
    for tool in ('paved', 'hugo', 'techdocs'):
        rs = [r for r in rows if r[0] == n and r[1] == tool]
        if not rs: continue
        w = statistics.median(float(r[3]) for r in rs); m = statistics.median(float(r[4]) for r in rs)
        pages = int(rs[-1][5])
        res[tool] = (pages, w, pages / w, m)
        spread = ' '.join(f"{float(r[3]):.2f}" for r in rs) + ' / ' + ' '.join(r[4] for r in rs)
        print(f"{names[tool]:<16} {pages:>6} {w:>8.2f} {pages / w:>8.0f} {m:>13.0f}  {spread}")
    for r in rows:
        if r[0] == n and r[1] == 'techdocs-note': print(f"{'mkdocs per repo':<16} {n:>6}  {r[6]}")
    if 'paved' in res and 'hugo' in res:
        p, h = res['paved'], res['hugo']
        ps, mem = p[2] / h[2], p[3] / h[3]
        print(f"  {n} pages: Paved builds {ps:.2f}x Hugo's pages per second at {mem:.2f}x its peak memory; "
              f"goal (>= 2x pages/s at <= 0.5x memory, JVM start included): {'met' if ps >= 2 and mem <= 0.5 else 'NOT met'}")
    if 'paved' in res and 'techdocs' in res:
        print(f"  {n} pages: Paved/MkDocs per repo: {res['paved'][2] / res['techdocs'][2]:.2f}x pages per second, "
              f"{res['paved'][3] / res['techdocs'][3]:.2f}x peak memory")
    for r in rows:
        if r[0] == n and r[1] == 'paved' and r is [x for x in rows if x[0] == n and x[1] == 'paved'][-1]:
            print(f"  {n} pages: Paved wrote {r[5]} docs pages, {r[6]} HTML pages in all")
        if r[0] == n and r[1] == 'paved-summary': print(f"  {n} pages: Paved said: {r[6]}")
        if r[0] == n and r[1] == 'paved-codes': print(f"  {n} pages: Paved diagnostics by code: {r[6] or 'none'}")
EOF
