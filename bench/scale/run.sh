#!/usr/bin/env bash
# Scale benchmark: a cold `paved build` of 20,000 catalog entities with 100,000 docs pages, wall time and peak
# RSS, beside Hugo on the same Markdown in the same run. See README.md beside this file.
#
#   bench/scale/run.sh [ENTITIES [PAGES]]     # default: 20000 100000
#   RUNS=1 bench/scale/run.sh 2000 10000      # a quick run, the same shape at a tenth of the size
#   INCREMENTAL=1 RUNS=0 TOOLS=paved bench/scale/run.sh   # only cold, warm and one-repository-changed builds
#
# PAGES is the number of docs pages Paved writes: every entity has `backstage.io/techdocs-ref: dir:.`, and Paved
# builds a doc set per entity, so the entities of one catalog file each get their own copy of the folder's docs.
# Each folder has round(PAGES / ENTITIES) Markdown pages (at least 1); the script says so when that changes PAGES.
#
# Environment (all optional):
#   PAVED_JAR    the CLI jar (default generator/cli/target/paved.jar; build it first, this script never builds)
#   JAVA         the java to run it with (default: java on PATH)
#   JAVA_OPTS    extra JVM flags for the Paved runs, for experiments (default: none, as a user runs it)
#   RUNS         timed runs per tool, interleaved (Paved, Hugo, Paved, ...); the median is reported (default 3);
#                0 (with INCREMENTAL=1 only) leaves these cold runs out
#   SHARE        entities per catalog file, hence per docs folder (default 10: 2,000 folders of 10 entities);
#                ENTITIES must be a multiple of it. SHARE=1 gives every entity a folder of its own, so that
#                the Markdown is PAGES distinct files rather than PAGES / SHARE
#   TOOLS        which tools to run (default "paved hugo")
#   TIMEOUT_S    the longest one timed build may take before it is killed (default 3600)
#   SHARED_DIR   the shared folder with bench/gen-corpus.py and bench/gen-catalog.py (default ../shared)
#   KEEP         1: keep the work folder (corpus, outputs, /usr/bin/time reports, every tool's output)
#   INCREMENTAL  1: then time Paved's build cache (issue 16), each build once, after the cold runs above:
#                  cold      an empty cache (target/paved-cache in the corpus)
#                  warm      the same cache, nothing changed
#                  one-repo  one repository changed: a docs page of one folder edited and the description of one
#                            entity of its catalog-info.yaml changed
#                and report wall seconds, peak RSS, the doc sets rendered (cache entries written) and the Stages:
#                line Paved prints, each against cold
#   VERIFY       1 (with INCREMENTAL=1): also a --no-cache build of the edited corpus, and check by SHA-256 of
#                every file that warm writes what cold wrote and one-repo what --no-cache writes
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN_CORPUS="$SHARED/bench/gen-corpus.py"
GEN_CATALOG="$SHARED/bench/gen-catalog.py"
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
RUNS=${RUNS:-3}
SHARE=${SHARE:-10}
TOOLS=${TOOLS:-paved hugo}
TIMEOUT_S=${TIMEOUT_S:-3600}
INCREMENTAL=${INCREMENTAL:-0}
VERIFY=${VERIFY:-0}
ENTITIES=${1:-20000}
PAGES=${2:-100000}

die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "run.sh: $(date +%T) $*" >&2; }
has() { case " $TOOLS " in *" $1 "*) return 0;; *) return 1;; esac; }

for v in ENTITIES PAGES SHARE RUNS; do
  [ "$v" = RUNS ] && [ "$INCREMENTAL" = 1 ] && [ "$RUNS" = 0 ] && continue
  [ "${!v}" -ge 1 ] 2>/dev/null || die "$v must be a positive number, not '${!v}'"
done
case "$INCREMENTAL$VERIFY" in 00|10|11) ;; *) die "INCREMENTAL must be 0 or 1, and VERIFY 1 only with INCREMENTAL=1";; esac
[ "$INCREMENTAL" = 0 ] || has paved || die "INCREMENTAL=1 times Paved: TOOLS must include paved"
[ $((ENTITIES % SHARE)) = 0 ] || die "ENTITIES ($ENTITIES) must be a multiple of SHARE ($SHARE)"
[ -f "$GEN_CORPUS" ] || die "$GEN_CORPUS not found: this benchmark needs the shared folder beside the project (../shared), or SHARED_DIR"
[ -f "$GEN_CATALOG" ] || die "$GEN_CATALOG not found (SHARED_DIR)"
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
if has paved; then
  [ -f "$JAR" ] || die "$JAR not found: build the CLI first (./paved --version builds it), or set PAVED_JAR"
  command -v "$JAVA" >/dev/null || die "java not found (JAVA=$JAVA)"
fi
command -v python3 >/dev/null || die "python3 is needed (gen-corpus.py, gen-catalog.py)"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
has hugo && ! command -v hugo >/dev/null && missing+=(hugo)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "${missing[@]}" >/dev/null 2>&1; } \
      || die "could not install ${missing[*]} (apt-get install -y ${missing[*]}; or TOOLS=paved)"
  else
    die "missing: ${missing[*]} (apt-get install -y ${missing[*]}; or TOOLS=paved)"
  fi
fi

FOLDERS=$((ENTITIES / SHARE))
PER_FOLDER=$(( (PAGES + ENTITIES / 2) / ENTITIES )); [ "$PER_FOLDER" -ge 1 ] || PER_FOLDER=1
WRITTEN=$((ENTITIES * PER_FOLDER))        # docs pages each tool is expected to write
DISTINCT=$((FOLDERS * PER_FOLDER))        # Markdown files on disk
[ "$WRITTEN" = "$PAGES" ] || log "PAGES $PAGES is not a multiple of ENTITIES $ENTITIES: building $WRITTEN docs pages ($PER_FOLDER per entity)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/paved-bench-scale.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then log "work folder $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
C=$WORK/corpus
T=$WORK/results.tsv   # tool run wall_s rss_MiB docs_pages html_pages exit
: > "$T"
CACHE=$C/target/paved-cache   # Paved's build cache: no paved.yaml in the corpus, so the default one

# The corpus: gen-corpus.py makes FOLDERS repos of PER_FOLDER pages each (mkdocs.yml, docs/*.md); their
# catalog-info.yaml (one Component) is replaced by one file of gen-catalog.py (SHARE entities of six kinds, all
# with techdocs-ref dir:.), and gen-corpus's org entities are dropped, so that the catalog is exactly ENTITIES.
# The Hugo site's content is rebuilt as one section per entity, hard links to its folder's Markdown, so that Hugo
# renders the same pages Paved renders, from the same bytes.
log "generating $ENTITIES entities in $FOLDERS folders of $SHARE, $PER_FOLDER docs pages per folder ($DISTINCT Markdown files, $WRITTEN docs pages to write)"
python3 "$GEN_CORPUS" --pages "$DISTINCT" --per-repo "$PER_FOLDER" --out "$C" > "$WORK/gen-corpus.out" 2>&1 \
  || { cat "$WORK/gen-corpus.out" >&2; die "gen-corpus.py failed"; }
python3 "$GEN_CATALOG" --files "$FOLDERS" --per-file "$SHARE" --out "$WORK/catalog" > "$WORK/gen-catalog.out" 2>&1 \
  || { cat "$WORK/gen-catalog.out" >&2; die "gen-catalog.py failed"; }
python3 - "$C" "$WORK/catalog" "$FOLDERS" "$PER_FOLDER" "$SHARE" > "$WORK/layout.json" <<'EOF' || die "laying out the corpus failed"
import json, os, re, shutil, sys
c, cat, folders, per_folder, share = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
repos = os.path.join(c, "repos")
shutil.rmtree(os.path.join(repos, "org"))
content = os.path.join(c, "hugo", "content")
shutil.rmtree(content)
names_seen, md = set(), 0
for f in range(folders):
    repo = os.path.join(repos, f"repo-{f:04d}")
    docs = os.path.join(repo, "docs")
    pages = sorted(os.listdir(docs))
    assert len(pages) == per_folder, (repo, len(pages))
    md += len(pages)
    src = os.path.join(cat, f"{f:04d}.yaml")
    with open(src) as y:
        names = re.findall(r"^  name: (\S+)$", y.read(), re.M)
    assert len(names) == share and not names_seen & set(names), (src, names)
    names_seen.update(names)
    os.replace(src, os.path.join(repo, "catalog-info.yaml"))
    for name in names:
        dst = os.path.join(content, name, "docs")
        os.makedirs(dst)
        for p in pages:
            os.link(os.path.join(docs, p), os.path.join(dst, "_index.md" if p == "index.md" else p))
assert len(os.listdir(repos)) == folders
print(json.dumps({"entities": len(names_seen), "folders": folders, "markdown_files": md,
                  "docs_pages": len(names_seen) * per_folder}))
EOF
log "layout: $(cat "$WORK/layout.json")"
find "$C/repos" -name '*.md' -exec cat {} + > /dev/null   # the same warm page cache for every tool

secs() { awk -F': ' '/Elapsed/{n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/{printf "%.0f\n", $2/1024}' "$1"; }

# One cold build: a new JVM, a fresh output folder (Paved refuses folders it did not write), an empty build cache
# (the previous run's would make every run after the first a warm one), nothing cached but the operating system's
# page cache. From inside the corpus, so that no paved.yaml, catalog/ or content/ of the project applies; every
# repo folder is a SOURCE.
paved_run() {
  local i=$1 out=$C/paved-out rc=0
  rm -rf "$out" "$CACHE"
  # shellcheck disable=SC2086
  (cd "$C" && /usr/bin/time -v -o "$WORK/paved.$i.time" timeout "$TIMEOUT_S" "$JAVA" $JAVA_OPTS -jar "$JAR" \
      build repos/* -o "$out" > "$WORK/paved.$i.out" 2> "$WORK/paved.$i.err") || rc=$?
  [ "$rc" = 0 ] || log "paved exited $rc in run $i$( [ "$rc" = 124 ] && echo " (killed after TIMEOUT_S=$TIMEOUT_S s)") (see $WORK/paved.$i.*; KEEP=1 keeps them)"
  printf 'paved\t%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$(secs "$WORK/paved.$i.time")" "$(rss "$WORK/paved.$i.time")" \
    "$(find "$out/docs" -name index.html 2>/dev/null | wc -l)" "$(find "$out" -name '*.html' 2>/dev/null | wc -l)" "$rc" >> "$T"
  [ "${KEEP:-0}" = 1 ] && [ "$i" = "$RUNS" ] || rm -rf "$out"
}
# Hugo as bench-anchors.sh runs it (`hugo --quiet -d public` in the generated site, public/ and resources/ removed
# first); its docs pages are the index.html files under public/<entity>/docs/.
hugo_run() {
  local i=$1 h=$C/hugo rc=0
  rm -rf "$h/public" "$h/resources"
  (cd "$h" && /usr/bin/time -v -o "$WORK/hugo.$i.time" timeout "$TIMEOUT_S" hugo --quiet -d public \
      > "$WORK/hugo.$i.out" 2>&1) || rc=$?
  [ "$rc" = 0 ] || log "hugo exited $rc in run $i (see $WORK/hugo.$i.*)"
  printf 'hugo\t%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$(secs "$WORK/hugo.$i.time")" "$(rss "$WORK/hugo.$i.time")" \
    "$(find "$h/public" -path '*/docs/*' -name index.html 2>/dev/null | wc -l)" \
    "$(find "$h/public" -name '*.html' 2>/dev/null | wc -l)" "$rc" >> "$T"
  [ "${KEEP:-0}" = 1 ] && [ "$i" = "$RUNS" ] || rm -rf "$h/public" "$h/resources"
}

for i in $(seq 1 "$RUNS"); do
  if has paved; then log "run $i of $RUNS: paved"; paved_run "$i"; fi
  if has hugo; then log "run $i of $RUNS: hugo"; hugo_run "$i"; fi
done

# INCREMENTAL=1: three builds as paved_run's, each with a fresh output folder too, but one build cache, emptied
# before the first only. A doc set found in the cache is not written to it again, so the entries a build wrote
# (newer than a file touched just before it) are the doc sets it rendered. VERIFY=1 lists every output file's
# SHA-256 before the output is removed.
I=$WORK/incremental.tsv   # build wall_s rss_MiB docs_pages doc_sets_rendered exit stages summary
inc_run() { # NAME [PAVED BUILD ARGS...]
  local name=$1 out=$WORK/out-$1 rc=0 rendered=- pages stages said; shift
  rm -rf "$out"
  touch "$WORK/inc-$name.start"
  # shellcheck disable=SC2086
  (cd "$C" && /usr/bin/time -v -o "$WORK/inc-$name.time" timeout "$TIMEOUT_S" "$JAVA" $JAVA_OPTS -jar "$JAR" \
      build repos/* -o "$out" "$@" > "$WORK/inc-$name.out" 2> "$WORK/inc-$name.err") || rc=$?
  [ "$rc" = 0 ] || log "paved exited $rc in the $name build (see $WORK/inc-$name.*; KEEP=1 keeps them)"
  case " $* " in
    *" --no-cache "*) ;;
    *) rendered=$( (find "$CACHE/docs" -name '*.json' -newer "$WORK/inc-$name.start" 2>/dev/null || true) | wc -l) ;;
  esac
  pages=$( (find "$out/docs" -name index.html 2>/dev/null || true) | wc -l)
  stages=$(sed -n 's/^Stages: //p' "$WORK/inc-$name.err" | head -1)
  said=$(sed -n 's/^\(Built .*\) -> .*$/\1/p' "$WORK/inc-$name.out" | tail -1)
  if [ "$VERIFY" = 1 ] && [ -d "$out" ]; then
    (cd "$out" && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2) > "$WORK/inc-$name.sha256"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(secs "$WORK/inc-$name.time")" "$(rss "$WORK/inc-$name.time")" \
    "$pages" "$rendered" "$rc" "$stages" "$said" >> "$I"
  log "$name: $(secs "$WORK/inc-$name.time") s, $(rss "$WORK/inc-$name.time") MiB, $rendered doc sets rendered"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$out"
}
if [ "$INCREMENTAL" = 1 ]; then
  : > "$I"
  rm -rf "$CACHE"
  log "incremental: cold (empty cache)"; inc_run cold
  log "incremental: warm (nothing changed)"; inc_run warm
  # One repository changed, as a merged pull request changes it: the last docs page of the middle folder gets one
  # more paragraph, and the first entity of its catalog-info.yaml a longer description (on the same line, so
  # that the entity's position, which its doc set's cache key holds, does not move).
  CHANGED=$(python3 - "$C/repos" "$((FOLDERS / 2))" <<'EOF'
import os, re, sys
repo = os.path.join(sys.argv[1], f"repo-{int(sys.argv[2]):04d}")
page = os.path.join(repo, "docs", sorted(os.listdir(os.path.join(repo, "docs")))[-1])
with open(page, "a") as f:
    f.write("\nOne more paragraph, edited for the benchmark.\n")
info = os.path.join(repo, "catalog-info.yaml")
text = open(info).read()
m = re.search(r"^  name: (\S+)\n  description: .*$", text, re.M)
assert m, info
text = text[:m.end()] + ", changed for the benchmark" + text[m.end():]
open(info, "w").write(text)
print(f"{os.path.relpath(page, os.path.dirname(sys.argv[1]))} edited, the description of {m.group(1)} in "
      f"{os.path.relpath(info, os.path.dirname(sys.argv[1]))} changed")
EOF
  ) || die "changing one repository failed"
  log "incremental: one repository changed: $CHANGED"; inc_run one-repo
  if [ "$VERIFY" = 1 ]; then log "incremental: --no-cache, to check against"; inc_run no-cache --no-cache; fi
fi

if has paved; then
  last=$WORK/paved.$RUNS
  [ "$RUNS" -gt 0 ] || last=$WORK/inc-cold
  summary=$(grep -hE '^Built ' "$last.out" "$last.err" | tail -1 || true)
  codes=$(cat "$last.out" "$last.err" | grep -oE '(warning|error) PAVED-[A-Z0-9]+' | sort | uniq -c \
    | awk '{printf "%s%s %s x%s", s, $2, $3, $1; s=", "}' || true)
fi

{
  echo
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  has paved && echo "java: $("$JAVA" -version 2>&1 | head -2 | tail -1)${JAVA_OPTS:+ with $JAVA_OPTS}; jar: $JAR"
  has hugo && echo "hugo: $(hugo version | cut -d' ' -f1-2)"
  echo "corpus: $ENTITIES entities in $FOLDERS catalog files/folders of $SHARE; $PER_FOLDER Markdown pages per folder," \
    "$DISTINCT Markdown files; each entity gets its folder's pages: $WRITTEN docs pages expected"
  has paved && echo "paved said: ${summary:-nothing}"
  has paved && echo "paved diagnostics by code (last run): ${codes:-none}"
}
[ "$RUNS" = 0 ] || python3 - "$T" "$RUNS" "$WRITTEN" <<'EOF'
import statistics, sys
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
runs, expected = int(sys.argv[2]), int(sys.argv[3])
names = {'paved': 'paved build', 'hugo': 'hugo'}
print(f"cold builds, JVM start included; median of {runs} interleaved run(s) under /usr/bin/time -v;")
print("pages = docs pages the tool wrote (counted in its output); html = every HTML file it wrote")
print(f"{'tool':<12} {'pages':>7} {'html':>7} {'wall_s':>8} {'pages/s':>8} {'peak_rss_MiB':>13}  runs (wall s / MiB)")
res = {}
for tool in ('paved', 'hugo'):
    rs = [r for r in rows if r[0] == tool]
    if not rs: continue
    spread = ' '.join(f"{float(r[2]):.2f}" for r in rs) + ' / ' + ' '.join(r[3] for r in rs)
    failed = [r[1] for r in rs if r[6] != '0']
    note = f"  (run {', '.join(failed)} exited non-zero: not in the median)" if failed else ""
    ok = [r for r in rs if r[6] == '0']
    if not ok:
        print(f"{names[tool]:<12} {'-':>7} {'-':>7} {'-':>8} {'-':>8} {'-':>13}  {spread}{note}")
        continue
    w = statistics.median(float(r[2]) for r in ok); m = statistics.median(float(r[3]) for r in ok)
    pages, html = int(ok[-1][4]), int(ok[-1][5])
    res[tool] = (pages, w, pages / w if w else 0, m)
    print(f"{names[tool]:<12} {pages:>7} {html:>7} {w:>8.2f} {res[tool][2]:>8.0f} {m:>13.0f}  {spread}{note}")
    if pages != expected:
        print(f"  {names[tool]}: wrote {pages} docs pages, not the {expected} expected")
if 'paved' in res and 'hugo' in res:
    p, h = res['paved'], res['hugo']
    print(f"ratio Paved/Hugo: {p[2] / h[2]:.2f}x pages per second, {p[3] / h[3]:.2f}x peak RSS")
elif len([t for t in ('paved', 'hugo') if any(r[0] == t for r in rows)]) == 2:
    print("ratio Paved/Hugo: none (a tool had no successful run)")
EOF

[ "$INCREMENTAL" = 1 ] || exit 0
# files in listing $1 that are not in $2 with the same SHA-256, and the other way round
differ() { awk '{p = substr($0, 67)} NR == FNR {a[p] = $1; next} !(p in a) || a[p] != $1 {n++} {delete a[p]}
                END {for (p in a) n++; print n + 0}' "$1" "$2"; }
echo
echo "incremental builds (INCREMENTAL=1): each once, in this order, JVM start included, under /usr/bin/time -v; a"
echo "fresh output folder each, one build cache ($CACHE) emptied before cold only."
echo "one-repo: $CHANGED."
echo "doc sets rendered = build cache entries the build wrote ($FOLDERS doc sets in all: one per folder, shared by its"
echo "entities); docs pages = index.html files under its docs/ ($WRITTEN expected)"
echo
echo "| Build | Wall s | vs cold | Peak RSS MiB | vs cold | Doc sets rendered | Docs pages | Stages |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
awk -F'\t' '$1 == "cold" {w = $2; m = $3} {r[NR] = $0}
  END {for (i = 1; i <= NR; i++) {split(r[i], f, "\t"); name = f[1] (f[6] != "0" ? " (exit " f[6] ")" : "")
    printf "| %s | %.1f | %s | %s | %s | %s | %s | %s |\n", name, f[2], (w > 0 ? sprintf("%.0f %%", 100 * f[2] / w) : "-"),
      f[3], (m > 0 ? sprintf("%.0f %%", 100 * f[3] / m) : "-"), f[5], f[4], f[7]}}' "$I"
echo
awk -F'\t' '{printf "%s said: %s\n", $1, $8 == "" ? "nothing" : $8}' "$I"
awk -F'\t' -v e="$ENTITIES" -v p="$WRITTEN" '$1 == "one-repo" {
  printf "one-repo: %.1f s, %s MiB peak RSS; issue 16 asks under 60 s at 20,000 entities and 100,000 docs pages", $2, $3
  if (e == 20000 && p == 100000) printf ": %s", ($2 < 60 && $6 == "0") ? "met" : "NOT met"
  else printf " (this run: %d entities, %d docs pages)", e, p
  print ""}' "$I"
if [ "$VERIFY" = 1 ]; then
  for pair in "warm cold" "one-repo no-cache"; do
    set -- $pair
    a=$WORK/inc-$1.sha256 b=$WORK/inc-$2.sha256
    if [ ! -s "$a" ] || [ ! -s "$b" ]; then
      echo "verify: $1 against $2: an output is missing"
    elif cmp -s "$a" "$b"; then
      echo "verify: $1 wrote what $2 wrote: the same $(wc -l < "$a") files, the same SHA-256"
    else
      echo "verify: $1 DIFFERS from $2: $(differ "$a" "$b") of $(wc -l < "$a") / $(wc -l < "$b") files (KEEP=1 keeps both outputs)"
    fi
  done
  if [ -s "$WORK/inc-one-repo.sha256" ] && [ -s "$WORK/inc-cold.sha256" ]; then
    echo "verify: one-repo's output differs from cold's in" \
      "$(differ "$WORK/inc-one-repo.sha256" "$WORK/inc-cold.sha256") files (what the change touched)"
  fi
fi
