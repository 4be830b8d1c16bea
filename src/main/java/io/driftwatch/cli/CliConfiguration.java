package io.driftwatch.cli;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

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

import io.driftwatch.canary.CanaryProperties;
import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.demo.DemoData;
import io.driftwatch.job.AbandonedExecutions;
import io.driftwatch.retrain.JdbcTaskQueries;
import io.driftwatch.retrain.queue.RetrainingQueue;

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
                                            DriftwatchProperties properties) {
        return new AbandonedExecutions(jobRepository, jobOperator, clock, properties.getRecoverAfter());
    }

    @Bean
    DriftCommand driftCommand(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("driftJob") Job driftJob,
                              AbandonedExecutions abandoned, MonitorCatalog catalog, Clock clock, Optional<DemoData> demo) {
        return new DriftCommand(jobOperator, jobRepository, driftJob, abandoned, catalog, clock, demo);
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

    /** Runs the command at startup; tests switch it off with driftwatch.launch.enabled=false. */
    @Bean
    @ConditionalOnProperty(name = "driftwatch.launch.enabled", havingValue = "true", matchIfMissing = true)
    CommandRunner commandRunner(List<Command> commands, @Value("${spring.batch.job.name:driftJob}") String jobName,
                                ConsolePrinter printer, ApplicationEventPublisher events) {
        return new CommandRunner(commands, jobName, printer, events);
    }
}
