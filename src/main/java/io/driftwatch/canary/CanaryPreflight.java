package io.driftwatch.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.driftwatch.source.ColumnInfo;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.db.SqlIdentifier;

/**
 * canaryJob's check before any log is read: thresholds in range; for prediction logs, table and
 * column names that are plain identifiers and exist with usable types; and two versions that the
 * source holds rows of (at any time: a known version with no rows in the window is a matter of
 * traffic, judged INCONCLUSIVE). Every problem found is reported at once.
 */
class CanaryPreflight {

    /** At most this many known versions are listed in a message. */
    private static final int LISTED_VERSIONS = 20;
    private static final Set<String> NUMERIC = Set.of(LogSource.LATENCY, LogSource.SCORE);
    /** Without these the versions cannot be looked up. */
    private static final Set<String> VERSION_LOOKUP = Set.of(LogSource.MODEL, LogSource.VERSION);

    private final CanaryProperties properties;
    private final JdbcSchemaInspector inspector;
    private final JdbcPredictionLogSource logs;
    private final JdbcCanaryMetricsSource metrics;

    CanaryPreflight(CanaryProperties properties, JdbcSchemaInspector inspector, JdbcPredictionLogSource logs,
                    JdbcCanaryMetricsSource metrics) {
        this.properties = properties;
        this.inspector = inspector;
        this.logs = logs;
        this.metrics = metrics;
    }

    /** @throws CanaryConfigurationException listing every problem */
    void check(CanaryRequest request) {
        List<CanaryProblem> problems = new ArrayList<>(properties.thresholdProblems());
        boolean logsInput = request.input() == CanaryRequest.Input.LOGS;
        if (!logsInput || logTableUsable(request.mode(), problems)) {
            String where = logsInput ? properties.getTable() : "canary_metrics";
            version("baselineVersion", request.model(), request.baselineVersion(), logsInput, where, problems);
            version("candidateVersion", request.model(), request.candidateVersion(), logsInput, where, problems);
        }
        if (!problems.isEmpty()) {
            throw new CanaryConfigurationException(problems);
        }
    }

    /** Records the log table's problems; true when the versions can be looked up in it. */
    private boolean logTableUsable(CanaryRequest.Mode mode, List<CanaryProblem> problems) {
        Map<String, SqlIdentifier> names = LogSource.parse(properties, problems);
        SqlIdentifier table = names.get(LogSource.TABLE);
        if (table == null) {
            return false;
        }
        Map<String, ColumnInfo> columns = inspector.columns(table);
        if (columns == null) {
            problems.add(new CanaryProblem(LogSource.TABLE, table.toString(), "table " + table + " does not exist",
                    "create it (the migrations create prediction_log) or set the exact, case-sensitive name of your"
                            + " prediction log table"));
            return false;
        }
        boolean lookup = names.keySet().containsAll(VERSION_LOOKUP);
        for (Map.Entry<String, SqlIdentifier> name : names.entrySet()) {
            String key = name.getKey();
            boolean needed = !key.equals(LogSource.TABLE)
                    && (mode == CanaryRequest.Mode.SHADOW || !key.equals(LogSource.REQUEST_ID));
            if (needed && !column(table, columns, key, name.getValue().name(), problems)) {
                lookup &= !VERSION_LOOKUP.contains(key);
            }
        }
        return lookup;
    }

    /** Records a problem unless the column exists with a usable type; true when it exists. */
    private static boolean column(SqlIdentifier table, Map<String, ColumnInfo> columns, String key, String column,
                                  List<CanaryProblem> problems) {
        ColumnInfo info = columns.get(column);
        if (info == null) {
            String spelled = columns.keySet().stream().filter(c -> c.equalsIgnoreCase(column)).findFirst().orElse(null);
            problems.add(new CanaryProblem(key, column, "table " + table + " has no column " + column, spelled != null
                    ? "the column is spelled '" + spelled + "' in the database; use that spelling"
                    : "name one of its columns: " + String.join(", ", columns.keySet())));
            return false;
        }
        if (NUMERIC.contains(key) && !info.isNumeric()) {
            problems.add(new CanaryProblem(key, column, "column " + table + "." + column + " is of type "
                    + info.typeName() + ", not numeric", "name a numeric column (seconds for the latency)"));
        } else if (key.equals(LogSource.TIMESTAMP) && !info.isTemporal()) {
            problems.add(new CanaryProblem(key, column, "column " + table + "." + column + " is of type "
                    + info.typeName() + ", not a timestamp", "name the TIMESTAMP column that says when a request was logged"));
        }
        return true;
    }

    private void version(String argument, String model, String version, boolean logsInput, String where,
                         List<CanaryProblem> problems) {
        if (logsInput ? logs.hasVersion(model, version) : metrics.hasVersion(model, version)) {
            return;
        }
        List<String> known = logsInput ? logs.versions(model, LISTED_VERSIONS + 1)
                : metrics.versions(model, LISTED_VERSIONS + 1);
        String fix = known.isEmpty() ? "check model=" + model + ": " + where + " has no rows of that model at all"
                : "use one of the model's versions: " + String.join(", ", known.subList(0, Math.min(LISTED_VERSIONS,
                        known.size()))) + (known.size() > LISTED_VERSIONS ? ", ..." : "");
        problems.add(new CanaryProblem(argument, version, "model '" + model + "' has no rows of this version in " + where,
                fix));
    }
}
