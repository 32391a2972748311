#!/usr/bin/env bash
# Catalog validation benchmark: `paved validate` against Backstage's own validation code in Node, same files,
# same machine, same run. See README.md beside this file.
#
#   bench/validate/run.sh
#
# Environment (all optional):
#   PAVED_JAR   the CLI jar (default generator/cli/target/paved.jar; build it first, this script never builds)
#   JAVA        the java to run it with (default: java on PATH)
#   JAVA_OPTS   extra JVM flags for the Paved runs, for experiments (default: none, as a user runs it)
#   RUNS        timed runs per tool, the median is reported (default 5); one untimed warm-up run comes first
#   FILES, PER_FILE  catalog size for gen-catalog.py (default 1000 files x 10 entities)
#   NPM_DIR     where the Backstage packages are installed (default ~/.cache/paved-bench-npm)
#   SHARED_DIR  the shared folder with bench/gen-catalog.py (default ../shared from the project root)
#   KEEP        set to 1 to keep the work folder (catalog, outputs, /usr/bin/time reports)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN="$SHARED/bench/gen-catalog.py"
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
RUNS=${RUNS:-5}
FILES=${FILES:-1000}
PER_FILE=${PER_FILE:-10}
NPM_DIR=${NPM_DIR:-$HOME/.cache/paved-bench-npm}
# Exactly the versions that made ../shared/corpus/catalog/VERDICTS.tsv.
NPM_PACKAGES=(yaml@2.9.1 @backstage/catalog-model@1.10.1 @backstage/plugin-scaffolder-common@2.3.0)

die() { echo "run.sh: $*" >&2; exit 2; }

[ -f "$GEN" ] || die "$GEN not found: this benchmark needs the shared folder beside the project (../shared), or SHARED_DIR"
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
[ -f "$JAR" ] || die "$JAR not found: build the CLI first (./paved --version builds it), or set PAVED_JAR"
command -v python3 >/dev/null || die "python3 is needed (gen-catalog.py)"
command -v node >/dev/null || die "node (20 or later) is needed for Backstage's validation code"
command -v npm >/dev/null || die "npm is needed to install Backstage's packages"
command -v "$JAVA" >/dev/null || die "java not found (JAVA=$JAVA)"
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing Debian's time package for /usr/bin/time" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; } \
      || die "could not install /usr/bin/time (apt-get install -y time)"
  else
    die "/usr/bin/time is missing: apt-get install -y time"
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/paved-bench-validate.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "run.sh: work folder $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

# (a) the catalog
python3 "$GEN" --files "$FILES" --per-file "$PER_FILE" --out "$WORK/catalog"

# (b) Backstage's packages, pinned, in a cache folder
mkdir -p "$NPM_DIR"
installed_ok() {
  (cd "$NPM_DIR" && node -e '
    const want = {"yaml":"2.9.1","@backstage/catalog-model":"1.10.1","@backstage/plugin-scaffolder-common":"2.3.0"};
    for (const [n, v] of Object.entries(want)) {
      if (require(require.resolve(n + "/package.json", {paths: [process.cwd()]})).version !== v) process.exit(1);
    }' 2>/dev/null)
}
if ! installed_ok; then
  [ -f "$NPM_DIR/package.json" ] || echo '{"name":"paved-bench-npm","private":true}' > "$NPM_DIR/package.json"
  echo "run.sh: installing ${NPM_PACKAGES[*]} into $NPM_DIR" >&2
  (cd "$NPM_DIR" && npm install --no-audit --no-fund --save-exact "${NPM_PACKAGES[@]}" >&2)
  installed_ok || die "the Backstage packages in $NPM_DIR are not the pinned versions"
fi

# (c) the timed runs. Both tools get the same relative file names from inside the catalog folder, so that no
# paved.yaml of the project applies and the argument list stays short. (gen-catalog.py writes no
# catalog-info.yaml root, so the files are passed one by one, as a pull-request check does.)
cd "$WORK/catalog"
mapfile -t CATALOG_FILES < <(ls | grep -E '\.ya?ml$' | sort)
# shellcheck disable=SC2206
PAVED_CMD=("$JAVA" $JAVA_OPTS -jar "$JAR" validate)
NODE_CMD=(node "$HERE/backstage-validate.mjs")
export BACKSTAGE_NPM_DIR="$NPM_DIR"

run_one() { # tool run-index
  local tool=$1 i=$2 cmd
  if [ "$tool" = paved ]; then cmd=("${PAVED_CMD[@]}"); else cmd=("${NODE_CMD[@]}"); fi
  /usr/bin/time -v -o "$WORK/$tool.time.$i" "${cmd[@]}" "${CATALOG_FILES[@]}" \
    > "$WORK/$tool.out.$i" 2> "$WORK/$tool.err.$i" || true
}
echo "run.sh: ${#CATALOG_FILES[@]} files; warm-up, then $RUNS timed runs of each tool, interleaved" >&2
run_one paved 0
run_one backstage 0
for i in $(seq 1 "$RUNS"); do
  run_one paved "$i"
  run_one backstage "$i"
done

# (d) the table
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | head -2 | tail -1)${JAVA_OPTS:+ with $JAVA_OPTS}"
  echo "node: $(node --version); yaml 2.9.1, @backstage/catalog-model 1.10.1, @backstage/plugin-scaffolder-common 2.3.0"
  echo "jar: $JAR"
}
python3 - "$WORK" "$RUNS" <<'EOF'
import os, re, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
cat = os.path.join(work, 'catalog')

def documents(path):
    """Non-empty YAML documents of a file, as (first line, last line) 1-based."""
    lines = open(path, encoding='utf-8').read().split('\n')
    docs, start = [], 1
    for n, line in enumerate(lines, 1):
        if line.rstrip() == '---' or line.startswith('--- '):
            docs.append((start, n - 1)); start = n + 1
    docs.append((start, len(lines)))
    return [d for d in docs if any(lines[i - 1].strip() and not lines[i - 1].lstrip().startswith('#')
                                   for i in range(d[0], d[1] + 1))]

files = sorted(f for f in os.listdir(cat) if re.search(r'\.ya?ml$', f))
docs = {f: documents(os.path.join(cat, f)) for f in files}
total = sum(len(d) for d in docs.values())

def timing(tool, i):
    t = open(os.path.join(work, f'{tool}.time.{i}')).read()
    wall = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)', t).group(1)
    secs = 0.0
    for part in wall.split(':'):
        secs = secs * 60 + float(part)
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1)) / 1024
    status = int(re.search(r'Exit status: (\d+)', t).group(1))
    return secs, rss, status

def paved_accepted(i):
    """Entities without an error: documents minus those an error points into (warnings do not reject)."""
    err = ''.join(open(os.path.join(work, f'paved.{s}.{i}'), encoding='utf-8', errors='replace').read()
                  for s in ('err', 'out'))
    bad = set()
    for m in re.finditer(r'^(.+?):(\d+):\d+: error ', err, re.M):
        f, line = os.path.basename(m.group(1)), int(m.group(2))
        for k, (a, b) in enumerate(docs.get(f, [])):
            if a <= line <= b:
                bad.add((f, k)); break
        else:
            bad.update((f, k) for k in range(len(docs.get(f, [])) or 1))
    summary = re.search(r'^(\d+) files checked: (\d+) errors?, (\d+) warnings?', err, re.M)
    return total - len(bad), (summary.group(0) if summary else 'no summary line')

def backstage_accepted(i):
    out = open(os.path.join(work, f'backstage.out.{i}')).read()
    m = re.search(r'documents=(\d+) accepted=(\d+) rejected=(\d+)', out)
    return (int(m.group(2)), out.strip().splitlines()[-1]) if m else (0, 'no summary line')

rows = {}
for tool in ('paved', 'backstage'):
    t = [timing(tool, i) for i in range(1, runs + 1)]
    acc, note = (paved_accepted if tool == 'paved' else backstage_accepted)(runs)
    statuses = sorted({s for _, _, s in t})
    rows[tool] = dict(wall=statistics.median(x[0] for x in t), rss=statistics.median(x[1] for x in t),
                      walls=[x[0] for x in t], rsses=[x[1] for x in t], status=statuses, accepted=acc, note=note)

print()
print(f"catalog: {len(files)} files, {total} entities; median of {runs} runs under /usr/bin/time -v")
print(f"{'tool':<10} {'files':>6} {'entities':>9} {'accepted':>9} {'exit':>5} {'wall_s':>8} {'peak_rss_MiB':>13}")
for tool, r in rows.items():
    print(f"{tool:<10} {len(files):>6} {total:>9} {r['accepted']:>9} {','.join(map(str, r['status'])):>5} "
          f"{r['wall']:>8.2f} {r['rss']:>13.0f}")
p, b = rows['paved'], rows['backstage']
print(f"ratio paved/backstage: wall {p['wall'] / b['wall']:.2f}x, peak RSS {p['rss'] / b['rss']:.2f}x")
print(f"goal (whole command, JVM start included: < 1 s and < 200 MiB): "
      f"{'met' if p['wall'] < 1 and p['rss'] < 200 else 'NOT met'} "
      f"(wall {p['wall']:.2f} s, peak RSS {p['rss']:.0f} MiB)")
for tool, r in rows.items():
    print(f"  {tool} runs: wall {' '.join(f'{w:.2f}' for w in r['walls'])} s; "
          f"RSS {' '.join(f'{x:.0f}' for x in r['rsses'])} MiB; {r['note']}")
agree = p['accepted'] == b['accepted'] == total and p['status'] == [0] and b['status'] == [0]
print('verdicts: both accept every entity' if agree else 'verdicts: DISAGREE or not all accepted (see above)')
sys.exit(0 if agree else 1)
EOF
