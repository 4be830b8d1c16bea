package io.driftwatch.canary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.driftwatch.source.SqlIdentifier;

/**
 * Where the prediction log is: its table and the column of each field, as configured under
 * {@code driftwatch.canary.*}, each checked as a plain SQL identifier.
 */
record LogSource(SqlIdentifier table, SqlIdentifier requestId, SqlIdentifier model, SqlIdentifier version,
                 SqlIdentifier timestamp, SqlIdentifier latency, SqlIdentifier error, SqlIdentifier score,
                 SqlIdentifier correct) {

    static final String TABLE_KEY = "driftwatch.canary.table";

    /** The column keys (without the {@code driftwatch.canary.} prefix) with their configured value. */
    private static Map<String, String> columnKeys(CanaryProperties p) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("request-id-column", p.getRequestIdColumn());
        keys.put("model-column", p.getModelColumn());
        keys.put("version-column", p.getVersionColumn());
        keys.put("timestamp-column", p.getTimestampColumn());
        keys.put("latency-column", p.getLatencyColumn());
        keys.put("error-column", p.getErrorColumn());
        keys.put("score-column", p.getScoreColumn());
        keys.put("correct-column", p.getCorrectColumn());
        return keys;
    }

    /**
     * The configured names by key ({@value #TABLE_KEY} first, then {@code driftwatch.canary.*-column}), those that
     * are not plain identifiers left out and added to {@code problems}.
     */
    static Map<String, SqlIdentifier> parse(CanaryProperties p, List<CanaryProblem> problems) {
        Map<String, String> configured = new LinkedHashMap<>();
        configured.put(TABLE_KEY, p.getTable());
        columnKeys(p).forEach((key, value) -> configured.put("driftwatch.canary." + key, value));
        Map<String, SqlIdentifier> names = new LinkedHashMap<>();
        configured.forEach((key, value) -> {
            try {
                SqlIdentifier name = SqlIdentifier.parse(value);
                if (!key.equals(TABLE_KEY) && name.schema() != null) {
                    throw new IllegalArgumentException("'" + value + "' names a column with a schema");
                }
                names.put(key, name);
            } catch (IllegalArgumentException e) {
                problems.add(new CanaryProblem(key, value, e.getMessage(), "use the plain name of the "
                        + (key.equals(TABLE_KEY) ? "table (optionally schema.table)" : "column") + ", without quotes"));
            }
        });
        return names;
    }

    /**
     * The source as configured.
     *
     * @throws IllegalStateException when a name is not a plain identifier (canaryJob checks that first)
     */
    static LogSource of(CanaryProperties p) {
        List<CanaryProblem> problems = new java.util.ArrayList<>();
        Map<String, SqlIdentifier> names = parse(p, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0).toString());
        }
        Function<String, SqlIdentifier> column = key -> names.get("driftwatch.canary." + key);
        return new LogSource(names.get(TABLE_KEY), column.apply("request-id-column"), column.apply("model-column"),
                column.apply("version-column"), column.apply("timestamp-column"), column.apply("latency-column"),
                column.apply("error-column"), column.apply("score-column"), column.apply("correct-column"));
    }

    @Override
    public String toString() {
        return table + "(" + String.join(", ", List.of(requestId.toString(), model.toString(), version.toString(),
                timestamp.toString(), latency.toString(), error.toString(), score.toString(), correct.toString())) + ")";
    }
}
