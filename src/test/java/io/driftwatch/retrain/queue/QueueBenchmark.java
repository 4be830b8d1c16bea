package io.driftwatch.retrain.queue;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.db.Dialect;

/**
 * Throughput of the queue on PostgreSQL: claims per second, each claim followed by its completion, for
 * 1, 4 and 16 concurrent workers, in a fresh schema migrated by the real migrations and dropped
 * afterwards. Not a test; run it with {@code bench/queue/run.sh [jdbc-url] [tasks-per-round]}.
 */
public final class QueueBenchmark {

    private static final int[] WORKERS = {1, 4, 16};
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final PrintStream OUT = System.out; // the benchmark's report is its output

    private QueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Only the report on stdout: the pool's and Flyway's progress lines would interleave with it.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String base = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String schema = "dw_queue_bench_" + UUID.randomUUID().toString().substring(0, 8);
        execute(base, "CREATE SCHEMA " + schema);
        try (HikariDataSource dataSource = pool(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/postgresql").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            RetrainingQueue queue = RetrainingQueue.create(dataSource, Dialect.postgresql());
            OUT.printf(Locale.ROOT, "driftwatch queue benchmark: %s, schema %s, %,d tasks per round, claim batch %d,"
                    + " lease %s, %d cores%n", jdbc.queryForObject("SELECT version()", String.class).split(" on ")[0],
                    schema, tasks, batch, LEASE, Runtime.getRuntime().availableProcessors());
            round(jdbc, queue, Math.min(tasks, 2_000), 4, batch); // warm-up: JIT, connections, plan cache
            OUT.printf("%-8s %-8s %-10s %s%n", "workers", "tasks", "seconds", "claims/s (each claimed task also completed)");
            for (int workers : WORKERS) {
                double seconds = round(jdbc, queue, tasks, workers, batch);
                OUT.printf(Locale.ROOT, "%-8d %-8d %-10.2f %,.0f%n", workers, tasks, seconds, tasks / seconds);
            }
        } finally {
            execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            OUT.println("dropped schema " + schema);
        }
    }

    /** Fills the queue with {@code tasks} PENDING tasks and times {@code workers} draining it. */
    private static double round(JdbcTemplate jdbc, RetrainingQueue queue, int tasks, int workers, int batch)
            throws Exception {
        jdbc.execute("TRUNCATE retraining_task");
        jdbc.update("""
                INSERT INTO retraining_task (model, monitor, run_date, reason, evidence, dedupe_key)
                SELECT 'model', 'm-' || i, ?, 'benchmark', '{"i": 1}'::jsonb, 'm-' || i
                FROM generate_series(1, ?) AS i""", LocalDate.of(2026, 3, 2), tasks);
        jdbc.execute("VACUUM ANALYZE retraining_task");
        AtomicInteger completed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String worker = "bench-" + w;
                futures.add(pool.submit(() -> {
                    for (List<ClaimedTask> c = queue.claim(worker, batch, LEASE); !c.isEmpty();
                         c = queue.claim(worker, batch, LEASE)) {
                        c.forEach(queue::complete);
                        completed.addAndGet(c.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long succeeded = jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE status = 'SUCCEEDED'", Long.class);
        if (completed.get() != tasks || succeeded != tasks) {
            throw new IllegalStateException("round with " + workers + " workers completed " + completed + " and left "
                    + succeeded + " SUCCEEDED of " + tasks + " tasks");
        }
        return seconds;
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(WORKERS[WORKERS.length - 1] + 2);
        config.setPoolName("queue-bench");
        return new HikariDataSource(config);
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
