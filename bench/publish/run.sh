#!/usr/bin/env bash
# Publishing benchmark: `paved publish` of the generated 10,000-page site to an S3-compatible server on loopback
# (S3Proxy standalone, filesystem store), then one docs page changed, the site rebuilt and published again; against
# `aws s3 sync --delete` (Debian's awscli) doing the same two steps, same server, machine and run.
# See README.md beside this file.
#
#   bench/publish/run.sh [PAGES]          # default 10000
#
# Environment (all optional):
#   PAVED_JAR    the CLI jar (default generator/cli/target/paved.jar; this script never builds it)
#   JAVA         the java to run Paved and S3Proxy with (default: java on PATH; Java 17 or newer)
#   JAVA_OPTS    extra JVM flags for the Paved runs (default: none, as `java -jar` runs it)
#   PAGES        docs pages of the generated organisation (default 10000; the argument wins)
#   RUNS         rounds; each starts from empty buckets and runs every case, in alternating order; medians are
#                reported (default 3)
#   AWS          the AWS CLI (default /usr/bin/aws, Debian's awscli; an older `aws` may come first on PATH)
#   SIZE_ONLY    1 (default): also the peer `aws s3 sync --size-only`, in a bucket of its own; 0: not
#   MAX_DELETES  Paved's --max-deletes in the timed publishes (default: not given, so Paved's own default cap
#                applies, as in a CI publish with defaults; -1: no cap, as `aws s3 sync --delete`); the default cap
#                is also tried untimed (--dry-run) before every republish and its answer reported
#   S3PROXY_JAR  the S3Proxy standalone jar (default ~/.cache/paved-bench-publish/s3proxy-4.1.0-jar-with-
#                dependencies.jar, fetched with the project's mvnw `dependency:copy` when missing)
#   S3PROXY_OPTS JVM flags for S3Proxy (default -Xmx512m)
#   TIMEOUT_S    the longest one timed command may take before it is killed (default 1800)
#   SHARED_DIR   the shared folder with bench/gen-corpus.py (default ../shared)
#   KEEP         1: keep the work folder (corpus, sites, buckets, listings, every command's output)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN="$SHARED/bench/gen-corpus.py"
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
PAGES=${1:-${PAGES:-10000}}
RUNS=${RUNS:-3}
AWS=${AWS:-/usr/bin/aws}
SIZE_ONLY=${SIZE_ONLY:-1}
MAX_DELETES=${MAX_DELETES:-}   # empty: Paved's default
S3PROXY_VERSION=4.1.0
S3PROXY_JAR=${S3PROXY_JAR:-${XDG_CACHE_HOME:-$HOME/.cache}/paved-bench-publish/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar}
S3PROXY_OPTS=${S3PROXY_OPTS:--Xmx512m}
TIMEOUT_S=${TIMEOUT_S:-1800}
PREFIX=portal                     # key prefix in every bucket
IDENTITY=AKIDPAVEDBENCH; CREDENTIAL=paved-bench-secret-not-a-secret

die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "run.sh: $(date +%T) $*" >&2; }

[ -f "$GEN" ] || die "$GEN not found: this benchmark needs the shared folder beside the project (../shared), or SHARED_DIR"
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
[ -f "$JAR" ] || die "$JAR not found: build the CLI first (./paved --version builds it), or set PAVED_JAR"
command -v "$JAVA" >/dev/null || die "java not found (JAVA=$JAVA)"
command -v python3 >/dev/null || die "python3 is needed (gen-corpus.py, bucket-diff.py)"
[ "$PAGES" -ge 20 ] 2>/dev/null || die "PAGES must be a number of at least 20, not '$PAGES'"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
[ -x "$AWS" ] || { [ "$AWS" = /usr/bin/aws ] && missing+=(awscli) || die "AWS=$AWS is not executable"; }
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; } \
      || die "could not install ${missing[*]} (apt-get install -y ${missing[*]})"
  else
    die "missing: ${missing[*]} (apt-get install -y ${missing[*]})"
  fi
fi
if [ ! -f "$S3PROXY_JAR" ]; then
  dir=$(dirname "$S3PROXY_JAR"); mkdir -p "$dir"
  log "fetching org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies into $dir"
  # From the jar's folder, not the project: dependency:copy needs no pom and builds nothing.
  (cd "$dir" && "$ROOT/mvnw" -q dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$dir") || die "could not fetch S3Proxy; set S3PROXY_JAR to a standalone s3proxy jar"
  [ -f "$S3PROXY_JAR" ] || die "$S3PROXY_JAR not found after the fetch; set S3PROXY_JAR"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/paved-bench-publish.XXXXXX")
SERVER_PID=; SAMPLER_PID=
cleanup() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
log "work folder $WORK"
mkdir -p "$WORK/log" "$WORK/list" "$WORK/md5" "$WORK/aws" "$WORK/blobs"

T=$WORK/results.tsv   # case run wall_s cpu_s rss_MiB srv_cpu_s rc tool_said written= written_bytes= deleted= objects= groups= search_same= outside_search= check=
: > "$T"
# (not this script, nor its own S3Proxy, which is still running when the end is sampled)
busy() { ps -eo pid,pcpu,etime,args --sort=-pcpu | awk -v me=$$ -v srv="${SERVER_PID:-0}" 'NR>1 && $2>=5 && $1!=me && $1!=srv {c=$4; for(k=5;k<=NF&&k<=9;k++) c=c" "$k; printf "%s(pid %s, %s%% CPU since start, up %s); ", substr(c,1,90), $1, $2, $3}'; }
BUSY_START=$(busy); LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg); START_S=$(date +%s)
# Every 10 s: processes that are not this benchmark's and used over 20 % of a core since the last sample.
sampler() {
  local prev=$WORK/sample.prev cur=$WORK/sample.cur
  ps -eo pid=,times=,args= > "$prev"
  while sleep 10; do
    ps -eo pid=,times=,args= > "$cur"
    awk -v now="$(date +%T)" -v work="$WORK" -v jar="$JAR" -v aws="$AWS" -v here="$HERE" -v me=$$ '
      NR == FNR {t[$1] = $2; next}
      ($1 in t) && ($2 - t[$1]) >= 2 && $1 != me && index($0, work) == 0 && index($0, jar) == 0 && index($0, aws) == 0 \
        && index($0, here) == 0 && $3 !~ /^(ps|awk|md5sum|xargs|find|sort|sleep)$/ {c = $3; for (k = 4; k <= NF && length(c) < 70; k++) c = c " " $k;
        printf "%s\tpid %s\t%s\t%d%%\n", now, $1, substr(c, 1, 70), ($2 - t[$1]) * 10}' "$prev" "$cur" >> "$WORK/others.log"
    mv "$cur" "$prev"
  done
}
: > "$WORK/others.log"
sampler & SAMPLER_PID=$!

# ---------------------------------------------------------------------------------------------------- site
C=$WORK/corpus
log "generating the $PAGES-page organisation"
python3 "$GEN" --pages "$PAGES" --out "$C" > "$WORK/corpus.manifest" 2>&1 || { cat "$WORK/corpus.manifest" >&2; die "gen-corpus.py failed"; }
REPOS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["repos"])' "$C/manifest.json")
SITE=$WORK/site
# From inside the corpus so that no paved.yaml of the project applies; every repo folder is a SOURCE.
build() {  # build LOGNAME: (re)builds $SITE, prints the wall seconds
  local t0 t1
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$C" && "$JAVA" $JAVA_OPTS -jar "$JAR" build repos/* -o "$SITE" > "$WORK/log/$1.out" 2> "$WORK/log/$1.err") \
    || { tail -5 "$WORK/log/$1.err" >&2; die "paved build failed ($1)"; }
  t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}'
}
md5s() { (cd "$SITE" && find . -type f ! -path ./.paved-site -print0 | sort -z | xargs -0 md5sum) > "$1"; }
log "building the site (not timed as a case)"
BUILD0_S=$(build build-v0)
SITE_FILES=$(find "$SITE" -type f | wc -l)
SITE_BYTES=$(find "$SITE" -type f ! -path "$SITE/.paved-site" -printf '%s\n' | awk '{s+=$1} END{print s+0}')
md5s "$WORK/md5/v0"
PUB_FILES=$(wc -l < "$WORK/md5/v0")
cp -a "$SITE" "$WORK/site-v0"
log "site: $SITE_FILES files ($PUB_FILES to publish without the .paved-site marker, $SITE_BYTES bytes), built in $BUILD0_S s; $(grep -h '^Built' "$WORK/log/build-v0.out" "$WORK/log/build-v0.err" | tail -1)"

# ---------------------------------------------------------------------------------------------------- server
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_server() {
  local attempt k
  for attempt in 1 2 3 4 5; do
    PORT=$(free_port)
    cat > "$WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/blobs
EOF
    # shellcheck disable=SC2086
    "$JAVA" $S3PROXY_OPTS -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
    SERVER_PID=$!
    for k in $(seq 200); do
      if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
      if grep -q "Started .*127.0.0.1:$PORT" "$WORK/s3proxy.log" 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
      sleep 0.1
    done
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
    log "S3Proxy did not start on port $PORT (attempt $attempt): $(tail -3 "$WORK/s3proxy.log" | tr '\n' ' ')"
  done
  die "could not start S3Proxy"
}
start_server
EP=http://127.0.0.1:$PORT
log "S3Proxy $SERVER_PID serves $EP (filesystem store in $WORK/blobs)"
TCK=$(getconf CLK_TCK)
server_cpu() { awk -v t="$TCK" '{sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13 + $14 + $15) / t}' "/proc/$SERVER_PID/stat"; }

# Both tools get the same credentials from the environment; the AWS CLI gets a throwaway config (path-style).
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE
export AWS_CONFIG_FILE=$WORK/aws/config AWS_SHARED_CREDENTIALS_FILE=$WORK/aws/credentials
export AWS_ACCESS_KEY_ID=$IDENTITY AWS_SECRET_ACCESS_KEY=$CREDENTIAL AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
"$AWS" configure set default.s3.addressing_style path
s3() { "$AWS" --endpoint-url "$EP" "$@"; }
s3 s3 ls > /dev/null || die "the AWS CLI cannot talk to S3Proxy at $EP"

# ---------------------------------------------------------------------------------------------------- cases
secs() { awk -F': ' '/Elapsed/{n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; printf "%.2f\n", s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/{printf "%.0f\n", $2/1024}' "$1"; }
cpu() { awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f\n", s}' "$1"; }
list_bucket() {  # list_bucket BUCKET OUT
  s3 s3api list-objects-v2 --bucket "$1" --prefix "$PREFIX/" --output text \
    --query 'Contents[].[Key,ETag,Size,LastModified]' > "$2" || die "could not list bucket $1"
}
bucket() { case $1 in paved) echo "paved-r$2";; aws) echo "aws-r$2";; awssize) echo "awssize-r$2";; esac; }

# timed TOOL STEP RUN MD5 [PREV_MD5]: one publish under /usr/bin/time -v and timeout, the bucket listed before
# (the listing of the previous step) and after; appends a row to results.tsv
timed() {
  local tool=$1 step=$2 run=$3 md5=$4 prev=${5:-} b base rc=0 s0 s1 said
  b=$(bucket "$tool" "$run"); base=$WORK/log/$tool-$step.$run
  local cmd
  # shellcheck disable=SC2206
  case $tool in
    paved) cmd=("$JAVA" $JAVA_OPTS -jar "$JAR" publish --site "$SITE" --to "s3://$b/$PREFIX" --endpoint "$EP" --path-style
                --region us-east-1)
           if [ -n "$MAX_DELETES" ]; then cmd+=(--max-deletes "$MAX_DELETES"); fi;;
    aws) cmd=("$AWS" --endpoint-url "$EP" s3 sync "$SITE" "s3://$b/$PREFIX" --delete --exclude .paved-site --no-progress);;
    awssize) cmd=("$AWS" --endpoint-url "$EP" s3 sync "$SITE" "s3://$b/$PREFIX" --delete --exclude .paved-site --no-progress
                  --size-only);;
  esac
  printf '%s\n' "${cmd[*]}" > "$base.cmd"
  s0=$(server_cpu)
  /usr/bin/time -v -o "$base.time" timeout "$TIMEOUT_S" "${cmd[@]}" > "$base.out" 2> "$base.err" || rc=$?
  s1=$(server_cpu)
  list_bucket "$b" "$WORK/list/$b.$step"
  if [ "$tool" = paved ]; then
    said=$(grep -hE '^Published: ' "$base.out" "$base.err" | tail -1 | sed 's/^Published: //')
  else
    said="$(grep -c '^upload: ' "$base.out" || true) uploaded, $(grep -c '^delete: ' "$base.out" || true) deleted"
  fi
  local diff
  diff=$(python3 "$HERE/bucket-diff.py" "$WORK/list/$b.latest" "$WORK/list/$b.$step" "$PREFIX" "$md5" $prev)
  cp "$WORK/list/$b.$step" "$WORK/list/$b.latest"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool-$step" "$run" "$(secs "$base.time")" "$(cpu "$base.time")" \
    "$(rss "$base.time")" "$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.2f", b-a}')" "$rc" "$said" "$diff" >> "$T"
  [ "$rc" = 0 ] || log "$tool-$step run $run: exit $rc (see $base.*)"
  log "$tool-$step run $run: $(tail -1 "$T" | cut -f3) s; $said; $(tail -1 "$T" | cut -f9- | tr '\t' ' ')"
}

# top_hit SITE WORD REPO: whether `paved search` on SITE puts the changed page of REPO first for WORD
top_hit() {
  local out first
  out=$("$JAVA" -jar "$JAR" search --site "$1" "$2" 2>&1) || true
  first=$(grep -m1 -oE 'docs/default/component/[^ #]+' <<< "$out" || true)
  case $first in
    "docs/default/component/$3/"*) echo "changed page first";;
    "") echo "search FAILS: $(grep -m1 -E 'Exception|rror' <<< "$out" | sed 's/^[[:space:]]*//' | cut -c1-140)";;
    *) echo "first hit is another page ($first)";;
  esac
}

log "warm-up (untimed): JVM, jar, AWS CLI"
"$JAVA" $JAVA_OPTS -jar "$JAR" --version > /dev/null
"$AWS" --version > /dev/null

TOOLS=(paved aws); [ "$SIZE_ONLY" = 1 ] && TOOLS+=(awssize)
for i in $(seq 1 "$RUNS"); do
  log "round $i of $RUNS"
  rm -rf "$SITE"; cp -a "$WORK/site-v0" "$SITE"   # the first build, as published first
  order=("${TOOLS[@]}")
  if [ $((i % 2)) = 0 ]; then order=(); for ((k = ${#TOOLS[@]} - 1; k >= 0; k--)); do order+=("${TOOLS[$k]}"); done; fi
  for t in "${order[@]}"; do
    b=$(bucket "$t" "$i"); s3 s3 mb "s3://$b" > /dev/null; : > "$WORK/list/$b.latest"
  done
  for t in "${order[@]}"; do timed "$t" first "$i" "$WORK/md5/v0"; done

  # One docs page of one doc set gains a sentence with a word found nowhere else; the site is rebuilt (every file
  # is rewritten, as a build does); the page is put back in the corpus afterwards for the next round.
  repo=$(printf 'repo-%04d' $(( (i * 37) % REPOS )))
  page=$C/repos/$repo/docs/page-007.md; [ -f "$page" ] || page=$C/repos/$repo/docs/index.md
  word="zyxpublishbench$i"
  cp "$page" "$WORK/page.orig"
  printf '\nThe publishing benchmark added the word %s to this page.\n' "$word" >> "$page"
  rebuild_s=$(build "build-v1.$i")
  cp "$WORK/page.orig" "$page"
  md5s "$WORK/md5/v1.$i"
  changed_local=$(diff <(awk '{print $2, $1}' "$WORK/md5/v0") <(awk '{print $2, $1}' "$WORK/md5/v1.$i") | grep -c '^>' || true)
  found=$(top_hit "$SITE" "$word" "$repo")
  log "changed ${page#"$C/"} (word $word); rebuilt in $rebuild_s s; $changed_local files differ from the first build; local search finds the page: $found"
  # What Paved would do with its default deletion cap (untimed, changes nothing)
  rc=0
  "$JAVA" -jar "$JAR" publish --dry-run --site "$SITE" --to "s3://$(bucket paved "$i")/$PREFIX" --endpoint "$EP" --path-style \
    --region us-east-1 > "$WORK/log/paved-dryrun.$i.out" 2> "$WORK/log/paved-dryrun.$i.err" || rc=$?
  printf 'paved-dryrun-default-cap\t%s\t0\t0\t0\t0\t%s\t%s\t%s\n' "$i" "$rc" \
    "$(head -1 "$WORK/log/paved-dryrun.$i.out" | sed 's/^[^ ]* //')" \
    "$(cat "$WORK/log/paved-dryrun.$i.err" | tail -1)" >> "$T"
  printf 'change\t%s\t%s\t0\t0\t0\t0\t%s\tchanged_local_files=%s\tsearch_finds_page=%s\n' "$i" "$rebuild_s" "${page#"$C/repos/"}" \
    "$changed_local" "$found" >> "$T"

  for t in "${order[@]}"; do timed "$t" republish "$i" "$WORK/md5/v1.$i" "$WORK/md5/v0"; done
  # Does the published copy (S3Proxy's filesystem store mirrors the keys) still search, and find the new word?
  for t in "${order[@]}"; do
    printf 'published-search\t%s\t0\t0\t0\t0\t0\t%s bucket: %s\n' "$i" "$t" \
      "$(top_hit "$WORK/blobs/$(bucket "$t" "$i")/$PREFIX" "$word" "$repo")" >> "$T"
  done
  # The next round starts from empty buckets; this round's are dropped from the store directly (16,000 DELETEs
  # through the API would take minutes and measure nothing).
  if [ "${KEEP:-0}" != 1 ]; then for t in "${order[@]}"; do rm -rf "${WORK:?}/blobs/$(bucket "$t" "$i")"; done; fi
done
BUSY_END=$(busy); LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------- report
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r); $(date -u +%F)"
echo "Versions: $("$JAVA" -version 2>&1 | head -1); Paved $("$JAVA" -jar "$JAR" --version 2>&1 | head -1); $("$AWS" --version 2>&1);" \
  "S3Proxy $S3PROXY_VERSION ($(basename "$S3PROXY_JAR"), filesystem store, $S3PROXY_OPTS)"
echo "Jar: $JAR ($(stat -c %y "$JAR" | cut -d. -f1))"
echo "Site: $PAGES generated docs pages in $REPOS doc sets; $SITE_FILES files, $PUB_FILES published (.paved-site marker left out by" \
  "Paved, excluded from aws s3 sync with --exclude), $SITE_BYTES bytes; first build $BUILD0_S s (not timed as a case)"
echo "Load average at start: $LOAD_START; at end: $LOAD_END"
echo "Other processes over 5 % CPU at start: ${BUSY_START:-none}"
echo "Other processes over 5 % CPU at end: ${BUSY_END:-none}"
SAMPLES=$(awk -F'\t' '{t[$1]} END{print length(t)}' "$WORK/others.log")
echo "Other processes seen busy (over 20 % of a core in a 10 s sample, $(( $(date +%s) - START_S )) s run):" \
  "$(awk -F'\t' '{c = $3; n[c]++; s[c] += $4; if (!((c, $2) in seen)) {seen[c, $2]; np[c]++}; if (!(c in f)) f[c] = $1; l[c] = $1}
  END {for (c in n) printf "%s… (%d processes) in %d samples %s–%s, avg %d%% of a core; ", c, np[c], n[c], f[c], l[c], s[c] / n[c]}' \
  "$WORK/others.log")(10 s samples with any: ${SAMPLES:-0})"
echo "Rounds: $RUNS, each from empty buckets; order ${TOOLS[*]} in odd rounds, reversed in even ones; Paved --max-deletes ${MAX_DELETES:-not given (its default)}"
echo
python3 - "$T" "$PUB_FILES" <<'EOF'
import statistics, sys
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
pub = int(sys.argv[2])
def kv(r):
    d = {}
    for f in r[8:]:
        if '=' in f:
            k, v = f.split('=', 1); d[k] = v
    return d
label = {'paved': 'paved publish', 'aws': 'aws s3 sync --delete', 'awssize': 'aws s3 sync --delete --size-only'}
cases = [(t, s) for s in ('first', 'republish') for t in ('paved', 'aws', 'awssize')]
med = {}
print(f"{'step':<10} {'tool':<33} {'written':>8} {'MB written':>10} {'deleted':>8} {'objects':>8} {'wall_s':>7} {'cpu_s':>6} {'srv_cpu_s':>9} {'MiB':>5}  runs (wall s) | tool said | bucket check")
for t, s in cases:
    rs = [r for r in rows if r[0] == f'{t}-{s}']
    if not rs: continue
    d = [kv(r) for r in rs]
    m = lambda k: statistics.median(float(x[k]) for x in d)
    w = statistics.median(float(r[2]) for r in rs)
    med[(t, s)] = (w, m('written'), m('written_bytes'))
    checks = sorted(set(x['check'] for x in d))
    rcs = sorted(set(r[6] for r in rs))
    print(f"{s:<10} {label[t]:<33} {m('written'):>8.0f} {m('written_bytes')/1e6:>10.1f} {m('deleted'):>8.0f} {m('objects'):>8.0f} {w:>7.2f} "
          f"{statistics.median(float(r[3]) for r in rs):>6.1f} {statistics.median(float(r[5]) for r in rs):>9.1f} "
          f"{statistics.median(float(r[4]) for r in rs):>5.0f}  {' '.join(r[2] for r in rs)} | {rs[-1][7]} | "
          f"{', '.join(checks)}{'' if rcs == ['0'] else ' | exit ' + ','.join(rcs)}")
print()
def ratio(a, b): return f"{a/b:.2f}" if b else '-'
for s in ('first', 'republish'):
    if ('paved', s) not in med: continue
    for peer in ('aws', 'awssize'):
        if (peer, s) in med:
            p, q = med[('paved', s)], med[(peer, s)]
            print(f"{s}: Paved / {label[peer]}: time {ratio(p[0], q[0])}, objects written {ratio(p[1], q[1])}, bytes written {ratio(p[2], q[2])}")
print()
print("Republish, written objects by top folder (each round):")
for r in rows:
    if r[0].endswith('-republish'):
        d = kv(r)
        print(f"  round {r[1]} {label[r[0].split('-')[0]]:<33} {d['written']:>6} = {d['groups']}; outside search/: {d['outside_search']}"
              f"{'; search files byte-identical to the previous build’s version of the same index file: ' + d['search_same'] if d['search_same'] != '-' and d['groups'].find('search=') >= 0 else ''}"
              f"; files whose bytes changed (the least to write): {d.get('needed', '-')}, of them under search/: {d.get('needed_search', '-')}")
for r in rows:
    if r[0] == 'change':
        print(f"  round {r[1]}: changed {r[7]}, rebuilt in {r[2]} s; {r[8].replace('changed_local_files=', '')} site files differ from the first build; "
              f"local search: {r[9].split('=')[1]}")
    if r[0] == 'paved-dryrun-default-cap':
        print(f"  round {r[1]}: paved publish with the default --max-deletes (dry run): exit {r[6]}; {r[7]}{' | ' + r[8] if len(r) > 8 and r[8] else ''}")
    if r[0] == 'published-search':
        print(f"  round {r[1]}: search of the published copy, {label[r[7].split()[0]]} {r[7].split(' ', 1)[1]}")
print()
pr = [(r[1], kv(r)) for r in rows if r[0] == 'paved-republish']
if pr:
    verdicts = []
    for run, d in pr:   # every round must meet it
        outside = d['outside_search'].split() if d['outside_search'] != '-' else []
        only_page = all(k.endswith('/index.html') and k.startswith('docs/') or k.endswith('techdocs_metadata.json') for k in outside) \
            and sum(k.endswith('/index.html') for k in outside) == 1
        same, total = (d['search_same'].split('/') + ['0'])[:2] if d['search_same'] != '-' else ('0', '0')
        written_search = sum(int(g.split('=')[1]) for g in d['groups'].split() if g.startswith('search='))
        needed_search = int(d['needed_search']) if d.get('needed_search', '-') != '-' else None
        shards_only = int(same) == 0 and (needed_search is None or written_search == needed_search)
        verdicts.append(only_page and shards_only and d['check'] == 'ok')
        print(f"Round {run}: Paved republish {'writes only the changed page and the changed search files' if verdicts[-1] else 'does NOT write only what changed'}"
              f" (outside search/: {' '.join(outside) or 'nothing'}; written: {d['groups']}; {written_search} search files written where "
              f"{needed_search} changed; {same} of the {total} search files written have the same bytes as the previous build's version "
              f"of the same index file; bucket check {d['check']})")
    print(f"Goal 'the republish writes only the changed page and the search shards it touched': {'met' if all(verdicts) else 'NOT met'}"
          f" ({sum(verdicts)} of {len(verdicts)} rounds)")
    paved_rcs = sorted(set(r[6] for r in rows if r[0] == 'paved-republish'))
    if paved_rcs != ['0']:
        print(f"Paved republish exit codes: {', '.join(paved_rcs)} (not 0: the publish failed, e.g. deletions refused by --max-deletes)")
    faster = ('aws', 'republish') in med and med[('paved', 'republish')][0] < med[('aws', 'republish')][0]
    faster_so = ('awssize', 'republish') in med and med[('paved', 'republish')][0] < med[('awssize', 'republish')][0]
    print(f"Goal 'and is faster than aws s3 sync': {'met' if faster else 'NOT met'} against aws s3 sync --delete"
          + (f"; {'met' if faster_so else 'NOT met'} against --size-only" if ('awssize', 'republish') in med else ''))
    counts = sorted(set((r[0], kv(r)['objects']) for r in rows if r[0].endswith('-first') or r[0].endswith('-republish')))
    print(f"Objects in each bucket after each step: {', '.join(f'{c}={n}' for c, n in counts)}; site files to publish: {pub}")
EOF
echo
echo "All rows (case run wall_s cpu_s rss_MiB srv_cpu_s rc tool_said bucket-diff fields):"
cat "$T"
