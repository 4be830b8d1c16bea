package io.driftwatch;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.observation.ObservationRegistry;

import io.driftwatch.canary.CanaryProperties;
import io.driftwatch.canary.CanaryService;
import io.driftwatch.canary.JdbcPredictionLogSource;
import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.BucketSettings;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.MonitorValidator;
import io.driftwatch.db.DatabaseTimeouts;
import io.driftwatch.db.Dialect;
import io.driftwatch.db.PostgresConnectionSettings;
import io.driftwatch.demo.DemoData;
import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.report.FeatureEvaluator;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.retrain.JdbcModelPerformanceDao;
import io.driftwatch.retrain.JdbcTaskQueries;
import io.driftwatch.retrain.RunCompleter;
import io.driftwatch.retrain.queue.RetrainingQueue;
import io.driftwatch.source.FeatureDatabase;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.window.CachedSegmentPlanner;
import io.driftwatch.window.JdbcBaselineProfileDao;
import io.driftwatch.window.JdbcBaselineSegmentDao;
import io.driftwatch.window.JdbcSegmentProfileDao;
import io.driftwatch.window.JdbcBucketProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao;
import io.driftwatch.source.JdbcSegmentPlanner;
import io.driftwatch.window.WindowProfiler;

/**
 * Wires the product's components; Spring Batch wiring lives in {@code io.driftwatch.job}, the
 * command line in {@code io.driftwatch.cli}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DriftwatchProperties.class, CanaryProperties.class})
public class DriftwatchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The built-in methods plus every {@link DriftMethod} bean the application defines. */
    @Bean
    @ConditionalOnMissingBean
    DriftMethods driftMethods(List<DriftMethod> customMethods) {
        return customMethods.isEmpty() ? DriftMethods.standard() : DriftMethods.standard().with(customMethods);
    }

    /**
     * The validated monitors: the configured ones, or the built-in demo's where it is on (the embedded
     * in-memory database with nothing configured). No monitors is fine for canaryJob, reaperJob and the
     * task commands; driftJob refuses to start without them (exit code 2).
     */
    @Bean
    MonitorCatalog monitorCatalog(DriftwatchProperties properties, DriftMethods methods, Optional<DemoData> demo) {
        MonitorValidator validator = new MonitorValidator(methods);
        List<Monitor> monitors = validator.validate(properties,
                demo.map(d -> DemoData.monitors()).orElse(properties.getMonitors()));
        int slices = properties.getProfileSlices() == 0 ? properties.getPartitionThreads() : properties.getProfileSlices();
        return new MonitorCatalog(monitors, validator.zone(properties), properties.getPartitionThreads(), slices);
    }

    /** Connection timeouts and the application name for the pool's PostgreSQL driver (driftwatch.database.*). */
    @Bean
    static PostgresConnectionSettings postgresConnectionSettings(Environment environment) {
        return new PostgresConnectionSettings(DatabaseTimeouts.from(environment));
    }

    @Bean
    Dialect dialect(DataSource dataSource, Environment environment) {
        return Dialect.of(dataSource, DatabaseTimeouts.from(environment));
    }

    /**
     * Where monitors read tables and queries: driftwatch.features.datasource when set (a pool of its own, with the
     * report pool's PostgreSQL driver settings), else the report database. Not a DataSource bean, so that Spring
     * Boot's report DataSource stays the only one.
     */
    @Bean
    FeatureDatabase featureDatabase(DriftwatchProperties properties, DataSource dataSource, Dialect dialect,
                                    PostgresConnectionSettings settings) {
        return FeatureDatabase.of(properties.getFeatures().getDatasource(), dataSource, dialect,
                pool -> (com.zaxxer.hikari.HikariDataSource) settings.postProcessAfterInitialization(pool, "featureDataSource"));
    }

    @Bean
    JdbcSchemaInspector jdbcSchemaInspector(DataSource dataSource, JdbcFeatureSource features) {
        return new JdbcSchemaInspector(dataSource, features);
    }

    @Bean
    JdbcFeatureSource jdbcFeatureSource(FeatureDatabase features) {
        return new JdbcFeatureSource(features);
    }

    @Bean
    WindowProfiler windowProfiler(JdbcFeatureSource source, FeatureDatabase features, JdbcTemplate jdbc,
                                  MonitorCatalog catalog, BucketSettings buckets, JdbcBaselineSegmentDao segmentCache,
                                  Clock clock) {
        return new WindowProfiler(source, new JdbcSchemaInspector(features.dataSource()),
                new JdbcTemplate(features.dataSource()), new JdbcBaselineProfileDao(jdbc), segmentCache,
                new JdbcBucketProfileDao(jdbc), buckets, catalog.zone(), clock);
    }

    @Bean
    JdbcBaselineSegmentDao jdbcBaselineSegmentDao(JdbcTemplate jdbc) {
        return new JdbcBaselineSegmentDao(jdbc);
    }

    /** The segment plans of a run, with what they take from the baseline cached under its fingerprint. */
    @Bean
    CachedSegmentPlanner cachedSegmentPlanner(JdbcSegmentPlanner planner, JdbcBaselineSegmentDao cache,
                                              WindowProfiler profiler) {
        return new CachedSegmentPlanner(planner, cache, profiler);
    }

    /** driftwatch.bucket, driftwatch.bucket-retention and the monitors' version columns, checked against the monitors. */
    @Bean
    BucketSettings bucketSettings(DriftwatchProperties properties, MonitorCatalog catalog, Optional<DemoData> demo) {
        return BucketSettings.of(properties, demo.map(d -> DemoData.monitors()).orElse(properties.getMonitors()),
                catalog.monitors());
    }

    @Bean
    JdbcWindowProfileDao jdbcWindowProfileDao(JdbcTemplate jdbc) {
        return new JdbcWindowProfileDao(jdbc);
    }

    @Bean
    JdbcSegmentProfileDao jdbcSegmentProfileDao(JdbcTemplate jdbc) {
        return new JdbcSegmentProfileDao(jdbc);
    }

    @Bean
    JdbcSegmentPlanner jdbcSegmentPlanner(JdbcFeatureSource source) {
        return new JdbcSegmentPlanner(source);
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
    FeatureEvaluator featureEvaluator(DriftMethods methods, JsonMapper json, ObjectProvider<ObservationRegistry> observations) {
        return new FeatureEvaluator(methods, json, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /** The one writer of retraining_task: the nightly job, operators and pipelines' Java clients alike. */
    @Bean
    RetrainingQueue retrainingQueue(DataSource dataSource, Dialect dialect) {
        return RetrainingQueue.create(dataSource, dialect);
    }

    /** Reads of the retraining queue (the decide step, operators, meters). */
    @Bean
    JdbcTaskQueries jdbcTaskQueries(JdbcTemplate jdbc, Clock clock) {
        return new JdbcTaskQueries(jdbc, clock);
    }

    @Bean
    RunCompleter runCompleter(JdbcDriftRunDao runs, JdbcDriftReportDao reports, JdbcTemplate jdbc, JdbcTaskQueries tasks,
                              RetrainingQueue queue, JsonMapper json, Clock clock) {
        return new RunCompleter(runs, reports, new JdbcModelPerformanceDao(jdbc), tasks, queue, json, clock);
    }

    @Bean
    CanaryService canaryService(JdbcTemplate jdbc, CanaryProperties properties, JsonMapper json, Dialect dialect) {
        return new CanaryService(new JdbcPredictionLogSource(jdbc, properties), properties, jdbc, json, dialect);
    }
}
