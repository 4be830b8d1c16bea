package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.db.Dialect;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.source.DataCheck;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.support.FaultInjection;
import io.driftwatch.support.LoanNights;

/**
 * What a process that died or lost its database mid-start leaves in the job repository, each resumed by a
 * plain rerun: a partition whose context was never saved, an instance without an execution, an execution its
 * own failed run left STARTED. One subclass per database.
 */
@SpringBootTest
@ActiveProfiles("jobtest")
@Import(FaultInjection.class)
abstract class AbstractRecoveryJobTests {

    /** psi, kl, mean_shift on the four numeric features; psi, kl on the two categorical ones. */
    static final int REPORT_ROWS_PER_RUN = 4 * 3 + 2 * 2;

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;
    @Autowired FaultInjection faults;
    @Autowired JobRepository jobRepository;
    @Autowired JobOperator jobOperator;
    @Autowired Job driftJob;
    @Autowired AbandonedExecutions abandoned;
    @Autowired MonitorCatalog catalog;
    @Autowired JdbcFeatureSource featureSource;
    @Autowired JdbcSchemaInspector inspector;
    @Autowired JdbcDriftRunDao runs;
    @Autowired DataSource dataSource;
    @Autowired Dialect dialect;

    LoanNights nights;

    @BeforeEach
    void baselineExistsAndNoOpenTask() {
        nights = new LoanNights(jdbc, 5_000, 1);
        jdbc.update("UPDATE retraining_task SET status = 'SUCCEEDED', finished_at = CURRENT_TIMESTAMP, lease_expires_at = NULL,"
                + " updated_at = CURRENT_TIMESTAMP WHERE status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
    }

    @Test
    void aPartitionWhoseContextWasNeverSavedIsPartitionedAfreshAndTheRerunCompletes() {
        LocalDate runDate = LocalDate.of(2026, 4, 2);
        givenNight(runDate, 21);
        faults.failNextComputation();
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.FAILED);
        // What a process killed (or cut from its database) between creating a partition's step execution and
        // saving its context leaves: the partition without the context its partitioner gave it.
        JobExecution failed = jobRepository.getLastJobExecution(jobRepository.getJobInstance("driftJob", parameters(runDate)));
        StepExecution partition = failed.getStepExecutions().stream()
                .filter(s -> s.getStepName().contains(":") && s.getStatus() == BatchStatus.FAILED).findFirst().orElseThrow();
        partition.setExecutionContext(new ExecutionContext());
        jobRepository.updateExecutionContext(partition);

        Outcome rerun = launcher.launch(runDate);

        assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).isEqualTo(1);
    }

    @Test
    void anInstanceWhoseProcessDiedBeforeItsFirstExecutionIsStartedAfresh() {
        LocalDate runDate = LocalDate.of(2026, 4, 3);
        givenNight(runDate, 22);
        // Spring Batch creates an instance and its first execution in two transactions; a kill in between:
        jobRepository.createJobInstance("driftJob", parameters(runDate));

        Outcome rerun = launcher.launch(runDate);
        if (!dialect.vendor().equals("postgresql")) {
            // H2 cannot prove the creator gone (no session locks): it may be between its two transactions
            assertThat(rerun.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            rerun = takingOverAtOnce().launch(runDate);
        }

        assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).isEqualTo(1);
    }

    @Test
    void anExecutionItsOwnRunLeftStartedIsMarkedFailedByItsProcessAndResumedByAPlainRerun() throws SQLException {
        LocalDate runDate = LocalDate.of(2026, 4, 4);
        givenNight(runDate, 23);
        JobParameters parameters = parameters(runDate);
        try (RunDateLock lock = RunDateLock.take(dataSource, dialect, "driftJob", parameters)) {
            // this process's run, whose final update failed on a terminated connection: still STARTED
            JobExecution own = jobRepository.createJobExecution(jobRepository.createJobInstance("driftJob", parameters),
                    parameters, new ExecutionContext());
            own.setStatus(BatchStatus.STARTED);
            own.setStartTime(LocalDateTime.now());
            jobRepository.update(own);
            StepExecution step = jobRepository.createStepExecution("profile", own);
            step.setStatus(BatchStatus.STARTED);
            jobRepository.update(step);

            boolean marked = abandoned.failOwn("driftJob", parameters, lock,
                    new DataAccessResourceFailureException("An I/O error occurred while sending to the backend."));

            assertThat(marked).isTrue();
            JobExecution failed = jobRepository.getJobExecution(own.getId());
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getExitStatus().getExitDescription()).contains("failed on the database");
            assertThat(failed.getStepExecutions()).extracting(StepExecution::getStatus).containsOnly(BatchStatus.FAILED);
        }

        // with the default recover-after, on either database
        Outcome rerun = launcher.launch(runDate);

        assertThat(rerun.exitCode()).as(rerun.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).isEqualTo(1);
    }

    private DriftCommand takingOverAtOnce() {
        return new DriftCommand(jobOperator, jobRepository, driftJob, new AbandonedExecutions(jobRepository, jobOperator,
                Clock.systemUTC(), Duration.ZERO, dataSource, dialect), catalog, Clock.systemUTC(), Optional.empty(),
                new DataCheck(inspector, featureSource, Clock.systemUTC()), runs);
    }

    private void givenNight(LocalDate runDate, long seed) {
        nights.window(runDate, Set.of("age"), seed);
        nights.performance("credit-risk", runDate, 0.91, 0.2);
    }

    private static JobParameters parameters(LocalDate runDate) {
        return DriftJobConfiguration.parameters(runDate);
    }

    private long reportRows(LocalDate runDate) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, runDate);
    }

    private long tasks(LocalDate runDate) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE run_date = ?", Long.class, runDate);
    }
}
