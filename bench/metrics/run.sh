#!/usr/bin/env bash
# Metrics benchmark: the metrics stage of `paved build` against the rest of the same build, for an organisation of
# REPOS application repositories and one GitOps repository with DAYS days of dated history (make-org.py beside
# this file). The history crawl's own cost against the depth-1 crawl is measured by bench/crawl (HISTORY_DAYS).
# See README.md beside this file.
#
#   bench/metrics/run.sh [REPOS] [DAYS]      # default 500 180
#
# Environment (all optional):
#   PAVED_JAR   the CLI jar (default generator/cli/target/paved.jar; this script never builds it)
#   JAVA        the java to run it with (default: java on PATH)
#   RUNS        builds per case; medians are reported (default 3)
#   COMMITS     application commits per repository over the DAYS (default 30)
#   KEEP        1: keep the work folder
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
JAVA=${JAVA:-java}
RUNS=${RUNS:-3}
COMMITS=${COMMITS:-30}
REPOS=${1:-500}
DAYS=${2:-180}

die() { echo "run.sh: $*" >&2; exit 2; }
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
[ -f "$JAR" ] || die "$JAR not found: build the CLI first (./paved --version builds it), or set PAVED_JAR"
command -v git >/dev/null || die "git is needed"
command -v python3 >/dev/null || die "python3 is needed"

WORK=$(mktemp -d /tmp/paved-metrics-bench.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
python3 "$HERE/make-org.py" "$WORK/org" "$REPOS" "$DAYS" "$COMMITS"
{
  echo "title: Metrics benchmark"
  echo "sources:"
  for d in "$WORK"/org/*/; do echo "  - $(basename "$d")"; done
} > "$WORK/org/paved.base.yaml"

# One build: prints "metrics_s total_s" from the build's Stages line.
build() {
  local history=$1
  cp "$WORK/org/paved.base.yaml" "$WORK/org/paved.yaml"
  echo "metrics: {history: ${history}}" >> "$WORK/org/paved.yaml"
  "$JAVA" -jar "$JAR" build -C "$WORK/org" -o "$WORK/site" --no-cache > "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; die "the build failed"; }
  python3 - "$WORK/build.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
stages = dict((n, float(s)) for n, s in re.findall(r"(\w+) ([0-9.]+) s", text.split("Stages:")[1].split("\n")[0]))
total = float(re.search(r"errors in ([0-9.]+) s", text).group(1))
print(stages.get("metrics", 0.0), total)
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$WORK/with" ; : > "$WORK/without"
for r in $(seq 1 "$RUNS"); do
  build "${DAYS}d" >> "$WORK/with"
  build 0d >> "$WORK/without"
done
m=$(cut -d' ' -f1 "$WORK/with" | median)
t=$(cut -d' ' -f2 "$WORK/with" | median)
t0=$(cut -d' ' -f2 "$WORK/without" | median)
deploys=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['organisation']['deployments'])" "$WORK/site/metrics.json" 2>/dev/null || echo 0)
echo "repositories=$REPOS days=$DAYS commits_per_repo=$COMMITS runs=$RUNS cores=$(nproc)"
printf "build with metrics (history %sd):  %6.1f s, of which metrics %5.1f s (%.0f %% of the build; %.2f x the rest)\n" \
  "$DAYS" "$t" "$m" "$(echo "100*$m/$t" | bc -l)" "$(echo "$m/($t-$m)" | bc -l)"
printf "build without (history 0d):         %6.1f s\n" "$t0"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('production deployments measured:', d['organisation']['deployments'])" "$WORK/org/../site/metrics.json" 2>/dev/null || true
