package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.demo.SyntheticDriftGenerator;

/**
 * Query sources end to end: a monitor of a join (with a filter and a computed column name) and a
 * monitor whose baseline is a WITH query report exactly what the monitor of the equivalent table
 * reports, window by window; the baseline cache works for queries as for tables. One subclass per
 * database.
 */
@SpringBootTest
@ActiveProfiles("querytest")
abstract class AbstractQuerySourceJobTests {

    static final int ROWS = 3_000;
    static final Instant BASELINE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant BASELINE_TO = Instant.parse("2026-02-01T00:00:00Z");
    static final List<String> MONITORS = List.of("by_table", "by_query", "by_mixed");

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;
    @Autowired io.driftwatch.config.MonitorCatalog catalog;
    @Autowired io.driftwatch.source.JdbcFeatureSource source;

    SyntheticDriftGenerator generator;

    @BeforeEach
    void tables() {
        generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable("qs_features");
        jdbc.execute("CREATE TABLE IF NOT EXISTS qs_facts (id BIGINT PRIMARY KEY, scored_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " income DOUBLE PRECISION, age INTEGER, credit_score DOUBLE PRECISION, debt_ratio DOUBLE PRECISION,"
                + " region VARCHAR(20), test_traffic BOOLEAN NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS qs_channels (id BIGINT PRIMARY KEY, channel VARCHAR(20))");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM qs_features", Long.class) == 0) {
            generator.insert("qs_features", BASELINE_FROM, BASELINE_TO, ROWS, Set.of(), 1);
            split(BASELINE_FROM, BASELINE_TO);
        }
    }

    @Test
    void aJoinQueryAndAWithQueryBaselineReportWhatTheEquivalentTableReports() {
        LocalDate runDate = LocalDate.of(2026, 3, 2);
        givenWindow(runDate, Set.of("income", "region"), 2);

        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        Map<String, String> byTable = reports("by_table", runDate);
        assertThat(byTable).hasSize(6 * 2 + 4);
        assertThat(drifted("by_table", runDate)).contains("income", "region").doesNotContain("age");
        assertThat(reports("by_query", runDate)).isEqualTo(byTable);
        assertThat(reports("by_mixed", runDate)).isEqualTo(byTable);
        for (String monitor : MONITORS) {
            assertThat(rows(monitor, runDate)).as(monitor).isEqualTo(Map.of("baseline_rows", (long) ROWS,
                    "current_rows", (long) ROWS));
        }
        assertThat(jdbc.queryForObject("SELECT baseline_table FROM drift_run WHERE monitor = 'by_mixed' AND run_date = ?",
                String.class, runDate)).startsWith("query: WITH january AS");
    }

    @Test
    void aQuerysBaselineIsCachedWhileItsRowsAreUnchangedAndScannedAgainWhenTheyChange() {
        LocalDate first = LocalDate.of(2026, 3, 10);
        LocalDate second = first.plusDays(1);
        LocalDate third = first.plusDays(2);
        givenWindow(first, Set.of(), 10);
        givenWindow(second, Set.of(), 11);
        givenWindow(third, Set.of(), 12);

        assertThat(launcher.launch(first).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(launcher.launch(second).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        // One more January row reaches the query (not the table): its baseline is no longer the cached one.
        long id = jdbc.queryForObject("SELECT MAX(id) FROM qs_facts", Long.class) + 1;
        jdbc.update("INSERT INTO qs_facts VALUES (?, ?, 50000, 40, 680, 0.35, 'north', false)", id,
                Instant.parse("2026-01-15T12:00:00Z").atOffset(ZoneOffset.UTC));
        jdbc.update("INSERT INTO qs_channels VALUES (?, 'web')", id);
        try {
            assertThat(launcher.launch(third).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        } finally {
            // the other tests judge the original baseline
            jdbc.update("DELETE FROM qs_channels WHERE id = ?", id);
            jdbc.update("DELETE FROM qs_facts WHERE id = ?", id);
        }

        assertThat(baselineSource("by_query", second)).isEqualTo("cache");
        assertThat(baselineSource("by_mixed", second)).isEqualTo("cache");
        assertThat(baselineSource("by_query", third)).isEqualTo("scan");
        assertThat(baselineSource("by_table", third)).isEqualTo("cache");
        assertThat(rows("by_query", third).get("baseline_rows")).isEqualTo((long) ROWS + 1);
    }

    /** The night before {@code runDate} in qs_features, and the same rows split into facts and channels. */
    /** A query's baseline data (row count, latest timestamp) is the same text in every JVM zone. */
    @Test
    void aQuerysBaselineDataDoesNotDependOnTheJvmZone() {
        io.driftwatch.config.Monitor monitor = catalog.require("by_query");
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        List<String> texts = new java.util.ArrayList<>();
        try {
            for (String zone : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
                texts.add(source.baselineData(monitor, ZoneOffset.UTC));
            }
        } finally {
            java.util.TimeZone.setDefault(saved);
        }

        assertThat(texts).containsOnly(texts.get(0));
        assertThat(texts.get(0)).matches("rows=\\d+;latest=2026-01-31T\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
    }

    void givenWindow(LocalDate runDate, Set<String> shifted, long seed) {
        Instant from = runDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = runDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        generator.insert("qs_features", from, to, ROWS, shifted, seed);
        split(from, to);
    }

    /**
     * Copies {@code [from, to)} of qs_features into qs_facts and qs_channels (ids by timestamp, which is unique),
     * plus test traffic in the same interval with values far outside the real ones, which the query filters out.
     */
    private void split(Instant from, Instant to) {
        long offset = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM qs_facts", Long.class);
        Object[] window = {from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)};
        String numbered = "SELECT " + offset + " + ROW_NUMBER() OVER (ORDER BY scored_at) AS id, q.* FROM qs_features q"
                + " WHERE scored_at >= ? AND scored_at < ?";
        jdbc.update("INSERT INTO qs_facts (id, scored_at, income, age, credit_score, debt_ratio, region, test_traffic)"
                + " SELECT id, scored_at, income, age, credit_score, debt_ratio, region, false FROM (" + numbered + ") n", window);
        jdbc.update("INSERT INTO qs_channels (id, channel) SELECT id, channel FROM (" + numbered + ") n", window);
        long testId = jdbc.queryForObject("SELECT MAX(id) FROM qs_facts", Long.class);
        for (int i = 1; i <= 200; i++) {
            jdbc.update("INSERT INTO qs_facts VALUES (?, ?, 1e9, 99, 1, 9, 'test', true)", testId + i,
                    from.plusSeconds(i * 60L).atOffset(ZoneOffset.UTC));
            jdbc.update("INSERT INTO qs_channels VALUES (?, 'load-test')", testId + i);
        }
    }

    /** feature/method → score, p-value and verdict of one monitor's run. */
    Map<String, String> reports(String monitor, LocalDate runDate) {
        Map<String, String> reports = new java.util.TreeMap<>();
        jdbc.queryForList("SELECT feature, method, score, p_value, drifted FROM drift_report WHERE monitor = ? AND run_date = ?",
                monitor, runDate).forEach(r -> reports.put(r.get("feature") + "/" + r.get("method"),
                r.get("score") + " p=" + r.get("p_value") + " drifted=" + r.get("drifted")));
        return reports;
    }

    List<String> drifted(String monitor, LocalDate runDate) {
        return jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE monitor = ? AND run_date = ? AND drifted",
                String.class, monitor, runDate);
    }

    Map<String, Long> rows(String monitor, LocalDate runDate) {
        Map<String, Object> run = jdbc.queryForMap("SELECT baseline_rows, current_rows FROM drift_run WHERE monitor = ?"
                + " AND run_date = ?", monitor, runDate);
        return Map.of("baseline_rows", ((Number) run.get("baseline_rows")).longValue(),
                "current_rows", ((Number) run.get("current_rows")).longValue());
    }

    String baselineSource(String monitor, LocalDate runDate) {
        return jdbc.queryForObject("SELECT baseline_source FROM drift_run WHERE monitor = ? AND run_date = ?", String.class,
                monitor, runDate);
    }
}
