#!/usr/bin/env bash
# driftJob benchmark on PostgreSQL (not a test). Creates N rows x F features in a fresh schema,
# half of the rows in a January baseline and half in the current day, with half of the features
# shifted and every fourth one categorical; runs the packaged jar's driftJob twice (first night:
# baseline scanned; second night: baseline from the cache) and prints per-step wall times, rows/s
# and cells/s of the profile step, peak heap and RSS, and the floor: the time PostgreSQL needs to
# stream the same columns of the same windows to a client (COPY ... TO STDOUT into /dev/null).
#
#   bench/drift/run.sh                 # N=10000000 F=20
#   N=1000000 F=20 bench/drift/run.sh  # a quicker run
#   JAVA_OPTS="-Xmx256m" LOGS=/tmp/bench-logs bench/drift/run.sh   # JVM options; keep the two runs' logs
#   JAR=/path/to/driftwatch.jar bench/drift/run.sh                  # another build (default: target/)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java JAVA_OPTS="-XX:AOTCache=app.aot" JAR=app/driftwatch.jar \
#       bench/drift/run.sh                                          # another JVM (default: java on the PATH)
#   PARTITIONS=1 bench/drift/run.sh    # also the wall time of each partition (as a step)
#
# Needs: PostgreSQL reachable as PGURL (default 127.0.0.1:5432/test, user postgres), psql, Java 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

N=${N:-10000000}
F=${F:-20}
pg_env
SCHEMA=${SCHEMA:-dw_bench}
THREADS=${THREADS:-2}
find_jar
work_dir 'run-*.log'
JAVA=${JAVA:-java}   # e.g. a JDK 25 java, with JAVA_OPTS=-XX:AOTCache=...

half=$((N / 2))
cols=(); selects=(); yaml=()
# the odd features (the continuous ones) are shifted by half a standard deviation in the current window
features "$F" "'c' || (floor(power(random(), 1.0) * 12))::int" "round(($NORMAL)::numeric, 1)" \
    "$NORMAL + 5 * CASE WHEN cur THEN 1 ELSE 0 END"

echo "== generating $N rows x $F features in schema $SCHEMA"
load_features <<SQL
CREATE TABLE features (scored_at timestamptz NOT NULL, $(joined "${cols[@]}"));
INSERT INTO features
SELECT $(split_at $half),
       $(joined "${selects[@]}")
FROM (SELECT g, g >= $half AS cur FROM generate_series(0, $N - 1) AS g) AS s;
SQL

feature_list=$(feature_names)
echo "== floor: COPY of the same columns to a client"
floor_baseline=$(copy_floor "$feature_list" 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z)
floor_current=$(copy_floor "$feature_list" 2026-03-01T00:00:00Z 2026-03-02T00:00:00Z)
floor_total=$(echo "$floor_baseline + $floor_current" | bc)

monitor_yaml bench bench-model P1D "$THREADS" > "$WORK/monitors.yaml"

run() {
    local date=$1 log=$WORK/run-$1.log start
    start=$(now)
    run_jar 2g "$WORK/monitors.yaml" "runDate=$date" > "$log" 2>&1 || { tail -30 "$log"; exit 1; }
    since "$start" > "$WORK/wall-$date"
}
echo "== night 1 (baseline scanned)"; run 2026-03-02
# Night 2 profiles the same window again (same data), but its baseline comes from the cache.
psql -q -c "UPDATE $SCHEMA.features SET scored_at = scored_at + interval '1 day' WHERE scored_at >= '2026-03-01'"
echo "== night 2 (baseline cached)"; run 2026-03-03

profile_seconds() { # date -> seconds of its profile step
    steps_of_date "extract(epoch FROM s.end_time - s.start_time)" "$1" "s.step_name = 'profile'"
}
report() {
    local date=$1
    local wall; wall=$(cat "$WORK/wall-$date")
    echo "--- runDate=$date: process wall ${wall}s; $(peaks "$WORK/run-$date.log")"
    psql -q -At -F' ' <<SQL
SET search_path = $SCHEMA;
SELECT '  step ' || rpad(s.step_name, 40) || to_char(extract(epoch FROM s.end_time - s.start_time), 'FM9990.000') || ' s'
FROM batch_step_execution s JOIN batch_job_execution e USING (job_execution_id)
JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'runDate'
WHERE p.parameter_value = '$date' AND (s.step_name NOT LIKE '%:%' OR ${PARTITIONS:-0} = 1)
ORDER BY s.step_execution_id;
SELECT '  rows read: baseline ' || baseline_rows || ' (' || baseline_source || '), current ' || current_rows
FROM drift_run WHERE run_date = DATE '$date';
SQL
    local rows profile
    rows=$(psql -At -c "SELECT CASE WHEN baseline_source = 'scan' THEN baseline_rows ELSE 0 END + current_rows FROM $SCHEMA.drift_run WHERE run_date = DATE '$date'")
    profile=$(profile_seconds "$date")
    echo "  profile step: $(echo "$rows / $profile" | bc) rows/s, $(echo "$rows * $F / $profile" | bc) cells/s"
}
echo
echo "== results (N=$N, F=$F, partition-threads=$THREADS, $(nproc) cores)"
echo "floor (COPY to client): baseline ${floor_baseline}s + current ${floor_current}s = ${floor_total}s"
report 2026-03-02
report 2026-03-03
for date in 2026-03-02 2026-03-03; do
    floor_night=$([ "$date" = 2026-03-02 ] && echo "$floor_total" || echo "$floor_current")
    profile=$(profile_seconds "$date")
    steps=$(steps_of_date "extract(epoch FROM max(s.end_time) - min(s.start_time))" "$date" "true")
    echo "runDate=$date: job steps ${steps}s / floor = $(echo "scale=2; $steps / $floor_night" | bc)"
    echo "runDate=$date: profile step / floor of the windows read = $(echo "scale=2; $profile / $floor_night" | bc)" \
         " (process wall incl. JVM start / floor = $(echo "scale=2; $(cat "$WORK/wall-$date") / $floor_night" | bc))"
done
drop_schemas "$SCHEMA"
