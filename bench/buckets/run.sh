#!/usr/bin/env bash
# Bucketed nights and backfill on PostgreSQL (not a test). Creates a feature table of DAYS + DATES - 1 days of
# R rows x F features (plus a January baseline of BASELINE rows) in a fresh schema, then measures with the packaged jar:
#   1. DATES nightly runs of a P${DAYS}D monitor, one process per night as a CronJob runs them: the first night
#      profiles the whole window, every later night only its new day; per night the rows the job read
#      (drift_run.rows_scanned), the rows PostgreSQL fetched from the table (pg_stat_user_tables: seq_tup_read +
#      idx_tup_fetch), the process wall time and the floor: COPY of the new day's columns to a client;
#   2. backfill of the same DATES dates for a second monitor over the same table, in one process.
#
#   bench/buckets/run.sh                        # R=100000 F=5 DAYS=30 DATES=30
#   R=1000000 bench/buckets/run.sh              # the full size (30 x 1M rows per window; takes far longer)
#   JAVA_OPTS="-Xmx512m" KEEP=1 bench/buckets/run.sh
#   ALLOWED_LATENESS=P1D BACKFILL=0 bench/buckets/run.sh   # settled buckets: both monitors get driftwatch.allowed-lateness
#
# Needs: PostgreSQL (PGHOST, PGPORT, PGUSER, PGDATABASE; default 127.0.0.1, 5432, postgres, test), psql, bc, Java 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."

R=${R:-100000}
F=${F:-5}
DAYS=${DAYS:-30}
DATES=${DATES:-30}
BASELINE=${BASELINE:-$((R * 5))}
THREADS=${THREADS:-2}
ALLOWED_LATENESS=${ALLOWED_LATENESS:-}   # unset: every bucket counted every night
BACKFILL=${BACKFILL:-1}                  # 0: the nightly runs only
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; PGDATABASE=${PGDATABASE:-test}
export PGHOST PGPORT PGUSER PGDATABASE
SCHEMA=${SCHEMA:-dw_bench_buckets}
JAR=${JAR:-$(ls target/driftwatch-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$JAR" ]; then
    ./mvnw -q -DskipTests package
    JAR=$(ls target/driftwatch-*.jar | grep -v original | head -1)
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

TOTAL_DAYS=$((DAYS + DATES - 1))
FIRST_DAY=2026-02-01
cols=(); selects=(); yaml=()
for i in $(seq 1 "$F"); do
    name=$(printf "f%02d" "$i")
    if [ $((i % 4)) -eq 0 ]; then
        cols+=("$name varchar(16)")
        selects+=("'c' || (floor(random() * 12))::int")
        yaml+=("        - { name: $name, type: categorical }")
    elif [ $((i % 2)) -eq 0 ]; then
        cols+=("$name double precision")
        selects+=("round((100 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) + CASE WHEN d >= $((TOTAL_DAYS - 10)) THEN 4 ELSE 0 END)::numeric, 1)")
        yaml+=("        - { name: $name, type: numeric }")
    else
        cols+=("$name double precision")
        selects+=("100 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())")
        yaml+=("        - { name: $name, type: numeric }")
    fi
done
feature_list=$(for i in $(seq 1 "$F"); do printf "f%02d," "$i"; done); feature_list=${feature_list%,}

echo "== generating $TOTAL_DAYS days x $R rows + $BASELINE baseline rows, $F features, in schema $SCHEMA"
psql -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS $SCHEMA CASCADE;
CREATE SCHEMA $SCHEMA;
SET search_path = $SCHEMA;
CREATE TABLE features (scored_at timestamptz NOT NULL, $(IFS=,; echo "${cols[*]}"));
INSERT INTO features
SELECT timestamptz '2026-01-01 00:00:00+00' + g * (interval '31 days' / $BASELINE), $(IFS=,; echo "${selects[*]}")
FROM (SELECT g, -1 AS d FROM generate_series(0, $BASELINE - 1) AS g) AS s;
INSERT INTO features
SELECT timestamptz '$FIRST_DAY 00:00:00+00' + d * interval '1 day' + r * (interval '86399 seconds' / $R),
       $(IFS=,; echo "${selects[*]}")
FROM generate_series(0, $TOTAL_DAYS - 1) AS d, generate_series(0, $R - 1) AS r;
CREATE INDEX ON features (scored_at);
VACUUM ANALYZE features;
SQL

config() {
    cat > "$WORK/$1.yaml" <<YAML
driftwatch:
  partition-threads: $THREADS
$([ -n "$ALLOWED_LATENESS" ] && echo "  allowed-lateness: $ALLOWED_LATENESS")
  monitors:
    - name: $1
      model: $1-model
      source: { table: features, timestamp-column: scored_at }
      baseline: { from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z }
      window: P${DAYS}D
      features:
$(printf '%s\n' "${yaml[@]}")
YAML
}
config nightly
config backfill

fetched() {  # rows PostgreSQL has handed out of the table so far (its statistics, flushed when a backend exits)
    sleep 1
    psql -At -c "SELECT pg_stat_clear_snapshot(); SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE schemaname = '$SCHEMA' AND relname = 'features'" | tail -1
}
now() { date +%s.%N; }
jar() {  # jar CONFIG ARGS...
    local config=$1; shift
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" \
    SPRING_DATASOURCE_USERNAME=$PGUSER DRIFTWATCH_DB_POOL_SIZE=$((2 * THREADS + 2)) \
        java ${JAVA_OPTS:--Xmx1g} -jar "$JAR" --spring.config.additional-location="file:$WORK/$config.yaml" "$@"
}
copy_floor() {  # COPY of one day's feature columns to a client
    local start; start=$(now)
    psql -q -c "\\copy (SELECT $feature_list FROM $SCHEMA.features WHERE scored_at >= '$1' AND scored_at < date '$1' + 1) TO '/dev/null'"
    echo "$(now) - $start" | bc
}

first_run=$(date -d "$FIRST_DAY + $DAYS days" +%F)
echo "== $DATES nightly runs of monitor 'nightly' (P${DAYS}D), one process each, from runDate=$first_run, allowed-lateness=${ALLOWED_LATENESS:-unset}"
printf "%-12s %12s %12s %14s %9s %9s %8s %8s\n" runDate rows_scanned pg_fetched reuse/sett/pro wall_s floor_s wall/fl step/fl > "$WORK/nights.txt"
nightly_start=$(now)
for i in $(seq 0 $((DATES - 1))); do
    d=$(date -d "$first_run + $i days" +%F)
    new_day=$(date -d "$d - 1 day" +%F)
    before=$(fetched)
    start=$(now)
    jar nightly "runDate=$d" > "$WORK/night-$d.log" 2>&1 || { tail -30 "$WORK/night-$d.log"; exit 1; }
    wall=$(echo "$(now) - $start" | bc)
    after=$(fetched)
    floor=$(copy_floor "$new_day")
    read -r scanned reused settled profiled <<< "$(psql -At -F' ' -c "SELECT rows_scanned, buckets_reused, buckets_settled, buckets_profiled FROM $SCHEMA.drift_run WHERE monitor = 'nightly' AND run_date = '$d'")"
    steps=$(psql -At -c "SELECT extract(epoch FROM max(s.end_time) - min(s.start_time)) FROM $SCHEMA.batch_step_execution s JOIN $SCHEMA.batch_job_execution_params p ON p.job_execution_id = s.job_execution_id AND p.parameter_name = 'runDate' WHERE p.parameter_value = '$d' AND s.step_name NOT LIKE '%:%'")
    printf "%-12s %12s %12s %14s %9.2f %9.3f %8.1f %8.1f\n" "$d" "$scanned" "$((after - before))" "$reused/$settled/$profiled" "$wall" "$floor" \
        "$(echo "$wall / $floor" | bc -l)" "$(echo "$steps / $floor" | bc -l)" >> "$WORK/nights.txt"
done
nightly_wall=$(echo "$(now) - $nightly_start" | bc)
nightly_rows=$(psql -At -c "SELECT sum(rows_scanned) FROM $SCHEMA.drift_run WHERE monitor = 'nightly'")

last_run=$(date -d "$first_run + $((DATES - 1)) days" +%F)
if [ "$BACKFILL" = 0 ]; then
    echo
    echo "== results: R=$R rows/day, F=$F, window P${DAYS}D, $DATES dates, partition-threads=$THREADS, $(nproc) cores, allowed-lateness=${ALLOWED_LATENESS:-unset}, load $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$WORK/nights.txt"
    echo "(wall: the whole process incl. JVM start; step/fl: the job's steps, first step start to last step end, over the floor)"
    [ "${KEEP:-0}" = 1 ] || psql -q -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"
    exit 0
fi
echo "== backfill of monitor 'backfill' from $first_run to $last_run, one process"
before=$(fetched)
start=$(now)
jar backfill backfill monitor=backfill "from=$first_run" "to=$last_run" > "$WORK/backfill.log" 2>&1 || { tail -30 "$WORK/backfill.log"; exit 1; }
backfill_wall=$(echo "$(now) - $start" | bc)
backfill_fetched=$(( $(fetched) - before ))
grep '^backfill backfill: buckets' "$WORK/backfill.log" | tail -1
backfill_rows=$(grep -o 'backfill: [0-9]* bucket(s) reused, [0-9]* profiled, [0-9]* rows read' "$WORK/backfill.log" | grep -o '[0-9]* rows read' | grep -o '[0-9]*' || echo "?")
same=$(psql -At <<SQL
SET search_path = $SCHEMA;
SELECT count(*) FROM (
  (SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report WHERE monitor = 'nightly'
   EXCEPT SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report WHERE monitor = 'backfill')
  UNION ALL
  (SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report WHERE monitor = 'backfill'
   EXCEPT SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report WHERE monitor = 'nightly')) d;
SQL
)

echo
echo "== results: R=$R rows/day, F=$F, window P${DAYS}D, $DATES dates, partition-threads=$THREADS, $(nproc) cores"
cat "$WORK/nights.txt"
echo "(wall: the whole process incl. JVM start; step/fl: the job's steps, first step start to last step end, over the floor)"
printf "%-34s %14s %14s %10s\n" "" "rows read" "pg fetched" "wall s"
printf "%-34s %14s %14s %10.1f\n" "$DATES nightly runs ($DATES processes)" "$nightly_rows" "-" "$nightly_wall"
printf "%-34s %14s %14s %10.1f\n" "backfill of $DATES dates (1 process)" "$backfill_rows (pass)" "$backfill_fetched" "$backfill_wall"
echo "report rows that differ between the nightly runs and the backfill: $(echo "$same" | tail -1)"
echo "without buckets every night reads its whole window: $DATES x $((DAYS * R)) = $((DATES * DAYS * R)) rows"
[ "${KEEP:-0}" = 1 ] || psql -q -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"
