package io.driftwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.driftwatch.support.JarProcess;
import io.driftwatch.support.RequiresPostgres;

/**
 * Faults an operator meets, against the packaged jar on real PostgreSQL: kill -9 at seeded random moments
 * across every step, the job's backends terminated at several moments, SIGTERM at a step boundary and after
 * the closing line, two processes started together, and a server that never answers. Each interrupted night
 * is rerun once, as the CronJob reruns it, and must then hold exactly the rows of one uninterrupted reference
 * night: every report row and score to the last digit, one retraining task, nothing left running.
 * A build runs {@value #BUILD_KILLS} kill trials and {@value #BUILD_TERMINATIONS} terminations;
 * {@code -Dfaults.recovery=true} runs the full set ({@value #FULL_KILLS} kills, {@value #FULL_TERMINATIONS}
 * terminations). {@code -Dfaults.trials=N} sets the number of kill trials, {@code -Dfaults.seed} picks other
 * moments, {@code -Dfaults.parallel} runs that many trials at once (default 2).
 */
@RequiresPostgres
class DriftJobFaultsIT {

    private static final int ROWS = Integer.getInteger("faults.rows", 100_000);
    static final int BUILD_KILLS = 10;
    static final int BUILD_TERMINATIONS = 3;
    static final int FULL_KILLS = 20;
    static final int FULL_TERMINATIONS = 6;
    private static final boolean FULL = Boolean.getBoolean("faults.recovery");
    private static final int TRIALS = Integer.getInteger("faults.trials", FULL ? FULL_KILLS : BUILD_KILLS);
    private static final long SEED = Long.getLong("faults.seed", 20261205L);
    private static final int PARALLEL = Integer.getInteger("faults.parallel", 2);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    /** Lines the job logs as it passes through its steps, in order: places to kill it near. */
    private static final List<String> MOMENTS = List.of(
            "Started DriftwatchApplication",          // before the job: launching, recovering, reap
            "Reaper: ",                               // reap done, prepare next
            "opened for window",                      // prepare
            "Monitor loans baseline: ",               // profile: the baseline scan (or cache) begins
            "current slice 1: profiled",              // profile: a slice written
            "Monitor loans feature ",                 // drift: a feature's report rows written
            "features drifted; retraining",           // decide committed, publish next
            "drift report for run date");             // publish

    /** The template night, the monitors, and one uninterrupted (local) night whose rows every trial must end with. */
    @RegisterExtension
    static final ReferenceNight reference = new ReferenceNight(ROWS, RUN_LIMIT);

    @TempDir
    static Path dir;

    @Test
    void aNightKilledAtAnyMomentCompletesOnOnePlainRerunWithTheRowsOfAnUninterruptedNight() throws Exception {
        Random random = new Random(SEED);
        List<String> report = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> trials = new ArrayList<>();
            for (int i = 0; i < TRIALS; i++) {
                int trial = i;
                String moment = MOMENTS.get(random.nextInt(MOMENTS.size()));
                int delayMillis = random.nextInt(400);
                trials.add(pool.submit(() -> {
                    killTrial(trial, moment, delayMillis, report);
                    return null;
                }));
            }
            for (Future<?> trial : trials) {
                trial.get();
            }
        } finally {
            pool.shutdownNow();
            System.out.println("[faults] kill -9 trials (seed " + SEED + "):\n  " + String.join("\n  ", report));
        }
        assertThat(report).hasSize(TRIALS).allSatisfy(line -> assertThat(line).endsWith("identical"));
    }

    private void killTrial(int trial, String moment, int delayMillis, List<String> report) throws Exception {
        try (FaultNight night = reference.template().copy()) {
            String killed;
            try (JarProcess run = night.start(reference.monitors())) {
                assertThat(run.awaitLine(moment, RUN_LIMIT)).as(run.output()).isTrue();
                Thread.sleep(delayMillis);
                boolean alive = run.isAlive();
                run.kill();
                int exit = run.exitCode(RUN_LIMIT);
                killed = alive && exit == 137 ? "killed" : "ended " + exit + " before the kill";
            }
            // The killed execution is left STARTED; its process is gone (the date's lock is free), so the plain
            // rerun, with the default recover-after, takes it over at once.
            int rerun = rerunOnce(night);
            assertThat(FaultNight.difference(reference.rows(), night.rows()))
                    .as("trial %d: kill -9 at '%s' +%d ms", trial, moment, delayMillis).isNull();
            report.add("trial " + trial + ": at '" + moment.strip() + "' +" + delayMillis + " ms " + killed + ", rerun exit "
                    + rerun + ", identical");
        }
    }

    @Test
    void aBackfillKilledMidDateIsRecoveredByTheNextBackfillWhichWritesTheRowsOfAnUninterruptedNight() throws Exception {
        try (FaultNight night = reference.template().copy()) {
            try (JarProcess run = night.startBackfill(reference.monitors())) {
                // the date's driftJob writes its report rows: its execution is STARTED
                assertThat(run.awaitLine("Monitor loans feature ", RUN_LIMIT)).as(run.output()).isTrue();
                run.kill();
                assertThat(run.exitCode(RUN_LIMIT)).as(run.output()).isEqualTo(137);
            }
            assertThat(night.executionStatuses()).as("the killed backfill's execution").containsExactly("STARTED");
            try (JarProcess again = night.startBackfill(reference.monitors())) {
                assertThat(again.exitCode(RUN_LIMIT)).as(again.output()).isZero();
                assertThat(again.output()).contains("the process that ran it is gone");
            }
            // the killed date's execution is FAILED (its process is gone: the date's lock was free), the new one
            // completed, and nothing is left running
            assertThat(night.executionStatuses()).containsExactly("FAILED", "COMPLETED");
            assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
        }
    }

    @Test
    void aRerunKilledMidDateIsRecoveredByTheNextRerunWhichLeavesTheRowsOfAnUninterruptedNight() throws Exception {
        try (FaultNight night = reference.template().copy()) {
            // a completed night, reprocessed on purpose (runs rerun) and killed in it
            completedNightWithAKilledRerun(night);

            try (JarProcess again = night.startRerun(reference.monitors())) {
                assertThat(again.exitCode(RUN_LIMIT)).as(again.output()).isZero();
                assertThat(again.output()).contains("the process that ran it is gone");
            }
            // the killed rerun's execution is FAILED (the date's lock was free), the new one completed, nothing runs;
            // one drift_run row, the report rows once, one retraining task: what an uninterrupted rerun leaves
            assertThat(night.executionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
            assertThat(FaultNight.difference(FaultNight.reprocessed(reference.rows()), night.rows())).isNull();
        }
    }

    @Test
    void aRerunKilledMidDateIsRecoveredByTheNextNightWhichLeavesTheRowsOfAnUninterruptedNight() throws Exception {
        try (FaultNight night = reference.template().copy()) {
            // a rerun of a date never run runs it for the monitor
            killRerunWritingReports(night);
            assertThat(night.executionStatuses()).as("the killed rerun").containsExactly("STARTED");

            try (JarProcess nightly = night.start(reference.monitors())) {
                assertThat(nightly.exitCode(RUN_LIMIT)).as(nightly.output()).isZero();
                assertThat(nightly.output()).contains("the process that ran it is gone");
            }
            assertThat(night.executionStatuses()).containsExactly("FAILED", "COMPLETED");
            assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
        }
    }

    @Test
    void aRerunOfACompletedNightKilledMidDateIsFinishedByTheNextNightWhichLeavesTheRowsOfAnUninterruptedRerun()
            throws Exception {
        try (FaultNight night = reference.template().copy()) {
            completedNightWithAKilledRerun(night);

            // the night of the date (the CronJob's retry, or a night run by hand), not a rerun
            try (JarProcess nightly = night.start(reference.monitors())) {
                assertThat(nightly.exitCode(RUN_LIMIT)).as(nightly.output()).isZero();
                assertThat(nightly.output()).contains("the process that ran it is gone")
                        .contains("finished the reprocessing of monitor(s) [loans]");
            }
            // the killed rerun FAILED, the reprocessing finished in a new execution; the run COMPLETED, the report rows
            // once, the night's one task: what an uninterrupted rerun leaves
            assertThat(night.executionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
            assertThat(FaultNight.difference(FaultNight.reprocessed(reference.rows()), night.rows())).isNull();
        }
    }

    /** The date's night completed, then reprocessed on purpose (runs rerun) and killed while writing its reports. */
    private void completedNightWithAKilledRerun(FaultNight night) throws Exception {
        try (JarProcess run = night.start(reference.monitors())) {
            assertThat(run.exitCode(RUN_LIMIT)).as(run.output()).isZero();
        }
        killRerunWritingReports(night);
        assertThat(night.executionStatuses()).as("the night, the killed rerun").containsExactly("COMPLETED", "STARTED");
    }


    /** A {@code runs rerun} of the night's date killed (kill -9) in its drift step, once it writes report rows. */
    private static void killRerunWritingReports(FaultNight night) throws Exception {
        try (JarProcess rerun = night.startRerun(reference.monitors())) {
            assertThat(rerun.awaitLine("Monitor loans feature ", RUN_LIMIT)).as(rerun.output()).isTrue();
            rerun.kill();
            assertThat(rerun.exitCode(RUN_LIMIT)).as(rerun.output()).isEqualTo(137);
        }
    }

    /** Where the job's backends are terminated: prepare, the baseline scan, a slice, drift, decide, publish. */
    private static final List<String> TERMINATION_MOMENTS = List.of("Monitor loans baseline: ", "Monitor loans feature ",
            "features drifted; retraining", "opened for window", "current slice 1: profiled", "drift report for run date");

    @Test
    void aNightWhoseBackendsAreTerminatedCompletesOnOnePlainRerunWithTheSameRows() throws Exception {
        List<String> report = new ArrayList<>();
        for (String moment : TERMINATION_MOMENTS.subList(0, FULL ? FULL_TERMINATIONS : BUILD_TERMINATIONS)) {
            try (FaultNight night = reference.template().copy()) {
                int terminated;
                int exit;
                boolean failedOwn;
                try (JarProcess run = night.start(reference.monitors())) {
                    assertThat(run.awaitLine(moment, RUN_LIMIT)).as(run.output()).isTrue();
                    terminated = night.terminateBackends();
                    exit = run.exitCode(RUN_LIMIT);
                    failedOwn = run.output().contains("by its own failed run");
                    // a terminated connection fails its step (5), or the pool replaces it unnoticed (0)
                    assertThat(exit).as(run.output()).isIn(0, 5);
                    assertThat(run.output()).doesNotContain("[exit 1 ");
                }
                // with the default recover-after: neither an execution left UNKNOWN nor one left STARTED needs it
                int rerun = rerunOnce(night);
                boolean unknown = night.recoveredUnknown();
                assertThat(FaultNight.difference(reference.rows(), night.rows())).as("backends terminated at '%s'", moment)
                        .isNull();
                report.add("at '" + moment.strip() + "': " + terminated + " backend(s) terminated, exit " + exit
                        + (unknown ? " leaving it UNKNOWN" : "") + (failedOwn ? " (it marked its STARTED execution FAILED)" : "")
                        + ", rerun exit " + rerun + ", identical");
            }
        }
        System.out.println("[faults] backend terminations:\n  " + String.join("\n  ", report));
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsTheStartWithinTheLoginTimeout() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        long[] firstAccept = {0};
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = silent.accept();
                        if (accepted.isEmpty()) {
                            firstAccept[0] = System.nanoTime();
                        }
                        accepted.add(socket);
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test";

            int exit;
            String output;
            try (JarProcess run = JarProcess.start(List.of("--spring.config.additional-location=file:" + reference.monitors(),
                    "runDate=" + FaultNight.RUN_DATE), Map.of("SPRING_DATASOURCE_URL", url,
                    "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", ""))) {
                exit = run.exitCode(Duration.ofMinutes(2));
                output = run.output();
            }
            Duration toFailure = Duration.ofNanos(System.nanoTime() - firstAccept[0]);
            System.out.println("[faults] silent server: exit " + exit + " " + toFailure.toMillis()
                    + " ms after it accepted the first connection (driftwatch.database.login-timeout PT10S)");

            assertThat(accepted).as(output).isNotEmpty();
            assertThat(exit).as(output).isEqualTo(5);
            assertThat(output).contains("127.0.0.1:" + silent.getLocalPort())
                    .contains("driftwatch.database.login-timeout (PT10S)").contains("Exit code 5");
            // the documented timeout, plus the time to report the failure and close the process
            assertThat(toFailure).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(25));
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalAtTheDecideToPublishBoundaryStopsTheNightExitsItsCodeAndSaysSoAndOneRerunCompletesIt(
            String signal, int expectedExit) throws Exception {
        try (FaultNight night = reference.template().copy()) {
            Path release = dir.resolve("release-after-decide-" + signal);
            int exit;
            Duration stopping;
            String closing;
            // held after decide's work, before its end is recorded: the signal lands on the step boundary
            try (JarProcess run = night.startPaused("after decide", release, reference.monitors())) {
                assertThat(run.awaitLine("Paused at after decide", RUN_LIMIT)).as(run.output()).isTrue();
                long signalled = System.nanoTime();
                if (signal.equals("INT")) {
                    run.interrupt();
                } else {
                    run.terminate();
                }
                assertThat(run.awaitLine("asked to stop", RUN_LIMIT)).as(run.output()).isTrue();
                Files.createFile(release);
                exit = run.exitCode(RUN_LIMIT);
                stopping = Duration.ofNanos(System.nanoTime() - signalled);
                closing = closingLine(run.output());

                assertThat(exit).as(run.output()).isEqualTo(expectedExit);
                assertThat(closing).as(run.output()).endsWith("[exit " + expectedExit + " STOPPED]");
                // no wait for the grace period (PT100S) once the job has stopped
                assertThat(stopping).as(run.output()).isLessThan(Duration.ofSeconds(30));
            }
            int rerun = rerunOnce(night);
            assertThat(rerun).isZero();
            assertThat(FaultNight.difference(reference.rows(), night.rows())).as("SIG" + signal + " after decide").isNull();
            System.out.println("[faults] SIG" + signal + " at decide -> publish: exit " + exit + " after " + stopping.toMillis()
                    + " ms, '" + closing.substring(closing.lastIndexOf('[')) + "', rerun exit " + rerun + ", identical");
        }
    }

    @Test
    void sigtermAfterTheClosingLineExitsWithTheCodeThatLineStates() throws Exception {
        try (FaultNight night = reference.template().copy()) {
            Path release = dir.resolve("release-closing-line");
            try (JarProcess run = night.startPaused("closing line", release, reference.monitors())) {
                assertThat(run.awaitLine("Paused at closing line", RUN_LIMIT)).as(run.output()).isTrue();
                run.terminate();
                assertThat(run.awaitLine("Termination requested (SIGTERM)", RUN_LIMIT)).as(run.output()).isTrue();
                Files.createFile(release);
                int exit = run.exitCode(RUN_LIMIT);
                String closing = closingLine(run.output());
                System.out.println("[faults] SIGTERM after the closing line: exit " + exit + ", '"
                        + closing.substring(closing.lastIndexOf('[')) + "'");

                assertThat(closing).as(run.output()).endsWith("[exit 0 COMPLETED]");
                assertThat(exit).as(run.output()).isZero();
            }
            assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
        }
    }

    @Test
    void twoProcessesStartingTheSameNightTogetherGiveOneRunAndExitFourOrThreeToTheOther() throws Exception {
        try (FaultNight night = reference.template().copy();
             JarProcess first = night.start(reference.monitors());
             JarProcess second = night.start(reference.monitors())) {
            List<Integer> exits = new ArrayList<>(List.of(first.exitCode(RUN_LIMIT), second.exitCode(RUN_LIMIT)));
            exits.sort(null);
            System.out.println("[faults] two processes started together: exits " + exits);

            assertThat(exits.get(0)).as(first.output() + second.output()).isZero();
            assertThat(exits.get(1)).as(first.output() + second.output()).isIn(3, 4);
            assertThat(FaultNight.difference(reference.rows(), night.rows())).isNull();
        }
    }

    private static String closingLine(String output) {
        List<String> lines = output.lines().filter(l -> l.matches(".*\\[exit \\d+ [A-Z_]+]$")).toList();
        return lines.isEmpty() ? "(no closing line)" : lines.get(lines.size() - 1);
    }

    /** Reruns the night once, as a CronJob retries it, and requires it complete (0) or already complete (3). */
    private static int rerunOnce(FaultNight night) throws Exception {
        try (JarProcess rerun = night.start(reference.monitors())) {
            int exit = rerun.exitCode(RUN_LIMIT);
            assertThat(exit).as(rerun.output()).isIn(0, 3);
            return exit;
        }
    }
}
