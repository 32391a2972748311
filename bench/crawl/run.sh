#!/usr/bin/env bash
# Crawl benchmark: `paved crawl` of generated repositories served by real C git (git-http-backend behind
# lighttpd, smart HTTP on 127.0.0.1) against `git clone --depth 1` of each, serially and 4 at a time; and the same
# repositories discovered as a GitHub organisation (api-server.py on 127.0.0.1), first crawl against recrawls.
# See README.md beside this file.
#
#   bench/crawl/run.sh [REPOS]              # default 500
#
# Environment (all optional):
#   PAVED_JAR    the CLI jar (default generator/cli/target/paved.jar; this script never builds it)
#   JAVA         the java to run it with (default: java on PATH)
#   JAVA_OPTS    extra JVM flags for the Paved runs (default: none, as `java -jar` runs it)
#   RUNS         rounds; each round runs every case once, interleaved; medians are reported (default 3)
#   THREADS      Paved's --threads (default 4, Paved's own default)
#   PARALLEL     how many `git clone`s at once in the parallel peer (default 4)
#   TIMEOUT_S    the longest one timed command may take before it is killed (default 1800)
#   SRC_BYTES    incompressible bytes under src/ per repository at HEAD (default 1000000)
#   COMMITS      commits per repository (default 4)
#   SHARED_DIR   the shared folder with bench/gen-corpus.py (default ../shared)
#   KEEP         1: keep the work folder (repositories, caches, clones, every command's output)
#   HISTORY_DAYS the history benchmark instead (issue 21): repositories with COMMITS (default 60 then) commits
#                spread over the last HISTORY_DAYS days (make-repos.py --history-days), crawled with that history
#                window against the depth-1 crawl of the same repositories (bench/crawl/HistoryCrawl.java)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN="$SHARED/bench/gen-corpus.py"
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
RUNS=${RUNS:-3}
THREADS=${THREADS:-4}
PARALLEL=${PARALLEL:-4}
TIMEOUT_S=${TIMEOUT_S:-1800}
SRC_BYTES=${SRC_BYTES:-1000000}
HISTORY_DAYS=${HISTORY_DAYS:-0}
if [ "$HISTORY_DAYS" -gt 0 ] 2>/dev/null; then COMMITS=${COMMITS:-60}; else COMMITS=${COMMITS:-4}; fi
END=$(( $(date +%s) / 86400 * 86400 ))   # the history corpus's newest commit: today 00:00 UTC
REPOS=${1:-500}
LIGHTTPD=/usr/sbin/lighttpd
BACKEND=/usr/lib/git-core/git-http-backend

die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "run.sh: $(date +%T) $*" >&2; }

[ -f "$GEN" ] || die "$GEN not found: this benchmark needs the shared folder beside the project (../shared), or SHARED_DIR"
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
[ -f "$JAR" ] || die "$JAR not found: build the CLI first (./paved --version builds it), or set PAVED_JAR"
command -v "$JAVA" >/dev/null || die "java not found (JAVA=$JAVA)"
command -v python3 >/dev/null || die "python3 is needed (gen-corpus.py, make-repos.py)"
command -v git >/dev/null || die "git is needed"
[ "$REPOS" -ge 1 ] 2>/dev/null || die "REPOS must be a positive number, not '$REPOS'"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
[ -x "$LIGHTTPD" ] || missing+=(lighttpd)
[ -x "$BACKEND" ] || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "${missing[@]}" >/dev/null 2>&1; } \
      || die "could not install ${missing[*]} (apt-get install -y ${missing[*]})"
  else
    die "missing: ${missing[*]} (apt-get install -y ${missing[*]})"
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/paved-bench-crawl.XXXXXX")
SERVER_PID=
API_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
if [ "${KEEP:-0}" = 1 ]; then log "work folder $WORK"; fi

T=$WORK/results.tsv   # case run wall_s rss_MiB cpu_s server_cpu_s bytes_apparent bytes_allocated note
: > "$T"

# ---------------------------------------------------------------------------------------------------- corpus
log "generating $REPOS repositories ($((REPOS * 20)) docs pages, ${SRC_BYTES} bytes of src/ each, $COMMITS commits)"
t0=$(date +%s.%N)
python3 "$GEN" --pages $((REPOS * 20)) --per-repo 20 --out "$WORK/corpus" > "$WORK/corpus.manifest" 2>&1 \
  || { cat "$WORK/corpus.manifest" >&2; die "gen-corpus.py failed"; }
history_args=()
[ "$HISTORY_DAYS" -gt 0 ] && history_args=(--history-days "$HISTORY_DAYS" --end "$END")
python3 "$HERE/make-repos.py" --corpus "$WORK/corpus" --out "$WORK/served" --repos "$REPOS" \
  --src-bytes "$SRC_BYTES" --commits "$COMMITS" "${history_args[@]}" 2> "$WORK/make-repos.log" \
  || { cat "$WORK/make-repos.log" >&2; die "make-repos.py failed"; }
rm -rf "$WORK/corpus"
gen_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
served_bytes=$(du -sb "$WORK/served" | cut -f1)
log "made $REPOS bare repositories in ${gen_s} s, $((served_bytes / 1000000)) MB"

# ---------------------------------------------------------------------------------------------------- server
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_server() {
  local attempt
  for attempt in 1 2 3 4 5; do
    PORT=$(free_port)
    cat > "$WORK/lighttpd.conf" <<EOF
server.bind = "127.0.0.1"
server.port = $PORT
server.document-root = "$WORK/served"
server.errorlog = "$WORK/lighttpd-error.log"
server.max-connections = 256
server.modules = ("mod_setenv", "mod_cgi", "mod_alias", "mod_accesslog")
accesslog.filename = "$WORK/access.log"
alias.url += ("/git" => "$BACKEND")
\$HTTP["url"] =~ "^/git" {
  cgi.assign = ("" => "")
  setenv.add-environment = ("GIT_PROJECT_ROOT" => "$WORK/served", "GIT_HTTP_EXPORT_ALL" => "1")
}
EOF
    "$LIGHTTPD" -D -f "$WORK/lighttpd.conf" > "$WORK/lighttpd.out" 2>&1 &
    SERVER_PID=$!
    local k
    for k in $(seq 100); do
      if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
      if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
      sleep 0.05
    done
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
    log "lighttpd did not start on port $PORT (attempt $attempt): $(tail -2 "$WORK/lighttpd.out" "$WORK/lighttpd-error.log" 2>/dev/null | tr '\n' ' ')"
  done
  die "could not start lighttpd"
}
start_server
URL="http://127.0.0.1:$PORT/git"
git ls-remote "$URL/repo-0000.git" > "$WORK/ls-remote.out" 2>&1 || { cat "$WORK/ls-remote.out" >&2; die "the server does not answer ls-remote"; }
log "lighttpd $SERVER_PID serves $URL/repo-NNNN.git"

# The same repositories as a GitHub organisation: GET /orgs/bench/repos answered as GitHub does (pages of 100,
# Link headers, pushed_at), for the discovery cases.
python3 "$HERE/api-server.py" --served "$WORK/served" --git-url "$URL" --port-file "$WORK/api.port" \
  > "$WORK/api-server.out" 2>&1 &
API_PID=$!
for k in $(seq 600); do
  [ -s "$WORK/api.port" ] && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api-server.out" >&2; die "api-server.py exited"; }
  sleep 0.1
done
[ -s "$WORK/api.port" ] || die "api-server.py did not start"
API="http://127.0.0.1:$(cat "$WORK/api.port")"
log "api-server.py $API_PID lists them as the GitHub organisation bench at $API"

# CPU seconds used so far by the server: lighttpd itself plus the git-http-backend / git upload-pack processes
# it has reaped (cutime, cstime of /proc/PID/stat).
TCK=$(getconf CLK_TCK)
server_cpu() { awk -v t="$TCK" '{sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13 + $14 + $15) / t}' "/proc/$SERVER_PID/stat"; }

names() { for ((k = 0; k < REPOS; k++)); do printf 'repo-%04d\n' "$k"; done; }
for p in proj-filter proj-nofilter; do
  mkdir -p "$WORK/$p"
  { echo "repositories:"; names | sed "s|^|  - $URL/|; s|\$|.git|"; echo "cache: cache"; } > "$WORK/$p/paved.yaml"
done
names | sed "s|^|$URL/|; s|\$|.git|" > "$WORK/urls.txt"
mkdir -p "$WORK/proj-org"
printf 'repositories:\n  - github: {organization: bench, apiBaseUrl: "%s", token: ""}\ncache: cache\n' "$API" > "$WORK/proj-org/paved.yaml"

# ---------------------------------------------------------------------------------------------------- cases
secs() { awk -F': ' '/Elapsed/{n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; printf "%.2f\n", s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/{printf "%.0f\n", $2/1024}' "$1"; }
cpu() { awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f\n", s}' "$1"; }

# timed CASE RUN DIR_MEASURED NOTE_FUNCTION -- COMMAND...: runs the command under /usr/bin/time -v and timeout,
# appends a row to results.tsv
timed() {
  local case=$1 run=$2 dir=$3 notef=$4; shift 5
  local base=$WORK/log/$case.$run s0 s1 rc=0
  mkdir -p "$WORK/log"
  s0=$(server_cpu)
  ( cd "$WORK" && CI=1 /usr/bin/time -v -o "$base.time" timeout "$TIMEOUT_S" "$@" > "$base.out" 2> "$base.err" ) || rc=$?
  s1=$(server_cpu)
  local app=0 alloc=0
  if [ -d "$dir" ]; then app=$(du -sb "$dir" | cut -f1); alloc=$(du -s -B1 "$dir" | cut -f1); fi
  local note; note=$($notef "$base" "$rc")
  [ "$rc" = 0 ] || { note="exit $rc${note:+; $note}"; [ "$rc" = 124 ] && note="TIMEOUT after ${TIMEOUT_S} s; $note"; log "$case run $run: exit $rc (see $base.*)"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$run" "$(secs "$base.time")" "$(rss "$base.time")" \
    "$(cpu "$base.time")" "$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.2f", b-a}')" "$app" "$alloc" "$note" >> "$T"
  log "$case run $run: $(tail -1 "$T" | cut -f3) s, $(tail -1 "$T" | cut -f4) MiB, $((app / 1000)) kB; $note"
}
# Paved's statuses, counted from its output (`name status commit` lines) and its summary line
paved_note() {
  local out=$1.out
  awk '/^[^ ]/ && $2 ~ /^(fetched|unchanged|stale|failed|empty)$/ {c[$2]++; if ($2 == "fetched") f = f " " $1}
       END {for (s in c) printf "%s=%d ", s, c[s]; if (c["fetched"] > 0 && c["fetched"] <= 3) printf "(fetched:%s) ", f}' "$out"
  grep -E '^[0-9]+ repositories, [0-9]+ failed' "$out" | sed 's/, cache .*//' || true
}
# git clones: how many folders hold a shallow clone with the catalog file checked out
git_note() {
  local dir=$WORK/clones ok
  ok=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -exec test -f '{}/.git/shallow' -a -f '{}/catalog-info.yaml' ';' -print 2>/dev/null | wc -l)
  echo "clones=$ok of $REPOS"
  [ "$ok" = "$REPOS" ] || echo " ($(grep -c FAILED "$1.err" 2>/dev/null || true) FAILED)"
}

# Requests the git server has answered so far (lighttpd writes its access log within a second or so)
git_requests() { grep -c ' /git/' "$WORK/access.log" 2>/dev/null || true; }
org_unchanged_requests=-

paved() { "$JAVA" $JAVA_OPTS -jar "$JAR" crawl "$@"; }  # shellcheck disable=SC2086
export -f paved; export JAVA JAVA_OPTS JAR

# A new commit on the server for one repository: docs/index.md gains a line (plumbing on the bare repository).
change_repo() {
  local name=$1 n=$2 bare=$WORK/served/$1.git blob tree commit
  local idx=$WORK/change.index
  rm -f "$idx"
  GIT_DIR=$bare GIT_INDEX_FILE=$idx git read-tree HEAD
  blob=$( { git --git-dir "$bare" cat-file blob HEAD:docs/index.md; printf '\nChanged by the crawl benchmark, change %s.\n' "$n"; } \
    | git --git-dir "$bare" hash-object -w --stdin)
  GIT_DIR=$bare GIT_INDEX_FILE=$idx git update-index --cacheinfo "100644,$blob,docs/index.md"
  tree=$(GIT_DIR=$bare GIT_INDEX_FILE=$idx git write-tree)
  commit=$(GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=Bench \
    GIT_COMMITTER_EMAIL=bench@example.invalid GIT_AUTHOR_DATE="${CHANGE_DATE:-1700900000} +0000" \
    GIT_COMMITTER_DATE="${CHANGE_DATE:-1700900000} +0000" \
    git --git-dir "$bare" commit-tree "$tree" -p HEAD -m "Benchmark change $n")
  git --git-dir "$bare" update-ref refs/heads/main "$commit"
  rm -f "$idx"
}

git_serial='while read -r u; do n=${u##*/}; git clone --depth 1 --quiet "$u" "clones/${n%.git}" || echo "FAILED $u" >&2; done < urls.txt'
git_parallel='xargs -P '"$PARALLEL"' -n 1 sh -c '"'"'n=${0##*/}; git clone --depth 1 --quiet "$0" "clones/${n%.git}" || echo "FAILED $0" >&2'"'"' < urls.txt'

log "warm-up (untimed): JVM and jar"
"$JAVA" $JAVA_OPTS -jar "$JAR" --version > /dev/null

# ---------------------------------------------------------------------------------------------------- history
# HISTORY_DAYS: the history crawl (window of HISTORY_DAYS days, GitOps files' history, tags) against the depth-1
# crawl of the same repositories, both through HistoryCrawl.java (the CLI has no history option), then exit.
if [ "$HISTORY_DAYS" -gt 0 ]; then
  JAVAC=${JAVAC:-javac}
  command -v "$JAVAC" >/dev/null || die "javac is needed for the history cases (JAVAC=$JAVAC)"
  "$JAVAC" -cp "$JAR" -d "$WORK/classes" "$HERE/HistoryCrawl.java"
  crawl_history() { "$JAVA" $JAVA_OPTS -cp "$JAR:$WORK/classes" HistoryCrawl urls.txt "$1" "$2" "$THREADS"; }
  export -f crawl_history; export WORK THREADS
  CHANGE_DATE=$END
  for i in $(seq 1 "$RUNS"); do
    log "history round $i of $RUNS"
    rm -rf "$WORK/cache-depth1" "$WORK/cache-history"
    timed depth1-first "$i" "$WORK/cache-depth1" paved_note -- bash -c "crawl_history cache-depth1 0"
    timed history-first "$i" "$WORK/cache-history" paved_note -- bash -c "crawl_history cache-history $HISTORY_DAYS"
    timed history-unchanged "$i" "$WORK/cache-history" paved_note -- bash -c "crawl_history cache-history $HISTORY_DAYS"
    changed=$(printf 'repo-%04d' $(( (i * 37) % REPOS )))
    change_repo "$changed" "$i"; change_repo "$changed" "$i.b"
    log "two new commits on $changed"
    timed depth1-one-changed "$i" "$WORK/cache-depth1" paved_note -- bash -c "crawl_history cache-depth1 0"
    timed history-one-changed "$i" "$WORK/cache-history" paved_note -- bash -c "crawl_history cache-history $HISTORY_DAYS"
  done
  med() { awk -F'\t' -v c="$1" -v f="$2" '$1==c{print $f}' "$T" | sort -g | awk '{a[NR]=$1} END{if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf "%.2f", a/b; else print "-"}'; }
  b0=$WORK/cache-history/repos/$(ls "$WORK/cache-history/repos" | grep '^git_repo-0000-.*\.git$' | head -1)
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
  echo "Versions: $(git --version); $("$LIGHTTPD" -v 2>&1 | head -1); $("$JAVA" -version 2>&1 | head -1)"
  echo "Corpus: $REPOS repositories, $COMMITS commits each over $HISTORY_DAYS days (2 before the window), tags every 10th," \
    "${SRC_BYTES} bytes of random src/ at HEAD; served: $(( served_bytes / 1000000 )) MB (made in ${gen_s} s)"
  echo "Rounds: $RUNS; HistoryCrawl --threads $THREADS (blob filter on, needs Pipeline.READS, history needs GitOps.NEEDS)"
  echo
  printf '%-40s %8s %9s %9s %9s %10s %10s  %s\n' case wall_s rss_MiB cpu_s srv_cpu_s MB_apparent MB_disk "last run's statuses"
  for c in depth1-first history-first history-unchanged depth1-one-changed history-one-changed; do
    printf '%-40s %8s %9s %9s %9s %10s %10s  %s\n' "$c" "$(med $c 3)" "$(med $c 4)" "$(med $c 5)" "$(med $c 6)" \
      "$(awk -v b="$(med $c 7)" 'BEGIN{printf "%.1f", b/1000000}')" "$(awk -v b="$(med $c 8)" 'BEGIN{printf "%.1f", b/1000000}')" \
      "$(awk -F'\t' -v c="$c" '$1==c{n=$9} END{print n}' "$T")"
  done
  echo
  echo "History / depth 1, first crawl (medians): wall $(ratio "$(med history-first 3)" "$(med depth1-first 3)")," \
    "client CPU $(ratio "$(med history-first 5)" "$(med depth1-first 5)"), server CPU $(ratio "$(med history-first 6)" "$(med depth1-first 6)")," \
    "bytes $(ratio "$(med history-first 7)" "$(med depth1-first 7)")"
  echo "One repository changed: history $(med history-one-changed 3) s, depth 1 $(med depth1-one-changed 3) s"
  if [ -d "$b0" ]; then
    echo "repo-0000 in the history cache (C git reading it): $(git --git-dir "$b0" rev-list --count refs/paved/head) commits" \
      "from refs/paved/head, $(wc -l < "$b0/shallow") shallow, $(git --git-dir "$b0" tag | wc -l) tags;" \
      "served: $(git --git-dir "$WORK/served/repo-0000.git" rev-list --count --since="@$(( $(date +%s) - HISTORY_DAYS * 86400 ))" main) commits in the window"
  fi
  echo
  echo "All rows (case run wall_s rss_MiB cpu_s server_cpu_s bytes_apparent bytes_allocated note):"
  cat "$T"
  exit 0
fi

for i in $(seq 1 "$RUNS"); do
  log "round $i of $RUNS"
  rm -rf "$WORK/proj-filter/cache"
  timed paved-first "$i" "$WORK/proj-filter/cache" paved_note -- bash -c "paved -C proj-filter --threads $THREADS"
  timed paved-unchanged "$i" "$WORK/proj-filter/cache" paved_note -- bash -c "paved -C proj-filter --threads $THREADS"
  rm -rf "$WORK/proj-org/cache"
  timed org-first "$i" "$WORK/proj-org/cache" paved_note -- bash -c "paved -C proj-org --threads $THREADS"
  sleep 2; a0=$(git_requests)
  timed org-unchanged "$i" "$WORK/proj-org/cache" paved_note -- bash -c "paved -C proj-org --threads $THREADS"
  sleep 2; org_unchanged_requests=$(( $(git_requests) - a0 ))
  log "org-unchanged run $i: the git server heard $org_unchanged_requests requests"
  changed=$(printf 'repo-%04d' $(( (i * 37) % REPOS )))
  change_repo "$changed" "$i"
  log "new commit on $changed"
  timed paved-one-changed "$i" "$WORK/proj-filter/cache" paved_note -- bash -c "paved -C proj-filter --threads $THREADS"
  timed org-one-changed "$i" "$WORK/proj-org/cache" paved_note -- bash -c "paved -C proj-org --threads $THREADS"
  rm -rf "$WORK/clones"; mkdir "$WORK/clones"
  timed git-serial "$i" "$WORK/clones" git_note -- bash -c "$git_serial"
  rm -rf "$WORK/proj-nofilter/cache"
  timed paved-no-filter "$i" "$WORK/proj-nofilter/cache" paved_note -- bash -c "paved -C proj-nofilter --threads $THREADS --no-blob-filter"
  rm -rf "$WORK/clones"; mkdir "$WORK/clones"
  timed git-parallel "$i" "$WORK/clones" git_note -- bash -c "$git_parallel"
done
rm -rf "$WORK/clones" "$WORK/proj-nofilter/cache"

# ---------------------------------------------------------------------------------------------------- report
med() { awk -F'\t' -v c="$1" -v f="$2" '$1==c{print $f}' "$T" | sort -g | awk '{a[NR]=$1} END{if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
all() { awk -F'\t' -v c="$1" -v f="$2" '$1==c{printf "%s%s", s, $f; s=", "}' "$T"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf "%.2f", a/b; else print "-"}'; }
mb() { awk -v b="$1" 'BEGIN{printf "%.1f", b/1000000}'; }

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
echo "Versions: $(git --version); $("$LIGHTTPD" -v 2>&1 | head -1); $("$JAVA" -version 2>&1 | head -1)"
echo "Jar: $JAR ($(stat -c %y "$JAR" | cut -d. -f1))"
echo "Corpus: $REPOS repositories, $COMMITS commits each, ${SRC_BYTES} bytes of random src/ at HEAD; served: $(mb "$served_bytes") MB (made in ${gen_s} s)"
echo "Rounds: $RUNS (cases interleaved in the order below); Paved --threads $THREADS; git parallel: xargs -P $PARALLEL"
echo
printf '%-36s %8s %9s %9s %9s %10s %10s  %s\n' case wall_s rss_MiB cpu_s srv_cpu_s MB_apparent MB_disk "runs (wall s) | last run's statuses"
for c in paved-first paved-no-filter git-serial git-parallel paved-unchanged paved-one-changed org-first org-unchanged org-one-changed; do
  case $c in
    paved-first) label="paved crawl, empty cache (blob:none)";;
    paved-no-filter) label="paved crawl --no-blob-filter, empty";;
    git-serial) label="git clone --depth 1, serial loop";;
    git-parallel) label="git clone --depth 1, xargs -P $PARALLEL";;
    paved-unchanged) label="paved crawl again, nothing changed";;
    paved-one-changed) label="paved crawl again, 1 repo changed";;
    org-first) label="org: paved crawl, empty cache";;
    org-unchanged) label="org: again, nothing changed";;
    org-one-changed) label="org: again, 1 repo changed";;
  esac
  printf '%-36s %8s %9s %9s %9s %10s %10s  %s | %s\n' "$label" "$(med $c 3)" "$(med $c 4)" "$(med $c 5)" "$(med $c 6)" \
    "$(mb "$(med $c 7)")" "$(mb "$(med $c 8)")" "$(all $c 3)" \
    "$(awk -F'\t' -v c="$c" '$1==c{n=$9} END{print n}' "$T")"
done
pf=$(med paved-first 3); pn=$(med paved-no-filter 3); gs=$(med git-serial 3); gp=$(med git-parallel 3)
pu=$(med paved-unchanged 3); p1=$(med paved-one-changed 3)
bf=$(med paved-first 7); bn=$(med paved-no-filter 7); bg=$(med git-serial 7)
echo
echo "Ratios (medians): Paved (blob:none) / git serial: time $(ratio "$pf" "$gs"), bytes $(ratio "$bf" "$bg");" \
  "/ git -P$PARALLEL: time $(ratio "$pf" "$gp"), bytes $(ratio "$bf" "$(med git-parallel 7)")"
echo "                  Paved --no-blob-filter / git serial: time $(ratio "$pn" "$gs"), bytes $(ratio "$bn" "$bg");" \
  "/ git -P$PARALLEL: time $(ratio "$pn" "$gp")"
echo "                  blob:none / --no-blob-filter: time $(ratio "$pf" "$pn"), bytes $(ratio "$bf" "$bn")"
u=$(ratio "$pu" "$pf")
echo "Second crawl, nothing changed: $pu s = $(awk -v r="$u" 'BEGIN{printf "%.1f", r*100}') % of the first crawl;" \
  "goal under 5 %: $(awk -v r="$u" 'BEGIN{print (r < 0.05) ? "met" : "NOT met"}')"
echo "One repository changed: $p1 s = $(awk -v r="$(ratio "$p1" "$pf")" 'BEGIN{printf "%.1f", r*100}') % of the first crawl"
of=$(med org-first 3); ou=$(med org-unchanged 3); o1=$(med org-one-changed 3)
uo=$(ratio "$ou" "$of")
echo "Organisation (discovery, pushed_at trusted): recrawl, nothing changed: $ou s = $(awk -v r="$uo" 'BEGIN{printf "%.1f", r*100}') %" \
  "of its first crawl ($of s); goal under 5 %: $(awk -v r="$uo" 'BEGIN{print (r < 0.05) ? "met" : "NOT met"}');" \
  "one repository changed: $o1 s = $(awk -v r="$(ratio "$o1" "$of")" 'BEGIN{printf "%.1f", r*100}') %"
echo "Git server requests during the last organisation recrawl with nothing changed: $org_unchanged_requests"
echo
echo "All rows (case run wall_s rss_MiB cpu_s server_cpu_s bytes_apparent bytes_allocated note):"
cat "$T"
