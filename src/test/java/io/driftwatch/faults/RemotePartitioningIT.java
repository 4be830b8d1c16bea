package io.driftwatch.faults;

import static io.driftwatch.faults.RemoteFleet.LIMIT;
import static io.driftwatch.faults.RemoteFleet.closingLine;
import static io.driftwatch.faults.RemoteFleet.completed;
import static io.driftwatch.faults.RemoteFleet.pausedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.faults.RemoteFleet.TableLock;
import io.driftwatch.support.JarProcess;
import io.driftwatch.support.LocalRabbitMQ;
import io.driftwatch.support.LocalRabbitMQ.Depth;
import io.driftwatch.support.RequiresPostgres;
import io.driftwatch.support.RequiresRabbitMQ;

/**
 * driftwatch.partitioning=remote with the packaged jar: a manager and worker processes ({@code java -jar
 * --driftwatch.role=worker}) on real PostgreSQL and the machine's RabbitMQ, each test with a queue and a schema of
 * its own. A remote night must leave exactly the rows of a local one (every report row and score, the run, the
 * retraining task, nothing left running), also when a worker is killed in a partition. Workers are held inside a
 * drift partition deterministically: the test holds a lock on {@code drift_report} that the partition's write waits
 * for, so a worker that has logged the partition's start cannot have finished it; or at the product's pause point
 * {@code partition <worker step>} (before the partition's step runs) until the test creates a release file.
 * Broker restarts use {@code rabbitmqctl stop_app} and {@code start_app} on this machine's node.
 */
@RequiresPostgres
@RequiresRabbitMQ
class RemotePartitioningIT {

    private static final int ROWS = Integer.getInteger("remote.rows", 20_000);

    /** The template night, the monitors, and one uninterrupted (local) night whose rows every trial must end with. */
    @RegisterExtension
    static final ReferenceNight reference = new ReferenceNight(ROWS, LIMIT);

    @TempDir
    static Path dir;

    private final List<RemoteFleet> fleets = new ArrayList<>();

    @AfterEach
    void stopProcessesDropSchemasDeleteQueues() {
        fleets.forEach(RemoteFleet::close);
    }

    @Test
    void twoWorkersWriteExactlyTheRowsOfALocalRun() throws Exception {
        RemoteFleet fleet = fleet("same");
        FaultNight night = fleet.night();
        JarProcess first = fleet.worker(reference.monitors());
        JarProcess second = fleet.worker(reference.monitors());

        JarProcess manager = fleet.manager();
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isZero();

        assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
        // both workers took part: 3 profile partitions (baseline, 2 slices) and 6 feature partitions between them
        assertThat(completed(first) + completed(second)).isEqualTo(3 + 6);
        assertThat(completed(first)).isPositive();
        assertThat(completed(second)).isPositive();
    }

    @Test
    void aPartitionWhoseWorkerIsKilledIsTakenOverByAnotherWorkerWithoutDuplicates() throws Exception {
        RemoteFleet fleet = fleet("kill");
        FaultNight night = fleet.night();
        JarProcess first = fleet.worker(reference.monitors(), "--driftwatch.partition-threads=1");
        JarProcess second = fleet.worker(reference.monitors(), "--driftwatch.partition-threads=1");
        JarProcess manager;
        try (TableLock reports = TableLock.on(night, "drift_report")) {
            manager = fleet.manager();
            // each worker holds one drift partition, waiting for the lock to write its rows
            assertThat(first.awaitLine("Partition featureDrift:", LIMIT)).as(first.output()).isTrue();
            assertThat(second.awaitLine("Partition featureDrift:", LIMIT)).as(second.output()).isTrue();
            first.kill();
            assertThat(first.exitCode(LIMIT)).isEqualTo(137);
        }

        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isZero();
        assertThat(second.output()).contains("(taken over from a worker that stopped in it)");
        assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
    }

    @Test
    void aWorkerAskedToTerminateInAPartitionFinishesItTakesNoOtherAndExits143() throws Exception {
        RemoteFleet fleet = fleet("sigterm");
        FaultNight night = fleet.night();
        JarProcess stopping = fleet.worker(reference.monitors(), "--driftwatch.partition-threads=1");
        JarProcess manager;
        try (TableLock reports = TableLock.on(night, "drift_report")) {
            manager = fleet.manager();
            assertThat(stopping.awaitLine("Partition featureDrift:", LIMIT)).as(stopping.output()).isTrue();
            stopping.terminate();
            assertThat(stopping.awaitLine("Termination requested", LIMIT)).as(stopping.output()).isTrue();
        }
        // the lock is gone: the partition it holds completes, then the worker exits without taking another
        assertThat(stopping.exitCode(LIMIT)).as(stopping.output()).isEqualTo(143);
        // it had run the three profile partitions before
        assertThat(completed(stopping, "featureDrift")).as(stopping.output()).isEqualTo(1);
        assertThat(stopping.output()).contains("Worker stopped after 4 partition(s)");

        JarProcess successor = fleet.worker(reference.monitors());
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isZero();
        assertThat(completed(successor, "featureDrift")).isEqualTo(5);
        assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
    }

    @Test
    void aPartitionLostWithItsOnlyWorkerFailsTheStepAtTheTimeoutAndTheRestartRerunsOnlyTheUnfinishedStep()
            throws Exception {
        RemoteFleet fleet = fleet("lost");
        FaultNight night = fleet.night();
        JarProcess doomed = fleet.worker(reference.monitors(), "--driftwatch.partition-threads=1");
        JarProcess manager;
        try (TableLock reports = TableLock.on(night, "drift_report")) {
            manager = fleet.manager("--driftwatch.remote.timeout=PT45S", "--driftwatch.remote.poll-interval=PT0.5S");
            assertThat(doomed.awaitLine("Partition featureDrift:", LIMIT)).as(doomed.output()).isTrue();
            doomed.kill();
            doomed.exitCode(LIMIT);
        }
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(5);
        assertThat(manager.output()).contains("6 partition(s) of step drift lost: no worker finished featureDrift:p0000-loans.income",
                "within driftwatch.remote.timeout (PT45S)");
        assertThat(night.rows().get("unfinished executions")).isEmpty();

        JarProcess replacement = fleet.worker(reference.monitors());
        JarProcess restart = fleet.manager();
        assertThat(restart.exitCode(LIMIT)).as(restart.output()).isZero();

        assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
        // the profile step had completed: the restart ran the six drift partitions only, the stale requests were dropped
        assertThat(fleet.partitionsOfExecution(2)).containsOnly("featureDrift").hasSize(6);
        assertThat(replacement.output()).contains("Dropped stale request for partition featureDrift:");
        assertThat(completed(replacement)).isEqualTo(6);
    }

    @Test
    void aPartitionThatFailsOnEveryAttemptFailsTheRunNamingIt() throws Exception {
        RemoteFleet fleet = fleet("poison");
        FaultNight night = fleet.night();
        // the worker's reference.monitors() lack a feature that the manager's have: its partition fails wherever it runs
        Path workerMonitors = Files.writeString(dir.resolve("worker-monitors.yaml"),
                FaultNight.MONITORS.replace("        - { name: channel, type: categorical }\n", ""));
        assertThat(Files.readString(workerMonitors)).doesNotContain("channel");
        fleet.worker(workerMonitors);

        for (int attempt = 1; attempt <= 2; attempt++) {
            JarProcess manager = fleet.manager();
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
        RemoteFleet fleet = fleet("nobroker");
        FaultNight night = fleet.night();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String port = "--driftwatch.remote.port=" + closedPort;
        JarProcess manager = fleet.manager(port);
        JarProcess worker = fleet.startWorker(List.of(), reference.monitors(), port);

        for (JarProcess process : List.of(manager, worker)) {
            assertThat(process.exitCode(LIMIT)).as(process.output()).isEqualTo(8);
            assertThat(process.output()).contains("Cannot reach the message broker (RabbitMQ) at 127.0.0.1:" + closedPort,
                    "the connection was refused", "driftwatch.remote.host, .port", "Exit code 8.");
        }
        assertThat(night.rows().get("drift_run")).isEmpty();
        assertThat(new JdbcTemplate(new DriverManagerDataSource(night.url()))
                .queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class)).isZero();
    }

    @Test
    void aBrokerRestartWithPartitionsInFlightLosesNoRequestAndTheNightWritesExactlyTheRowsOfALocalRun()
            throws Exception {
        String cannotRestart = LocalRabbitMQ.restartSkipReason();
        assumeTrue(cannotRestart == null, cannotRestart);
        RemoteFleet fleet = fleet("restart");
        Path release = dir.resolve("release-restart");
        JarProcess worker = fleet.worker(pausedAt("partition profileWindow", release), reference.monitors(),
                "--driftwatch.partition-threads=1");
        JarProcess manager = fleet.manager("--driftwatch.remote.poll-interval=PT0.5S");
        assertThat(worker.awaitLine("Paused at partition profileWindow", LIMIT)).as(worker.output()).isTrue();
        // the worker holds one of the three profile requests, unacknowledged; two wait
        assertThat(LocalRabbitMQ.awaitDepth(fleet.queue(), new Depth(2, 1), LIMIT)).isEqualTo(new Depth(2, 1));

        LocalRabbitMQ.restart();
        // durable queue, persistent and confirmed requests: all three are there again, the held one requeued
        assertThat(LocalRabbitMQ.awaitDepth(fleet.queue(), new Depth(3, 0), Duration.ofSeconds(60)))
                .isEqualTo(new Depth(3, 0));
        Files.createFile(release);

        // the worker finishes the held partition, reconnects, drops its requeued request; the manager sends the
        // drift requests over a new connection
        assertThat(manager.exitCode(LIMIT)).as(manager.output() + worker.output()).isZero();
        assertThat(worker.output()).containsPattern("Dropped request for partition profileWindow:\\S+ of driftJob "
                + "execution \\d+: already COMPLETED");
        assertThat(completed(worker)).as(worker.output()).isEqualTo(3 + 6);
        assertThat(FaultNight.difference(reference.rows(), fleet.night().rows())).isNull();
        assertThat(LocalRabbitMQ.depth(fleet.queue())).isEqualTo(new Depth(0, 0));
    }

    @Test
    void aRequestTheBrokerRefusesFailsTheNightNamingItsPartitionsAndOnePlainRerunCompletesIt() throws Exception {
        String cannotControl = LocalRabbitMQ.restartSkipReason();
        assumeTrue(cannotControl == null, cannotControl);
        RemoteFleet fleet = fleet("refused");
        // the broker takes one request and refuses the next (negative publisher confirm), as a full queue would
        LocalRabbitMQ.limitLength(fleet.queue(), 1);
        try {
            // without confirms the refused request would be lost silently and found missing only at the timeout
            JarProcess manager = fleet.manager("--driftwatch.remote.timeout=PT30S", "--driftwatch.remote.poll-interval=PT0.5S");
            assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(5);
            assertThat(manager.output()).contains("3 partition(s) of step profile not run: sending their requests to queue '"
                    + fleet.queue() + "' failed (the broker refused partition request", "profileWindow:p0000",
                    "marked FAILED. Rerun the same runDate");
        } finally {
            LocalRabbitMQ.unlimit(fleet.queue());
        }
        assertThat(LocalRabbitMQ.depth(fleet.queue())).isEqualTo(new Depth(1, 0));

        JarProcess worker = fleet.worker(reference.monitors());
        JarProcess rerun = fleet.manager();
        assertThat(rerun.exitCode(LIMIT)).as(rerun.output()).isZero();
        assertThat(worker.output()).contains("Dropped stale request for partition profileWindow:");
        assertThat(FaultNight.difference(reference.rows(), fleet.night().rows())).isNull();
    }

    @Test
    void aManagerAskedToTerminateStopsTheNightWithExit143AndOnePlainRerunCompletesItWithoutDuplicates()
            throws Exception {
        RemoteFleet fleet = fleet("managerterm");
        Path release = dir.resolve("release-managerterm");
        JarProcess worker = fleet.worker(pausedAt("partition featureDrift", release), reference.monitors(),
                "--driftwatch.partition-threads=1");
        // the worker ends the partitions well within the grace; should it not, the manager would stop waiting for
        // them at its end (the next test)
        JarProcess manager = fleet.manager("--driftwatch.remote.poll-interval=PT0.5S", "--driftwatch.shutdown-grace=PT60S");
        assertThat(worker.awaitLine("Paused at partition featureDrift", LIMIT)).as(worker.output()).isTrue();
        manager.terminate();
        assertThat(manager.awaitLine("asked to stop", LIMIT)).as(manager.output()).isTrue();
        Files.createFile(release);

        // the worker stops the partition it holds and the five queued ones before their work, as local threads do
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(143);
        assertThat(closingLine(manager.output())).as(manager.output()).endsWith("[exit 143 STOPPED]");
        assertThat(fleet.jobStatuses()).containsExactly("STOPPED");
        assertThat(fleet.night().rows().get("drift_report")).isEmpty();
        assertThat(fleet.night().rows().get("unfinished executions")).isEmpty();
        assertThat(completed(worker, "featureDrift")).as(worker.output()).isZero();
        assertThat(worker.output().lines().filter(l -> l.contains("Stopped partition featureDrift:")
                && l.endsWith("without running it: driftJob execution 1 was asked to stop"))).hasSize(5);
        assertThat(LocalRabbitMQ.depth(fleet.queue())).isEqualTo(new Depth(0, 0));

        JarProcess rerun = fleet.manager();
        assertThat(rerun.exitCode(LIMIT)).as(rerun.output()).isZero();
        assertThat(fleet.partitionsOfExecution(2)).containsOnly("featureDrift").hasSize(6);
        assertThat(completed(worker, "featureDrift")).as(worker.output()).isEqualTo(6);
        assertThat(FaultNight.difference(reference.rows(), fleet.night().rows())).isNull();
    }

    @Test
    void aManagerAskedToTerminateWithNoWorkerAliveStopsThePartitionsAtTheEndOfItsGraceExits143AndSaysSo()
            throws Exception {
        RemoteFleet fleet = fleet("managergrace");
        // no worker: nothing ends the three profile partitions the manager sends, nor stops them
        JarProcess manager = fleet.manager("--driftwatch.remote.poll-interval=PT0.5S", "--driftwatch.shutdown-grace=PT8S");
        assertThat(LocalRabbitMQ.awaitDepth(fleet.queue(), new Depth(3, 0), LIMIT)).isEqualTo(new Depth(3, 0));
        manager.terminate();

        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(143);
        assertThat(closingLine(manager.output())).as(manager.output()).endsWith("[exit 143 STOPPED]");
        assertThat(manager.output()).contains("3 partition(s) that no worker ended are marked STOPPED");
        assertThat(fleet.jobStatuses()).containsExactly("STOPPED");
        assertThat(fleet.night().rows().get("unfinished executions")).isEmpty();
        System.out.println("[remote] manager alone, SIGTERM: exit 143 after " + manager.elapsed().toMillis()
                + " ms in all (grace PT8S), '" + closingLine(manager.output()) + "'");

        // their requests wait in the queue: a worker drops them as stale, and one plain rerun completes the night
        JarProcess worker = fleet.worker(reference.monitors());
        JarProcess rerun = fleet.manager();
        assertThat(rerun.exitCode(LIMIT)).as(rerun.output()).isZero();
        assertThat(worker.output()).contains("Dropped stale request for partition profileWindow:");
        assertThat(FaultNight.difference(reference.rows(), fleet.night().rows())).isNull();
        assertThat(LocalRabbitMQ.depth(fleet.queue())).isEqualTo(new Depth(0, 0));
    }

    @Test
    void aPartitionThatCrashesEveryWorkerJvmTakingItIsFailedAsPoisonAfterMaxDeliveriesAndNamed() throws Exception {
        RemoteFleet fleet = fleet("crash");
        String poison = "featureDrift:p0003-loans.debt_ratio";
        // the product's test hook: a worker halts its JVM (no shutdown hook, no acknowledgement) in that partition
        List<String> crashIn = List.of("-Ddriftwatch.test.halt-at=partition " + poison);
        // the workers count the deliveries: the knob is theirs
        String[] workerArgs = {"--driftwatch.partition-threads=1", "--driftwatch.remote.max-deliveries=2"};
        JarProcess worker = fleet.worker(crashIn, reference.monitors(), workerArgs);
        JarProcess manager = fleet.manager("--driftwatch.remote.poll-interval=PT0.5S");
        // two workers die in it, each replaced as a Deployment replaces a crashed pod
        for (int crash = 1; crash <= 2; crash++) {
            assertThat(worker.exitCode(LIMIT)).as("crash %d: %s", crash, worker.output()).isEqualTo(134);
            assertThat(worker.output()).contains("Halting the JVM at partition " + poison);
            worker = fleet.worker(crashIn, reference.monitors(), workerArgs);
        }
        // the third one to take it fails it instead of running it, and goes on with the others
        assertThat(worker.awaitLine("failed as poison", LIMIT)).as(worker.output()).isTrue();
        assertThat(manager.exitCode(LIMIT)).as(manager.output()).isEqualTo(5);
        assertThat(manager.output()).contains("1 partition(s) of step drift failed on a worker: " + poison,
                "poison: taken by 2 workers, none of which finished it (driftwatch.remote.max-deliveries=2)");
        assertThat(worker.isAlive()).as(worker.output()).isTrue();
        assertThat(worker.output()).doesNotContain("Halting the JVM");
        // nothing loops: the queue is empty, the night is FAILED and nothing is left running
        assertThat(LocalRabbitMQ.depth(fleet.queue())).isEqualTo(new Depth(0, 0));
        assertThat(fleet.night().rows().get("drift_run")).singleElement()
                .satisfies(run -> assertThat(run.get("status")).isEqualTo("FAILED"));
        assertThat(fleet.night().rows().get("unfinished executions")).isEmpty();
    }

    private RemoteFleet fleet(String name) {
        RemoteFleet fleet = new RemoteFleet(reference.template(), reference.monitors(), name);
        fleets.add(fleet);
        return fleet;
    }
}
