package io.driftwatch.canary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftwatch.db.SqlIdentifier;

/**
 * Where the prediction log is: its table and the column of each field, as configured under
 * {@code driftwatch.canary.*}. Each name must be a plain SQL identifier; statements quote it.
 */
final class LogSource {

    static final String TABLE = "driftwatch.canary.table";
    static final String REQUEST_ID = "driftwatch.canary.request-id-column";
    static final String MODEL = "driftwatch.canary.model-column";
    static final String VERSION = "driftwatch.canary.version-column";
    static final String TIMESTAMP = "driftwatch.canary.timestamp-column";
    static final String LATENCY = "driftwatch.canary.latency-column";
    static final String ERROR = "driftwatch.canary.error-column";
    static final String SCORE = "driftwatch.canary.score-column";
    static final String CORRECT = "driftwatch.canary.correct-column";

    private LogSource() {
    }

    /** The configured names by key, the table first. */
    static Map<String, String> configured(CanaryProperties p) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(TABLE, p.getTable());
        names.put(REQUEST_ID, p.getRequestIdColumn());
        names.put(MODEL, p.getModelColumn());
        names.put(VERSION, p.getVersionColumn());
        names.put(TIMESTAMP, p.getTimestampColumn());
        names.put(LATENCY, p.getLatencyColumn());
        names.put(ERROR, p.getErrorColumn());
        names.put(SCORE, p.getScoreColumn());
        names.put(CORRECT, p.getCorrectColumn());
        return names;
    }

    /**
     * The configured names by key, parsed; those that are not plain identifiers (or columns qualified with a schema)
     * are left out and added to {@code problems}.
     */
    static Map<String, SqlIdentifier> parse(CanaryProperties p, List<CanaryProblem> problems) {
        Map<String, SqlIdentifier> names = new LinkedHashMap<>();
        configured(p).forEach((key, value) -> {
            try {
                SqlIdentifier name = SqlIdentifier.parse(value);
                if (!key.equals(TABLE) && name.schema() != null) {
                    throw new IllegalArgumentException("'" + value + "' names a column with a schema");
                }
                names.put(key, name);
            } catch (IllegalArgumentException e) {
                problems.add(new CanaryProblem(key, value, e.getMessage(), "use the plain name of the "
                        + (key.equals(TABLE) ? "table (optionally schema.table)" : "column") + ", without quotes"));
            }
        });
        return names;
    }
}
