package io.driftwatch.migration;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The documented shape (docs/tables.md) of a table that users fill and driftwatch creates only when it is missing:
 * its columns and the kind of value each holds. A table of this shape is adopted as it is.
 *
 * @param table     the table name
 * @param createdBy the migration version that creates it when it is missing
 * @param columns   column name to kind, in the documented order
 */
record TableShape(String table, String createdBy, Map<String, Kind> columns) {

    TableShape {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(createdBy, "createdBy");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The kinds of value a column may hold, and the JDBC types that hold them. */
    enum Kind {
        TEXT("text (VARCHAR)", Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR,
                Types.LONGNVARCHAR, Types.CLOB),
        DATE("DATE", Types.DATE),
        TIMESTAMP("a timestamp (TIMESTAMPTZ)", Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE),
        NUMBER("a number (DOUBLE PRECISION)", Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL,
                Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT),
        INTEGER("an integer (BIGINT)", Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.NUMERIC,
                Types.DECIMAL),
        BOOLEAN("BOOLEAN", Types.BOOLEAN, Types.BIT);

        private final String description;
        private final int[] jdbcTypes;

        Kind(String description, int... jdbcTypes) {
            this.description = description;
            this.jdbcTypes = jdbcTypes;
        }

        boolean accepts(int jdbcType) {
            for (int t : jdbcTypes) {
                if (t == jdbcType) {
                    return true;
                }
            }
            return false;
        }

        String description() {
            return description;
        }
    }

    /** The tables users fill, as driftwatch's migrations would create them. */
    static final List<TableShape> ADOPTABLE = List.of(
            new TableShape("model_performance", "2", ordered("model", Kind.TEXT, "metric_date", Kind.DATE,
                    "accuracy", Kind.NUMBER, "latency_seconds", Kind.NUMBER)),
            new TableShape("prediction_log", "5", ordered("request_id", Kind.TEXT, "model", Kind.TEXT,
                    "model_version", Kind.TEXT, "logged_at", Kind.TIMESTAMP, "latency_seconds", Kind.NUMBER,
                    "is_error", Kind.BOOLEAN, "score", Kind.NUMBER, "correct", Kind.BOOLEAN)),
            new TableShape("canary_metrics", "5", ordered("model", Kind.TEXT, "model_version", Kind.TEXT,
                    "period_start", Kind.TIMESTAMP, "period_end", Kind.TIMESTAMP, "requests", Kind.INTEGER,
                    "errors", Kind.INTEGER, "labeled", Kind.INTEGER, "correct", Kind.INTEGER,
                    "latency_mean_seconds", Kind.NUMBER, "latency_p99_seconds", Kind.NUMBER)));

    /** Tables that belong to driftwatch alone, with the migration version that creates each. */
    static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("batch_job_instance", "1"), Map.entry("batch_job_execution", "1"),
            Map.entry("batch_job_execution_params", "1"), Map.entry("batch_step_execution", "1"),
            Map.entry("batch_step_execution_context", "1"), Map.entry("batch_job_execution_context", "1"),
            Map.entry("drift_run", "2"), Map.entry("drift_report", "2"), Map.entry("window_profile", "2"),
            Map.entry("retraining_task", "2"), Map.entry("baseline_profile", "4"), Map.entry("canary_verdict", "5"),
            Map.entry("alert_state", "6"), Map.entry("bucket_profile", "11"), Map.entry("segment_profile", "12"),
            Map.entry("baseline_segment_plan", "13"), Map.entry("baseline_segment_profile", "13"));

    /**
     * What is wrong with an existing table of this name, or an empty list when it can be adopted.
     *
     * @param found the table's columns, lower-case name to JDBC type
     * @param typeNames the same columns' database type names, for the message
     */
    List<String> mismatches(Map<String, Integer> found, Map<String, String> typeNames) {
        List<String> wrong = new ArrayList<>();
        columns.forEach((column, kind) -> {
            Integer type = found.get(column);
            if (type == null) {
                wrong.add("column " + column + " is missing (" + kind.description() + ")");
            } else if (!kind.accepts(type)) {
                wrong.add("column " + column + " is " + typeNames.get(column).toUpperCase(Locale.ROOT) + ", not "
                        + kind.description());
            }
        });
        return wrong;
    }

    private static Map<String, Kind> ordered(Object... pairs) {
        Map<String, Kind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return map;
    }
}
