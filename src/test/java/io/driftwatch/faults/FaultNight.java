package io.driftwatch.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.support.JarProcess;
import io.driftwatch.support.PostgresTestDatabase;

/**
 * One night of the loan monitor in a PostgreSQL schema of its own, copied from a template schema, so that a
 * fault trial and the uninterrupted reference run read the same rows and share nothing else (batch metadata,
 * baseline cache, retraining queue). {@link #rows()} is what a night leaves behind, without ids and times.
 */
final class FaultNight implements AutoCloseable {

    static final String RUN_DATE = "2026-03-02";

    static final String MONITORS = """
            driftwatch:
              monitors:
                - name: loans
                  model: credit-risk
                  source: { table: loan_features, timestamp-column: scored_at }
                  baseline: { table: loan_features, from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z }
                  window: P1D
                  features:
                    - { name: income, type: numeric }
                    - { name: age, type: numeric }
                    - { name: credit_score, type: numeric }
                    - { name: debt_ratio, type: numeric }
                    - { name: region, type: categorical }
                    - { name: channel, type: categorical }
                  methods: { numeric: [psi, ks, wasserstein, mean_shift], categorical: [psi, chisquare] }
            """;

    /** A January baseline and the window of {@link #RUN_DATE} (income and region shifted), random but fixed. */
    private static final String TEMPLATE_ROWS = """
            SELECT setseed(0.2026);
            CREATE TABLE loan_features (scored_at TIMESTAMP WITH TIME ZONE NOT NULL, income DOUBLE PRECISION,
                age INTEGER, credit_score DOUBLE PRECISION, debt_ratio DOUBLE PRECISION, region VARCHAR(20),
                channel VARCHAR(20));
            INSERT INTO loan_features
            SELECT timestamptz '2026-01-01 00:00:00+00' + i * interval '20 seconds', exp(10.4 + 0.5 * random()) * (1 + random()),
                   18 + floor(random() * 60)::int, 300 + 550 * random() * random(), random() * random(),
                   (ARRAY['north','south','east','west','central'])[1 + floor(random() * random() * 5)::int],
                   (ARRAY['web','branch','partner'])[1 + floor(random() * 3)::int]
            FROM generate_series(0, %1$d - 1) AS i;
            INSERT INTO loan_features
            SELECT timestamptz '2026-03-01 00:00:00+00' + i * (interval '1 day' / %1$d), exp(10.5 + 0.5 * random()) * (1 + random()),
                   18 + floor(random() * 60)::int, 300 + 550 * random() * random(), random() * random(),
                   (ARRAY['north','south','east','west','central'])[1 + floor(random() * 5)::int],
                   (ARRAY['web','branch','partner'])[1 + floor(random() * 3)::int]
            FROM generate_series(0, %1$d - 1) AS i;
            """;

    private final String url;
    private final String schema;
    private final JdbcTemplate jdbc;

    private FaultNight(String url) {
        this.url = url;
        this.schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length()).split("&")[0];
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
    }

    /** The template: {@code rows} baseline rows and {@code rows} window rows. */
    static FaultNight template(int rows) {
        FaultNight template = new FaultNight(PostgresTestDatabase.freshSchemaUrl("dw_faults_tpl"));
        for (String statement : TEMPLATE_ROWS.formatted(rows).split(";")) {
            if (!statement.isBlank()) {
                template.jdbc.execute(statement);
            }
        }
        return template;
    }

    /** A fresh schema holding a copy of the template's feature table and nothing else. */
    FaultNight copy() {
        FaultNight night = new FaultNight(PostgresTestDatabase.freshSchemaUrl("dw_fault"));
        night.jdbc.execute("CREATE TABLE loan_features AS SELECT * FROM " + schema + ".loan_features");
        return night;
    }

    /** The JDBC URL of this night's schema. */
    String url() {
        return url;
    }

    /** The application name of this night's connections, by which a test finds and terminates them. */
    String applicationName() {
        return "driftwatch-" + schema;
    }

    /** driftJob for {@link #RUN_DATE} on this schema, started now. */
    JarProcess start(Path monitors, String... extraArgs) throws IOException {
        return start(List.of(), monitors, extraArgs);
    }

    /** {@code backfill} of the loan monitor for {@link #RUN_DATE} alone on this schema, started now. */
    JarProcess startBackfill(Path monitors) throws IOException {
        return startCommand(monitors, "backfill", "monitor=loans", "from=" + RUN_DATE, "to=" + RUN_DATE);
    }

    /** {@code runs rerun} of the loan monitor for {@link #RUN_DATE} on this schema, started now. */
    JarProcess startRerun(Path monitors) throws IOException {
        return startCommand(monitors, "runs", "rerun", "monitor=loans", "runDate=" + RUN_DATE);
    }

    private JarProcess startCommand(Path monitors, String... words) throws IOException {
        List<String> args = new ArrayList<>(List.of("--spring.config.additional-location=file:" + monitors,
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + applicationName()));
        args.addAll(List.of(words));
        return JarProcess.start(List.of(), args, Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME",
                "postgres", "SPRING_DATASOURCE_PASSWORD", ""));
    }

    /**
     * driftJob held at the pause point {@code at} until {@code release} exists (the product's test-only
     * {@code driftwatch.test.pause-at}), so that a test can signal it at exactly that moment.
     */
    JarProcess startPaused(String at, Path release, Path monitors) throws IOException {
        return start(List.of("-Ddriftwatch.test.pause-at=" + at, "-Ddriftwatch.test.pause-until=" + release), monitors);
    }

    JarProcess start(List<String> jvmOptions, Path monitors, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--spring.config.additional-location=file:" + monitors,
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + applicationName(),
                "runDate=" + RUN_DATE));
        args.addAll(List.of(extraArgs));
        return JarProcess.start(jvmOptions, args, Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME",
                "postgres", "SPRING_DATASOURCE_PASSWORD", ""));
    }

    /** Ends every connection of this night's job, as an operator's or a failover's {@code pg_terminate_backend}. */
    int terminateBackends() {
        return jdbc.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = ?", Integer.class, applicationName());
    }

    /** The statuses of this schema's job executions, oldest first. */
    List<String> executionStatuses() {
        return jdbc.queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id", String.class);
    }

    /** Whether an execution of this night ended UNKNOWN and was recovered (its exit description says so). */
    boolean recoveredUnknown() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution WHERE exit_message LIKE"
                + " '%recovered by driftwatch: ended UNKNOWN%'", Long.class) > 0;
    }

    static Path writeMonitors(Path dir) throws IOException {
        return Files.writeString(dir.resolve("monitors.yaml"), MONITORS);
    }

    /**
     * What the night left: every report row with its scores, the run's outcome, the retraining tasks, and
     * whatever is still running or unknown in the batch metadata, in a stable order, without ids and times.
     */
    Map<String, List<Map<String, Object>>> rows() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("drift_report", jdbc.queryForList("""
                SELECT monitor, run_date, feature, feature_type, method, convention, status, score, threshold_kind,
                       threshold, warn_threshold, p_value, p_value_adjusted, drifted, severity, selected_because,
                       baseline_count, current_count, baseline_missing, current_missing, baseline_mean, current_mean,
                       baseline_std, current_std, CAST(details AS TEXT) AS details
                FROM drift_report ORDER BY monitor, run_date, feature, method"""));
        rows.put("drift_run", jdbc.queryForList("""
                SELECT monitor, model, run_date, window_start, window_end, status, baseline_rows, current_rows,
                       features_evaluated, features_drifted, drift_share, dataset_drift, performance_status,
                       retraining_decision, retraining_reason, baseline_fingerprint, failure_message
                FROM drift_run ORDER BY monitor, run_date"""));
        rows.put("retraining_task", jdbc.queryForList("""
                SELECT model, monitor, run_date, reason, priority, status, dedupe_key, attempts, max_attempts,
                       jsonb_array_length(CAST(evidence AS JSONB) -> 'drifted_features') AS evidence_features
                FROM retraining_task ORDER BY run_date, monitor"""));
        rows.put("unfinished executions", jdbc.queryForList("""
                SELECT 'job' AS kind, status FROM batch_job_execution WHERE status NOT IN ('COMPLETED', 'FAILED', 'STOPPED')
                UNION ALL
                SELECT 'step', status FROM batch_step_execution WHERE status NOT IN ('COMPLETED', 'FAILED', 'STOPPED')"""));
        return rows;
    }

    /**
     * What a night's rows become once the date is reprocessed ({@code runs rerun}) without interruption: the same,
     * except that the run's decision says its retraining task is the night's, {@code ALREADY_ENQUEUED} instead of
     * {@code ENQUEUED} (docs/tables.md); the task itself is not enqueued again.
     */
    static Map<String, List<Map<String, Object>>> reprocessed(Map<String, List<Map<String, Object>>> night) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>(night);
        rows.put("drift_run", night.get("drift_run").stream().map(run -> {
            Map<String, Object> again = new LinkedHashMap<>(run);
            if ("ENQUEUED".equals(run.get("retraining_decision"))) {
                again.put("retraining_decision", "ALREADY_ENQUEUED");
            }
            return again;
        }).toList());
        return rows;
    }

    /** Where {@code actual} differs from {@code expected}: table, row and column with both values; null when equal. */
    static String difference(Map<String, List<Map<String, Object>>> expected, Map<String, List<Map<String, Object>>> actual) {
        List<String> differences = new ArrayList<>();
        for (String table : expected.keySet()) {
            List<Map<String, Object>> want = expected.get(table);
            List<Map<String, Object>> got = actual.getOrDefault(table, List.of());
            if (want.size() != got.size()) {
                differences.add(table + ": " + got.size() + " rows instead of " + want.size() + ": " + got);
                continue;
            }
            for (int row = 0; row < want.size(); row++) {
                for (Map.Entry<String, Object> column : want.get(row).entrySet()) {
                    Object value = got.get(row).get(column.getKey());
                    if (!java.util.Objects.equals(column.getValue(), value)) {
                        differences.add(table + " row " + row + " " + want.get(row).get("feature") + "/"
                                + want.get(row).get("method") + " " + column.getKey() + ": " + value + " instead of "
                                + column.getValue());
                    }
                }
            }
        }
        return differences.isEmpty() ? null : String.join("\n", differences);
    }

    @Override
    public void close() {
        PostgresTestDatabase.dropSchemaOf(url);
    }
}
