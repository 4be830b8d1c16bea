#!/usr/bin/env bash
# Process start-up of the packaged jar (not a test): one small night on PostgreSQL per run, each run a
# new date, under six launch set-ups, interleaved, REPEATS rounds:
#   17 jar        java -jar driftwatch.jar                          (JDK 17)
#   17 extracted  java -jar app/driftwatch.jar                      (java -Djarmode=tools -jar driftwatch.jar extract)
#   17 AppCDS     java -XX:SharedArchiveFile=app.jsa -jar app/...   (archive from one training run)
#   25 jar / 25 extracted / 25 AOT cache (-XX:AOTCache=app.aot)     (JDK 25)
# The training runs are the ones the image build does (docs/deployment.md): the extracted jar started with
# -Dspring.context.exit=onRefresh on the embedded in-memory database, so they touch no database.
# Per run it prints the process wall time, the JVM's time to a started context ("process running for"
# in Spring Boot's line), the time from launch to the job's first step (its "Job: [SimpleJob: [name=driftJob]] launched"
# line), and the job itself (first step to the end of the run), with the load average before and after.
#
#   bench/startup/run.sh                       # R=100000 rows per day, F=5, REPEATS=2
#   JDK17=/usr/lib/jvm/java-17-openjdk-amd64 JDK25=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup/run.sh
#
# Needs: PostgreSQL as for bench/drift/run.sh (PG* variables, SCHEMA default dw_startup, dropped after
# unless KEEP=1), psql, bc, both JDKs.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

R=${R:-100000}
F=${F:-5}
REPEATS=${REPEATS:-2}
JDK17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
pg_env
SCHEMA=${SCHEMA:-dw_startup}
find_jar
work_dir '*.log'
DAYS=$((6 * REPEATS + 1))

echo "== extracting $JAR; training runs (no database)"
"$JDK17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
APP=$(ls "$WORK"/app/*.jar)
start=$(now)
"$JDK17/bin/java" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$APP" \
    > "$WORK/train-17.log" 2>&1 || { tail -20 "$WORK/train-17.log"; exit 1; }
echo "JDK 17 AppCDS training: $(since "$start") s, archive $(du -m "$WORK/app.jsa" | cut -f1) MiB"
start=$(now)
"$JDK25/bin/java" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$APP" \
    > "$WORK/train-25.log" 2>&1 || { tail -20 "$WORK/train-25.log"; exit 1; }
echo "JDK 25 AOT cache training: $(since "$start") s, cache $(du -m "$WORK/app.aot" | cut -f1) MiB"

echo "== generating $DAYS days of $R rows x $F features and a January baseline of $((5 * R)) rows in $SCHEMA"
cols=(); selects=(); yaml=()
features "$F" "'c' || floor(random() * 12)::int" "$NORMAL" "$NORMAL"
load_features <<SQL
CREATE TABLE features (scored_at timestamptz NOT NULL, $(joined "${cols[@]}"));
INSERT INTO features SELECT timestamptz '2026-01-01 00:00:00+00' + g * (interval '31 days' / $((5 * R))),
       $(joined "${selects[@]}") FROM generate_series(0, $((5 * R)) - 1) AS g;
INSERT INTO features SELECT timestamptz '2026-03-01 00:00:00+00' + g * (interval '1 day' / $R),
       $(joined "${selects[@]}") FROM generate_series(0, $DAYS * $R - 1) AS g;
SQL
monitor_yaml bench bench-model P1D 2 > "$WORK/monitors.yaml"

day=0
# run LABEL JAVA_HOME OPTIONS... : the next date; prints one line
run() {
    local label=$1 home=$2; shift 2
    day=$((day + 1))
    local date; date=$(date -u -d "2026-03-01 + $day day" +%F)
    local log=$WORK/run-$day.log start end
    start=$(now)
    with_datasource "$SCHEMA" 6 "$home/bin/java" -Xms256m -Xmx256m "$@" \
        --spring.config.additional-location="file:$WORK/monitors.yaml" "runDate=$date" > "$log" 2>&1 || { tail -30 "$log"; exit 1; }
    end=$(now)
    local context first last
    context=$(grep -o 'process running for [0-9.]*' "$log" | grep -o '[0-9.]*$')
    first=$(date -d "$(grep -m1 'SimpleJob: \[name=driftJob\]\] launched' "$log" | cut -c1-24)" +%s.%N)
    last=$(date -d "$(grep 'DriftCommand .*peak heap' "$log" | tail -1 | cut -c1-24)" +%s.%N)
    printf '%-13s runDate=%s wall %6.2f s  context started %6.2f s  first step %6.2f s  job %6.2f s\n' "$label" "$date" \
        "$(echo "$end - $start" | bc)" "$context" "$(echo "$first - $start" | bc)" "$(echo "$last - $first" | bc)"
}

echo "== warm-up night (baseline scanned and cached): $(uptime)"
run "warm-up" "$JDK17" -jar "$JAR"
echo "== runs, $REPEATS round(s): $(uptime)"
for round in $(seq 1 "$REPEATS"); do
    run "17 jar" "$JDK17" -jar "$JAR"
    run "17 extracted" "$JDK17" -jar "$APP"
    run "17 AppCDS" "$JDK17" -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$APP"
    run "25 jar" "$JDK25" -jar "$JAR"
    run "25 extracted" "$JDK25" -jar "$APP"
    run "25 AOT cache" "$JDK25" -XX:AOTCache="$WORK/app.aot" -jar "$APP"
done
echo "== done: $(uptime)"
drop_schemas "$SCHEMA"
