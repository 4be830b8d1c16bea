package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
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
    @Autowired BeanFactory beanFactory;

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

    /**
     * A {@code runs rerun} of a completed date killed (kill -9) in its drift step leaves its execution STARTED and the
     * monitor's run RUNNING, its outcome cleared and part of its report rows gone. The next night of the date recovers
     * the execution and finishes the reprocessing (the night's own instance has completed): the run COMPLETED, the
     * report rows once, the night's task and no second one, nothing left running.
     */
    @Test
    void aRerunOfACompletedDateKilledMidRunIsFinishedByTheNextNightOfTheDate() {
        LocalDate runDate = LocalDate.of(2026, 4, 6);
        givenNight(runDate, 25);
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        faults.failNextComputation();
        assertThat(launcher.rerun("loans", runDate).exitCode()).isEqualTo(ExitCodes.FAILED);
        // what a kill in the rerun's drift step leaves: its execution and running partitions STARTED, its run RUNNING
        JobExecution rerun = jobRepository.getJobExecution(jdbc.queryForObject(
                "SELECT job_execution_id FROM drift_run WHERE monitor = 'loans' AND run_date = ?", Long.class, runDate));
        for (StepExecution step : rerun.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.FAILED) {
                step.setStatus(BatchStatus.STARTED);
                step.setEndTime(null);
                jobRepository.update(step);
            }
        }
        rerun.setStatus(BatchStatus.STARTED);
        rerun.setEndTime(null);
        jobRepository.update(rerun);
        jdbc.update("UPDATE drift_run SET status = 'RUNNING', failure_message = NULL WHERE monitor = 'loans'"
                + " AND run_date = ?", runDate);
        assertThat(reportRows(runDate)).isLessThan(REPORT_ROWS_PER_RUN);

        Outcome night = launcher.launch(runDate);
        if (!dialect.vendor().equals("postgresql")) {
            // H2 cannot prove the rerun's process gone: the reprocessing may still be under way
            assertThat(night.exitCode()).as(night.message()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            night = takingOverAtOnce().launch(runDate);
        }

        assertThat(night.exitCode()).as(night.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(night.message()).contains("finished the reprocessing of monitor(s) [loans]");
        assertThat(jdbc.queryForObject("SELECT status FROM drift_run WHERE monitor = 'loans' AND run_date = ?",
                String.class, runDate)).isEqualTo("COMPLETED");
        assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(tasks(runDate)).isEqualTo(1);
        assertThat(jobRepository.getJobExecution(rerun.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jobRepository.findRunningJobExecutions("driftJob")).isEmpty();
        // the date is complete again: its next night writes nothing
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETE);
    }

    /**
     * A partition request requeued while its first worker still runs it (a broker restart, consumer_timeout, a lost
     * connection) is taken by a second worker: both run the partition at once, and both pass the worker's checks (the
     * execution and the partition are running). What keeps the rows single is the partition's step execution: its
     * version changes when the second worker starts it, and a worker's rows are written in one transaction with its
     * update of the step execution, so the first worker's commit fails and its rows are rolled back; the second one's
     * stay. Here with Spring Batch's request handler, which the remote worker runs, without a broker.
     */
    @Test
    void aPartitionRunByTwoWorkersAtOnceAfterARequeueIsCommittedByOneOnly() throws Exception {
        LocalDate runDate = LocalDate.of(2026, 4, 5);
        givenNight(runDate, 24);
        // a night whose drift step failed in one partition, restarted as a manager would restart it
        faults.failNextComputation();
        assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.FAILED);
        JobInstance instance = jobRepository.getJobInstance("driftJob", parameters(runDate));
        StepExecution failed = jobRepository.getLastJobExecution(instance).getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("featureDrift:") && s.getStatus() == BatchStatus.FAILED)
                .findFirst().orElseThrow();
        String feature = failed.getExecutionContext().getString(Partitions.FEATURE);
        JobExecution restart = jobRepository.createJobExecution(instance, parameters(runDate), new ExecutionContext());
        restart.setStatus(BatchStatus.STARTED);
        restart.setStartTime(LocalDateTime.now());
        jobRepository.update(restart);
        StepExecution partition = jobRepository.createStepExecution(failed.getStepName(), restart);
        partition.setExecutionContext(new ExecutionContext(failed.getExecutionContext()));
        jobRepository.updateExecutionContext(partition);
        StepExecutionRequest request = new StepExecutionRequest("featureDrift", partition.getId());
        StepExecutionRequestHandler worker = new StepExecutionRequestHandler();
        worker.setJobRepository(jobRepository);
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beanFactory);
        worker.setStepLocator(steps);

        assertThat(methods(runDate, feature)).as("the failed partition's rows").isEmpty();

        ExecutorService firstProcess = Executors.newSingleThreadExecutor();
        try {
            // the first worker is inside the partition's transaction, before it writes
            FaultInjection.Hold hold = faults.holdNextComputation();
            Future<StepExecution> first = firstProcess.submit(() -> worker.handle(request));
            assertThat(hold.entered(60)).isTrue();
            // the requeued request, taken by a second worker in a process of its own: its start of the partition
            // records the step execution STARTED, as Spring Batch's AbstractStep does before any work. (In one JVM
            // two runs of one step execution share their step context, so the second run is not started here.)
            StepExecution taken = jobRepository.getStepExecution(partition.getId());
            assertThat(taken.getStatus()).isEqualTo(BatchStatus.STARTED);
            taken.setStartTime(LocalDateTime.now());
            jobRepository.update(taken);

            hold.release();
            Throwable firstOutcome = outcome(first);

            assertThat(JobFailures.causedBy(firstOutcome, OptimisticLockingFailureException.class))
                    .as("the first worker's end: %s", firstOutcome).isNotNull();
            assertThat(methods(runDate, feature)).as("the first worker's rows, rolled back").isEmpty();
        } finally {
            firstProcess.shutdownNow();
        }
        // the second worker runs the partition to its end: its rows, once
        StepExecution second = worker.handle(request);

        assertThat(second.getStatus()).as(second.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(methods(runDate, feature)).isNotEmpty().doesNotHaveDuplicates();
        assertThat(jobRepository.getStepExecution(partition.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    /** What the worker's run of the request ended with: the failure it returned or threw, null if it completed. */
    private static Throwable outcome(Future<StepExecution> worker) throws Exception {
        try {
            StepExecution result = worker.get(60, TimeUnit.SECONDS);
            if (result.getStatus() == BatchStatus.COMPLETED) {
                return null;
            }
            return result.getFailureExceptions().isEmpty() ? new IllegalStateException(result.getStatus() + ": "
                    + result.getExitStatus().getExitDescription()) : result.getFailureExceptions().get(0);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** The methods of the feature's report rows for the date, one per row. */
    private List<String> methods(LocalDate runDate, String feature) {
        return jdbc.queryForList("SELECT method FROM drift_report WHERE run_date = ? AND feature = ? ORDER BY method",
                String.class, runDate, feature);
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
