package io.driftwatch.job;

import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.report.FeatureEvaluator;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.retrain.JdbcTaskQueries;
import io.driftwatch.retrain.RunCompleter;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.source.SegmentPlan;
import io.driftwatch.window.CachedSegmentPlanner;
import io.driftwatch.window.JdbcSegmentProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao;
import io.driftwatch.window.WindowProfiler;

/**
 * driftJob(runDate): reap → prepare → profile (partitioned by monitor and window) → drift (partitioned
 * by monitor and feature) → decide → publish. runDate is the only, identifying parameter and there is
 * no incrementer, so rerunning a failed date restarts it and a completed date cannot run twice.
 */
@Configuration(proxyBeanMethods = false)
public class DriftJobConfiguration {

    public static final String JOB_NAME = "driftJob";
    public static final String RUN_DATE = "runDate";
    /** The monitor a reprocessing run ({@code runs rerun}) is limited to; absent on a nightly run. */
    public static final String RERUN = "rerun";
    static final String REQUESTED_AT = "requestedAt";
    /** Marks a date run by {@code backfill}: limited to one monitor like a rerun, but reusing the stored buckets. */
    static final String BACKFILL = "backfill";

    /** The identifying parameters of a run date's instance. */
    public static JobParameters parameters(LocalDate runDate) {
        return new JobParametersBuilder().addLocalDate(RUN_DATE, runDate, true).toJobParameters();
    }

    /**
     * A reprocessing of one monitor's date: an instance of its own (the date's nightly instance has completed),
     * identified by the time it was asked for, so that each rerun is a new one.
     */
    public static JobParameters rerunParameters(LocalDate runDate, String monitor, java.time.Instant requestedAt) {
        return new JobParametersBuilder().addLocalDate(RUN_DATE, runDate, true).addString(RERUN, monitor, true)
                .addString(REQUESTED_AT, requestedAt.toString(), true).toJobParameters();
    }

    /**
     * One date of a backfill: a new instance limited to the monitor (like a rerun), whose profile step reuses the
     * buckets the backfill's pass has stored instead of reading the window again.
     */
    public static JobParameters backfillParameters(LocalDate runDate, String monitor, java.time.Instant requestedAt) {
        return new JobParametersBuilder(rerunParameters(runDate, monitor, requestedAt)).addString(BACKFILL, "true", false)
                .toJobParameters();
    }

    static boolean isBackfill(JobParameters parameters) {
        return "true".equals(parameters.getString(BACKFILL));
    }

    /**
     * The first step is reaperJob's own {@code reap}: tasks whose worker died go back to the queue (or to
     * FAILED) before tonight's decisions see them.
     */
    @Bean
    Job driftJob(JobRepository jobRepository, @Qualifier("reap") Step reap, Step prepare, Step profile, Step drift,
                 Step decide, Step publish, DriftJobListener listener, GracefulStop gracefulStop, RunLogContext logContext) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(logContext)
                .listener(gracefulStop)
                .listener(listener)
                .listener(FAILURE_LOG)
                .start(reap).next(prepare).next(profile).next(drift).next(decide).next(publish)
                .build();
    }

    @Bean
    DriftJobListener driftJobListener(JdbcDriftRunDao runs, ApplicationEventPublisher events) {
        return new DriftJobListener(runs, events);
    }

    /** Stateless: why an execution failed, once per failure, with a stack trace only when unexpected. */
    static final FailureLog FAILURE_LOG = new FailureLog();

    /** Stateless: run identity into the log context of whichever thread runs a step. */
    private static final RunLogContext LOG_CONTEXT = new RunLogContext();

    @Bean
    RunLogContext runLogContext() {
        return LOG_CONTEXT;
    }

    @Bean
    GracefulStop gracefulStop(ObjectProvider<JobOperator> jobOperator, ObjectProvider<JobRepository> jobRepository,
                              DriftwatchProperties properties) {
        return new GracefulStop(jobOperator, jobRepository, properties.getShutdownGrace());
    }

    /** Runs partitions; deliberately not the job launcher's executor (that one must stay synchronous). */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor partitionExecutor(MonitorCatalog catalog) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(catalog.partitionThreads());
        executor.setMaxPoolSize(catalog.partitionThreads());
        executor.setThreadNamePrefix("drift-partition-");
        // Partition steps continue the job's trace (their spans are children of the manager step's).
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return executor;
    }

    @Bean
    Step prepare(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog,
                 JdbcSchemaInspector inspector, JdbcDriftRunDao runs, JdbcDriftReportDao reports,
                 JdbcWindowProfileDao profiles, JdbcSegmentProfileDao segmentProfiles) {
        // Runs again on every restart: it re-validates against the database and re-opens the runs
        // that the failed execution marked FAILED.
        return new StepBuilder("prepare", jobRepository)
                .tasklet(new DriftTasklets.Prepare(catalog, inspector, runs, reports, profiles, segmentProfiles), tm)
                .listener((StepExecutionListener) LOG_CONTEXT)
                .allowStartIfComplete(true)
                .build();
    }

    /** Partitions on this process's threads unless driftwatch.partitioning=remote sends them to workers. */
    @Bean
    @ConditionalOnProperty(name = "driftwatch.partitioning", havingValue = "local", matchIfMissing = true)
    PartitionDispatch localPartitionDispatch(JobRepository jobRepository,
                                             @Qualifier("partitionExecutor") TaskExecutor partitionExecutor) {
        return new LocalPartitionDispatch(jobRepository, partitionExecutor);
    }

    @Bean
    Step profile(PartitionDispatch partitions, Step profileWindow, Partitioner windowPartitioner, MonitorCatalog catalog) {
        return partitions.step("profile", profileWindow, windowPartitioner, catalog.partitionThreads());
    }

    @Bean
    Step profileWindow(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog,
                       WindowProfiler profiler, JdbcDriftRunDao runs, JdbcWindowProfileDao profiles,
                       JdbcSegmentProfileDao segmentProfiles) {
        return new StepBuilder("profileWindow", jobRepository)
                .tasklet(new DriftTasklets.ProfileWindow(catalog, profiler, runs, profiles, segmentProfiles), tm)
                .listener((StepExecutionListener) LOG_CONTEXT).build();
    }

    @Bean
    @JobScope
    Partitioner windowPartitioner(MonitorCatalog catalog, JdbcDriftRunDao runs, CachedSegmentPlanner segments,
                                  @Value("#{jobParameters['runDate']}") LocalDate runDate,
                                  @Value("#{jobParameters['rerun']}") String rerun) {
        return Partitions.windows(catalog, runs, runDate, rerun, catalog.profileSlices(), (monitor, run) ->
                SegmentPlan.encode(segments.plan(monitor, run.windowStart(), run.windowEnd(), catalog.zone())));
    }

    @Bean
    Step drift(PartitionDispatch partitions, Step featureDrift, Partitioner featurePartitioner, MonitorCatalog catalog) {
        return partitions.step("drift", featureDrift, featurePartitioner, catalog.partitionThreads());
    }

    @Bean
    Step featureDrift(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog,
                      JdbcDriftRunDao runs, JdbcWindowProfileDao profiles, JdbcSegmentProfileDao segmentProfiles,
                      FeatureEvaluator evaluator, JdbcDriftReportDao reports) {
        return new StepBuilder("featureDrift", jobRepository)
                .tasklet(new DriftTasklets.FeatureDrift(catalog, runs, profiles, segmentProfiles, evaluator, reports), tm)
                .listener((StepExecutionListener) LOG_CONTEXT).build();
    }

    @Bean
    @JobScope
    Partitioner featurePartitioner(MonitorCatalog catalog, JdbcDriftRunDao runs,
                                   @Value("#{jobParameters['runDate']}") LocalDate runDate,
                                   @Value("#{jobParameters['rerun']}") String rerun) {
        return Partitions.features(catalog, runs, runDate, rerun);
    }

    @Bean
    Step decide(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog, JdbcDriftRunDao runs,
                JdbcWindowProfileDao profiles, RunCompleter completer) {
        return new StepBuilder("decide", jobRepository)
                .tasklet(new DriftTasklets.Decide(catalog, runs, profiles, completer), tm)
                .listener((StepExecutionListener) LOG_CONTEXT)
                .listener(PausePoint.afterStep())
                .build();
    }

    @Bean
    Step publish(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog, JdbcDriftRunDao runs,
                 JdbcDriftReportDao reports, JdbcTaskQueries tasks, ApplicationEventPublisher events) {
        return new StepBuilder("publish", jobRepository)
                .tasklet(new DriftTasklets.Publish(catalog, runs, reports, tasks, events), tm)
                .listener((StepExecutionListener) LOG_CONTEXT).build();
    }
}
