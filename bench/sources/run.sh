#!/usr/bin/env bash
# Speed of the kinds of source (not a test): the same N rows x 10 features (8 numeric, 2 categorical, one
# day) profiled as a PostgreSQL table, as a query joining two PostgreSQL tables that hold the same rows split
# (facts + dimension), as Parquet files through DuckDB and as CSV files through DuckDB; prints the best of R
# runs of each (after a warm-up round) and its ratio to the table, measured in the same run. DuckDB writes the
# files, PostgreSQL loads the CSV, so every source holds the same rows. The schema dw_sources_bench and the
# files are removed afterwards. Offline: MAVEN_ARGS=-o bench/sources/run.sh
#
# Usage: bench/sources/run.sh [jdbc-url] [rows] [repeats]
#   jdbc-url  default $DRIFTWATCH_TEST_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres
#   rows      default 2000000
#   repeats   default 3
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

URL="${1:-${DRIFTWATCH_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}}"
ROWS="${2:-2000000}"
REPEATS="${3:-3}"
CLASSPATH_FILE=target/sources-bench.classpath

test_classpath "$CLASSPATH_FILE"
exec java ${JAVA_OPTS:--Xmx1g} -cp "$TEST_CLASSPATH" \
    io.driftwatch.source.SourcesBenchmark "$URL" "$ROWS" "$REPEATS"
