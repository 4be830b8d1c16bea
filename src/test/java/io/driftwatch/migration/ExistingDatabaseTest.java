package io.driftwatch.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.support.PostgresTestDatabase;

/**
 * driftwatch migrating a PostgreSQL database that already holds tables: a users' table of the documented shape is
 * adopted, another shape or a taken name is reported before anything is created, and a migration that fails leaves
 * nothing applied. Each case runs in a fresh schema, migrated as the application migrates (DriftwatchMigration over
 * the packaged migrations, spring.flyway.group).
 */
class ExistingDatabaseTest {

    private String url;
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    private void freshSchema() {
        url = PostgresTestDatabase.freshSchemaUrl("dw_existing");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(2);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void dropSchema() {
        if (dataSource != null) {
            dataSource.close();
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }

    /** Flyway as application.yaml configures it. */
    private Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/postgresql")
                .baselineOnMigrate(true).baselineVersion("0").group(true);
        return (target == null ? config : config.target(target)).load();
    }

    @Test
    void anExistingModelPerformanceTableOfTheDocumentedShapeIsAdoptedWithItsRows() {
        freshSchema();
        jdbc.execute("CREATE TABLE model_performance (model TEXT NOT NULL, metric_date DATE NOT NULL, accuracy NUMERIC,"
                + " latency_seconds REAL, evaluated_by TEXT, PRIMARY KEY (model, metric_date))");
        jdbc.update("INSERT INTO model_performance VALUES ('credit-risk', DATE '2026-03-01', 0.91, 0.02, 'nightly-eval')");

        new DriftwatchMigration().migrate(flyway(null));

        assertThat(jdbc.queryForMap("SELECT model, accuracy, evaluated_by FROM model_performance"))
                .containsEntry("model", "credit-risk").containsEntry("evaluated_by", "nightly-eval");
        assertThat(tables()).contains("drift_run", "retraining_task", "batch_job_instance", "canary_verdict");
    }

    @Test
    void anExistingPredictionLogOfTheDocumentedShapeIsAdopted() {
        freshSchema();
        jdbc.execute("CREATE TABLE prediction_log (request_id VARCHAR(64), model VARCHAR(100), model_version VARCHAR(50),"
                + " logged_at TIMESTAMP, latency_seconds DOUBLE PRECISION, is_error BOOLEAN, score REAL, correct BOOLEAN)");
        jdbc.update("INSERT INTO prediction_log VALUES ('r1', 'm', 'v1', now(), 0.1, FALSE, 0.5, TRUE)");

        new DriftwatchMigration().migrate(flyway(null));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM prediction_log", Integer.class)).isOne();
        assertThat(tables()).contains("canary_verdict", "canary_metrics", "alert_state");
    }

    @Test
    void anExistingTableOfAnotherShapeIsReportedByColumnBeforeAnythingIsCreated() {
        freshSchema();
        jdbc.execute("CREATE TABLE model_performance (model TEXT, metric_date VARCHAR(10), latency_seconds REAL)");

        assertThatThrownBy(() -> new DriftwatchMigration().migrate(flyway(null)))
                .isInstanceOfSatisfying(DatabaseSchemaException.class, e -> {
                    assertThat(e.getExitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION.code()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("table " + schema() + ".model_performance already exists with"
                            + " another shape", "column metric_date is VARCHAR, not DATE",
                            "column accuracy is missing (a number (DOUBLE PRECISION))", "docs/tables.md#model_performance");
                    assertThat(e.action()).contains("Nothing was created", "driftwatch.schema");
                });
        assertThat(tables()).as("nothing created").containsExactly("model_performance");
    }

    @Test
    void aTableNamedLikeOneOfDriftwatchsOwnIsReportedBeforeAnythingIsCreated() {
        freshSchema();
        jdbc.execute("CREATE TABLE drift_run (id INT)");

        assertThatThrownBy(() -> new DriftwatchMigration().migrate(flyway(null)))
                .isInstanceOfSatisfying(DatabaseSchemaException.class, e -> assertThat(e.getMessage())
                        .contains("table " + schema() + ".drift_run already exists, but it is driftwatch's to create",
                                "set driftwatch.schema to a schema of its own"));
        assertThat(tables()).containsExactly("drift_run");
    }

    @Test
    void aFirstMigrationThatFailsLeavesNoDriftwatchTableBehind() {
        freshSchema();
        // a conflict the checks cannot foresee: an index of the user's that takes the name of one of driftwatch's
        jdbc.execute("CREATE TABLE features (run_date DATE)");
        jdbc.execute("CREATE INDEX drift_run_date_ix ON features (run_date)");

        assertThatThrownBy(() -> new DriftwatchMigration().migrate(flyway(null)))
                .isInstanceOfSatisfying(DatabaseSchemaException.class, e -> {
                    assertThat(e.getExitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("migration V2__driftwatch_tables.sql failed in schema " + schema(),
                            "\"drift_run_date_ix\" already exists");
                    assertThat(e.action()).contains("Nothing was applied", "rolled back", "driftwatch.schema");
                });
        assertThat(tables()).as("V1's batch tables rolled back with V2").containsExactlyInAnyOrder("features",
                "flyway_schema_history");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE version <> '0'", Integer.class))
                .as("no migration recorded").isZero();
    }

    @Test
    void anUpgradeThatFailsLeavesTheSchemaAndItsHistoryAsTheyWere() {
        freshSchema();
        flyway("4").migrate();
        List<Map<String, Object>> history = history();
        List<String> before = tables();
        jdbc.execute("CREATE TABLE features (created_at TIMESTAMP)");
        jdbc.execute("CREATE INDEX canary_verdict_model_ix ON features (created_at)");

        assertThatThrownBy(() -> new DriftwatchMigration().migrate(flyway(null)))
                .isInstanceOfSatisfying(DatabaseSchemaException.class, e -> assertThat(e.getMessage())
                        .contains("migration V5__canary_verdict.sql failed", "canary_verdict_model_ix"));
        assertThat(history()).as("flyway_schema_history unchanged").isEqualTo(history);
        assertThat(tables()).as("V5's tables rolled back").containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(before.stream(), java.util.stream.Stream.of("features")).toList());
    }

    @Test
    void theApplicationStopsWithExitCodeTwoTheTableAndTheFixAndLeavesNothingHalfApplied() {
        freshSchema();
        jdbc.execute("CREATE TABLE features (run_date DATE)");
        jdbc.execute("CREATE INDEX drift_run_date_ix ON features (run_date)");

        Throwable failure = catchThrowable(() -> SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=" + url, "--driftwatch.launch.enabled=false"));

        assertThat(exitCodeOf(failure)).as("as DriftwatchApplication.main maps it").isEqualTo(2);
        assertThat(failure).rootCause().isInstanceOf(java.sql.SQLException.class);
        assertThat(failure).hasStackTraceContaining("migration V2__driftwatch_tables.sql failed")
                .hasStackTraceContaining("drift_run_date_ix");
        assertThat(tables()).as("the application groups the migrations: V1 rolls back with V2")
                .containsExactlyInAnyOrder("features", "flyway_schema_history");
    }

    private static int exitCodeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExitCodeGenerator generator && generator.getExitCode() != 0) {
                return generator.getExitCode();
            }
        }
        return 1;
    }

    private String schema() {
        return jdbc.queryForObject("SELECT current_schema()", String.class);
    }

    private List<String> tables() {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " ORDER BY table_name", String.class);
    }

    private List<Map<String, Object>> history() {
        return jdbc.queryForList("SELECT installed_rank, version, script, checksum, success FROM flyway_schema_history"
                + " ORDER BY installed_rank");
    }
}
