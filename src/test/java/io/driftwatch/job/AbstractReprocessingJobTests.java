package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.cli.RunsCommand;
import io.driftwatch.support.FaultInjection;
import io.driftwatch.support.LoanNights;

/**
 * No date is locked by a mistake: a date with nothing to judge, or whose configuration does not match
 * the database, writes nothing (not even a job instance), so the same date runs once corrected; and a
 * completed date is reprocessed on purpose with {@code runs rerun}, in place and without duplicates.
 */
@SpringBootTest
@ActiveProfiles("jobtest")
@Import(FaultInjection.class)
abstract class AbstractReprocessingJobTests {

    @Autowired DriftCommand launcher;
    @Autowired RunsCommand runsCommand;
    @Autowired JdbcTemplate jdbc;
    @Autowired JobRepository jobRepository;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired io.driftwatch.db.Dialect dialect;

    LoanNights nights;

    @BeforeEach
    void baselineAndNoOpenTask() {
        nights = new LoanNights(jdbc, AbstractDriftJobTests.ROWS, AbstractDriftJobTests.BASELINE_SEED);
        jdbc.update("UPDATE retraining_task SET status = 'SUCCEEDED', finished_at = CURRENT_TIMESTAMP,"
                + " updated_at = CURRENT_TIMESTAMP WHERE status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
    }

    @Test
    void aRunDateInTheFutureIsNoDataAndWritesNothing() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);

        Outcome outcome = launcher.launch(tomorrow);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.NO_DATA);
        assertThat(outcome.exitCode().code()).isEqualTo(7);
        assertThat(outcome.message()).contains("runDate " + tomorrow + " lies in the future").contains("nothing was written");
        assertNothingWritten(tomorrow);
    }

    @Test
    void anEmptyCurrentWindowIsNoDataAndTheSameDateCompletesOnceItsRowsAreLoaded() {
        LocalDate runDate = LocalDate.of(2026, 6, 2);

        Outcome empty = launcher.launch(runDate);

        assertThat(empty.exitCode()).isEqualTo(ExitCodes.NO_DATA);
        assertThat(empty.message()).contains("monitor 'loans': the current window [2026-06-01T00:00:00Z, 2026-06-02T00:00:00Z)"
                + " of loan_features holds no rows");
        assertNothingWritten(runDate);

        nights.window(runDate, Set.of("income"), 3);
        Outcome corrected = launcher.launch(runDate);

        assertThat(corrected.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run(runDate).get("status")).isEqualTo("COMPLETED");
    }

    @Test
    void anEmptyBaselineIsNoDataAndWritesNothing() {
        LocalDate runDate = LocalDate.of(2026, 6, 3);
        nights.window(runDate, Set.of(), 4);
        jdbc.update("DELETE FROM loan_features WHERE scored_at < TIMESTAMP WITH TIME ZONE '2026-02-01 00:00:00+00'");
        try {
            Outcome outcome = launcher.launch(runDate);

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.NO_DATA);
            assertThat(outcome.message()).contains("monitor 'loans': the baseline (loan_features from 2026-01-01T00:00:00Z"
                    + " to 2026-02-01T00:00:00Z) holds no rows");
            assertNothingWritten(runDate);
        } finally {
            nights = new LoanNights(jdbc, AbstractDriftJobTests.ROWS, AbstractDriftJobTests.BASELINE_SEED);
        }
    }

    @Test
    void aConfigurationThatDoesNotMatchTheTableIsExitTwoWithNoExecutionToResume() {
        LocalDate runDate = LocalDate.of(2026, 6, 4);
        nights.window(runDate, Set.of(), 5);
        jdbc.execute("ALTER TABLE loan_features RENAME COLUMN channel TO sales_channel");
        try {
            Outcome outcome = launcher.launch(runDate);

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
            assertThat(outcome.message()).contains("channel").doesNotContain("resume");
            assertNothingWritten(runDate);
        } finally {
            jdbc.execute("ALTER TABLE loan_features RENAME COLUMN sales_channel TO channel");
        }
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
    }

    @Test
    void aCompletedDateIsReprocessedOnPurposeInPlaceWithoutDuplicatesAndWithoutASecondTask() {
        LocalDate runDate = LocalDate.of(2026, 6, 5);
        nights.window(runDate, Set.of("income", "region"), 6);
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        long runId = ((Number) run(runDate).get("id")).longValue();
        assertThat(run(runDate).get("retraining_decision")).isEqualTo("ENQUEUED");
        Outcome again = launcher.launch(runDate);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
        assertThat(again.message()).contains("runs rerun monitor=NAME runDate=" + runDate);
        // the window was loaded wrongly: the corrected rows no longer drift
        jdbc.update("DELETE FROM loan_features WHERE scored_at >= TIMESTAMP WITH TIME ZONE '2026-06-04 00:00:00+00'"
                + " AND scored_at < TIMESTAMP WITH TIME ZONE '2026-06-05 00:00:00+00'");
        nights.window(runDate, Set.of(), AbstractDriftJobTests.BASELINE_SEED);

        Outcome rerun = runsCommand.run(List.of("rerun", "monitor=loans", "runDate=" + runDate));

        assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(rerun.message()).isEqualTo("driftJob reprocessed monitor loans for runDate=" + runDate);
        Map<String, Object> run = run(runDate);
        assertThat(((Number) run.get("id")).longValue()).isEqualTo(runId);
        assertThat(run.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) run.get("features_drifted")).intValue()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, runDate))
                .isEqualTo(AbstractDriftJobTests.REPORT_ROWS_PER_RUN);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ? AND drifted", Long.class,
                runDate)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE run_date = ?", Long.class, runDate))
                .isEqualTo(1);

        // drift again, and a second rerun: the date's task exists, so none is added
        jdbc.update("DELETE FROM loan_features WHERE scored_at >= TIMESTAMP WITH TIME ZONE '2026-06-04 00:00:00+00'"
                + " AND scored_at < TIMESTAMP WITH TIME ZONE '2026-06-05 00:00:00+00'");
        nights.window(runDate, Set.of("income"), 7);
        assertThat(runsCommand.run(List.of("rerun", "monitor=loans", "from=" + runDate, "to=" + runDate)).exitCode())
                .isEqualTo(ExitCodes.COMPLETED);
        assertThat(run(runDate).get("retraining_decision")).isEqualTo("ALREADY_ENQUEUED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE run_date = ?", Long.class, runDate))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, runDate))
                .isEqualTo(AbstractDriftJobTests.REPORT_ROWS_PER_RUN);
    }

    @Test
    void aRerunWaitsForTheProcessHoldingTheDateAndWritesNothingMeanwhile() throws Exception {
        LocalDate runDate = LocalDate.of(2026, 6, 9);
        nights.window(runDate, Set.of("income"), 9);
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        long reports = jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, runDate);
        Object completedAt = run(runDate).get("completed_at");
        long executions = jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);

        // another process (on H2: another start in this JVM) holds the date: running it, or reprocessing it
        try (io.driftwatch.job.RunDateLock other = io.driftwatch.job.RunDateLock.take(dataSource, dialect, "driftJob",
                io.driftwatch.job.DriftJobConfiguration.parameters(runDate))) {
            assertThat(other.held()).isTrue();

            Outcome rerun = runsCommand.run(List.of("rerun", "monitor=loans", "runDate=" + runDate));

            assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class)).isEqualTo(executions);
            assertThat(run(runDate).get("completed_at")).isEqualTo(completedAt);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, runDate))
                    .isEqualTo(reports);
        }
        // once it has ended, the same command reprocesses the date
        assertThat(runsCommand.run(List.of("rerun", "monitor=loans", "runDate=" + runDate)).exitCode())
                .isEqualTo(ExitCodes.COMPLETED);
    }

    private void assertNothingWritten(LocalDate runDate) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate)).isZero();
        assertThat(jobRepository.getLastJobExecution(DriftJobConfiguration.JOB_NAME, DriftJobConfiguration.parameters(runDate)))
                .isNull();
    }

    private Map<String, Object> run(LocalDate runDate) {
        return jdbc.queryForMap("SELECT * FROM drift_run WHERE monitor = 'loans' AND run_date = ?", runDate);
    }
}
