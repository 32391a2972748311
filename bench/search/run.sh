#!/usr/bin/env bash
# Search benchmark: Paved's static Lucene index against Pagefind on the same built site, same machine, same run.
# See README.md beside this file.
#
#   bench/search/run.sh [PAGES]        # default 10000
#
# Environment (optional): PAVED_JAR (default generator/cli/target/paved.jar) or PAVED_CP (a classpath instead),
# SHARED_DIR (default ../shared), NPM_DIR (default ~/.cache/paved-search-bench: pagefind 1.6, puppeteer-core),
# WORK (default /tmp/paved-search-bench), QUERIES (default "configuration;deployment;alert;deploy cluster;confi").
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
NPM_DIR=${NPM_DIR:-$HOME/.cache/paved-search-bench}
WORK=${WORK:-/tmp/paved-search-bench}
PAGES=${1:-10000}
IFS=';' read -r -a QUERIES <<< "${QUERIES:-configuration;deployment;alert;deploy cluster;confi}"
die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "run.sh: $*" >&2; }

[ -f "$SHARED/bench/gen-corpus.py" ] || die "$SHARED/bench/gen-corpus.py not found (SHARED_DIR)"
if [ -n "${PAVED_CP:-}" ]; then PAVED=(java -XX:+UseSerialGC -cp "$PAVED_CP"); MAIN=(dev.paved.cli.PavedCli)
else JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}; [ -f "$JAR" ] || die "$JAR not found: ./paved --version builds it"
  PAVED=(java -XX:+UseSerialGC -cp "$JAR"); MAIN=(dev.paved.cli.PavedCli); fi
[ -x /usr/bin/time ] || die "/usr/bin/time is needed (apt-get install time)"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is needed (apt-get install chromium)"
if [ ! -x "$NPM_DIR/node_modules/.bin/pagefind" ] || [ ! -d "$NPM_DIR/node_modules/puppeteer-core" ]; then
  log "installing pagefind@1.6 and puppeteer-core into $NPM_DIR"
  mkdir -p "$NPM_DIR" && (cd "$NPM_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --silent pagefind@1.6.0 puppeteer-core@23 >/dev/null) || die "npm install failed"
fi

mkdir -p "$WORK"; C="$WORK/n$PAGES"
if [ ! -f "$C/manifest.json" ]; then log "generating $PAGES pages"; python3 "$SHARED/bench/gen-corpus.py" --pages "$PAGES" --out "$C" >/dev/null; fi
rm -rf "$C/site"
log "paved build"
(cd "$C" && /usr/bin/time -v -o "$C/build.time" "${PAVED[@]}" "${MAIN[@]}" build repos/* -o site >/dev/null 2>"$C/build.err")
secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }
log "Paved index alone (cold JVM)"
rm -rf "$C/index-only"
INDEX=$(cd "$C" && "${PAVED[@]}" "$HERE/SearchIndexBench.java" index-only repos/* 2>/dev/null | tail -1)
log "pagefind"
(cd "$C" && /usr/bin/time -v -o "$C/pagefind.time" "$NPM_DIR/node_modules/.bin/pagefind" --site site >/dev/null 2>&1)
bytes() { find "$1" -type f ! -name index.html -printf '%s\n' | awk '{s+=$1; n++} END {printf "%d %d", s, n}'; }
read -r PV_BYTES PV_FILES <<< "$(bytes "$C/site/search")"
read -r PF_BYTES PF_FILES <<< "$(bytes "$C/site/pagefind")"

echo "## $PAGES pages ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), pagefind $("$NPM_DIR/node_modules/.bin/pagefind" --version | awk '{print $2}'))"
echo "paved build: $(secs "$C/build.time") s, $(rss "$C/build.time") MiB; paved index alone: $INDEX"
echo "pagefind index: $(secs "$C/pagefind.time") s, $(rss "$C/pagefind.time") MiB"
echo "index bytes: paved $PV_BYTES in $PV_FILES files; pagefind $PF_BYTES in $PF_FILES files"
N=${#QUERIES[@]}
for ((i = 0; i < N; i++)); do
  q1=${QUERIES[$i]}; q2=${QUERIES[$(((i + 1) % N))]}
  echo "paved    $(node "$HERE/pv-query-bytes.mjs" "$C/site" "$q1" "$q2")"
  echo "pagefind $(cd "$NPM_DIR" && node "$HERE/pf-two-queries.mjs" "$C/site" "$q1" "$q2")"
done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$C/site" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) & SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1
echo "latency $(NPM_DIR="$NPM_DIR" node "$HERE/latency.mjs" "http://127.0.0.1:$PORT/" "${QUERIES[@]}")"
