# What the benchmark scripts (bench/*/run.sh) share. A script sources it from the repository's root:
#
#   cd "$(dirname "$0")/../.."
#   . bench/lib.sh
#
# It runs nothing itself; each function says what it sets or prints. The feature-table functions fill the arrays
# cols, selects and yaml, which the script declares (cols=(); selects=(); yaml=()).

# A value of a normal distribution with mean 100 and standard deviation 10 (Box-Muller), in SQL.
NORMAL="100 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())"

# pg_env: PGHOST, PGPORT, PGUSER and PGDATABASE (default 127.0.0.1, 5432, postgres, test), exported for psql.
pg_env() {
    PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; PGDATABASE=${PGDATABASE:-test}
    export PGHOST PGPORT PGUSER PGDATABASE
}

# find_jar [MVNW_ARGS...]: sets JAR, the jar to run: $JAR when set, else target/driftwatch-*.jar, packaged first
# (./mvnw -q MVNW_ARGS -DskipTests package) when target/ has none.
find_jar() {
    JAR=${JAR:-$(ls target/driftwatch-*.jar 2>/dev/null | grep -v original | head -1 || true)}
    if [ -z "$JAR" ]; then
        ./mvnw -q "$@" -DskipTests package
        JAR=$(ls target/driftwatch-*.jar | grep -v original | head -1)
    fi
}

# work_dir [GLOB]: sets WORK, a fresh directory removed when the script exits; with GLOB, the files of WORK that it
# matches are first copied to $LOGS when LOGS=dir is set. A script with more to do on exit sets its own EXIT trap
# and calls leave_work from it.
work_dir() {
    WORK=$(mktemp -d)
    WORK_LOGS=${1:-}
    trap leave_work EXIT
}
leave_work() {
    [ -n "$WORK_LOGS" ] && [ -n "${LOGS:-}" ] && mkdir -p "$LOGS" && cp "$WORK"/$WORK_LOGS "$LOGS"/ 2>/dev/null || true
    rm -rf "$WORK"
}

# now: the time, in seconds since the epoch to the nanosecond.
now() { date +%s.%N; }
# since START: the seconds from START (a value of now) to now.
since() { echo "$(now) - $1" | bc; }

# joined WORDS...: the words joined by commas.
joined() { local IFS=,; echo "$*"; }

# feature NAME numeric|categorical SQL: one more column of the generated table features: its definition (in cols),
# the SQL of its values (in selects) and its entry in the monitor's features (in yaml).
feature() {
    cols+=("$1 $([ "$2" = categorical ] && echo "varchar(16)" || echo "double precision")")
    selects+=("$3")
    yaml+=("        - { name: $1, type: $2 }")
}
# features F CATEGORICAL ROUNDED CONTINUOUS: the features f01 to fF (see feature), with the SQL of their values: every
# fourth one (f04, f08, ...) CATEGORICAL, the other even ones (f02, f06, ...) numeric and ROUNDED (few distinct values:
# exact profiles), the odd ones numeric and CONTINUOUS (as many distinct values as rows: sketch-mode profiles).
features() {
    local i name
    for i in $(seq 1 "$1"); do
        name=$(printf "f%02d" "$i")
        if [ $((i % 4)) -eq 0 ]; then
            feature "$name" categorical "$2"
        elif [ $((i % 2)) -eq 0 ]; then
            feature "$name" numeric "$3"
        else
            feature "$name" numeric "$4"
        fi
    done
}
# feature_names: the names of the features added so far, joined by commas.
feature_names() { joined "${cols[@]%% *}"; }

# split_at HALF: SQL for the scored_at of row g of a table whose rows from HALF on (cur) are the current day
# (2026-03-01) and the rows before the January baseline, both evenly spread.
split_at() {
    echo "CASE WHEN cur THEN timestamptz '2026-03-01 00:00:00+00' + (g - $1) * (interval '86399 seconds' / $1)
            ELSE timestamptz '2026-01-01 00:00:00+00' + g * (interval '31 days' / $1) END"
}

# load_features: a fresh schema $SCHEMA (dropped first when there) whose table features the SQL on stdin creates and
# fills; the table is then indexed on scored_at and analysed.
load_features() {
    {
        echo "SET client_min_messages = warning;"
        echo "DROP SCHEMA IF EXISTS $SCHEMA CASCADE;"
        echo "CREATE SCHEMA $SCHEMA;"
        echo "SET search_path = $SCHEMA;"
        cat
        echo "CREATE INDEX ON features (scored_at);"
        echo "VACUUM ANALYZE features;"
    } | psql -q -v ON_ERROR_STOP=1
}

# monitor_yaml NAME MODEL WINDOW THREADS [LINES]: a configuration of THREADS partition threads and one monitor over
# the table features with the January baseline, its window WINDOW and the features in yaml; LINES, when given (even
# empty), stand on their own before its features.
monitor_yaml() {
    local lines=""
    [ $# -lt 5 ] || lines="$5"$'\n'
    cat <<YAML
driftwatch:
  partition-threads: $4
  monitors:
    - name: $1
      model: $2
      source: { table: features, timestamp-column: scored_at }
      baseline: { from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z }
      window: $3
${lines}      features:
$(printf '%s\n' "${yaml[@]}")
YAML
}

# with_datasource SCHEMA POOL COMMAND...: runs COMMAND with driftwatch's database set to schema SCHEMA of
# $PGDATABASE on $PGHOST:$PGPORT as $PGUSER, with a pool of POOL connections.
with_datasource() {
    local schema=$1 pool=$2
    shift 2
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema" \
    SPRING_DATASOURCE_USERNAME=$PGUSER DRIFTWATCH_DB_POOL_SIZE=$pool "$@"
}

# run_jar HEAP CONFIG ARGS...: runs $JAR with JAVA_OPTS (default -XmxHEAP) on schema $SCHEMA, a pool of
# 2 x THREADS + 2 connections and the configuration file CONFIG added to its own.
run_jar() {
    local heap=$1 config=$2
    shift 2
    with_datasource "$SCHEMA" $((2 * THREADS + 2)) "${JAVA:-java}" ${JAVA_OPTS:--Xmx$heap} -jar "$JAR" \
        --spring.config.additional-location="file:$config" "$@"
}

# copy_floor COLUMNS FROM TO [FROM TO ...]: the seconds PostgreSQL takes to stream COLUMNS of $SCHEMA.features in
# these windows (FROM <= scored_at < TO) to a client, one COPY ... TO STDOUT into /dev/null per window: the floor
# that no job reading the same rows can beat.
copy_floor() {
    local columns=$1 start
    shift
    start=$(now)
    while [ $# -ge 2 ]; do
        psql -q -c "\\copy (SELECT $columns FROM $SCHEMA.features WHERE scored_at >= '$1' AND scored_at < '$2') TO '/dev/null'"
        shift 2
    done
    since "$start"
}

# steps_of_date SQL DATE CONDITION: SQL over the step executions s of the driftJob runs of runDate DATE in $SCHEMA
# that meet CONDITION.
steps_of_date() {
    psql -At -c "SELECT $1 FROM $SCHEMA.batch_step_execution s JOIN $SCHEMA.batch_job_execution_params p ON p.job_execution_id = s.job_execution_id AND p.parameter_name = 'runDate' WHERE p.parameter_value = '$2' AND $3"
}

# peaks LOG: the peak heap and RSS that a run's log reports.
peaks() { grep -o 'peak heap [0-9]* MiB, peak RSS [0-9a-z ]*' "$1"; }

# drop_schemas SCHEMA...: drops the schemas, unless KEEP=1.
drop_schemas() {
    [ "${KEEP:-0}" = 1 ] && return
    local schema
    for schema in "$@"; do
        psql -q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE"
    done
}

# test_classpath [FILE]: compiles the tests (./mvnw -q; MAVEN_ARGS=-o for offline) and sets TEST_CLASSPATH to the
# classes, the test classes and the test scope's libraries, whose path FILE (default target/bench-classpath.txt) keeps.
test_classpath() {
    local file=${1:-target/bench-classpath.txt}
    ./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$file" -Dmdep.includeScope=test
    TEST_CLASSPATH="target/test-classes:target/classes:$(cat "$file")"
}
