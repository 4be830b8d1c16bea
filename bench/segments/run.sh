#!/usr/bin/env bash
# Segments benchmark on PostgreSQL (not a test): the same table judged without segments and with
# segments: [{ column: country, max: 50 }]. Creates N rows x F features plus a country column (200
# values, skewed: the 50 most frequent hold most rows, the rest is pooled as (other)) in a fresh
# schema, half in a January baseline and half in the current day; runs the packaged jar once per
# monitor (both scan their baseline: a segmented monitor always does) and prints each run's step
# times and the floor: the time PostgreSQL needs to stream the same columns of the same windows to a
# client (COPY ... TO /dev/null), with the features alone for the plain run and the features plus
# country for the segmented one.
#
#   bench/segments/run.sh                   # N=10000000 F=10
#   N=2000000 bench/segments/run.sh         # a quicker run
#   N=2000000 BEFORE_JAR=/tmp/old.jar bench/segments/run.sh   # and a second night, old and new build alternated
#
# JAVA_OPTS (default -Xmx1g), THREADS (partition threads, default 2), PGHOST/PGPORT/PGUSER/PGDATABASE
# (default 127.0.0.1, 5432, postgres, test), SCHEMA (default dw_bench_segments; dropped afterwards
# unless KEEP=1), LOGS=dir keeps the runs' logs. Needs psql, bc and Java 17+; builds the jar when
# target/ has none.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

N=${N:-10000000}
F=${F:-10}
MAX=${MAX:-50}
pg_env
SCHEMA=${SCHEMA:-dw_bench_segments}
THREADS=${THREADS:-2}
find_jar -o
work_dir 'run-*.log'

half=$((N / 2))
cols=(); selects=(); yaml=()
# one country drifts in the current window, in the continuous features: 'k7' (about 1 % of the rows)
features "$F" "'c' || (floor(random() * 12))::int" "round(($NORMAL)::numeric, 1)" \
    "$NORMAL + CASE WHEN cur AND country = 'k7' THEN 5 ELSE 0 END"

echo "== generating $N rows x $F features and a country column in schema $SCHEMA"
load_features <<SQL
CREATE TABLE features (scored_at timestamptz NOT NULL, country varchar(8), $(joined "${cols[@]}"));
INSERT INTO features
SELECT $(split_at $half),
       country, $(joined "${selects[@]}")
FROM (SELECT g, g >= $half AS cur, 'k' || floor(200 * power(random(), 3))::int AS country
      FROM generate_series(0, $N - 1) AS g) AS s;
SQL

feature_list=$(feature_names)
floor() { # columns -> seconds to COPY them of both windows to a client
    copy_floor "$1" 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z 2026-03-01T00:00:00Z 2026-03-02T00:00:00Z
}

run() { # monitor [command...]: the second run is the same date for another monitor, so it goes through runs rerun
    local name=$1 log=$WORK/run-$1.log start
    shift
    start=$(now)
    run_jar 1g "$WORK/$name.yaml" "$@" "runDate=2026-03-02" > "$log" 2>&1 || { tail -30 "$log"; exit 1; }
    since "$start" > "$WORK/wall-$name"
}

step() { # monitor step -> seconds
    psql -At -c "SELECT extract(epoch FROM s.end_time - s.start_time) FROM $SCHEMA.batch_step_execution s
        WHERE s.job_execution_id = (SELECT job_execution_id FROM $SCHEMA.drift_run WHERE monitor = '$1')
        AND s.step_name = '$2'"
}
job() { # monitor -> seconds from the job's start to its end (no JVM start)
    psql -At -c "SELECT extract(epoch FROM e.end_time - e.start_time) FROM $SCHEMA.batch_job_execution e
        WHERE e.job_execution_id = (SELECT job_execution_id FROM $SCHEMA.drift_run WHERE monitor = '$1')"
}

monitor_yaml plain bench-model P1D "$THREADS" "" > "$WORK/plain.yaml"
monitor_yaml segmented bench-model P1D "$THREADS" "      segments: [{ column: country, max: $MAX }]" > "$WORK/segmented.yaml"

echo "== floor: COPY of the same columns of both windows to a client"
floor_plain=$(floor "$feature_list")
floor_segmented=$(floor "$feature_list,country")
echo "== run without segments"; run plain
echo "== run with segments: [{ column: country, max: $MAX }]"; run segmented runs rerun monitor=segmented

echo
echo "== results (N=$N, F=$F, max=$MAX, partition-threads=$THREADS, $(nproc) cores)"
printf "%-10s %8s %8s %8s %8s %8s %9s %11s %9s\n" monitor profile drift decide job floor "job/floor" "profile/floor" "wall"
for m in plain segmented; do
    fl=$([ "$m" = plain ] && echo "$floor_plain" || echo "$floor_segmented")
    p=$(step "$m" profile); d=$(step "$m" drift); c=$(step "$m" decide); j=$(job "$m")
    printf "%-10s %8.2f %8.2f %8.2f %8.2f %8.2f %9.2f %11.2f %9.2f\n" "$m" "$p" "$d" "$c" "$j" "$fl" \
        "$(echo "scale=4; $j / $fl" | bc)" "$(echo "scale=4; $p / $fl" | bc)" "$(cat "$WORK/wall-$m")"
done
psql -At -F' ' -c "SELECT 'segmented: ' || COUNT(DISTINCT segment) || ' segments, ' || COUNT(*) || ' drift_report rows; drifted segments: '
    || coalesce(string_agg(DISTINCT segment, ', ') FILTER (WHERE drifted), 'none') FROM $SCHEMA.drift_report WHERE monitor = 'segmented'"
peaks "$WORK/run-plain.log" | sed 's/^/plain: /' || true
peaks "$WORK/run-segmented.log" | sed 's/^/segmented: /' || true

# Second night (SECOND=1, or BEFORE_JAR=path): one more day of N/2 rows, then runDate=2026-03-03 of the segmented
# monitor, whose baseline is unchanged since the first night. With BEFORE_JAR, that night is rerun REPEAT times
# (default 3) by each jar, alternated (before, after, before, after, ...), each one a process of its own, and every
# run prints its job and profile-step times, the rows it fetched (drift_run.rows_scanned), where its baseline came
# from and the load average. The second night's floor is the COPY of the new day alone (features and country).
if [ "${SECOND:-0}" = 1 ] || [ -n "${BEFORE_JAR:-}" ]; then
    echo
    echo "== second night: one more day of $half rows (2026-03-02), runDate=2026-03-03"
    psql -q -v ON_ERROR_STOP=1 <<SQL
SET search_path = $SCHEMA;
INSERT INTO features
SELECT timestamptz '2026-03-02 00:00:00+00' + g * (interval '86399 seconds' / $half), country, $(IFS=,; echo "${selects[*]}")
FROM (SELECT g, true AS cur, 'k' || floor(200 * power(random(), 3))::int AS country
      FROM generate_series(0, $half - 1) AS g) AS s;
VACUUM ANALYZE features;
SQL
    start=$(date +%s.%N)
    psql -q -c "\\copy (SELECT $feature_list,country FROM $SCHEMA.features WHERE scored_at >= '2026-03-02T00:00:00Z' AND scored_at < '2026-03-03T00:00:00Z') TO '/dev/null'"
    floor_day=$(echo "$(date +%s.%N) - $start" | bc)
    night2() { # jar label
        local log=$WORK/run-night2-$2-$3.log start end
        start=$(date +%s.%N)
        SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" \
        SPRING_DATASOURCE_USERNAME=$PGUSER DRIFTWATCH_DB_POOL_SIZE=$((2 * THREADS + 2)) \
            java ${JAVA_OPTS:--Xmx1g} -jar "$1" --spring.config.additional-location="file:$WORK/segmented.yaml" \
            runs rerun monitor=segmented runDate=2026-03-03 > "$log" 2>&1 || { tail -30 "$log"; exit 1; }
        end=$(date +%s.%N)
        local j p r b
        j=$(psql -At -c "SELECT extract(epoch FROM e.end_time - e.start_time) FROM $SCHEMA.batch_job_execution e
            WHERE e.job_execution_id = (SELECT job_execution_id FROM $SCHEMA.drift_run WHERE monitor = 'segmented'
            AND run_date = '2026-03-03')")
        p=$(psql -At -c "SELECT extract(epoch FROM s.end_time - s.start_time) FROM $SCHEMA.batch_step_execution s
            WHERE s.job_execution_id = (SELECT job_execution_id FROM $SCHEMA.drift_run WHERE monitor = 'segmented'
            AND run_date = '2026-03-03') AND s.step_name = 'profile'")
        r=$(psql -At -c "SELECT rows_scanned FROM $SCHEMA.drift_run WHERE monitor = 'segmented' AND run_date = '2026-03-03'")
        b=$(psql -At -c "SELECT baseline_source FROM $SCHEMA.drift_run WHERE monitor = 'segmented' AND run_date = '2026-03-03'")
        printf "%-7s %8.2f %8.2f %9.2f %11.2f %12s %-6s %9.2f  %s\n" "$2" "$j" "$p" \
            "$(echo "scale=4; $j / $floor_day" | bc)" "$(echo "scale=4; $p / $floor_day" | bc)" "$r" "$b" \
            "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
        psql -At -c "SELECT segment || ' ' || method || ' ' || feature || ' ' || score FROM $SCHEMA.drift_report
            WHERE monitor = 'segmented' AND run_date = '2026-03-03' ORDER BY feature, method, segment NULLS FIRST" \
            > "$WORK/report-night2-$2-$3.txt"
    }
    echo "== second night (floor: COPY of the new day, features and country: ${floor_day} s)"
    printf "%-7s %8s %8s %9s %11s %12s %-6s %9s  %s\n" build job profile "job/floor" "profile/floor" rows_scanned \
        baseline wall "load (1, 5, 15 min)"
    if [ -n "${BEFORE_JAR:-}" ]; then
        for i in $(seq 1 "${REPEAT:-3}"); do
            night2 "$BEFORE_JAR" before "$i"
            night2 "$JAR" after "$i"
        done
        if cmp -s "$WORK/report-night2-before-1.txt" "$WORK/report-night2-after-1.txt"; then
            echo "drift_report of the second night: identical (segment, method, feature, score) before and after"
        else
            echo "drift_report of the second night DIFFERS before and after:"
            diff "$WORK/report-night2-before-1.txt" "$WORK/report-night2-after-1.txt" | head -20
        fi
    else
        night2 "$JAR" after 1
    fi
fi
drop_schemas "$SCHEMA"
