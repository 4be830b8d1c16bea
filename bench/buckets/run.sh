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
#   REUSE=1 R=1000000 bench/buckets/run.sh      # keep the feature table a KEEP=1 run of the same size left
#   ALLOWED_LATENESS=P1D BACKFILL=0 bench/buckets/run.sh   # settled buckets: both monitors get driftwatch.allowed-lateness
# After the nights, one more date whose new day has no rows shows what a night costs besides reading its new day.
#
# Needs: PostgreSQL (PGHOST, PGPORT, PGUSER, PGDATABASE; default 127.0.0.1, 5432, postgres, test), psql, bc, Java 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

R=${R:-100000}
F=${F:-5}
DAYS=${DAYS:-30}
DATES=${DATES:-30}
BASELINE=${BASELINE:-$((R * 5))}
THREADS=${THREADS:-2}
ALLOWED_LATENESS=${ALLOWED_LATENESS:-}   # unset: every bucket counted every night
BACKFILL=${BACKFILL:-1}                  # 0: the nightly runs only
pg_env
SCHEMA=${SCHEMA:-dw_bench_buckets}
find_jar
work_dir

TOTAL_DAYS=$((DAYS + DATES - 1))
FIRST_DAY=2026-02-01
cols=(); selects=(); yaml=()
# the rounded features drift in the last 10 days
features "$F" "'c' || (floor(random() * 12))::int" \
    "round(($NORMAL + CASE WHEN d >= $((TOTAL_DAYS - 10)) THEN 4 ELSE 0 END)::numeric, 1)" "$NORMAL"
feature_list=$(feature_names)

expected=$((BASELINE + TOTAL_DAYS * R))
if [ "${REUSE:-0}" = 1 ] && [ "$(psql -At -c "SELECT count(*) FROM $SCHEMA.features" 2>/dev/null || true)" = "$expected" ]; then
    # REUSE=1 and a features table of this size from a KEEP=1 run: keep it, drop what driftwatch wrote beside it
    echo "== reusing $SCHEMA.features ($expected rows); dropping the tables and sequences of the last run"
    psql -At -v ON_ERROR_STOP=1 <<SQL | psql -q -v ON_ERROR_STOP=1
SELECT 'DROP TABLE ' || string_agg(format('%I.%I', schemaname, tablename), ', ') || ' CASCADE;'
FROM pg_tables WHERE schemaname = '$SCHEMA' AND tablename <> 'features';
SELECT 'DROP SEQUENCE ' || string_agg(format('%I.%I', sequence_schema, sequence_name), ', ') || ';'
FROM information_schema.sequences WHERE sequence_schema = '$SCHEMA';
SQL
    psql -q -c "VACUUM ANALYZE $SCHEMA.features"
else
    echo "== generating $TOTAL_DAYS days x $R rows + $BASELINE baseline rows, $F features, in schema $SCHEMA"
    load_features <<SQL
CREATE TABLE features (scored_at timestamptz NOT NULL, $(joined "${cols[@]}"));
INSERT INTO features
SELECT timestamptz '2026-01-01 00:00:00+00' + g * (interval '31 days' / $BASELINE), $(joined "${selects[@]}")
FROM (SELECT g, -1 AS d FROM generate_series(0, $BASELINE - 1) AS g) AS s;
INSERT INTO features
SELECT timestamptz '$FIRST_DAY 00:00:00+00' + d * interval '1 day' + r * (interval '86399 seconds' / $R),
       $(joined "${selects[@]}")
FROM generate_series(0, $TOTAL_DAYS - 1) AS d, generate_series(0, $R - 1) AS r;
SQL
fi

config() {
    monitor_yaml "$1" "$1-model" "P${DAYS}D" "$THREADS" > "$WORK/$1.yaml"
    [ -z "$ALLOWED_LATENESS" ] || sed -i "s/^  partition-threads: .*/&\n  allowed-lateness: $ALLOWED_LATENESS/" "$WORK/$1.yaml"
}
config nightly
config backfill

fetched() {  # rows PostgreSQL has handed out of the table so far (its statistics, flushed when a backend exits)
    sleep 1
    psql -At -c "SELECT pg_stat_clear_snapshot(); SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE schemaname = '$SCHEMA' AND relname = 'features'" | tail -1
}
jar() {  # jar CONFIG ARGS...
    local config=$1; shift
    run_jar 1g "$WORK/$config.yaml" "$@"
}

first_run=$(date -d "$FIRST_DAY + $DAYS days" +%F)
echo "== $DATES nightly runs of monitor 'nightly' (P${DAYS}D), one process each, from runDate=$first_run, allowed-lateness=${ALLOWED_LATENESS:-unset}"
printf "%-12s %12s %12s %14s %9s %9s %8s %8s %8s %8s\n" runDate rows_scanned pg_fetched reuse/sett/pro wall_s floor_s wall/fl step/fl steps_s prof_s > "$WORK/nights.txt"
nightly_start=$(now)
for i in $(seq 0 $((DATES - 1))); do
    d=$(date -d "$first_run + $i days" +%F)
    new_day=$(date -d "$d - 1 day" +%F)
    before=$(fetched)
    start=$(now)
    jar nightly "runDate=$d" > "$WORK/night-$d.log" 2>&1 || { tail -30 "$WORK/night-$d.log"; exit 1; }
    wall=$(since "$start")
    after=$(fetched)
    floor=$(copy_floor "$feature_list" "$new_day" "$d")
    read -r scanned reused settled profiled <<< "$(psql -At -F' ' -c "SELECT rows_scanned, buckets_reused, buckets_settled, buckets_profiled FROM $SCHEMA.drift_run WHERE monitor = 'nightly' AND run_date = '$d'")"
    steps=$(steps_of_date "extract(epoch FROM max(s.end_time) - min(s.start_time))" "$d" "s.step_name NOT LIKE '%:%'")
    profile=$(steps_of_date "extract(epoch FROM s.end_time - s.start_time)" "$d" "s.step_name = 'profile'")
    printf "%-12s %12s %12s %14s %9.2f %9.3f %8.1f %8.1f %8.2f %8.2f\n" "$d" "$scanned" "$((after - before))" "$reused/$settled/$profiled" "$wall" "$floor" \
        "$(echo "$wall / $floor" | bc -l)" "$(echo "$steps / $floor" | bc -l)" "$steps" "$profile" >> "$WORK/nights.txt"
done
# A night whose new day has no rows (the table ends before it): what a night costs besides reading its new day.
empty=$(date -d "$first_run + $DATES days" +%F)
jar nightly "runDate=$empty" > "$WORK/night-$empty.log" 2>&1 || { tail -30 "$WORK/night-$empty.log"; exit 1; }
empty_steps=$(steps_of_date "extract(epoch FROM max(s.end_time) - min(s.start_time))" "$empty" "s.step_name NOT LIKE '%:%'")
empty_profile=$(steps_of_date "extract(epoch FROM s.end_time - s.start_time)" "$empty" "s.step_name = 'profile'")
printf "%-12s %12s %12s %14s %9s %9s %8s %8s %8.2f %8.2f   (no new rows: the fixed cost of a night)\n" "$empty" 0 - - - - - - \
    "$empty_steps" "$empty_profile" >> "$WORK/nights.txt"
nightly_wall=$(since "$nightly_start")
nightly_rows=$(psql -At -c "SELECT sum(rows_scanned) FROM $SCHEMA.drift_run WHERE monitor = 'nightly'")

last_run=$(date -d "$first_run + $((DATES - 1)) days" +%F)
if [ "$BACKFILL" = 0 ]; then
    echo
    echo "== results: R=$R rows/day, F=$F, window P${DAYS}D, $DATES dates, partition-threads=$THREADS, $(nproc) cores, allowed-lateness=${ALLOWED_LATENESS:-unset}, load $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$WORK/nights.txt"
    echo "(wall: the whole process incl. JVM start; step/fl: the job's steps, first step start to last step end, over the floor;"
    echo " steps_s, prof_s: the job's steps and its profile step in seconds)"
    drop_schemas "$SCHEMA"
    exit 0
fi
echo "== backfill of monitor 'backfill' from $first_run to $last_run, one process"
before=$(fetched)
start=$(now)
jar backfill backfill monitor=backfill "from=$first_run" "to=$last_run" > "$WORK/backfill.log" 2>&1 || { tail -30 "$WORK/backfill.log"; exit 1; }
backfill_wall=$(since "$start")
backfill_fetched=$(( $(fetched) - before ))
grep '^backfill backfill: buckets' "$WORK/backfill.log" | tail -1
backfill_rows=$(grep -o 'backfill: [0-9]* bucket(s) reused, [0-9]* profiled, [0-9]* rows read' "$WORK/backfill.log" | grep -o '[0-9]* rows read' | grep -o '[0-9]*' || echo "?")
same=$(psql -At <<SQL
SET search_path = $SCHEMA;
CREATE TEMP VIEW drift_report_dates AS SELECT * FROM drift_report WHERE run_date <= DATE '$last_run';
SELECT count(*) FROM (
  (SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report_dates WHERE monitor = 'nightly'
   EXCEPT SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report_dates WHERE monitor = 'backfill')
  UNION ALL
  (SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report_dates WHERE monitor = 'backfill'
   EXCEPT SELECT run_date, feature, method, score, p_value, drifted, current_count FROM drift_report_dates WHERE monitor = 'nightly')) d;
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
drop_schemas "$SCHEMA"
