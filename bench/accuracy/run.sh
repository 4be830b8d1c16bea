#!/usr/bin/env bash
# The sketch-mode accuracy sweep behind io.driftwatch.drift.SketchErrorBounds (not a test: a few
# minutes on one core). Prints each method's error as a share of its bound and the range of the
# profiles' rank error bounds; exits 1 if any comparison exceeds its bound.
#   bench/accuracy/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.driftwatch.drift.SketchAccuracySweep
