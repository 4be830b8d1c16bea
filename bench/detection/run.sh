#!/usr/bin/env bash
# Operating characteristic of the drift method selections (not a test): detection and false-alarm
# rates of the effects (default), linf and evidently selections over distributions x drift kinds and
# sizes x window sizes (100 to 1,000,000 rows), seeded. Prints a markdown table and whether the
# targets of docs/detection.md are met. The default grid takes a few minutes on 2 cores.
#   bench/detection/run.sh                 # 200 seeds per drift cell, 1,000 per no-drift cell
#   bench/detection/run.sh --full          # 1,000 and 5,000 seeds
#   bench/detection/run.sh --sketch        # effects in sketch mode (exact cap 1,024) against exact mode, same windows
#   bench/detection/run.sh --only normal,cat50 --sizes 1000,100000 --seeds 500 --threads 2
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
test_classpath
exec java -cp "$TEST_CLASSPATH" \
    io.driftwatch.bench.DetectionBenchmark "$@"
