package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.ConsolePrinter;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.html.SegmentPageTests;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSegmentPlanner;
import io.driftwatch.source.SegmentPlan;
import io.driftwatch.source.WindowProfile;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.telemetry.RunEvents;
import io.driftwatch.telemetry.RunSummary;

/**
 * Segments in the nightly job, on a real database: a drift that only one 5 % segment carries is caught for that
 * segment and stays invisible in the whole population, with the scores, p-values and adjusted p-values of
 * {@code tools/reference/segments_reference.py} (scipy), one family across segments and features; a segment
 * column with a distinct value per row costs {@code max} segments, not one per value.
 */
@SpringBootTest
@ActiveProfiles("segmentstest")
abstract class AbstractSegmentsJobTests implements SegmentPageTests {

    static final LocalDate NIGHT = LocalDate.of(2026, 5, 2);
    private static final String FIXTURE = "/reference/segments_fixture.csv";
    private static final String REFERENCE = "/reference/segments_reference.json";

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;
    @Autowired JdbcDriftRunDao runs;
    @Autowired JdbcDriftReportDao reports;
    @Autowired MonitorCatalog catalog;
    @Autowired JdbcFeatureSource source;
    @Autowired JdbcSegmentPlanner planner;
    @Autowired ApplicationContext context;

    @Override
    public ApplicationContext segmentContext() {
        return context;
    }

    @Override
    public LocalDate segmentNight() {
        return NIGHT;
    }

    /** Rows of the wide table per window (each with its own segment value). */
    abstract int wideRowsPerWindow();

    @BeforeEach
    void oneNight() throws IOException {
        jdbc.execute("CREATE TABLE IF NOT EXISTS segment_features (scored_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " amount DOUBLE PRECISION, channel VARCHAR(10), country VARCHAR(10))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS wide_segments (scored_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " amount DOUBLE PRECISION, user_id VARCHAR(20))");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM segment_features", Long.class) > 0) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",", -1);
                rows.add(new Object[] {OffsetDateTime.parse(f[0]), Double.parseDouble(f[1]), f[2], f[3].isEmpty() ? null : f[3]});
            }
        }
        jdbc.batchUpdate("INSERT INTO segment_features VALUES (?, ?, ?, ?)", rows);
        // One distinct user_id per row: January holds u1..uN, the current day v1..vN (all new).
        int n = wideRowsPerWindow();
        jdbc.update(wideInsert(), n, n);
        // H2 answers the planner's NOT EXISTS with an index lookup per row; without one it compares every pair.
        jdbc.execute("CREATE INDEX IF NOT EXISTS wide_segments_user_ix ON wide_segments (user_id)");
        assertThat(launcher.launch(NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
    }

    /**
     * Inserts {@code ?} January rows and {@code ?} rows of 2026-05-01, user_id distinct per row and amount too (so its
     * profiles are sketches, not exact tables).
     */
    abstract String wideInsert();

    @Test
    void aDriftInsideAFivePercentSegmentIsCaughtThereAndInvisibleInThePopulationWithScipysValues() throws IOException {
        JsonNode reference = JsonMapper.builder().build().readTree(getClass().getResourceAsStream(REFERENCE));
        int checked = 0;
        for (JsonNode expected : reference.get("amount_ks")) {
            String segment = expected.get("segment").isNull() ? null : expected.get("segment").asString();
            Map<String, Object> row = ksRow("segments", segment);
            assertThat(((Number) row.get("baseline_count")).longValue()).as(segment)
                    .isEqualTo(expected.get("baseline_count").asLong());
            assertThat(((Number) row.get("current_count")).longValue()).as(segment)
                    .isEqualTo(expected.get("current_count").asLong());
            if (!expected.has("p_value")) {
                assertThat(row.get("status")).as(segment).isEqualTo("INSUFFICIENT_DATA");
                assertThat(row.get("drifted")).isEqualTo(false);
                continue;
            }
            assertThat(((Number) row.get("score")).doubleValue()).as(segment)
                    .isCloseTo(expected.get("statistic").asDouble(), within(1e-12));
            double p = expected.get("p_value").asDouble();
            assertThat(((Number) row.get("p_value")).doubleValue()).as(segment)
                    .isCloseTo(p, within(Math.max(1e-9 * p, 1e-14)));
            double adjusted = expected.get("p_value_adjusted").asDouble();
            assertThat(((Number) row.get("p_value_adjusted")).doubleValue()).as(segment)
                    .isCloseTo(adjusted, within(Math.max(1e-9 * adjusted, 1e-14)));
            assertThat(row.get("drifted")).as(segment).isEqualTo(expected.get("drifted").asBoolean());
            checked++;
        }
        assertThat(checked).isEqualTo(7); // the population, US, DE, FR, LU, (missing), (other)
        assertThat(jdbc.queryForList("SELECT DISTINCT segment FROM drift_report WHERE monitor = 'segments' AND drifted",
                String.class)).containsExactly("country=LU");
        assertThat(jdbc.queryForObject("SELECT features_drifted FROM drift_run WHERE monitor = 'segments'", Integer.class))
                .isZero();
    }

    @Test
    void segmentsAreTheTopMaxOfTheBaselineTheNewValuesAndThePooledRestWithOneRowPerSegmentFeatureAndMethod() {
        assertThat(jdbc.queryForList("SELECT DISTINCT segment FROM drift_report WHERE monitor = 'segments'"
                + " AND segment IS NOT NULL ORDER BY segment", String.class)).containsExactly("country=(missing)",
                "country=(other)", "country=DE", "country=FR", "country=LU", "country=US", "country=XX");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE monitor = 'segments'", Integer.class))
                .isEqualTo(2 * 8); // (population + 7 segments) x (amount ks, channel psi)
        Map<String, Object> other = ksRow("segments", "country=(other)");
        assertThat(other.get("baseline_count")).isEqualTo(120L); // BE and NL
        Map<String, Object> fresh = ksRow("segments", "country=XX");
        assertThat(fresh.get("baseline_count")).isEqualTo(0L);
        assertThat(fresh.get("current_count")).isEqualTo(100L);
    }

    @Test
    void aSegmentThatDecidesAsksForRetrainingAndOneThatDoesNotIsANote() {
        DriftRun deciding = runs.find("segments", NIGHT).orElseThrow();
        assertThat(deciding.retrainingReason()).contains("segment drift: country=LU: 1 of 2 features drifted: amount ks");
        assertThat(jdbc.queryForList("SELECT reason FROM retraining_task WHERE monitor = 'segments'", String.class))
                .singleElement().asString().contains("segment drift: country=LU: 1 of 2 features drifted: amount ks");
        DriftRun observing = runs.find("observed", NIGHT).orElseThrow();
        assertThat(observing.retrainingDecision().name()).isEqualTo("NOT_NEEDED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE monitor = 'observed'", Integer.class))
                .isZero();
        assertThat(observing.retrainingReason()).contains("segment drift (segments decide: false): country=LU")
                .contains("segments new in the current window: country=XX (100 rows)");
    }

    @Test
    void theSummaryListsTheDriftedAndTheNewSegments() {
        DriftRun run = runs.find("segments", NIGHT).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).print(new RunSummary.OfDate(NIGHT,
                List.of(new RunSummary(run, reports.findByRun(run.id()), null, reports.findSegmentsByRun(run.id())))));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  drifted segment country=LU: amount ks\n")
                .contains("  new in the current window: country=XX (100 rows)\n")
                .doesNotContain("drifted segment country=US");
    }

    /** The summary driftJob itself publishes at the end of a real run (not one built here) prints the segments. */
    @Test
    void thePublishedSummaryOfARealRunPrintsTheDriftedAndTheNewSegments() {
        List<RunEvents.DatePublished> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof RunEvents.DatePublished d) {
                published.add(d);
            }
        };
        ApplicationEventMulticaster multicaster = context.getBean(
                AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class);
        multicaster.addApplicationListener(listener);
        try {
            assertThat(launcher.rerun("observed", NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        } finally {
            multicaster.removeApplicationListener(listener);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(published).isNotEmpty();
        new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).print(published.get(published.size() - 1)
                .summary());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("monitor observed ");
        String observed = text.substring(text.indexOf("monitor observed "));
        observed = observed.contains("\nmonitor ") ? observed.substring(0, observed.indexOf("\nmonitor ")) : observed;
        assertThat(observed).contains("  drifted segment country=LU: amount ks\n")
                .contains("  new in the current window: country=XX (100 rows)\n")
                .doesNotContain("drifted segment country=US");
    }

    @Test
    void populationAndSegmentRowsStayUniqueAndARerunReplacesThemInPlace() {
        long runId = runs.find("segments", NIGHT).orElseThrow().id();
        assertThatThrownBy(() -> duplicate(runId, "segment IS NULL")).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> duplicate(runId, "segment = 'country=LU'"))
                .isInstanceOf(DataIntegrityViolationException.class);
        List<Map<String, Object>> before = reportRows();
        assertThat(launcher.rerun("segments", NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(reportRows()).isEqualTo(before);
    }

    @Test
    void aMillionDistinctValuesCostMaxSegmentsAndOneSegmentOfTheRest() {
        int n = wideRowsPerWindow();
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT segment, baseline_count, current_count FROM drift_report"
                + " WHERE monitor = 'wide' AND segment IS NOT NULL ORDER BY segment");
        // 20 top values of the baseline (one row each), 20 new values of the current day, and (other)
        assertThat(rows).hasSize(41);
        Map<String, Object> other = rows.stream().filter(r -> "user_id=(other)".equals(r.get("segment"))).findFirst()
                .orElseThrow();
        assertThat(((Number) other.get("baseline_count")).longValue()).isEqualTo(n - 20);
        assertThat(((Number) other.get("current_count")).longValue()).isEqualTo(n - 20);
        assertThat(rows.stream().filter(r -> ((Number) r.get("baseline_count")).longValue() == 0)).hasSize(20);
        assertThat(jdbc.queryForObject("SELECT current_count FROM drift_report WHERE monitor = 'wide' AND segment IS NULL",
                Long.class)).isEqualTo(n);
    }

    @Test
    void thePopulationOfASegmentedPassIsBitIdenticalToAPlainPassAndItsSegmentsPartitionTheRows() {
        for (String name : List.of("segments", "wide")) {
            Monitor monitor = catalog.require(name);
            boolean current = name.equals("segments");
            Instant from = current ? monitor.windowStart(NIGHT, catalog.zone()) : monitor.baseline().from();
            Instant to = current ? monitor.windowEnd(NIGHT, catalog.zone()) : monitor.baseline().to();
            List<SegmentPlan> plans = planner.plan(monitor, monitor.windowStart(NIGHT, catalog.zone()),
                    monitor.windowEnd(NIGHT, catalog.zone()), catalog.zone());

            WindowProfile plain = source.profile(monitor, monitor.source(), from, to, catalog.zone(), null);
            WindowProfile segmented = source.profile(monitor, monitor.source(), from, to, catalog.zone(), null, plans);

            assertThat(segmented.rowsRead()).as(name).isEqualTo(plain.rowsRead());
            plain.features().forEach((feature, profile) -> assertThat(segmented.features().get(feature).toBytes())
                    .as(name + "." + feature).isEqualTo(profile.toBytes()));
            assertThat(segmented.segments().values().stream().mapToLong(WindowProfile.Segment::rowsRead).sum()).as(name)
                    .isEqualTo(plain.rowsRead());
        }
        assertThat(planner.plan(catalog.require("segments"), catalog.require("segments").windowStart(NIGHT, catalog.zone()),
                catalog.require("segments").windowEnd(NIGHT, catalog.zone()), catalog.zone())).singleElement()
                .satisfies(plan -> {
                    assertThat(plan.top()).containsExactly("US", "DE", "FR", "LU");
                    assertThat(plan.fresh()).containsExactly("XX");
                    assertThat(plan.pooled()).isTrue();
                    assertThat(plan.moreFresh()).isFalse();
                });
    }

    private void duplicate(long runId, String which) {
        jdbc.update("INSERT INTO drift_report (run_id, monitor, run_date, feature, feature_type, method, convention, status,"
                + " threshold_kind, threshold, drifted, severity, baseline_count, current_count, baseline_missing,"
                + " current_missing, segment) SELECT run_id, monitor, run_date, feature, feature_type, method, convention,"
                + " status, threshold_kind, threshold, drifted, severity, baseline_count, current_count, baseline_missing,"
                + " current_missing, segment FROM drift_report WHERE run_id = ? AND feature = 'amount' AND " + which, runId);
    }

    private List<Map<String, Object>> reportRows() {
        return jdbc.queryForList("SELECT feature, method, segment, score, p_value, p_value_adjusted, drifted, baseline_count,"
                + " current_count FROM drift_report WHERE monitor = 'segments' ORDER BY feature, method, segment");
    }

    private Map<String, Object> ksRow(String monitor, String segment) {
        return segment == null
                ? jdbc.queryForMap("SELECT * FROM drift_report WHERE monitor = ? AND feature = 'amount' AND method = 'ks'"
                        + " AND segment IS NULL", monitor)
                : jdbc.queryForMap("SELECT * FROM drift_report WHERE monitor = ? AND feature = 'amount' AND method = 'ks'"
                        + " AND segment = ?", monitor, segment);
    }
}
