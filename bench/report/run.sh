#!/usr/bin/env bash
# Size and render time of the HTML page of a run with many features (not a test): three driftJob nights of one
# monitor over a generated table (embedded H2), then the last night's page rendered from the database several times
# (the first cold) and, where Debian's chromium and chromium-driver are installed, its first contentful paint in
# headless Chromium. Budgets (docs/report.md): 500 features render in <= 2 s into <= 2 MB.
#   bench/report/run.sh                                  # 500 features, default selection, 2,000 rows per window
#   bench/report/run.sh --methods psi,kl,mean_shift      # three methods per feature instead
#   bench/report/run.sh --features 20 --renders 10       # a small run
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
test_classpath
exec java ${JAVA_OPTS:-} -cp "$TEST_CLASSPATH" \
    io.driftwatch.bench.ReportPageBenchmark "$@"
