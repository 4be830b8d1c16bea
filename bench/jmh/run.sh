#!/usr/bin/env bash
# JMH micro-benchmarks of profile updates in the JVM alone (not a test). Prints feature values per
# second (ops/s, one op = one value) for exact numeric, sketched numeric and categorical profiles.
#   bench/jmh/run.sh                     # all benchmarks, 1 fork, 2 warm-up + 3 measured iterations
#   bench/jmh/run.sh numericSketch -i 5  # any JMH arguments
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
    "${@:-io.driftwatch.bench.ProfileUpdateBenchmark}"
