package io.driftwatch.cli;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.driftwatch.ExitCodes;
import io.driftwatch.canary.CanaryProperties;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.db.Dialect;
import io.driftwatch.demo.DemoData;
import io.driftwatch.html.HtmlReports;
import io.driftwatch.html.JdbcReportReader;
import io.driftwatch.job.AbandonedExecutions;
import io.driftwatch.job.remote.PartitionWorker;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.retrain.JdbcTaskQueries;
import io.driftwatch.retrain.queue.RetrainingQueue;
import io.driftwatch.source.DataCheck;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.config.BucketSettings;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.driftwatch.window.BucketBackfill;
import io.driftwatch.window.WindowProfiler;

/** The commands a process can run, and the runner that picks one from the command line. */
@Configuration(proxyBeanMethods = false)
public class CliConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsolePrinter consolePrinter() {
        return new ConsolePrinter(System.out);
    }

    @Bean
    AbandonedExecutions abandonedExecutions(JobRepository jobRepository, JobOperator jobOperator, Clock clock,
                                            DriftwatchProperties properties, DataSource dataSource, Dialect dialect) {
        return new AbandonedExecutions(jobRepository, jobOperator, clock, properties.getRecoverAfter(), dataSource, dialect);
    }

    @Bean
    DriftCommand driftCommand(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("driftJob") Job driftJob, AbandonedExecutions abandoned,
                              MonitorCatalog catalog, Clock clock, Optional<DemoData> demo, JdbcSchemaInspector inspector,
                              JdbcFeatureSource source, JdbcDriftRunDao runs, BucketSettings buckets) {
        return new DriftCommand(jobOperator, jobRepository, driftJob, abandoned, catalog, clock, demo,
                new DataCheck(inspector, source, clock, buckets), runs);
    }

    @Bean
    BackfillCommand backfillCommand(JobOperator jobOperator, @Qualifier("driftJob") Job driftJob,
                                    MonitorCatalog catalog, Clock clock, JdbcSchemaInspector inspector,
                                    JdbcFeatureSource source, JdbcDriftRunDao runs, WindowProfiler profiler,
                                    PlatformTransactionManager transactions, ConsolePrinter printer,
                                    BucketSettings buckets, AbandonedExecutions abandoned) {
        return new BackfillCommand(jobOperator, driftJob, catalog,
                new DataCheck(inspector, source, clock, buckets),
                runs, new BucketBackfill(source, profiler, new TransactionTemplate(transactions), catalog.zone()), printer,
                clock, abandoned);
    }

    @Bean
    RunsCommand runsCommand(DriftCommand drift) {
        return new RunsCommand(drift);
    }

    @Bean
    CanaryCommand canaryCommand(JobOperator jobOperator, @Qualifier("canaryJob") Job canaryJob, Clock clock,
                                ConsolePrinter printer, CanaryProperties canary) {
        return new CanaryCommand(jobOperator, canaryJob, clock, printer, canary.getOutput());
    }

    @Bean
    ReaperCommand reaperCommand(JobOperator jobOperator, @Qualifier("reaperJob") Job reaperJob) {
        return new ReaperCommand(jobOperator, reaperJob);
    }

    @Bean
    TasksCommand tasksCommand(JdbcTaskQueries queries, RetrainingQueue queue, ConsolePrinter printer) {
        return new TasksCommand(queries, queue, printer);
    }

    @Bean
    ReportCommand reportCommand(HtmlReports reports, JdbcReportReader reader, ConsolePrinter printer) {
        return new ReportCommand(reports, reader, printer);
    }

    /** driftwatch.role=worker: the process takes partitions from the broker instead of running a job. */
    @Bean
    @ConditionalOnProperty(name = "driftwatch.role", havingValue = "worker")
    WorkerCommand workerCommand(MonitorCatalog catalog, PartitionWorker worker) {
        return new WorkerCommand(worker);
    }

    /** Runs the command at startup; tests switch it off with driftwatch.launch.enabled=false. */
    @Bean
    @ConditionalOnProperty(name = "driftwatch.launch.enabled", havingValue = "true", matchIfMissing = true)
    CommandRunner commandRunner(List<Command> commands, @Value("${spring.batch.job.name:driftJob}") String jobName,
                                ConsolePrinter printer, ApplicationEventPublisher events, DriftwatchProperties properties) {
        String command = "worker".equals(properties.getRole()) ? WorkerCommand.NAME : jobName;
        return new CommandRunner(commands, command, printer, events, alreadyCompleteCode(properties));
    }

    /** driftwatch.exit-codes.already-complete: an exit code (0-255) that no other outcome uses, or 0. */
    static int alreadyCompleteCode(DriftwatchProperties properties) {
        int code = properties.getExitCodes().getAlreadyComplete();
        boolean taken = Arrays.stream(ExitCodes.values())
                .anyMatch(c -> c != ExitCodes.ALREADY_COMPLETE && c != ExitCodes.COMPLETED && c.code() == code);
        if (code < 0 || code > 255 || taken) {
            throw new MonitorConfigurationException(List.of(ConfigurationProblem.of("driftwatch.exit-codes.already-complete",
                    String.valueOf(code), code < 0 || code > 255 ? "an exit code is 0 to 255" : "another outcome exits with " + code,
                    "set 0 (a Kubernetes Job then counts an already complete date as succeeded) or keep the default 3")));
        }
        return code;
    }
}
