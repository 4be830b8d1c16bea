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

N=${N:-10000000}
F=${F:-20}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; PGDATABASE=${PGDATABASE:-test}
export PGHOST PGPORT PGUSER PGDATABASE
SCHEMA=${SCHEMA:-dw_bench}
THREADS=${THREADS:-2}
JAVA=${JAVA:-java}
JAR=${JAR:-$(ls target/driftwatch-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$JAR" ]; then
    ./mvnw -q -DskipTests package
    JAR=$(ls target/driftwatch-*.jar | grep -v original | head -1)
fi
WORK=$(mktemp -d)
trap '[ -n "${LOGS:-}" ] && mkdir -p "$LOGS" && cp "$WORK"/run-*.log "$LOGS"/ 2>/dev/null; rm -rf "$WORK"' EXIT

half=$((N / 2))
cols=(); selects=(); yaml=()
for i in $(seq 1 "$F"); do
    name=$(printf "f%02d" "$i")
    shift_expr=$([ $((i % 2)) -eq 1 ] && echo "CASE WHEN cur THEN 1 ELSE 0 END" || echo "0")
    if [ $((i % 4)) -eq 0 ]; then
        cols+=("$name varchar(16)")
        selects+=("'c' || (floor(power(random(), 1.0 + 2 * $shift_expr) * 12))::int")
        yaml+=("        - { name: $name, type: categorical }")
    elif [ $((i % 4)) -eq 2 ]; then
        # rounded values: few distinct values, exact profiles
        cols+=("$name double precision")
        selects+=("round((100 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) + 5 * $shift_expr)::numeric, 1)")
        yaml+=("        - { name: $name, type: numeric }")
    else
        # continuous values: millions of distinct values, sketch-mode profiles
        cols+=("$name double precision")
        selects+=("100 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) + 5 * $shift_expr")
        yaml+=("        - { name: $name, type: numeric }")
    fi
done

echo "== generating $N rows x $F features in schema $SCHEMA"
psql -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS $SCHEMA CASCADE;
CREATE SCHEMA $SCHEMA;
SET search_path = $SCHEMA;
CREATE TABLE features (scored_at timestamptz NOT NULL, $(IFS=,; echo "${cols[*]}"));
INSERT INTO features
SELECT CASE WHEN cur THEN timestamptz '2026-03-01 00:00:00+00' + (g - $half) * (interval '86399 seconds' / $half)
            ELSE timestamptz '2026-01-01 00:00:00+00' + g * (interval '31 days' / $half) END,
       $(IFS=,; echo "${selects[*]}")
FROM (SELECT g, g >= $half AS cur FROM generate_series(0, $N - 1) AS g) AS s;
CREATE INDEX ON features (scored_at);
VACUUM ANALYZE features;
SQL

feature_list=$(for i in $(seq 1 "$F"); do printf "f%02d," "$i"; done); feature_list=${feature_list%,}
floor() {
    local start end
    start=$(date +%s.%N)
    psql -q -c "\\copy (SELECT $feature_list FROM $SCHEMA.features WHERE scored_at >= '$1' AND scored_at < '$2') TO '/dev/null'"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
echo "== floor: COPY of the same columns to a client"
floor_baseline=$(floor 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z)
floor_current=$(floor 2026-03-01T00:00:00Z 2026-03-02T00:00:00Z)
floor_total=$(echo "$floor_baseline + $floor_current" | bc)

cat > "$WORK/monitors.yaml" <<YAML
driftwatch:
  partition-threads: $THREADS
  monitors:
    - name: bench
      model: bench-model
      source: { table: features, timestamp-column: scored_at }
      baseline: { from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z }
      window: P1D
      features:
$(printf '%s\n' "${yaml[@]}")
YAML

run() {
    local date=$1 log=$WORK/run-$1.log start end
    start=$(date +%s.%N)
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" \
    SPRING_DATASOURCE_USERNAME=$PGUSER DRIFTWATCH_DB_POOL_SIZE=$((2 * THREADS + 2)) \
        "$JAVA" ${JAVA_OPTS:--Xmx2g} -jar "$JAR" --spring.config.additional-location="file:$WORK/monitors.yaml" \
        "runDate=$date" > "$log" 2>&1 || { tail -30 "$log"; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc > "$WORK/wall-$date"
}
echo "== night 1 (baseline scanned)"; run 2026-03-02
# Night 2 profiles the same window again (same data), but its baseline comes from the cache.
psql -q -c "UPDATE $SCHEMA.features SET scored_at = scored_at + interval '1 day' WHERE scored_at >= '2026-03-01'"
echo "== night 2 (baseline cached)"; run 2026-03-03

report() {
    local date=$1
    local wall; wall=$(cat "$WORK/wall-$date")
    echo "--- runDate=$date: process wall ${wall}s; $(grep -o 'peak heap [0-9]* MiB, peak RSS [0-9a-z ]*' "$WORK/run-$date.log")"
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
    profile=$(psql -At -c "SELECT extract(epoch FROM s.end_time - s.start_time) FROM $SCHEMA.batch_step_execution s JOIN $SCHEMA.batch_job_execution_params p ON p.job_execution_id = s.job_execution_id AND p.parameter_name = 'runDate' WHERE p.parameter_value = '$date' AND s.step_name = 'profile'")
    echo "  profile step: $(echo "$rows / $profile" | bc) rows/s, $(echo "$rows * $F / $profile" | bc) cells/s"
}
echo
echo "== results (N=$N, F=$F, partition-threads=$THREADS, $(nproc) cores)"
echo "floor (COPY to client): baseline ${floor_baseline}s + current ${floor_current}s = ${floor_total}s"
report 2026-03-02
report 2026-03-03
for date in 2026-03-02 2026-03-03; do
    floor_night=$([ "$date" = 2026-03-02 ] && echo "$floor_total" || echo "$floor_current")
    profile=$(psql -At -c "SELECT extract(epoch FROM s.end_time - s.start_time) FROM $SCHEMA.batch_step_execution s JOIN $SCHEMA.batch_job_execution_params p ON p.job_execution_id = s.job_execution_id AND p.parameter_name = 'runDate' WHERE p.parameter_value = '$date' AND s.step_name = 'profile'")
    steps=$(psql -At -c "SELECT extract(epoch FROM max(s.end_time) - min(s.start_time)) FROM $SCHEMA.batch_step_execution s JOIN $SCHEMA.batch_job_execution_params p ON p.job_execution_id = s.job_execution_id AND p.parameter_name = 'runDate' WHERE p.parameter_value = '$date'")
    echo "runDate=$date: job steps ${steps}s / floor = $(echo "scale=2; $steps / $floor_night" | bc)"
    echo "runDate=$date: profile step / floor of the windows read = $(echo "scale=2; $profile / $floor_night" | bc)" \
         " (process wall incl. JVM start / floor = $(echo "scale=2; $(cat "$WORK/wall-$date") / $floor_night" | bc))"
done
[ "${KEEP:-0}" = 1 ] || psql -q -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"
