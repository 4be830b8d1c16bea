package io.driftwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.support.JarProcess;
import io.driftwatch.support.LocalRabbitMQ;
import io.driftwatch.support.RequiresPostgres;
import io.driftwatch.support.RequiresRabbitMQ;

/**
 * driftwatch.partitioning=remote with the packaged jar: a manager and worker processes ({@code java -jar
 * --driftwatch.role=worker}) on real PostgreSQL and the machine's RabbitMQ, each test with a queue and a schema of
 * its own. A remote night must leave exactly the rows of a local one (every report row and score, the run, the
 * retraining task, nothing left running), also when a worker is killed in a partition. Workers are held inside a
 * drift partition deterministically: the test holds a lock on {@code drift_report} that the partition's write waits
 * for, so a worker that has logged the partition's start cannot have finished it.
 */
@RequiresPostgres
@RequiresRabbitMQ
class RemotePartitioningIT {

    private static final int ROWS = Integer.getInteger("remote.rows", 20_000);
    private static final Duration LIMIT = Duration.ofMinutes(4);

    private static FaultNight template;
    private static FaultNight reference;
    private static Map<String, List<Map<String, Object>>> referenceRows;
    private static Path monitors;

    @TempDir
    static Path dir;

    private final List<JarProcess> processes = new ArrayList<>();
    private final List<FaultNight> nights = new ArrayList<>();
    private String queue;

    @BeforeAll
    static void oneLocalReferenceNight() throws Exception {
        template = FaultNight.template(ROWS);
        monitors = FaultNight.writeMonitors(dir);
        reference = template.copy();
        try (JarProcess run = reference.start(monitors)) {
            assertThat(run.exitCode(LIMIT)).as(run.output()).isZero();
        }
        referenceRows = reference.rows();
        assertThat(referenceRows.get("drift_report")).hasSize(4 * 4 + 2 * 2);
        assertThat(referenceRows.get("unfinished executions")).isEmpty();
    }

    @AfterAll
    static void dropSchemas() {
        for (FaultNight night : new FaultNight[] {reference, template}) {
            if (night != null) {
                night.close();
            }
        }
    }

    @AfterEach
    void stopProcessesAndDeleteTheQueue() {
        processes.forEach(JarProcess::close);
        nights.forEach(FaultNight::close);
        if (queue != null) {
            LocalRabbitMQ.deleteQueue(queue);
        }
    }

    @Test
    void twoWorkersWriteExactlyTheRowsOfALocalRun() throws Exception {
        FaultNight night = night("same");
        JarProcess first = worker(night, monitors);
        JarProcess second = worker(night, monitors);

        JarProcess manager = manager(night);
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isZero();

        assertThat(FaultNight.difference(referenceRows, night.rows())).isNull();
        // both workers took part: 3 profile partitions (baseline, 2 slices) and 6 feature partitions between them
        assertThat(completed(first) + completed(second)).isEqualTo(3 + 6);
        assertThat(completed(first)).isPositive();
        assertThat(completed(second)).isPositive();
    }

    @Test
    void aPartitionWhoseWorkerIsKilledIsTakenOverByAnotherWorkerWithoutDuplicates() throws Exception {
        FaultNight night = night("kill");
        JarProcess first = worker(night, monitors, "--driftwatch.partition-threads=1");
        JarProcess second = worker(night, monitors, "--driftwatch.partition-threads=1");
        JarProcess manager;
        try (TableLock reports = TableLock.on(night, "drift_report")) {
            manager = manager(night);
            // each worker holds one drift partition, waiting for the lock to write its rows
            assertThat(first.awaitLine("Partition featureDrift:", LIMIT)).as(first.output()).isTrue();
            assertThat(second.awaitLine("Partition featureDrift:", LIMIT)).as(second.output()).isTrue();
            first.kill();
            assertThat(first.exitCode(LIMIT)).isEqualTo(137);
        }

        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isZero();
        assertThat(second.output()).contains("(taken over from a worker that stopped in it)");
        assertThat(FaultNight.difference(referenceRows, night.rows())).isNull();
    }

    @Test
    void aWorkerAskedToTerminateInAPartitionFinishesItTakesNoOtherAndExits143() throws Exception {
        FaultNight night = night("sigterm");
        JarProcess stopping = worker(night, monitors, "--driftwatch.partition-threads=1");
        JarProcess manager;
        try (TableLock reports = TableLock.on(night, "drift_report")) {
            manager = manager(night);
            assertThat(stopping.awaitLine("Partition featureDrift:", LIMIT)).as(stopping.output()).isTrue();
            stopping.terminate();
            assertThat(stopping.awaitLine("Termination requested", LIMIT)).as(stopping.output()).isTrue();
        }
        // the lock is gone: the partition it holds completes, then the worker exits without taking another
        assertThat(stopping.exitCode(LIMIT)).as(stopping.output()).isEqualTo(143);
        // it had run the three profile partitions before
        assertThat(completed(stopping, "featureDrift")).as(stopping.output()).isEqualTo(1);
        assertThat(stopping.output()).contains("Worker stopped after 4 partition(s)");

        JarProcess successor = worker(night, monitors);
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isZero();
        assertThat(completed(successor, "featureDrift")).isEqualTo(5);
        assertThat(FaultNight.difference(referenceRows, night.rows())).isNull();
    }

    @Test
    void aPartitionLostWithItsOnlyWorkerFailsTheStepAtTheTimeoutAndTheRestartRerunsOnlyTheUnfinishedStep()
            throws Exception {
        FaultNight night = night("lost");
        JarProcess doomed = worker(night, monitors, "--driftwatch.partition-threads=1");
        JarProcess manager;
        try (TableLock reports = TableLock.on(night, "drift_report")) {
            manager = manager(night, "--driftwatch.remote.timeout=PT45S", "--driftwatch.remote.poll-interval=PT0.5S");
            assertThat(doomed.awaitLine("Partition featureDrift:", LIMIT)).as(doomed.output()).isTrue();
            doomed.kill();
            doomed.exitCode(LIMIT);
        }
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(5);
        assertThat(manager.output()).contains("6 partition(s) of step drift lost: no worker finished featureDrift:p0000-loans.income",
                "within driftwatch.remote.timeout (PT45S)");
        assertThat(night.rows().get("unfinished executions")).isEmpty();

        JarProcess replacement = worker(night, monitors);
        JarProcess restart = manager(night);
        assertThat(restart.exitCode(LIMIT)).as(restart.output()).isZero();

        assertThat(FaultNight.difference(referenceRows, night.rows())).isNull();
        // the profile step had completed: the restart ran the six drift partitions only, the stale requests were dropped
        assertThat(partitionsOfExecution(night, 2)).containsOnly("featureDrift").hasSize(6);
        assertThat(replacement.output()).contains("Dropped stale request for partition featureDrift:");
        assertThat(completed(replacement)).isEqualTo(6);
    }

    @Test
    void aPartitionThatFailsOnEveryAttemptFailsTheRunNamingIt() throws Exception {
        FaultNight night = night("poison");
        // the worker's monitors lack a feature that the manager's have: its partition fails wherever it runs
        Path workerMonitors = Files.writeString(dir.resolve("worker-monitors.yaml"),
                FaultNight.MONITORS.replace("        - { name: channel, type: categorical }\n", ""));
        assertThat(Files.readString(workerMonitors)).doesNotContain("channel");
        worker(night, workerMonitors);

        for (int attempt = 1; attempt <= 2; attempt++) {
            JarProcess manager = manager(night);
            assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(5);
            assertThat(manager.output()).as("attempt %d", attempt).contains("driftJob FAILED for runDate=2026-03-02",
                    "1 partition(s) of step drift failed on a worker: featureDrift:p0005-loans.channel",
                    "monitor 'loans' has no feature 'channel'");
        }
        assertThat(night.rows().get("drift_run")).singleElement()
                .satisfies(run -> assertThat(run.get("status")).isEqualTo("FAILED"));
        assertThat(night.rows().get("unfinished executions")).isEmpty();
    }

    @Test
    void anUnreachableBrokerStopsManagerAndWorkerAtStartWithExitCode8AndNothingWritten() throws Exception {
        FaultNight night = night("nobroker");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String port = "--driftwatch.remote.port=" + closedPort;
        JarProcess manager = manager(night, port);
        List<String> workerArgs = new ArrayList<>(List.of(remote(port)));
        workerArgs.add("--driftwatch.role=worker");
        JarProcess worker = night.start(monitors, workerArgs.toArray(String[]::new));
        processes.add(worker);

        for (JarProcess process : List.of(manager, worker)) {
            assertThat(process.exitCode(LIMIT)).as(process.output()).isEqualTo(8);
            assertThat(process.output()).contains("Cannot reach the message broker (RabbitMQ) at 127.0.0.1:" + closedPort,
                    "the connection was refused", "driftwatch.remote.host, .port", "Exit code 8.");
        }
        assertThat(night.rows().get("drift_run")).isEmpty();
        assertThat(new JdbcTemplate(new DriverManagerDataSource(night.url()))
                .queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class)).isZero();
    }

    private FaultNight night(String name) {
        queue = LocalRabbitMQ.uniqueQueue(name);
        FaultNight night = template.copy();
        nights.add(night);
        return night;
    }

    private String[] remote(String... extra) {
        List<String> args = new ArrayList<>(List.of("--driftwatch.partitioning=remote", "--driftwatch.remote.host="
                + LocalRabbitMQ.HOST, "--driftwatch.remote.queue=" + queue));
        if (List.of(extra).stream().noneMatch(a -> a.startsWith("--driftwatch.remote.port="))) {
            args.add("--driftwatch.remote.port=" + LocalRabbitMQ.PORT);
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** A worker on the night's schema and the test's queue, once it takes partitions. */
    private JarProcess worker(FaultNight night, Path workerMonitors, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(remote(extra)));
        args.add("--driftwatch.role=worker");
        JarProcess worker = night.start(workerMonitors, args.toArray(String[]::new));
        processes.add(worker);
        assertThat(worker.awaitLine("Worker ready", LIMIT)).as(worker.output()).isTrue();
        return worker;
    }

    private JarProcess manager(FaultNight night, String... extra) throws IOException {
        JarProcess manager = night.start(monitors, remote(extra));
        processes.add(manager);
        return manager;
    }

    private static long completed(JarProcess worker) {
        return completed(worker, "");
    }

    /** How many partitions of {@code workerStep} (all, for "") the worker has completed. */
    private static long completed(JarProcess worker, String workerStep) {
        return worker.output().lines().filter(l -> l.contains("Partition " + workerStep) && l.endsWith(" completed")).count();
    }

    /** The worker step names (before the colon) of the partitions of the night's {@code n}-th job execution. */
    private static List<String> partitionsOfExecution(FaultNight night, int n) {
        return new JdbcTemplate(new DriverManagerDataSource(night.url())).queryForList("""
                SELECT split_part(step_name, ':', 1) FROM batch_step_execution
                WHERE step_name LIKE '%:%' AND job_execution_id =
                    (SELECT job_execution_id FROM batch_job_execution ORDER BY job_execution_id OFFSET ? LIMIT 1)""",
                String.class, n - 1);
    }

    /** A table lock held in an open transaction: writers of the table wait until it is closed (rolled back). */
    private record TableLock(Connection connection) implements AutoCloseable {
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
