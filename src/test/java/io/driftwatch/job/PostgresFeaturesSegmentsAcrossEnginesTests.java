package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.source.JdbcSegmentPlanner;
import io.driftwatch.source.SegmentPlan;
import io.driftwatch.support.FeatureFiles;
import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/**
 * Segments when the features live in PostgreSQL ({@code driftwatch.features.datasource.*}) and the reports in H2, and
 * one side of the comparison is a Parquet snapshot read by DuckDB: the planner cannot ask one engine for the current
 * window's values that the baseline lacks, so it looks the current window's most frequent values up in the other
 * engine. Both directions: a PostgreSQL table against a Parquet baseline, and Parquet files against a PostgreSQL
 * baseline table (whose integer segment column is compared as text). The expected plans come from one PostgreSQL
 * statement over the same rows.
 * <p>
 * The data: the generator's five regions and ages 18–90 in January (the baseline) and on 2026-05-01, plus region ZZ
 * (3 January rows, 40 current rows: rare in the baseline, frequent now, so not new), XX (30) and YY (20) only in the
 * current window, and age 99 (25 current rows, the most frequent of the ages the baseline lacks).
 */
@RequiresPostgres
@SpringBootTest
@ActiveProfiles("featuredbtest")
class PostgresFeaturesSegmentsAcrossEnginesTests {

    static final LocalDate NIGHT = LocalDate.of(2026, 5, 2);
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MAY1 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant MAY2 = Instant.parse("2026-05-02T00:00:00Z");
    private static final int REGIONS = 5;
    private static final int AGES = 3;
    private static String url;
    private static Path dir;

    @Autowired DriftCommand launcher;
    @Autowired JdbcSegmentPlanner planner;
    @Autowired MonitorCatalog catalog;
    /** The report database (H2). */
    @Autowired JdbcTemplate reports;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("driftwatch.features.datasource.url", PostgresFeaturesSegmentsAcrossEnginesTests::featureUrl);
        registry.add("driftwatch.features.datasource.username", () -> "postgres");
        // These monitors replace the profile's (a list is bound from one property source).
        monitor(registry, 0, "xe_table", Map.of("source.table", () -> "xe_features", "baseline.files",
                () -> files() + "/baseline/*.parquet"));
        monitor(registry, 1, "xe_files", Map.of("source.files", () -> files() + "/current/*.parquet",
                "baseline.table", () -> "xe_features", "baseline.from", JAN::toString, "baseline.to", FEB::toString));
    }

    private static void monitor(DynamicPropertyRegistry registry, int i, String name,
                                Map<String, Supplier<Object>> relations) {
        String p = "driftwatch.monitors[" + i + "].";
        registry.add(p + "name", () -> name);
        registry.add(p + "model", () -> name + "-model");
        registry.add(p + "source.timestamp-column", () -> "scored_at");
        relations.forEach((key, value) -> registry.add(p + key, value));
        registry.add(p + "features[0].name", () -> "income");
        registry.add(p + "features[0].type", () -> "numeric");
        registry.add(p + "features[1].name", () -> "channel");
        registry.add(p + "features[1].type", () -> "categorical");
        registry.add(p + "methods.numeric", () -> "psi");
        registry.add(p + "methods.categorical", () -> "psi");
        registry.add(p + "segments[0].column", () -> "region");
        registry.add(p + "segments[0].max", () -> REGIONS);
        registry.add(p + "segments[1].column", () -> "age");
        registry.add(p + "segments[1].max", () -> AGES);
    }

    /** Creates the feature schema, its rows and the Parquet files once. */
    private static synchronized String featureUrl() {
        if (url == null) {
            url = PostgresTestDatabase.freshSchemaUrl("dw_segview_xe");
            JdbcTemplate owner = owner();
            SyntheticDriftGenerator generator = new SyntheticDriftGenerator(owner);
            generator.createTable("xe_features");
            generator.insert("xe_features", JAN, FEB, 3_000, Set.of(), 1);
            generator.insert("xe_features", MAY1, MAY2, 3_000, Set.of(), 2);
            rows(owner, JAN.plusSeconds(7), 3, "ZZ", 40);
            rows(owner, MAY1.plusSeconds(7), 40, "ZZ", 41);
            rows(owner, MAY1.plusSeconds(11), 30, "XX", 42);
            rows(owner, MAY1.plusSeconds(13), 20, "YY", 43);
            rows(owner, MAY1.plusSeconds(17), 25, "north", 99);
            try {
                dir = Files.createTempDirectory("driftwatch-xe");
                Files.createDirectories(dir.resolve("baseline"));
                Files.createDirectories(dir.resolve("current"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FeatureFiles.write(owner, "xe_features", JAN, FEB, dir.resolve("baseline/part-0.parquet"));
            FeatureFiles.write(owner, "xe_features", MAY1, MAY2, dir.resolve("current/part-0.parquet"));
        }
        return url;
    }

    private static String files() {
        featureUrl();
        return dir.toString();
    }

    private static JdbcTemplate owner() {
        return new JdbcTemplate(new DriverManagerDataSource(featureUrl()));
    }

    private static void rows(JdbcTemplate owner, Instant at, int n, String region, int age) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {at.plusSeconds(60L * i).atOffset(ZoneOffset.UTC), 40_000.0 + 100 * i, age, region});
        }
        owner.batchUpdate("INSERT INTO xe_features (scored_at, income, age, credit_score, debt_ratio, region, channel)"
                + " VALUES (?, ?, ?, 680, 0.3, ?, 'web')", rows);
    }

    @AfterAll
    static void dropSchema() {
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }

    @Test
    void bothDirectionsPlanTheSegmentsOneStatementOfPostgreSqlFinds() {
        for (String name : List.of("xe_table", "xe_files")) {
            Monitor monitor = catalog.require(name);

            List<SegmentPlan> plans = planner.plan(monitor, MAY1, MAY2, catalog.zone());

            assertThat(plans).as(name).hasSize(2);
            SegmentPlan region = plans.get(0);
            assertThat(region.top()).as(name).isEqualTo(expectedTop("region", REGIONS)).hasSize(REGIONS);
            assertThat(region.fresh()).as(name).isEqualTo(expectedFresh("region")).containsExactly("XX", "YY");
            assertThat(region.pooled()).as(name + ": ZZ is pooled in the baseline").isTrue();
            assertThat(region.moreFresh()).as(name).isFalse();
            SegmentPlan age = plans.get(1);
            assertThat(age.top()).as(name).isEqualTo(expectedTop("age", AGES));
            assertThat(age.fresh()).as(name).isEqualTo(expectedFresh("age")).startsWith("99");
        }
    }

    @Test
    void bothDirectionsJudgeTheNewSegmentsAgainstAnEmptyBaselineAndPoolTheRareOne() {
        for (String name : List.of("xe_table", "xe_files")) {
            Outcome outcome = launcher.rerun(name, NIGHT);

            assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
            List<String> segments = reports.queryForList("SELECT DISTINCT segment FROM drift_report WHERE monitor = ?"
                    + " AND run_date = ? AND segment LIKE 'region=%' ORDER BY segment", String.class, name, NIGHT);
            List<String> expected = new ArrayList<>();
            expectedTop("region", REGIONS).forEach(v -> expected.add("region=" + v));
            // no region is NULL: a segment without rows on either side has no row
            expected.addAll(List.of("region=XX", "region=YY", "region=(other)"));
            assertThat(segments).as(name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(rows(name, "region=XX")).as(name).isEqualTo(List.of(0L, 30L));
            assertThat(rows(name, "region=(other)")).as(name + ": ZZ's rows").isEqualTo(List.of(3L, 40L));
            assertThat(rows(name, "age=99")).as(name).isEqualTo(List.of(0L, 25L));
        }
    }

    /**
     * A plan from the cached baseline (its top values, pooled flag and every value it holds) equals the plan that
     * reads both engines, in both directions and for the text and the integer segment column.
     */
    @Test
    void aPlanFromTheCachedBaselineEqualsThePlanThatReadsBothEngines() {
        for (String name : List.of("xe_table", "xe_files")) {
            Monitor monitor = catalog.require(name);
            for (Monitor.Segmentation s : monitor.segments()) {
                JdbcSegmentPlanner.Planned planned = planner.planned(monitor, s, MAY1, MAY2, catalog.zone());
                assertThat(planned.known()).as(name + " " + s.column()).isNotNull().containsAll(planned.plan().top());
                assertThat(planner.fromBaseline(monitor, s, planned.plan().top(), planned.plan().pooled(), planned.known(),
                        MAY1, MAY2, catalog.zone())).as(name + " " + s.column()).isEqualTo(planned.plan());
            }
        }
    }

    /** Across engines too, the second night of a cached baseline reads its current window alone and writes the same rows. */
    @Test
    void theSecondNightAcrossEnginesReadsOnlyTheCurrentWindowAndWritesTheSameRows() {
        long current = owner().queryForObject("SELECT COUNT(*) FROM xe_features WHERE scored_at >= ? AND scored_at < ?",
                Long.class, MAY1.atOffset(ZoneOffset.UTC), MAY2.atOffset(ZoneOffset.UTC));
        for (String name : List.of("xe_table", "xe_files")) {
            for (String table : List.of("baseline_profile", "baseline_segment_plan", "baseline_segment_profile")) {
                reports.update("DELETE FROM " + table + " WHERE monitor = ?", name);
            }
            assertThat(launcher.rerun(name, NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(run(name).get("baseline_source")).as(name).isEqualTo("scan");
            List<Map<String, Object>> scanned = written(name);

            assertThat(launcher.rerun(name, NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(run(name).get("baseline_source")).as(name).isEqualTo("cache");
            assertThat(((Number) run(name).get("rows_scanned")).longValue()).as(name).isEqualTo(current);
            assertThat(written(name)).as(name).isEqualTo(scanned);
        }
    }

    private Map<String, Object> run(String monitor) {
        return reports.queryForMap("SELECT * FROM drift_run WHERE monitor = ? AND run_date = ?", monitor, NIGHT);
    }

    private List<Map<String, Object>> written(String monitor) {
        return reports.queryForList("SELECT feature, method, segment, status, score, p_value, drifted, baseline_count,"
                + " current_count FROM drift_report WHERE monitor = ? AND run_date = ? ORDER BY feature, method, segment",
                monitor, NIGHT);
    }

    /** Baseline and current rows of a segment's channel row (channel has no missing values). */
    private List<Long> rows(String monitor, String segment) {
        Map<String, Object> row = reports.queryForMap("SELECT baseline_count, current_count FROM drift_report"
                + " WHERE monitor = ? AND run_date = ? AND segment = ? AND feature = 'channel'", monitor, NIGHT, segment);
        return List.of(((Number) row.get("baseline_count")).longValue(), ((Number) row.get("current_count")).longValue());
    }

    /** Ties in text order as DuckDB and H2 compare (bytes), whatever the PostgreSQL database's collation. */
    private static String order(String column) {
        return column.endsWith("region") ? column + " COLLATE \"C\"" : column;
    }

    private static List<String> expectedTop(String column, int max) {
        return owner().queryForList("SELECT CAST(" + column + " AS VARCHAR) FROM xe_features WHERE scored_at >= ?"
                + " AND scored_at < ? AND " + column + " IS NOT NULL GROUP BY " + column + " ORDER BY COUNT(*) DESC, "
                + order(column) + " LIMIT " + max, String.class, JAN.atOffset(ZoneOffset.UTC), FEB.atOffset(ZoneOffset.UTC));
    }

    private static List<String> expectedFresh(String column) {
        return owner().queryForList("SELECT CAST(c." + column + " AS VARCHAR) FROM xe_features c WHERE c.scored_at >= ?"
                + " AND c.scored_at < ? AND c." + column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM xe_features b"
                + " WHERE b." + column + " = c." + column + " AND b.scored_at >= ? AND b.scored_at < ?) GROUP BY c."
                + column + " ORDER BY COUNT(*) DESC, " + order("c." + column), String.class,
                MAY1.atOffset(ZoneOffset.UTC), MAY2.atOffset(ZoneOffset.UTC), JAN.atOffset(ZoneOffset.UTC),
                FEB.atOffset(ZoneOffset.UTC));
    }
}
