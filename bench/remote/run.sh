#!/usr/bin/env bash
# Remote partitioning benchmark (not a test): a fleet of M monitors, each over a table of its own with N rows
# (half in a January baseline, half in the current day) and 6 features, run by the packaged jar
#   1. locally (driftwatch.partitioning=local, THREADS partition threads),
#   2. remote with 1 worker and 3. remote with 2 workers (THREADS partition threads each),
#   4./5. one partition at a time, locally and remote with 1 worker, to isolate what the broker adds per partition.
# Every run has its own driftwatch schema (batch metadata, baseline cache) over the same feature tables. Prints each
# run's profile and drift step wall times, the sum of their partitions' own durations, and the overhead per partition.
#
#   bench/remote/run.sh                     # M=10 N=200000
#   M=10 N=1000000 THREADS=2 bench/remote/run.sh
#
# Needs: PostgreSQL (PGHOST/PGPORT/PGUSER/PGDATABASE, default 127.0.0.1:5432 postgres test), RabbitMQ at
# RABBIT_HOST:RABBIT_PORT (default 127.0.0.1:5672, guest/guest), psql, bc, Java 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

M=${M:-10}
N=${N:-200000}
THREADS=${THREADS:-2}
POLL=${POLL:-PT0.2S}
pg_env
RABBIT_HOST=${RABBIT_HOST:-127.0.0.1}; RABBIT_PORT=${RABBIT_PORT:-5672}
DATA=${SCHEMA:-dw_rbench}
find_jar
work_dir '*.log'
PIDS=()
stop_workers() { # a worker runs as the child of the subshell whose pid was recorded: SIGTERM both
    for pid in "${PIDS[@]}"; do kill $(pgrep -P "$pid") "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    PIDS=()
}
cleanup() {
    stop_workers
    leave_work
}
trap cleanup EXIT

half=$((N / 2))
echo "== generating $M tables x $N rows x 6 features in schema $DATA"
{
    echo "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $DATA CASCADE; CREATE SCHEMA $DATA; SET search_path = $DATA;"
    for m in $(seq -w 1 "$M"); do
        cat <<SQL
CREATE TABLE m$m (scored_at timestamptz NOT NULL, a double precision, b double precision, c double precision,
                  d double precision, e varchar(8), f varchar(8));
INSERT INTO m$m
SELECT $(split_at $half),
       $NORMAL + CASE WHEN cur THEN 2 ELSE 0 END,
       round((50 + 5 * random())::numeric, 1), random() * random(), exp(random()),
       'r' || floor(random() * 6)::int, 'c' || floor(power(random(), CASE WHEN cur THEN 1.5 ELSE 1 END) * 4)::int
FROM (SELECT g, g >= $half AS cur FROM generate_series(0, $N - 1) AS g) AS s;
CREATE INDEX ON m$m (scored_at);
SQL
    done
    echo "VACUUM ANALYZE;"
} | psql -q -v ON_ERROR_STOP=1

{
    echo "driftwatch:"
    echo "  monitors:"
    for m in $(seq -w 1 "$M"); do
        cat <<YAML
    - name: m$m
      model: model-$m
      source: { table: m$m, timestamp-column: scored_at }
      baseline: { from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z }
      window: P1D
      features:
        - { name: a, type: numeric }
        - { name: b, type: numeric }
        - { name: c, type: numeric }
        - { name: d, type: numeric }
        - { name: e, type: categorical }
        - { name: f, type: categorical }
YAML
    done
} > "$WORK/monitors.yaml"

jar() { # jar RUN LOG ARGS...: the packaged jar on the data schema with driftwatch's tables in schema dw_rbench_RUN
    local run=$1 log=$2; shift 2
    with_datasource "$DATA" $((2 * THREADS + 2)) java ${JAVA_OPTS:--Xmx512m} -jar "$JAR" --spring.config.additional-location="file:$WORK/monitors.yaml" \
        --driftwatch.schema="${DATA}_$run" "$@" > "$WORK/$log" 2>&1
}

run() { # run NAME WORKERS THREADS
    local name=$1 workers=$2 threads=$3 queue="driftwatch.bench.$1.$$" remote=() start end
    psql -q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS ${DATA}_$name CASCADE"
    if [ "$workers" -gt 0 ]; then
        remote=(--driftwatch.partitioning=remote --driftwatch.remote.host="$RABBIT_HOST" --driftwatch.remote.port="$RABBIT_PORT"
                --driftwatch.remote.queue="$queue" --driftwatch.remote.poll-interval="$POLL")
        # the first worker creates the schema; the others start once it is there
        for w in $(seq 1 "$workers"); do
            jar "$name" "$name-worker$w.log" "${remote[@]}" --driftwatch.role=worker --driftwatch.partition-threads="$threads" &
            PIDS+=($!)
            until grep -q "Worker ready" "$WORK/$name-worker$w.log" 2>/dev/null; do
                grep -q "exit [0-9]" "$WORK/$name-worker$w.log" 2>/dev/null && { tail -20 "$WORK/$name-worker$w.log"; exit 1; }
                sleep 1
            done
        done
    fi
    start=$(now)
    jar "$name" "$name-manager.log" "${remote[@]}" --driftwatch.partition-threads="$threads" runDate=2026-03-02 \
        || { tail -30 "$WORK/$name-manager.log"; exit 1; }
    end=$(now)
    stop_workers
    echo "$end - $start" | bc > "$WORK/$name.wall"
}

report() { # report NAME LABEL
    local name=$1 label=$2
    psql -q -At -F' ' <<SQL | while read -r step wall busy n; do
SET search_path = ${DATA}_$1;
SELECT m.step_name, extract(epoch FROM m.end_time - m.start_time),
       (SELECT sum(extract(epoch FROM p.end_time - p.start_time)) FROM batch_step_execution p
        WHERE p.job_execution_id = m.job_execution_id
          AND p.step_name LIKE CASE m.step_name WHEN 'profile' THEN 'profileWindow:%' ELSE 'featureDrift:%' END),
       (SELECT count(*) FROM batch_step_execution p WHERE p.job_execution_id = m.job_execution_id
          AND p.step_name LIKE CASE m.step_name WHEN 'profile' THEN 'profileWindow:%' ELSE 'featureDrift:%' END)
FROM batch_step_execution m WHERE m.step_name IN ('profile', 'drift') ORDER BY m.step_execution_id;
SQL
        printf "%-34s %-8s wall %7.2f s   partitions %3d, their own time %7.2f s\n" "$label" "$step" "$wall" "$n" "$busy"
        echo "$step $wall $busy $n" >> "$WORK/$name.steps"
    done
    printf "%-34s process wall %.1f s (JVM start included)\n" "$label" "$(cat "$WORK/$name.wall")"
}

echo "== runs (M=$M monitors, N=$N rows each, partition-threads=$THREADS, $(nproc) cores)"
run local 0 "$THREADS";  report local "local ($THREADS threads)"
run r1 1 "$THREADS";     report r1 "remote, 1 worker x $THREADS threads"
run r2 2 "$THREADS";     report r2 "remote, 2 workers x $THREADS threads"
run seq 0 1;             report seq "local, 1 thread"
run rseq 1 1;            report rseq "remote, 1 worker x 1 thread"

echo
echo "== ratios (step wall against local with the same threads)"
for step in profile drift; do
    l=$(awk -v s=$step '$1==s {print $2}' "$WORK/local.steps")
    for r in r1 r2; do
        w=$(awk -v s=$step '$1==s {print $2}' "$WORK/$r.steps")
        echo "  $step: $r / local = $(echo "scale=2; $w / $l" | bc)"
    done
done
echo "== what the broker adds per partition (one partition at a time: step wall minus the partitions' own time)"
for step in profile drift; do
    read -r _ lw lb n < <(awk -v s=$step '$1==s' "$WORK/seq.steps")
    read -r _ rw rb rn < <(awk -v s=$step '$1==s' "$WORK/rseq.steps")
    echo "  $step: local $(echo "scale=1; 1000 * ($lw - $lb) / $n" | bc) ms, remote $(echo "scale=1; 1000 * ($rw - $rb) / $rn" | bc) ms per partition" \
         "(remote includes up to one poll interval, $POLL, per step)"
done
drop_schemas "$DATA" "${DATA}_local" "${DATA}_r1" "${DATA}_r2" "${DATA}_seq" "${DATA}_rseq"
