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
drop_schemas "$SCHEMA"
