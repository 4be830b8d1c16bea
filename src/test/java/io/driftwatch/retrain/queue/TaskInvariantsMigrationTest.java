package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.support.PostgresTestDatabase;

/**
 * V7 adds the queue's invariants as check constraints. A database that already holds tasks breaking them (left
 * by a poller that passed a NULL lease or worker before the statements refused one) is repaired by the
 * migration, not failed: each such task is handed back as the reaper hands back an expired lease.
 */
class TaskInvariantsMigrationTest {

    @Test
    void h2RepairsTasksThatBreakTheInvariants() {
        String url = "jdbc:h2:mem:dwv7_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (HikariDataSource dataSource = pool(url)) {
            repairsTasksThatBreakTheInvariants(dataSource, "h2");
        }
    }

    @Test
    void postgresqlRepairsTasksThatBreakTheInvariants() {
        String url = PostgresTestDatabase.freshSchemaUrl("dw_v7");
        try (HikariDataSource dataSource = pool(url)) {
            repairsTasksThatBreakTheInvariants(dataSource, "postgresql");
        } finally {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }

    @Test
    void aDatabaseMigratedToV9BeforeV7ExistedAppliesV7OnTheNextStart() {
        String url = "jdbc:h2:mem:dwv7late_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (HikariDataSource dataSource = pool(url)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/h2").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // as a database migrated by the release before V7: V9 applied, V7 unknown
            jdbc.update("DELETE FROM flyway_schema_history WHERE version = '7'");
            for (String constraint : List.of("lease", "running_owner", "running_lease", "running_attempts")) {
                jdbc.execute("ALTER TABLE retraining_task DROP CONSTRAINT retraining_task_" + constraint + "_ck");
            }

            SpringApplication.run(DriftwatchApplication.class, "--spring.datasource.url=" + url,
                    "--driftwatch.launch.enabled=false").close();

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '7' AND success",
                    Integer.class)).isOne();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'retraining_task_lease_ck'", Integer.class)).isOne();
        }
    }

    private static void repairsTasksThatBreakTheInvariants(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/" + vendor).target("6").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // claimed with lease_seconds = NULL: RUNNING forever, never reaped
        insert(jdbc, "no-lease", "RUNNING", 1, "'w'", "'t1'", "NULL");
        // claimed with worker = NULL on its last attempt
        insert(jdbc, "no-owner", "RUNNING", 5, "NULL", "'t2'", "now() + INTERVAL '1' HOUR");
        // a stray lease expiry on a task that is not running
        insert(jdbc, "stray", "PENDING", 0, "NULL", "NULL", "now() + INTERVAL '1' HOUR");
        // a healthy running task is left alone
        insert(jdbc, "healthy", "RUNNING", 1, "'w'", "'t4'", "now() + INTERVAL '1' HOUR");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/" + vendor).load().migrate();

        Map<String, Object> noLease = task(jdbc, "no-lease");
        assertThat(noLease).containsEntry("status", "RETRYABLE").containsEntry("lease_expires_at", null)
                .containsEntry("finished_at", null);
        assertThat((String) noLease.get("last_error")).startsWith("V7 repair: RUNNING without a valid lease");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE model = 'no-lease'"
                + " AND available_at < now() - INTERVAL '30' MINUTE", Integer.class)).as("keeps its place in line").isOne();
        Map<String, Object> noOwner = task(jdbc, "no-owner");
        assertThat(noOwner).containsEntry("status", "FAILED").containsEntry("lease_expires_at", null);
        assertThat(noOwner.get("finished_at")).isNotNull();
        assertThat(task(jdbc, "stray")).containsEntry("status", "PENDING").containsEntry("lease_expires_at", null);
        assertThat(task(jdbc, "healthy")).containsEntry("status", "RUNNING").containsEntry("lease_token", "t4")
                .containsEntry("last_error", null);
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(url.startsWith("jdbc:h2:") ? "sa" : "postgres");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    /** A task made available an hour ago, claimed (or not) as the SQL expressions say. */
    private static void insert(JdbcTemplate jdbc, String model, String status, int attempts, String owner, String token,
                               String leaseExpiresAt) {
        jdbc.update("INSERT INTO retraining_task (model, monitor, run_date, reason, evidence, status, dedupe_key, attempts,"
                + " max_attempts, lease_owner, lease_token, lease_expires_at, heartbeat_at, available_at) VALUES (?, ?,"
                + " DATE '2026-03-02', 'r', '{}', ?, ?, ?, 5, " + owner + ", " + token + ", " + leaseExpiresAt
                + ", now(), now() - INTERVAL '1' HOUR)", model, "monitor-" + model, status, "retrain:" + model, attempts);
    }

    private static Map<String, Object> task(JdbcTemplate jdbc, String model) {
        return jdbc.queryForMap("SELECT status, lease_token, lease_expires_at, finished_at, last_error FROM retraining_task"
                + " WHERE model = ?", model);
    }
}
