#!/usr/bin/env bash
# Claims per second of the retraining queue on PostgreSQL (claim + complete, 1, 4 and 16 workers), in a
# fresh schema that is dropped afterwards. Not a test. Offline: MAVEN_ARGS=-o bench/queue/run.sh
#
# Usage: bench/queue/run.sh [jdbc-url] [tasks-per-round] [claim-batch]
#   jdbc-url         default $DRIFTWATCH_TEST_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres
#   tasks-per-round  default 20000
#   claim-batch      tasks per claim statement, default 1
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

URL="${1:-${DRIFTWATCH_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}}"
TASKS="${2:-20000}"
BATCH="${3:-1}"
CLASSPATH_FILE=target/queue-bench.classpath

test_classpath "$CLASSPATH_FILE"
exec java -cp "$TEST_CLASSPATH" \
    io.driftwatch.retrain.queue.QueueBenchmark "$URL" "$TASKS" "$BATCH"
