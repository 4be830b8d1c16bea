#!/usr/bin/env bash
# JMH micro-benchmarks of profile updates in the JVM alone (not a test). Prints feature values per
# second (ops/s, one op = one value) for exact numeric, sketched numeric and categorical profiles.
#   bench/jmh/run.sh                     # all benchmarks, 1 fork, 2 warm-up + 3 measured iterations
#   bench/jmh/run.sh numericSketch -i 5  # any JMH arguments
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
test_classpath
exec java -cp "$TEST_CLASSPATH" org.openjdk.jmh.Main \
    "${@:-io.driftwatch.bench.ProfileUpdateBenchmark}"
