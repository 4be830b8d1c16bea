#!/usr/bin/env bash
# The sketch-mode accuracy sweep behind io.driftwatch.drift.SketchErrorBounds (not a test: a few
# minutes on one core). Prints each method's error as a share of its bound and the range of the
# profiles' rank error bounds; exits 1 if any comparison exceeds its bound.
#   bench/accuracy/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
test_classpath
exec java -cp "$TEST_CLASSPATH" io.driftwatch.drift.SketchAccuracySweep
