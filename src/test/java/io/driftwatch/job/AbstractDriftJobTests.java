package io.driftwatch.job;

import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.ExitCodes;
import io.driftwatch.support.FaultInjection;
import io.driftwatch.support.LoanNights;

/**
 * driftJob end to end on a real database: the same behaviour is required of H2 (embedded default)
 * and PostgreSQL (production); one subclass per database.
 */
@SpringBootTest
@ActiveProfiles("jobtest")
@Import(FaultInjection.class)
abstract class AbstractDriftJobTests {

    static final String TABLE = "loan_features";
    static final int ROWS = 5_000;
    static final long BASELINE_SEED = 1;
    static final List<String> FEATURES = List.of("income", "age", "credit_score", "debt_ratio", "region", "channel");
    /** psi, kl, mean_shift on the four numeric features; psi, kl on the two categorical ones. */
    static final int REPORT_ROWS_PER_RUN = 4 * 3 + 2 * 2;

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired FaultInjection faults;
    @Autowired JobRepository jobRepository;
    @Autowired JobOperator jobOperator;
    @Autowired Job driftJob;
    @Autowired MeterRegistry meters;
    @Autowired io.driftwatch.config.MonitorCatalog catalog;
    @Autowired io.driftwatch.source.JdbcFeatureSource featureSource;
    @Autowired io.driftwatch.window.JdbcWindowProfileDao windowProfiles;
    @Autowired io.driftwatch.source.JdbcSchemaInspector inspector;
    @Autowired io.driftwatch.report.JdbcDriftRunDao runs;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired io.driftwatch.db.Dialect dialect;

    LoanNights nights;

    @BeforeEach
    void noOpenTaskFromAnotherTest() {
        // Each test judges its own night; a model has at most one open task, so earlier tests' tasks
        // are finished here as a retraining worker would finish them.
        jdbc.update("UPDATE retraining_task SET status = 'SUCCEEDED', finished_at = CURRENT_TIMESTAMP, lease_expires_at = NULL,"
                + " updated_at = CURRENT_TIMESTAMP WHERE status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
    }

    @BeforeEach
    void baselineExists() {
        nights = new LoanNights(jdbc, ROWS, BASELINE_SEED);
    }

    @Test
    void flagsExactlyTheShiftedFeaturesAndEnqueuesOneTaskWithEvidence() {
        LocalDate runDate = LocalDate.of(2026, 3, 2);
        givenWindow(runDate, Set.of("income", "age", "region"), 2);
        givenPerformance(runDate, 0.91, 0.2);

        Outcome outcome = launcher.launch(runDate);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(driftedFeatures(runDate)).containsExactlyInAnyOrder("income", "age", "region");
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        Map<String, Object> run = run(runDate);
        assertThat(run.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) run.get("features_drifted")).intValue()).isEqualTo(3);
        assertThat(((Number) run.get("features_evaluated")).intValue()).isEqualTo(6);
        assertThat(((Number) run.get("baseline_rows")).longValue()).isEqualTo(ROWS);
        assertThat(((Number) run.get("current_rows")).longValue()).isEqualTo(ROWS);
        assertThat(run.get("retraining_decision")).isEqualTo("ENQUEUED");

        List<Map<String, Object>> tasks = tasks(runDate);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("status")).isEqualTo("PENDING");
        assertThat(tasks.get(0).get("model")).isEqualTo("credit-risk");
        assertThat((String) tasks.get(0).get("reason")).contains("feature drift").contains("income").contains("region");
        JsonNode evidence = json.readTree(tasks.get(0).get("evidence").toString());
        Set<String> evidenceFeatures = evidence.get("drifted_features").valueStream()
                .map(n -> n.get("feature").asString()).collect(Collectors.toSet());
        assertThat(evidenceFeatures).containsExactlyInAnyOrder("income", "age", "region");
        evidence.get("drifted_features").valueStream()
                .forEach(n -> assertThat(n.get("score").asDouble()).isGreaterThanOrEqualTo(n.get("threshold").asDouble()));

        JsonNode snapshot = json.readTree(run.get("snapshot").toString());
        assertThat(snapshot.get("dataset").get("features_drifted").asInt()).isEqualTo(3);
        assertThat(snapshot.get("retraining").get("decision").asString()).isEqualTo("ENQUEUED");
        assertThat(snapshot.get("rows_read").get("current").asLong()).isEqualTo(ROWS);
    }

    @Test
    void identicalDataFlagsNothingAndEnqueuesNothing() {
        LocalDate runDate = LocalDate.of(2026, 3, 3);
        givenWindow(runDate, Set.of(), BASELINE_SEED);
        givenPerformance(runDate, 0.91, 0.2);

        Outcome outcome = launcher.launch(runDate);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(driftedFeatures(runDate)).isEmpty();
        assertThat(jdbc.queryForList("SELECT score FROM drift_report WHERE run_date = ?", Double.class, runDate))
                .hasSize(REPORT_ROWS_PER_RUN).allSatisfy(score -> assertThat(score).isEqualTo(0.0));
        assertThat(tasks(runDate)).isEmpty();
        assertThat(run(runDate).get("retraining_decision")).isEqualTo("NOT_NEEDED");
        assertThat(run(runDate).get("performance_status")).isEqualTo("OK");
    }

    @Test
    void accuracyBelowTheFloorWithoutDriftEnqueuesOneTask() {
        LocalDate runDate = LocalDate.of(2026, 3, 4);
        givenWindow(runDate, Set.of(), BASELINE_SEED);
        givenPerformance(runDate, 0.70, 0.2);

        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(driftedFeatures(runDate)).isEmpty();
        List<Map<String, Object>> tasks = tasks(runDate);
        assertThat(tasks).hasSize(1);
        assertThat((String) tasks.get(0).get("reason")).isEqualTo("accuracy 0.7000 < floor 0.7800");
        JsonNode evidence = json.readTree(tasks.get(0).get("evidence").toString());
        assertThat(evidence.get("drifted_features").size()).isZero();
        assertThat(evidence.get("performance").get("accuracy").asDouble()).isEqualTo(0.70);
    }

    @Test
    void latencyAboveTheCeilingEnqueuesOneTask() {
        LocalDate runDate = LocalDate.of(2026, 3, 8);
        givenWindow(runDate, Set.of(), BASELINE_SEED);
        givenPerformance(runDate, 0.91, 0.75);

        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(tasks(runDate)).singleElement()
                .satisfies(t -> assertThat((String) t.get("reason")).isEqualTo("latency 0.7500 s > ceiling 0.5000 s"));
    }

    @Test
    void missingPerformanceDataIsReportedAsMissingNotHealthy() {
        LocalDate runDate = LocalDate.of(2026, 3, 5);
        givenWindow(runDate, Set.of(), BASELINE_SEED);

        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        Map<String, Object> run = run(runDate);
        assertThat(run.get("performance_status")).isEqualTo("MISSING");
        assertThat(run.get("accuracy")).isNull();
        assertThat((String) run.get("retraining_reason")).contains("accuracy missing").contains("latency missing");
        JsonNode snapshot = json.readTree(run.get("snapshot").toString());
        assertThat(snapshot.get("performance").get("status").asString()).isEqualTo("MISSING");
        assertThat(tasks(runDate)).isEmpty();
    }

    @Test
    void rerunningACompletedDateWritesNothingAndSaysSo() {
        LocalDate runDate = LocalDate.of(2026, 3, 6);
        givenWindow(runDate, Set.of("debt_ratio"), 3);
        givenPerformance(runDate, 0.91, 0.2);
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        long reports = reportRows(runDate);
        Object completedAt = run(runDate).get("completed_at");

        Outcome again = launcher.launch(runDate);

        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
        assertThat(again.message()).contains("already completed").contains("2026-03-06");
        assertThat(reportRows(runDate)).isEqualTo(reports);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate)).isEqualTo(1);
        assertThat(tasks(runDate)).hasSize(1);
        assertThat(run(runDate).get("completed_at")).isEqualTo(completedAt);
    }

    @Test
    void aFailureInTheDriftStepFailsTheRunAndARestartCompletesWithoutDuplicates() {
        LocalDate runDate = LocalDate.of(2026, 3, 7);
        givenWindow(runDate, Set.of("credit_score", "channel"), 4);
        givenPerformance(runDate, 0.91, 0.2);
        faults.failNextComputation();

        Outcome failed = launcher.launch(runDate);

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.message()).contains("injected failure").contains("Rerun the same runDate");
        assertThat(run(runDate).get("status")).isEqualTo("FAILED");
        assertThat((String) run(runDate).get("failure_message")).contains("injected failure");
        assertThat(reportRows(runDate)).isLessThan(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).isEmpty();

        Outcome restarted = launcher.launch(runDate);

        assertThat(restarted.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run(runDate).get("status")).isEqualTo("COMPLETED");
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT feature || '/' || method) FROM drift_report WHERE run_date = ?",
                Long.class, runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(driftedFeatures(runDate)).containsExactlyInAnyOrder("credit_score", "channel");
        assertThat(tasks(runDate)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate)).isEqualTo(1);
    }

    @Test
    void aRunLeftStartedIsResumedOnceItsProcessIsProvablyGoneOrIdleLongEnough() throws Exception {
        LocalDate runDate = LocalDate.of(2026, 3, 10);
        givenWindow(runDate, Set.of("age"), 6);
        givenPerformance(runDate, 0.91, 0.2);
        // What a pod killed mid-run leaves behind: an execution that says STARTED forever.
        JobParameters parameters = io.driftwatch.job.DriftJobConfiguration.parameters(runDate);
        JobExecution killed = jobRepository.createJobExecution(jobRepository.createJobInstance("driftJob", parameters),
                parameters, new ExecutionContext());
        killed.setStatus(BatchStatus.STARTED);
        killed.setStartTime(LocalDateTime.now());
        jobRepository.update(killed);

        // while its process is alive, it holds the date's lock
        try (AutoCloseable owner = holdTheDateElsewhere(parameters)) {
            Outcome blocked = launcher.launch(runDate);

            assertThat(blocked.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(blocked.message()).contains("holds the date's lock");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate)).isZero();

        // once it is gone: PostgreSQL proves it (the lock is free), H2 cannot, so recover-after applies there
        Outcome plainRerun = launcher.launch(runDate);
        Outcome resumed = plainRerun;
        if (!provesProcessesGone()) {
            assertThat(plainRerun.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(plainRerun.message()).contains("driftwatch.recover-after");
            DriftCommand takeOver = new DriftCommand(jobOperator, jobRepository, driftJob, new AbandonedExecutions(
                    jobRepository, jobOperator, Clock.systemUTC(), Duration.ZERO, dataSource, dialect), catalog,
                    Clock.systemUTC(), java.util.Optional.empty(),
                    new io.driftwatch.source.DataCheck(inspector, featureSource, Clock.systemUTC()), runs);
            resumed = takeOver.launch(runDate);
        }

        assertThat(resumed.exitCode()).as(resumed.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(driftedFeatures(runDate)).containsExactly("age");
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).hasSize(1);
        assertThat(jobRepository.getJobExecution(killed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
    }

    /** Whether this database proves a process that held a date's lock gone (PostgreSQL's session locks). */
    boolean provesProcessesGone() {
        return dialect.vendor().equals("postgresql");
    }

    /**
     * The date's lock held by another live process: on PostgreSQL another session (another process would hold
     * one), on H2 another start in this JVM.
     */
    AutoCloseable holdTheDateElsewhere(JobParameters parameters) throws java.sql.SQLException {
        if (!provesProcessesGone()) {
            RunDateLock owner = RunDateLock.take(dataSource, dialect, "driftJob", parameters);
            assertThat(owner.held()).isTrue();
            return owner;
        }
        java.sql.Connection session = dataSource.getConnection();
        long key = RunDateLock.key(session, "driftJob", parameters);
        assertThat(dialect.trySessionLock(session, key)).isEqualTo(io.driftwatch.db.Dialect.SessionLock.TAKEN);
        return () -> {
            dialect.releaseSessionLock(session, key);
            session.close();
        };
    }

    @Test
    void aRunLeftUnknownByALostConnectionIsRecoveredAndResumedByAPlainRerun() {
        LocalDate runDate = LocalDate.of(2026, 3, 16);
        givenWindow(runDate, Set.of("debt_ratio"), 10);
        givenPerformance(runDate, 0.91, 0.2);
        // What a process whose backends were terminated leaves behind ("JDBC rollback failed"): the execution and
        // the step it was in UNKNOWN, a partition still STARTED; with the default recover-after.
        JobParameters parameters = io.driftwatch.job.DriftJobConfiguration.parameters(runDate);
        JobExecution lost = jobRepository.createJobExecution(jobRepository.createJobInstance("driftJob", parameters),
                parameters, new ExecutionContext());
        lost.setStartTime(LocalDateTime.now());
        org.springframework.batch.core.step.StepExecution profile = jobRepository.createStepExecution("profile", lost);
        profile.setStatus(BatchStatus.UNKNOWN);
        jobRepository.update(profile);
        org.springframework.batch.core.step.StepExecution partition =
                jobRepository.createStepExecution("profileWindow:loans:baseline", lost);
        partition.setStatus(BatchStatus.STARTED);
        jobRepository.update(partition);
        lost.setStatus(BatchStatus.UNKNOWN);
        lost.setEndTime(LocalDateTime.now());
        jobRepository.update(lost);

        Outcome rerun = launcher.launch(runDate);

        assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(driftedFeatures(runDate)).containsExactly("debt_ratio");
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).hasSize(1);
        JobExecution recovered = jobRepository.getJobExecution(lost.getId());
        assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovered.getStepExecutions()).extracting(s -> s.getStatus()).containsOnly(BatchStatus.FAILED);
    }

    @Test
    void publishesDriftScoresAndCountersAsMeters() {
        LocalDate runDate = LocalDate.of(2026, 3, 11);
        givenWindow(runDate, Set.of("region"), 7);
        givenPerformance(runDate, 0.91, 0.2);
        double enqueuedBefore = counter("driftwatch.retraining.tasks.enqueued", "monitor", "loans", "model", "credit-risk");
        double driftedBefore = counter("driftwatch.features.drifted", "monitor", "loans");

        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT feature, method, score FROM drift_report WHERE run_date = ?", runDate)) {
            assertThat(meters.get("driftwatch.drift.score").tags("monitor", "loans", "feature", (String) row.get("feature"),
                    "method", (String) row.get("method")).gauge().value())
                    .isEqualTo(((Number) row.get("score")).doubleValue());
        }
        assertThat(counter("driftwatch.features.drifted", "monitor", "loans") - driftedBefore).isEqualTo(1.0);
        assertThat(counter("driftwatch.retraining.tasks.enqueued", "monitor", "loans", "model", "credit-risk") - enqueuedBefore)
                .isEqualTo(1.0);
    }

    @Test
    void anUnchangedBaselineIsProfiledOnceAndReusedUntilItsDataChanges() {
        OffsetDateTime extraAt = OffsetDateTime.parse("2026-01-15T12:00:00Z");
        LocalDate changed = LocalDate.of(2026, 3, 12);
        LocalDate scanned = LocalDate.of(2026, 3, 13);
        LocalDate cached = LocalDate.of(2026, 3, 14);
        for (LocalDate d : List.of(changed, scanned, cached)) {
            givenWindow(d, Set.of("age"), 8);
            givenPerformance(d, 0.91, 0.2);
        }
        // given a baseline with one more row than usual
        jdbc.update("INSERT INTO loan_features (scored_at, income, age, credit_score, debt_ratio, region, channel)"
                + " VALUES (?, 40000, 40, 680, 0.3, 'north', 'web')", extraAt);
        try {
            assertThat(launcher.launch(changed).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        } finally {
            jdbc.update("DELETE FROM loan_features WHERE scored_at = ?", extraAt);
        }

        assertThat(launcher.launch(scanned).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(launcher.launch(cached).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(run(changed).get("baseline_source")).isEqualTo("scan");
        assertThat(((Number) run(changed).get("baseline_rows")).longValue()).isEqualTo(ROWS + 1);
        assertThat(run(scanned).get("baseline_source")).isEqualTo("scan");
        assertThat(run(cached).get("baseline_source")).isEqualTo("cache");
        assertThat(run(cached).get("baseline_fingerprint")).isEqualTo(run(scanned).get("baseline_fingerprint"))
                .isNotEqualTo(run(changed).get("baseline_fingerprint"));
        assertThat(((Number) run(cached).get("baseline_rows")).longValue()).isEqualTo(ROWS);
        // the cached profile scores exactly as the scanned one did on the same window
        assertThat(scores(cached)).isEqualTo(scores(scanned)).hasSize(REPORT_ROWS_PER_RUN);
    }

    @Test
    void theCurrentWindowIsProfiledInTimeSlicesThatMergeToTheWholeWindow() {
        LocalDate runDate = LocalDate.of(2026, 3, 15);
        givenWindow(runDate, Set.of("income"), 9);
        givenPerformance(runDate, 0.91, 0.2);

        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        long runId = ((Number) run(runDate).get("id")).longValue();
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT slice) FROM window_profile WHERE run_id = ? AND side = 'current'",
                Long.class, runId)).isEqualTo(2);
        assertThat(((Number) run(runDate).get("current_rows")).longValue()).isEqualTo(ROWS);
        io.driftwatch.config.Monitor monitor = catalog.require("loans");
        io.driftwatch.source.WindowProfile whole = featureSource.profile(monitor, monitor.source(),
                monitor.windowStart(runDate, ZoneOffset.UTC), monitor.windowEnd(runDate, ZoneOffset.UTC), ZoneOffset.UTC, null);
        for (String feature : FEATURES) {
            io.driftwatch.profile.FeatureProfile merged = windowProfiles.find(runId,
                    io.driftwatch.window.JdbcWindowProfileDao.Side.CURRENT, feature).orElseThrow();
            io.driftwatch.profile.FeatureProfile single = whole.features().get(feature);
            assertThat(merged.count()).isEqualTo(single.count());
            assertThat(merged.missing()).isEqualTo(single.missing());
            if (merged instanceof io.driftwatch.profile.NumericProfile m) {
                io.driftwatch.profile.NumericProfile n = (io.driftwatch.profile.NumericProfile) single;
                assertThat(m.mean()).isCloseTo(n.mean(), org.assertj.core.data.Percentage.withPercentage(1e-10));
                assertThat(m.populationStd()).isCloseTo(n.populationStd(), org.assertj.core.data.Percentage.withPercentage(1e-10));
                for (double p = 0; p <= 1; p += 0.05) {
                    assertThat(m.quantile(p)).isEqualTo(n.quantile(p));
                }
            } else {
                assertThat(((io.driftwatch.profile.CategoricalProfile) merged).counts())
                        .isEqualTo(((io.driftwatch.profile.CategoricalProfile) single).counts());
            }
        }
    }

    private Map<String, Double> scores(LocalDate runDate) {
        Map<String, Double> scores = new java.util.TreeMap<>();
        jdbc.queryForList("SELECT feature, method, score FROM drift_report WHERE run_date = ?", runDate)
                .forEach(r -> scores.put(r.get("feature") + "/" + r.get("method"), ((Number) r.get("score")).doubleValue()));
        return scores;
    }

    private double counter(String name, String... tags) {
        io.micrometer.core.instrument.Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    void givenWindow(LocalDate runDate, Set<String> shifted, long seed) {
        nights.window(runDate, shifted, seed);
    }

    void givenPerformance(LocalDate runDate, double accuracy, double latencySeconds) {
        nights.performance("credit-risk", runDate, accuracy, latencySeconds);
    }

    List<String> driftedFeatures(LocalDate runDate) {
        return jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE run_date = ? AND drifted ORDER BY feature",
                String.class, runDate);
    }

    long reportRows(LocalDate runDate) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, runDate);
    }

    Map<String, Object> run(LocalDate runDate) {
        return jdbc.queryForMap("SELECT * FROM drift_run WHERE monitor = 'loans' AND run_date = ?", runDate);
    }

    List<Map<String, Object>> tasks(LocalDate runDate) {
        return jdbc.queryForList("SELECT * FROM retraining_task WHERE run_date = ?", runDate);
    }
}
