#!/usr/bin/env bash
# A longer run of the mutation fuzzer that CI runs at its default size (generator/cli MutationFuzzTest): SCALE
# times as many mutated catalog files through `paved validate` and mutated doc sets through `paved techdocs`.
#
#   bench/fuzz/run.sh [SCALE]      # default 10: 15,000 catalog runs and 3,000 doc-set runs
#
# Seeds are fixed: run N of a scale is run N of every larger scale, so a failure found here is found again with
# the same seed. Failing inputs are kept under generator/cli/target/fuzz-failures/ and named by their seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-10}"
./mvnw -q -B install -DskipTests -pl generator/core -am
./mvnw -B -pl generator/cli test -Dtest=MutationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpaved.fuzz.scale="$scale" | grep -E "Fuzz:|Tests run:|seed " || true
