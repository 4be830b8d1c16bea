package io.driftwatch;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;


import io.driftwatch.canary.CanaryProperties;
import io.driftwatch.canary.CanaryService;
import io.driftwatch.canary.JdbcPredictionLogSource;
import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.MonitorValidator;
import io.driftwatch.demo.DemoData;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.job.DriftJobLauncher;
import io.driftwatch.job.DriftwatchRunner;
import io.driftwatch.report.FeatureReporter;
import io.driftwatch.report.JdbcBaselineProfileDao;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.report.JdbcWindowProfileDao;
import io.driftwatch.retrain.JdbcModelPerformanceDao;
import io.driftwatch.retrain.JdbcRetrainingTaskDao;
import io.driftwatch.retrain.JdbcTaskOperations;
import io.driftwatch.retrain.RunDecider;
import io.driftwatch.retrain.TaskCommand;
import io.driftwatch.retrain.queue.RetrainingQueue;
import io.driftwatch.source.Dialect;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.telemetry.SummaryPrinter;

/** Wires the product's components; Spring Batch wiring lives in {@code io.driftwatch.job}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DriftwatchProperties.class, CanaryProperties.class})
public class DriftwatchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The built-in methods plus every {@link io.driftwatch.drift.DriftMethod} bean the application defines. */
    @Bean
    @ConditionalOnMissingBean
    DriftMethods driftMethods(java.util.List<io.driftwatch.drift.DriftMethod> customMethods) {
        return customMethods.isEmpty() ? DriftMethods.standard() : DriftMethods.standard().with(customMethods);
    }

    /**
     * The validated monitors. With nothing configured on the embedded in-memory database the
     * built-in demo monitor is used; with nothing configured anywhere else startup fails.
     */
    @Bean
    MonitorCatalog monitorCatalog(DriftwatchProperties properties, DriftMethods methods,
                                  @Value("${spring.datasource.url:}") String datasourceUrl) {
        MonitorValidator validator = new MonitorValidator(methods);
        boolean demo = properties.getMonitors().isEmpty() && DemoData.isEmbeddedDefault(datasourceUrl);
        if (demo) {
            properties.setMonitors(DemoData.monitors());
        }
        // No monitors on a configured database is fine for canaryJob, reaperJob and the task commands;
        // driftJob refuses to start without them (exit code 2).
        List<Monitor> monitors = validator.validate(properties);
        int slices = properties.getProfileSlices() == 0 ? properties.getPartitionThreads() : properties.getProfileSlices();
        return new MonitorCatalog(monitors, validator.zone(properties), properties.getPartitionThreads(), slices, demo);
    }

    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }

    @Bean
    JdbcSchemaInspector jdbcSchemaInspector(DataSource dataSource) {
        return new JdbcSchemaInspector(dataSource);
    }

    @Bean
    JdbcFeatureSource jdbcFeatureSource(DataSource dataSource, Dialect dialect) {
        return new JdbcFeatureSource(dataSource, dialect);
    }

    @Bean
    JdbcDriftRunDao jdbcDriftRunDao(JdbcTemplate jdbc, Dialect dialect, Clock clock) {
        return new JdbcDriftRunDao(jdbc, dialect, clock);
    }

    @Bean
    JdbcDriftReportDao jdbcDriftReportDao(JdbcTemplate jdbc, Dialect dialect) {
        return new JdbcDriftReportDao(jdbc, dialect);
    }

    @Bean
    JdbcWindowProfileDao jdbcWindowProfileDao(JdbcTemplate jdbc) {
        return new JdbcWindowProfileDao(jdbc);
    }

    @Bean
    JdbcBaselineProfileDao jdbcBaselineProfileDao(JdbcTemplate jdbc) {
        return new JdbcBaselineProfileDao(jdbc);
    }

    @Bean
    JdbcRetrainingTaskDao jdbcRetrainingTaskDao(JdbcTemplate jdbc, Dialect dialect, Clock clock) {
        return new JdbcRetrainingTaskDao(jdbc, dialect, clock);
    }

    @Bean
    FeatureReporter featureReporter(DriftMethods methods, JsonMapper json,
                                    org.springframework.beans.factory.ObjectProvider<io.micrometer.observation.ObservationRegistry> observations) {
        return new FeatureReporter(methods, json, observations.getIfAvailable(() -> io.micrometer.observation.ObservationRegistry.NOOP));
    }

    @Bean
    RunDecider runDecider(JdbcDriftRunDao runs, JdbcDriftReportDao reports, JdbcTemplate jdbc,
                          JdbcRetrainingTaskDao tasks, JsonMapper json, Clock clock) {
        return new RunDecider(runs, reports, new JdbcModelPerformanceDao(jdbc), tasks, json, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    SummaryPrinter summaryPrinter() {
        return new SummaryPrinter(System.out);
    }

    @Bean
    DriftJobLauncher driftJobLauncher(org.springframework.batch.core.launch.JobOperator jobOperator,
                                      org.springframework.batch.core.job.Job driftJob,
                                      org.springframework.batch.core.repository.JobRepository jobRepository, Clock clock,
                                      DriftwatchProperties properties) {
        return new DriftJobLauncher(jobOperator, driftJob, jobRepository, clock, properties.getRecoverAfter());
    }

    /** Launches the job at startup; tests switch it off with driftwatch.launch.enabled=false. */
    @Bean
    @ConditionalOnProperty(name = "driftwatch.launch.enabled", havingValue = "true", matchIfMissing = true)
    DriftwatchRunner driftwatchRunner(DriftJobLauncher launcher, MonitorCatalog catalog, JdbcTemplate jdbc,
                                      SummaryPrinter printer, Clock clock,
                                      @Value("${spring.batch.job.name:driftJob}") String jobName,
                                      org.springframework.batch.core.job.Job reaperJob,
                                      org.springframework.batch.core.job.Job canaryJob, CanaryProperties canary,
                                      org.springframework.context.ApplicationEventPublisher events,
                                      JdbcTaskOperations taskOperations) {
        return new DriftwatchRunner(launcher, catalog, jdbc, printer, clock, jobName,
                new TaskCommand(taskOperations, printer), reaperJob, canaryJob, canary.getOutput(), events);
    }

    /** The operators' view of the retraining queue (tasks command, queue meters). */
    @Bean
    JdbcTaskOperations jdbcTaskOperations(JdbcTemplate jdbc) {
        return new JdbcTaskOperations(jdbc);
    }

    @Bean
    CanaryService canaryService(JdbcTemplate jdbc, CanaryProperties properties, JsonMapper json, Dialect dialect) {
        return new CanaryService(new JdbcPredictionLogSource(jdbc, properties), properties, jdbc, json, dialect);
    }

    @Bean
    RetrainingQueue retrainingQueue(DataSource dataSource, Dialect dialect) {
        return RetrainingQueue.create(dataSource, dialect);
    }
}
