package io.driftwatch.job;

import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import io.driftwatch.config.MonitorCatalog;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.report.FeatureReporter;
import io.driftwatch.report.JdbcBaselineProfileDao;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.report.JdbcWindowProfileDao;
import io.driftwatch.retrain.JdbcRetrainingTaskDao;
import io.driftwatch.retrain.RunDecider;
import io.driftwatch.retrain.queue.RetrainingQueue;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.telemetry.SummaryPrinter;

/**
 * driftJob(runDate): prepare → profile (partitioned by monitor and window) → drift (partitioned by
 * monitor and feature) → decide → publish. runDate is the only, identifying parameter and there is
 * no incrementer, so rerunning a failed date restarts it and a completed date cannot run twice.
 */
@Configuration(proxyBeanMethods = false)
public class DriftJobConfiguration {

    public static final String JOB_NAME = "driftJob";
    public static final String RUN_DATE = "runDate";

    @Bean
    Job driftJob(JobRepository jobRepository, Step prepare, Step profile, Step drift, Step decide, Step publish,
                 DriftJobListener listener, GracefulStop gracefulStop, RunLogContext logContext) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(logContext)
                .listener(gracefulStop)
                .listener(listener)
                .start(prepare).next(profile).next(drift).next(decide).next(publish)
                .build();
    }

    @Bean
    DriftJobListener driftJobListener(JdbcDriftRunDao runs, org.springframework.context.ApplicationEventPublisher events) {
        return new DriftJobListener(runs, events);
    }

    /** Stateless: run identity into the log context of whichever thread runs a step. */
    private static final RunLogContext LOG_CONTEXT = new RunLogContext();

    @Bean
    RunLogContext runLogContext() {
        return LOG_CONTEXT;
    }

    @Bean
    GracefulStop gracefulStop(ObjectProvider<JobOperator> jobOperator,
                              io.driftwatch.config.DriftwatchProperties properties) {
        return new GracefulStop(jobOperator, properties.getShutdownGrace());
    }

    /** Runs partitions; deliberately not the job launcher's executor (that one must stay synchronous). */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor partitionExecutor(MonitorCatalog catalog) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(catalog.partitionThreads());
        executor.setMaxPoolSize(catalog.partitionThreads());
        executor.setThreadNamePrefix("drift-partition-");
        // Partition steps continue the job's trace (their spans are children of the manager step's).
        executor.setTaskDecorator(new org.springframework.core.task.support.ContextPropagatingTaskDecorator());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return executor;
    }

    @Bean
    Step prepare(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog,
                 JdbcSchemaInspector inspector, JdbcDriftRunDao runs, RetrainingQueue queue) {
        // Runs again on every restart: it re-validates against the database and re-opens the runs
        // that the failed execution marked FAILED.
        return new StepBuilder("prepare", jobRepository)
                .tasklet(new DriftTasklets.Prepare(catalog, inspector, runs, queue), tm)
                .listener((org.springframework.batch.core.listener.StepExecutionListener) LOG_CONTEXT)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step profile(JobRepository jobRepository, Step profileWindow, Partitioner windowPartitioner,
                 @org.springframework.beans.factory.annotation.Qualifier("partitionExecutor") TaskExecutor partitionExecutor,
                 MonitorCatalog catalog) {
        return new StepBuilder("profile", jobRepository)
                .partitioner("profileWindow", windowPartitioner)
                .step(profileWindow)
                .taskExecutor(partitionExecutor)
                .gridSize(catalog.partitionThreads())
                .build();
    }

    @Bean
    Step profileWindow(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog,
                       JdbcFeatureSource source, JdbcDriftRunDao runs, JdbcWindowProfileDao profiles,
                       JdbcSchemaInspector inspector, JdbcTemplate jdbc, JdbcBaselineProfileDao baselineProfiles) {
        DriftTasklets.BaselineCache baselines = new DriftTasklets.BaselineCache(catalog, source, inspector, jdbc,
                baselineProfiles, runs);
        return new StepBuilder("profileWindow", jobRepository)
                .tasklet(new DriftTasklets.ProfileWindow(catalog, source, runs, profiles, baselines), tm)
                .listener((org.springframework.batch.core.listener.StepExecutionListener) LOG_CONTEXT).build();
    }

    @Bean
    @JobScope
    Partitioner windowPartitioner(MonitorCatalog catalog, JdbcDriftRunDao runs,
                                  @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return Partitions.windows(catalog, runs, runDate, catalog.profileSlices());
    }

    @Bean
    Step drift(JobRepository jobRepository, Step featureDrift, Partitioner featurePartitioner,
               @org.springframework.beans.factory.annotation.Qualifier("partitionExecutor") TaskExecutor partitionExecutor,
               MonitorCatalog catalog) {
        return new StepBuilder("drift", jobRepository)
                .partitioner("featureDrift", featurePartitioner)
                .step(featureDrift)
                .taskExecutor(partitionExecutor)
                .gridSize(catalog.partitionThreads())
                .build();
    }

    @Bean
    Step featureDrift(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog,
                      JdbcDriftRunDao runs, JdbcWindowProfileDao profiles, FeatureReporter reporter,
                      JdbcDriftReportDao reports) {
        return new StepBuilder("featureDrift", jobRepository)
                .tasklet(new DriftTasklets.FeatureDrift(catalog, runs, profiles, reporter, reports), tm)
                .listener((org.springframework.batch.core.listener.StepExecutionListener) LOG_CONTEXT).build();
    }

    @Bean
    @JobScope
    Partitioner featurePartitioner(MonitorCatalog catalog, JdbcDriftRunDao runs,
                                   @Value("#{jobParameters['runDate']}") LocalDate runDate) {
        return Partitions.features(catalog, runs, runDate);
    }

    @Bean
    Step decide(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog, JdbcDriftRunDao runs,
                JdbcWindowProfileDao profiles, RunDecider decider) {
        return new StepBuilder("decide", jobRepository)
                .tasklet(new DriftTasklets.Decide(catalog, runs, profiles, decider), tm)
                .listener((org.springframework.batch.core.listener.StepExecutionListener) LOG_CONTEXT).build();
    }

    @Bean
    Step publish(JobRepository jobRepository, PlatformTransactionManager tm, MonitorCatalog catalog, JdbcDriftRunDao runs,
                 JdbcDriftReportDao reports, JdbcRetrainingTaskDao tasks, SummaryPrinter printer,
                 org.springframework.context.ApplicationEventPublisher events) {
        return new StepBuilder("publish", jobRepository)
                .tasklet(new DriftTasklets.Publish(catalog, runs, reports, tasks, printer, events), tm)
                .listener((org.springframework.batch.core.listener.StepExecutionListener) LOG_CONTEXT).build();
    }
}
