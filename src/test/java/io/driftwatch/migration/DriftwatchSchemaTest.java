package io.driftwatch.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.support.PostgresTestDatabase;

/**
 * driftwatch.schema on PostgreSQL: driftwatch's and Spring Batch's tables go to a schema of their own, created by
 * Flyway, and the job works there, while the connection's schema keeps only the user's tables.
 */
class DriftwatchSchemaTest {

    @Test
    void driftwatchsAndSpringBatchsTablesLiveInTheirOwnSchemaAndTheJobRunsThere() {
        String url = PostgresTestDatabase.freshSchemaUrl("dw_users");
        String users = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        String own = users + "_dw";
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url));
        try {
            admin.execute("CREATE TABLE features (id INT)");
            admin.execute("CREATE TABLE model_performance (model TEXT, metric_date DATE, accuracy REAL,"
                    + " latency_seconds REAL)");

            ConfigurableApplicationContext reaper = SpringApplication.run(DriftwatchApplication.class,
                    "--spring.datasource.url=" + url, "--driftwatch.schema=" + own, "--spring.batch.job.name=reaperJob");
            JdbcTemplate app = reaper.getBean(JdbcTemplate.class);
            List<String> path = app.queryForList("SELECT unnest(current_schemas(false))", String.class);
            long features = app.queryForObject("SELECT COUNT(*) FROM features", Long.class);
            assertThat(SpringApplication.exit(reaper)).isZero();

            assertThat(path).startsWith(own, users);
            assertThat(features).as("the user's tables still resolve, behind driftwatch's schema").isZero();
            assertThat(tables(admin, own)).contains("drift_run", "retraining_task", "model_performance",
                    "batch_job_instance", "batch_job_execution", "flyway_schema_history");
            assertThat(admin.queryForObject("SELECT COUNT(*) FROM " + own + ".batch_job_execution", Long.class))
                    .as("Spring Batch recorded the reaperJob in driftwatch's schema").isOne();
            assertThat(tables(admin, users)).as("nothing of driftwatch's in the user's schema")
                    .containsExactly("features", "model_performance");
        } finally {
            admin.execute("DROP SCHEMA IF EXISTS " + own + " CASCADE");
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsAConfigurationError() {
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:dwschema;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--driftwatch.schema=drift; DROP TABLE x", "--driftwatch.launch.enabled=false"))
                .hasStackTraceContaining("driftwatch.schema = 'drift; DROP TABLE x': not a plain lower-case schema name");
    }

    private static List<String> tables(JdbcTemplate jdbc, String schema) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " ORDER BY table_name", String.class, schema);
    }
}
