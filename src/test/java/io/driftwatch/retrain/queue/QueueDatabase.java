package io.driftwatch.retrain.queue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.db.Dialect;
import io.driftwatch.support.PostgresTestDatabase;

/**
 * A database migrated by the real Flyway migrations (sql/&lt;vendor&gt;/), with a connection pool big
 * enough for the concurrent tests, and the few direct reads and writes the queue tests need.
 */
final class QueueDatabase implements AutoCloseable {

    static final LocalDate RUN_DATE = LocalDate.of(2026, 3, 2);

    final Dialect dialect;
    final JdbcTemplate jdbc;
    private final HikariDataSource dataSource;
    private final String postgresUrl;

    private QueueDatabase(Dialect dialect, String jdbcUrl, String user, String password, String postgresUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(24);
        config.setPoolName("queue-test");
        this.dataSource = new HikariDataSource(config);
        this.dialect = dialect;
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgresUrl = postgresUrl;
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/" + dialect.vendor())
                .load().migrate();
    }

    /** A fresh in-memory H2 in the mode driftwatch uses. */
    static QueueDatabase h2() {
        String url = "jdbc:h2:mem:dwqueue_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new QueueDatabase(Dialect.h2(), url, "sa", "", null);
    }

    /** A fresh schema on the test PostgreSQL, dropped on close. */
    static QueueDatabase postgres() {
        String url = PostgresTestDatabase.freshSchemaUrl("dw_queue");
        return new QueueDatabase(Dialect.postgresql(), url, "postgres", "", url);
    }

    /** The PostgreSQL URL of this database's schema (null on H2). */
    String jdbcUrl() {
        return postgresUrl;
    }

    DataSource dataSource() {
        return dataSource;
    }

    RetrainingQueue queue() {
        return RetrainingQueue.create(dataSource, dialect);
    }

    RetrainingQueue queue(RetryPolicy policy, RandomGenerator random) {
        return RetrainingQueue.create(dataSource, dialect, policy, random);
    }

    /**
     * Inserts {@code count} PENDING tasks in one batch (models model-0 ... model-(count-1), monitors m-0 ...,
     * the nightly job's dedupe key {@code retrain:<model>}); returns their ids.
     */
    List<Long> givenTasks(int count) {
        String insert = "INSERT INTO retraining_task (model, monitor, run_date, reason, evidence, dedupe_key) VALUES ("
                + "?, ?, ?, 'drift', " + dialect.jsonParameter() + ", ?)";
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {"model-" + i, "m-" + i, RUN_DATE, "{\"task\": " + i + "}", NewTask.modelKey("model-" + i)});
        }
        jdbc.batchUpdate(insert, rows);
        return jdbc.queryForList("SELECT id FROM retraining_task ORDER BY id", Long.class);
    }

    /**
     * One task put straight into {@code status} with the columns the table contract asks of it (a live lease
     * and a heartbeat when RUNNING, finished_at when final, an attempt used unless PENDING or AWAITING_APPROVAL); returns its id.
     */
    long givenTaskIn(TaskStatus status, String monitor) {
        String insert = "INSERT INTO retraining_task (model, monitor, run_date, reason, evidence, dedupe_key) VALUES ("
                + "'model', ?, ?, 'drift', " + dialect.jsonParameter() + ", ?)";
        jdbc.update(insert, monitor, RUN_DATE, "{}", monitor + "/" + RUN_DATE);
        long id = jdbc.queryForObject("SELECT id FROM retraining_task WHERE monitor = ?", Long.class, monitor);
        boolean running = status == TaskStatus.RUNNING;
        boolean attempted = status != TaskStatus.PENDING && status != TaskStatus.AWAITING_APPROVAL;
        jdbc.update("UPDATE retraining_task SET status = ?, attempts = ?, finished_at = "
                + (status.isFinal() ? "now()" : "NULL") + ", lease_owner = " + (running ? "'w'" : "NULL")
                + ", lease_token = " + (running ? "'t'" : "NULL") + ", heartbeat_at = " + (running ? "now()" : "NULL")
                + ", lease_expires_at = "
                + (running ? "now() + INTERVAL '1' HOUR" : "NULL") + " WHERE id = ?", status.name(), attempted ? 1 : 0, id);
        return id;
    }

    TaskStatus status(long id) {
        return TaskStatus.valueOf(jdbc.queryForObject("SELECT status FROM retraining_task WHERE id = ?", String.class, id));
    }

    Map<String, Object> row(long id) {
        return jdbc.queryForMap("SELECT id, status, attempts, max_attempts, available_at, lease_owner, lease_token,"
                + " lease_expires_at, heartbeat_at, updated_at, finished_at, last_error FROM retraining_task WHERE id = ?", id);
    }

    OffsetDateTime timestamp(long id, String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM retraining_task WHERE id = ?",
                (rs, i) -> rs.getObject(1, OffsetDateTime.class), id);
    }

    int attempts(long id) {
        return jdbc.queryForObject("SELECT attempts FROM retraining_task WHERE id = ?", Integer.class, id);
    }

    long count(String where) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE " + where, Long.class);
    }

    /** Time passes for one task: its backoff is over. */
    void makeAvailableNow(long id) {
        jdbc.update("UPDATE retraining_task SET available_at = now() WHERE id = ?", id);
    }

    /** Time passes for one task's worker: its lease ran out a second ago (on the database's clock). */
    void expireLease(long id) {
        // the heartbeat that set the lease moves back with it: a lease ends after the heartbeat that set it (V7)
        if (jdbc.update("UPDATE retraining_task SET lease_expires_at = now() - INTERVAL '1' SECOND,"
                + " heartbeat_at = LEAST(heartbeat_at, now() - INTERVAL '2' SECOND) WHERE id = ?"
                + " AND status = 'RUNNING'", id) != 1) {
            throw new AssertionError("task " + id + " holds no lease to expire");
        }
    }

    /** Time passes for one task: every timestamp the queue compares with now() moves {@code seconds} into the past. */
    void age(long id, int seconds) {
        String back = " - INTERVAL '" + seconds + "' SECOND";
        jdbc.update("UPDATE retraining_task SET available_at = available_at" + back + ", heartbeat_at = heartbeat_at" + back
                + ", lease_expires_at = lease_expires_at" + back + ", updated_at = updated_at" + back + " WHERE id = ?", id);
    }

    /** Rows breaking the table contract: finished_at set exactly when final; a live lease exactly when RUNNING. */
    List<String> contractViolations() {
        return jdbc.query("""
                SELECT id, status FROM retraining_task
                WHERE (status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND finished_at IS NULL)
                   OR (status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND finished_at IS NOT NULL)
                   OR (status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_token IS NULL OR lease_owner IS NULL))
                   OR (status <> 'RUNNING' AND lease_expires_at IS NOT NULL)""",
                (rs, i) -> "task " + rs.getLong("id") + " " + rs.getString("status"));
    }

    void deleteAllTasks() {
        jdbc.update("DELETE FROM retraining_task");
        jdbc.update("DELETE FROM drift_run");
    }

    @Override
    public void close() {
        dataSource.close();
        if (postgresUrl != null) {
            PostgresTestDatabase.dropSchemaOf(postgresUrl);
        }
    }
}
