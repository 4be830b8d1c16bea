package io.driftwatch.job;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;

import io.driftwatch.DriftwatchException;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.FeatureReporter;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.report.JdbcWindowProfileDao;
import io.driftwatch.report.JdbcWindowProfileDao.Side;
import io.driftwatch.retrain.JdbcRetrainingTaskDao;
import io.driftwatch.retrain.RunDecider;
import io.driftwatch.retrain.queue.ReapResult;
import io.driftwatch.retrain.queue.RetrainingQueue;
import io.driftwatch.report.JdbcBaselineProfileDao;
import io.driftwatch.source.BaselineFingerprint;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.source.WindowProfile;
import io.driftwatch.telemetry.RunEvents;
import io.driftwatch.telemetry.RunSummary;
import io.driftwatch.telemetry.SummaryPrinter;

/** The tasklets of driftJob's steps; each delegates to the package that owns the work. */
final class DriftTasklets {

    private static final Logger log = LoggerFactory.getLogger(DriftTasklets.class);

    private DriftTasklets() {
    }

    static LocalDate runDate(StepExecution step) {
        LocalDate runDate = step.getJobParameters().getLocalDate(DriftJobConfiguration.RUN_DATE);
        if (runDate == null) {
            throw new DriftwatchException("driftJob needs the identifying job parameter runDate (a LocalDate)");
        }
        return runDate;
    }

    private static StepExecution step(ChunkContext chunkContext) {
        return chunkContext.getStepContext().getStepExecution();
    }

    /** Step 1: validate every monitor against the database, then open one drift_run per monitor. */
    record Prepare(MonitorCatalog catalog, JdbcSchemaInspector inspector, JdbcDriftRunDao runs,
                   RetrainingQueue queue) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            StepExecution step = step(chunkContext);
            LocalDate runDate = runDate(step);
            // Tasks whose worker died go back to the queue (or to FAILED) before tonight's decisions see it.
            ReapResult reaped = queue.reap();
            if (reaped.total() > 0) {
                log.info("Reaper: {} expired lease(s) returned for retry, {} dead-lettered", reaped.retried(), reaped.failed());
            }
            List<ConfigurationProblem> problems = new ArrayList<>();
            for (Monitor monitor : catalog.monitors()) {
                problems.addAll(inspector.check(monitor));
            }
            if (!problems.isEmpty()) {
                throw new MonitorConfigurationException(problems);
            }
            for (Monitor m : catalog.monitors()) {
                DriftRun run = runs.open(m.name(), m.model(), runDate, m.windowStart(runDate, catalog.zone()),
                        m.windowEnd(runDate, catalog.zone()), m.baseline().table().toString(), m.baseline().from(),
                        m.baseline().to(), step.getJobExecutionId());
                MDC.put(RunLogContext.MONITOR, m.name());
                MDC.put(RunLogContext.RUN_ID, String.valueOf(run.id()));
                log.info("Monitor {} {}: run {} {} for window [{}, {})", m.name(), runDate, run.id(),
                        run.status() == DriftRun.Status.COMPLETED ? "already completed, skipped" : "opened",
                        run.windowStart(), run.windowEnd());
                MDC.remove(RunLogContext.MONITOR);
                MDC.remove(RunLogContext.RUN_ID);
            }
            return RepeatStatus.FINISHED;
        }
    }

    /** Step 2 (one partition per monitor and window): one pass over the window into feature profiles. */
    record ProfileWindow(MonitorCatalog catalog, JdbcFeatureSource source, JdbcDriftRunDao runs,
                         JdbcWindowProfileDao profiles, BaselineCache baselines) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            StepExecution step = step(chunkContext);
            ExecutionContext context = step.getExecutionContext();
            Monitor monitor = catalog.require(context.getString(Partitions.MONITOR));
            Side side = Side.valueOf(context.getString(Partitions.SIDE));
            LocalDate runDate = runDate(step);
            DriftRun run = runs.find(monitor.name(), runDate).orElseThrow(() -> new DriftwatchException(
                    "drift_run of monitor '" + monitor.name() + "' for " + runDate + " is missing; rerun the date"));
            MDC.put(RunLogContext.RUN_ID, String.valueOf(run.id()));
            int slice = context.getInt(Partitions.SLICE, 0);
            int slices = context.getInt(Partitions.SLICES, 1);
            WindowProfile window;
            if (side == Side.BASELINE) {
                window = baselines.profile(monitor, run.id());
                runs.recordRows(run.id(), true, window.rowsRead());
            } else {
                // Equal time slices; the last one ends exactly at the window's end.
                long span = Duration.between(run.windowStart(), run.windowEnd()).toNanos();
                java.time.Instant from = run.windowStart().plusNanos(span / slices * slice);
                java.time.Instant to = slice == slices - 1 ? run.windowEnd() : run.windowStart().plusNanos(span / slices * (slice + 1));
                Progress progress = Progress.start();
                window = source.profile(monitor, monitor.sourceTable(), from, to, catalog.zone(),
                        (rows, expected) -> log.info("Monitor {} current slice {}/{}: {}", monitor.name(), slice + 1,
                                slices, progress.describe(rows, expected)));
            }
            profiles.replace(run.id(), side, slice, window);
            log.info("Monitor {} {}{}: profiled {} rows of {} features", monitor.name(), side.column(),
                    side == Side.CURRENT ? " slice " + (slice + 1) + "/" + slices : "", window.rowsRead(),
                    window.features().size());
            return RepeatStatus.FINISHED;
        }
    }

    /** The baseline of a monitor: from the cache while its fingerprint is unchanged, else one scan that refills it. */
    record BaselineCache(MonitorCatalog catalog, JdbcFeatureSource source, JdbcSchemaInspector inspector,
                         org.springframework.jdbc.core.JdbcTemplate jdbc, JdbcBaselineProfileDao cache, JdbcDriftRunDao runs) {

        WindowProfile profile(Monitor monitor, long runId) {
            BaselineFingerprint fingerprint = BaselineFingerprint.of(monitor, jdbc, inspector, catalog.zone());
            List<String> features = monitor.features().stream().map(Monitor.Feature::name).toList();
            WindowProfile cached = cache.find(monitor.name(), fingerprint.value(), features).orElse(null);
            if (cached != null) {
                log.info("Monitor {} baseline: unchanged ({}), reusing its cached profile", monitor.name(), fingerprint.data());
                runs.recordBaselineSource(runId, "cache", fingerprint.value());
                return cached;
            }
            log.info("Monitor {} baseline: {} ({}), profiling it", monitor.name(),
                    "no cached profile for this fingerprint", fingerprint.data());
            Progress progress = Progress.start();
            WindowProfile scanned = source.profile(monitor, monitor.baseline().table(), monitor.baseline().from(),
                    monitor.baseline().to(), catalog.zone(),
                    (rows, expected) -> log.info("Monitor {} baseline: {}", monitor.name(), progress.describe(rows, expected)));
            cache.store(monitor.name(), fingerprint.value(), fingerprint.definition(), scanned);
            runs.recordBaselineSource(runId, "scan", fingerprint.value());
            return scanned;
        }
    }

    /** Step 3 (one partition per monitor and feature): every configured method on the two profiles. */
    record FeatureDrift(MonitorCatalog catalog, JdbcDriftRunDao runs, JdbcWindowProfileDao profiles,
                        FeatureReporter reporter, JdbcDriftReportDao reports) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            StepExecution step = step(chunkContext);
            ExecutionContext context = step.getExecutionContext();
            Monitor monitor = catalog.require(context.getString(Partitions.MONITOR));
            Monitor.Feature feature = monitor.feature(context.getString(Partitions.FEATURE));
            LocalDate runDate = runDate(step);
            DriftRun run = runs.find(monitor.name(), runDate).orElseThrow();
            MDC.put(RunLogContext.RUN_ID, String.valueOf(run.id()));
            FeatureProfile baseline = profiles.find(run.id(), Side.BASELINE, feature.name()).orElseThrow(() ->
                    new DriftwatchException("no baseline profile of " + monitor.name() + "." + feature.name()));
            FeatureProfile current = profiles.find(run.id(), Side.CURRENT, feature.name()).orElseThrow(() ->
                    new DriftwatchException("no current profile of " + monitor.name() + "." + feature.name()));
            List<DriftReportRow> rows = reporter.evaluate(run.id(), monitor, feature, baseline, current);
            reports.replaceFeature(run.id(), feature.name(), rows);
            contribution.incrementWriteCount(rows.size());
            log.info("Monitor {} feature {}: {} method(s), drifted by {}", monitor.name(), feature.name(), rows.size(),
                    rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::method).toList());
            return RepeatStatus.FINISHED;
        }
    }

    /** Step 4: per monitor, decide on retraining and complete the run in the same transaction. */
    record Decide(MonitorCatalog catalog, JdbcDriftRunDao runs, JdbcWindowProfileDao profiles, RunDecider decider)
            implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            LocalDate runDate = runDate(step(chunkContext));
            for (Monitor monitor : Partitions.openMonitors(catalog, runs, runDate)) {
                DriftRun run = runs.find(monitor.name(), runDate).orElseThrow();
                try (var m = MDC.putCloseable(RunLogContext.MONITOR, monitor.name());
                     var r = MDC.putCloseable(RunLogContext.RUN_ID, String.valueOf(run.id()))) {
                    // Slices were profiled in parallel; their rows add up here, once all of them are done.
                    runs.recordRows(run.id(), false, profiles.rowsRead(run.id(), Side.CURRENT));
                    decider.complete(monitor, runs.find(monitor.name(), runDate).orElseThrow(), catalog.zone());
                }
            }
            return RepeatStatus.FINISHED;
        }
    }

    /**
     * Step 5: the printed summary of the date and one {@link RunEvents.MonitorRunPublished} per monitor,
     * which meters, traces and incident webhooks turn into their own output.
     */
    record Publish(MonitorCatalog catalog, JdbcDriftRunDao runs, JdbcDriftReportDao reports, JdbcRetrainingTaskDao tasks,
                   SummaryPrinter printer, ApplicationEventPublisher events) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            LocalDate runDate = runDate(step(chunkContext));
            List<JdbcRetrainingTaskDao.Task> dateTasks = tasks.findByRunDate(runDate);
            List<RunSummary> summaries = new ArrayList<>();
            int enqueued = 0;
            for (Monitor monitor : catalog.monitors()) {
                DriftRun run = runs.find(monitor.name(), runDate).orElse(null);
                if (run == null) {
                    continue;
                }
                List<DriftReportRow> rows = inConfiguredOrder(monitor, reports.findByRun(run.id()));
                JdbcRetrainingTaskDao.Task task = dateTasks.stream().filter(t -> t.monitor().equals(monitor.name()))
                        .findFirst().orElse(null);
                boolean hasTask = task != null;
                enqueued += hasTask ? 1 : 0;
                events.publishEvent(new RunEvents.MonitorRunPublished(monitor, run, rows, task));
                summaries.add(new RunSummary(run, rows, hasTask ? "task enqueued" : "no task",
                        run.retrainingReason() == null ? "not decided (run " + run.status() + ")" : run.retrainingReason()));
            }
            printer.print(new RunSummary.OfDate(runDate, summaries, enqueued));
            return RepeatStatus.FINISHED;
        }

        /** Partitions finish in any order; people read features and methods in the order they configured them. */
        private static List<DriftReportRow> inConfiguredOrder(Monitor monitor, List<DriftReportRow> rows) {
            List<String> order = new ArrayList<>();
            monitor.features().forEach(f -> f.methods().forEach(m -> order.add(f.name() + '/' + m.name())));
            return rows.stream().sorted(java.util.Comparator.comparingInt(r -> {
                int i = order.indexOf(r.feature() + '/' + r.method());
                return i < 0 ? Integer.MAX_VALUE : i;
            })).toList();
        }
    }
}
