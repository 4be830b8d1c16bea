package io.driftwatch.source;

import io.driftwatch.db.Dialect;
import io.driftwatch.db.SqlIdentifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.profile.FeatureType;

/** Validation of monitors against a real database schema; one subclass per database. */
abstract class AbstractSchemaInspectorTests {

    DataSource dataSource;
    JdbcSchemaInspector inspector;

    abstract DataSource dataSource();

    @BeforeEach
    void schema() {
        dataSource = dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        new SyntheticDriftGenerator(jdbc).createTable("loan_features");
        jdbc.execute("CREATE TABLE IF NOT EXISTS model_performance (model VARCHAR(200), metric_date DATE,"
                + " accuracy DOUBLE PRECISION, latency_seconds DOUBLE PRECISION)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS perf_without_latency (model VARCHAR(200), metric_date DATE,"
                + " accuracy DOUBLE PRECISION)");
        inspector = new JdbcSchemaInspector(dataSource);
    }

    @Test
    void aMonitorMatchingTheTableHasNoProblems() {
        assertThat(inspector.check(monitor("loan_features", "scored_at", "model_performance",
                feature("income", FeatureType.NUMERIC), feature("age", FeatureType.NUMERIC),
                feature("region", FeatureType.CATEGORICAL), feature("age", "age_as_category", FeatureType.CATEGORICAL))))
                .isEmpty();
    }

    @Test
    void theRowEstimateForProgressLinesIsCloseToTheWindowsRowCount() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DELETE FROM loan_features");
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(jdbc);
        generator.insert("loan_features", start, start.plus(Duration.ofDays(1)), 4_000, java.util.Set.of(), 1);
        generator.insert("loan_features", start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(2)), 6_000,
                java.util.Set.of(), 2);
        Dialect dialect = Dialect.of(dataSource);
        if (dialect == Dialect.postgresql()) {
            jdbc.execute("ANALYZE loan_features");
        }
        Monitor monitor = monitor("loan_features", "scored_at", "model_performance", feature("income", FeatureType.NUMERIC));
        JdbcFeatureSource source = new JdbcFeatureSource(dataSource, dialect);

        long secondDay = source.estimateRows(monitor, SqlIdentifier.parse("loan_features"), start.plus(Duration.ofDays(1)),
                start.plus(Duration.ofDays(2)), java.time.ZoneOffset.UTC);
        long wholeTable = source.estimateRows(monitor, SqlIdentifier.parse("loan_features"), null, null, java.time.ZoneOffset.UTC);

        // H2 counts; PostgreSQL's planner estimates from its statistics (no scan), close after ANALYZE.
        if (dialect == Dialect.postgresql()) {
            assertThat(secondDay).isBetween(5_400L, 6_600L);
            assertThat(wholeTable).isBetween(9_000L, 11_000L);
        } else {
            assertThat(secondDay).isEqualTo(6_000L);
            assertThat(wholeTable).isEqualTo(10_000L);
        }
    }

    @Test
    void aMissingTableIsNamedWithTheMonitor() {
        List<ConfigurationProblem> problems = inspector.check(monitor("loan_featurez", "scored_at", "model_performance",
                feature("income", FeatureType.NUMERIC)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.monitor()).isEqualTo("loans");
            assertThat(p.key()).isEqualTo("source.table");
            assertThat(p.value()).isEqualTo("loan_featurez");
            assertThat(p.toString()).contains("table loan_featurez does not exist").contains("create the table or correct the name");
        });
    }

    @Test
    void aMissingColumnListsTheColumnsThatExist() {
        List<ConfigurationProblem> problems = inspector.check(monitor("loan_features", "scored_at", "model_performance",
                feature("incme", FeatureType.NUMERIC)));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("features[incme]").contains("has no column incme").contains("income").contains("region"));
    }

    @Test
    void aTextColumnDeclaredNumericIsRejectedWithTheFix() {
        List<ConfigurationProblem> problems = inspector.check(monitor("loan_features", "scored_at", "model_performance",
                feature("region", FeatureType.NUMERIC)));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("features[region].type").contains("not numeric").contains("declare it type: categorical")
                .contains("CAST them in a source.query"));
    }

    @Test
    void theTimestampColumnMustBeTemporal() {
        List<ConfigurationProblem> problems = inspector.check(monitor("loan_features", "income", "model_performance",
                feature("age", FeatureType.NUMERIC)));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("source.timestamp-column").contains("not a date or timestamp"));
    }

    @Test
    void aDateTimestampColumnCannotCutAWindowOfHours() {
        new JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS dated_features (scored_on DATE, income DOUBLE PRECISION)");
        Monitor daily = monitor("dated_features", "scored_on", "model_performance", feature("income", FeatureType.NUMERIC));
        Monitor sixHours = new Monitor(daily.name(), daily.model(), daily.source(), daily.timestampColumn(), daily.baseline(),
                Duration.ofHours(6), daily.features(), daily.retraining(), daily.performanceTable(), daily.methods());

        assertThat(inspector.check(daily)).isEmpty();
        assertThat(inspector.check(sixHours)).singleElement().satisfies(p -> assertThat(p.toString()).contains("window")
                .contains("PT6H").contains("scored_on is a DATE").contains("use a window of whole days"));
    }

    @Test
    void thePerformanceTableNeedsTheDocumentedColumns() {
        assertThat(inspector.check(monitor("loan_features", "scored_at", "perf_without_latency",
                feature("age", FeatureType.NUMERIC))))
                .singleElement().satisfies(p -> assertThat(p.toString()).contains("performance-table")
                        .contains("has no column latency_seconds"));
        assertThat(inspector.check(monitor("loan_features", "scored_at", "no_such_performance",
                feature("age", FeatureType.NUMERIC))))
                .singleElement().satisfies(p -> assertThat(p.toString()).contains("no_such_performance does not exist"));
    }

    static Monitor monitor(String table, String timestamp, String performance, Monitor.Feature... features) {
        SqlIdentifier source = SqlIdentifier.parse(table);
        return new Monitor("loans", "credit-risk", source, SqlIdentifier.parse(timestamp),
                new Monitor.Baseline(source, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")),
                Duration.ofDays(1), List.of(features), Monitor.RetrainingPolicy.REFERENCE_DEFAULTS,
                SqlIdentifier.parse(performance));
    }

    static Monitor.Feature feature(String column, FeatureType type) {
        return feature(column, column, type);
    }

    static Monitor.Feature feature(String column, String name, FeatureType type) {
        return new Monitor.Feature(name, type, SqlIdentifier.parse(column), List.of());
    }
}
