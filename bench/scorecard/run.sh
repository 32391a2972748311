#!/usr/bin/env bash
# Scoring benchmark: how much scoring 10,000 entities on the default scorecards adds to a build, against the time
# the same build spends reading and checking that catalog (the step it follows). See README.md beside this file.
#
#   bench/scorecard/run.sh [FILES PER_FILE]     # default 1000 10 (10,000 entities)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
JAR=${PAVED_JAR:-$ROOT/generator/cli/target/paved.jar}
FILES=${1:-1000}; PER_FILE=${2:-10}
[ -f "$SHARED/bench/gen-catalog.py" ] || { echo "run.sh: $SHARED/bench/gen-catalog.py not found (SHARED_DIR)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "run.sh: $JAR not found: build it first (./paved --version)" >&2; exit 2; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
python3 "$SHARED/bench/gen-catalog.py" --files "$FILES" --per-file "$PER_FILE" --out "$WORK/catalog" >/dev/null
printf 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets: ["./0*.yaml", "./1*.yaml", "./2*.yaml", "./3*.yaml", "./4*.yaml", "./5*.yaml", "./6*.yaml", "./7*.yaml", "./8*.yaml", "./9*.yaml"]\n' \
  > "$WORK/catalog/catalog-info.yaml"
java -XX:+UseSerialGC -cp "$JAR" "$HERE/ScoringBench.java" "$WORK/catalog" "$ROOT/catalog/scorecards"
