package io.driftwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.support.JarProcess;
import io.driftwatch.support.LocalRabbitMQ;

/**
 * One remote night of the packaged jar: a copy of the template night in a schema of its own, a queue of its own on
 * the machine's RabbitMQ, and the manager and worker processes started on them; {@link #close()} ends the processes
 * still running, drops the schema and deletes the queue.
 */
final class RemoteFleet implements AutoCloseable {

    static final Duration LIMIT = Duration.ofMinutes(4);

    private final FaultNight night;
    private final String queue;
    private final Path monitors;
    private final List<JarProcess> processes = new ArrayList<>();

    /** @param monitors the manager's monitors (a worker may be given others) */
    RemoteFleet(FaultNight template, Path monitors, String name) {
        this.queue = LocalRabbitMQ.uniqueQueue(name);
        this.night = template.copy();
        this.monitors = monitors;
    }

    FaultNight night() {
        return night;
    }

    String queue() {
        return queue;
    }

    /** The command line of a remote process on this fleet's broker and queue, with {@code extra} arguments. */
    String[] remote(String... extra) {
        List<String> args = new ArrayList<>(List.of("--driftwatch.partitioning=remote", "--driftwatch.remote.host="
                + LocalRabbitMQ.HOST, "--driftwatch.remote.queue=" + queue));
        if (List.of(extra).stream().noneMatch(a -> a.startsWith("--driftwatch.remote.port="))) {
            args.add("--driftwatch.remote.port=" + LocalRabbitMQ.PORT);
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** A worker on the night's schema and the fleet's queue, once it takes partitions. */
    JarProcess worker(Path workerMonitors, String... extra) throws Exception {
        return worker(List.of(), workerMonitors, extra);
    }

    /** A worker started with JVM options (the product's test hooks), once it takes partitions. */
    JarProcess worker(List<String> jvmOptions, Path workerMonitors, String... extra) throws Exception {
        JarProcess worker = startWorker(jvmOptions, workerMonitors, extra);
        assertThat(worker.awaitLine("Worker ready", LIMIT)).as(worker.output()).isTrue();
        return worker;
    }

    /** A worker started now, not waited for. */
    JarProcess startWorker(List<String> jvmOptions, Path workerMonitors, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(remote(extra)));
        args.add("--driftwatch.role=worker");
        return started(night.start(jvmOptions, workerMonitors, args.toArray(String[]::new)));
    }

    /** driftJob of the night's date, the manager of the fleet's workers. */
    JarProcess manager(String... extra) throws IOException {
        return started(night.start(List.of(), monitors, remote(extra)));
    }

    private JarProcess started(JarProcess process) {
        processes.add(process);
        return process;
    }

    /** The JVM options that hold a process at the product's pause point {@code at} until {@code release} exists. */
    static List<String> pausedAt(String at, Path release) {
        return List.of("-Ddriftwatch.test.pause-at=" + at, "-Ddriftwatch.test.pause-until=" + release);
    }

    static long completed(JarProcess worker) {
        return completed(worker, "");
    }

    /** How many partitions of {@code workerStep} (all, for "") the worker has completed. */
    static long completed(JarProcess worker, String workerStep) {
        return worker.output().lines().filter(l -> l.contains("Partition " + workerStep) && l.endsWith(" completed")).count();
    }

    /** The worker step names (before the colon) of the partitions of the night's {@code n}-th job execution. */
    List<String> partitionsOfExecution(int n) {
        return jdbc().queryForList("""
                SELECT split_part(step_name, ':', 1) FROM batch_step_execution
                WHERE step_name LIKE '%:%' AND job_execution_id =
                    (SELECT job_execution_id FROM batch_job_execution ORDER BY job_execution_id OFFSET ? LIMIT 1)""",
                String.class, n - 1);
    }

    /** The statuses of the night's job executions, oldest first. */
    List<String> jobStatuses() {
        return jdbc().queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id", String.class);
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(night.url()));
    }

    /** The last closing line ({@code ... [exit N STATUS]}) a process printed. */
    static String closingLine(String output) {
        List<String> lines = output.lines().filter(l -> l.matches(".*\\[exit \\d+ [A-Z_]+]$")).toList();
        return lines.isEmpty() ? "(no closing line)" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() {
        processes.forEach(JarProcess::close);
        night.close();
        LocalRabbitMQ.deleteQueue(queue);
    }

    /** A table lock held in an open transaction: writers of the table wait until it is closed (rolled back). */
    record TableLock(Connection connection) implements AutoCloseable {
        static TableLock on(FaultNight night, String table) throws SQLException {
            Connection connection = DriverManager.getConnection(night.url());
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            }
            return new TableLock(connection);
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
