package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.db.Dialect;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.report.JdbcDriftRunDao;

/**
 * driftJob's partitioners on a migrated H2: only monitors whose run is still open for the date get partitions,
 * so a monitor completed by an earlier attempt is never profiled or judged again.
 */
class PartitionsTest {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 3, 10);

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private JdbcDriftRunDao runs;
    private MonitorCatalog catalog;

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @BeforeEach
    void database() {
        dataSource = new SingleConnectionDataSource("jdbc:h2:mem:partitions_"
                + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/h2").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        runs = new JdbcDriftRunDao(jdbc, Dialect.h2(), Clock.systemUTC());
        catalog = new MonitorCatalog(List.of(monitor("completed"), monitor("failed"), monitor("running"),
                monitor("unopened")), ZoneOffset.UTC, 4, 2);
        for (String name : List.of("completed", "failed", "running")) {
            runs.open(name, "model-" + name, RUN_DATE, Instant.parse("2026-03-09T00:00:00Z"),
                    Instant.parse("2026-03-10T00:00:00Z"), "features", null, null, 1L);
        }
        jdbc.update("UPDATE drift_run SET status = 'COMPLETED', completed_at = now() WHERE monitor = 'completed'");
        // "failed": a run an earlier execution left FAILED, which the prepare step of the restart has set RUNNING again
    }

    @Test
    void onlyOpenRunsAreProfiledAgainInTheirSlices() {
        Map<String, ExecutionContext> partitions = Partitions.windows(catalog, runs, RUN_DATE, null, 2).partition(4);

        assertThat(partitions.keySet()).containsExactly("p0000-failed.baseline", "p0001-failed.current.0",
                "p0002-failed.current.1", "p0003-running.baseline", "p0004-running.current.0", "p0005-running.current.1");
        assertThat(partitions.get("p0002-failed.current.1")).satisfies(c -> {
            assertThat(c.getString(Partitions.MONITOR)).isEqualTo("failed");
            assertThat(c.getString(Partitions.SIDE)).isEqualTo("CURRENT");
            assertThat(c.getInt(Partitions.SLICE)).isEqualTo(1);
            assertThat(c.getInt(Partitions.SLICES)).isEqualTo(2);
        });
    }

    @Test
    void onlyOpenRunsHaveTheirFeaturesJudgedAndDecidedAgain() {
        Map<String, ExecutionContext> partitions = Partitions.features(catalog, runs, RUN_DATE, null).partition(4);

        assertThat(partitions.keySet()).containsExactly("p0000-failed.income", "p0001-failed.region",
                "p0002-running.income", "p0003-running.region");
        assertThat(Partitions.openMonitors(catalog, runs, RUN_DATE, null)).extracting(Monitor::name)
                .containsExactly("failed", "running");
    }

    private static Monitor monitor(String name) {
        SqlIdentifier table = SqlIdentifier.parse("features");
        return new Monitor(name, "model-" + name, table, SqlIdentifier.parse("scored_at"),
                new Monitor.Baseline(table, null, null), Duration.ofDays(1),
                List.of(new Monitor.Feature("income", FeatureType.NUMERIC, SqlIdentifier.parse("income"), List.of()),
                        new Monitor.Feature("region", FeatureType.CATEGORICAL, SqlIdentifier.parse("region"), List.of())),
                Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, SqlIdentifier.parse("model_performance"));
    }
}
