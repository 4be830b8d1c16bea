package io.driftwatch.job;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
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
import io.driftwatch.report.FeatureEvaluator;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.retrain.JdbcTaskQueries;
import io.driftwatch.retrain.RunCompleter;
import io.driftwatch.retrain.Task;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.telemetry.RunEvents;
import io.driftwatch.telemetry.RunSummary;
import io.driftwatch.source.SegmentPlan;
import io.driftwatch.window.JdbcSegmentProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao.Side;
import io.driftwatch.source.WindowProfile;
import io.driftwatch.window.WindowProfiler;

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

    /** The monitor a rerun is limited to, or null on a nightly run. */
    static String rerun(StepExecution step) {
        return step.getJobParameters().getString(DriftJobConfiguration.RERUN);
    }

    private static StepExecution step(ChunkContext chunkContext) {
        return chunkContext.getStepContext().getStepExecution();
    }

    private static DriftRun run(JdbcDriftRunDao runs, Monitor monitor, LocalDate runDate) {
        DriftRun run = runs.find(monitor.name(), runDate).orElseThrow(() -> new DriftwatchException(
                "drift_run of monitor '" + monitor.name() + "' for " + runDate + " is missing; rerun the date"));
        MDC.put(RunLogContext.RUN_ID, String.valueOf(run.id()));
        return run;
    }

    /** Validates every monitor against the database, then opens one drift_run per monitor. */
    record Prepare(MonitorCatalog catalog, JdbcSchemaInspector inspector, JdbcDriftRunDao runs, JdbcDriftReportDao reports,
                   JdbcWindowProfileDao profiles, JdbcSegmentProfileDao segmentProfiles) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            StepExecution step = step(chunkContext);
            LocalDate runDate = runDate(step);
            String rerun = rerun(step);
            List<Monitor> monitors = Partitions.monitors(catalog, rerun);
            List<ConfigurationProblem> problems = new ArrayList<>();
            for (Monitor monitor : monitors) {
                problems.addAll(inspector.check(monitor));
            }
            if (!problems.isEmpty()) {
                throw new MonitorConfigurationException(problems);
            }
            for (Monitor m : monitors) {
                DriftRun run = runs.open(m.name(), m.model(), runDate, m.windowStart(runDate, catalog.zone()),
                        m.windowEnd(runDate, catalog.zone()), m.baseline().relation().label(), m.baseline().from(),
                        m.baseline().to(), step.getJobExecutionId());
                if (rerun != null && run.status() == DriftRun.Status.COMPLETED) {
                    // Reprocessing on purpose: the same row, its reports and profiles replaced, never duplicated.
                    int replaced = reports.deleteRun(run.id());
                    profiles.deleteRun(run.id());
                    segmentProfiles.deleteRun(run.id());
                    run = runs.reopenCompleted(run, m.model(), m.windowStart(runDate, catalog.zone()),
                            m.windowEnd(runDate, catalog.zone()), m.baseline().relation().label(), m.baseline().from(),
                            m.baseline().to(), step.getJobExecutionId());
                    log.info("Monitor {} {}: completed run {} reopened for reprocessing; its {} report rows are replaced",
                            m.name(), runDate, run.id(), replaced);
                }
                try (var monitor = MDC.putCloseable(RunLogContext.MONITOR, m.name());
                     var id = MDC.putCloseable(RunLogContext.RUN_ID, String.valueOf(run.id()))) {
                    log.info("Monitor {} {}: run {} {} for window [{}, {})", m.name(), runDate, run.id(),
                            run.status() == DriftRun.Status.COMPLETED ? "already completed, skipped" : "opened",
                            run.windowStart(), run.windowEnd());
                }
            }
            return RepeatStatus.FINISHED;
        }
    }

    /** One partition per monitor and window (the baseline, or a time slice of the current window). */
    record ProfileWindow(MonitorCatalog catalog, WindowProfiler profiler, JdbcDriftRunDao runs,
                         JdbcWindowProfileDao profiles, JdbcSegmentProfileDao segmentProfiles) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            StepExecution step = step(chunkContext);
            ExecutionContext context = step.getExecutionContext();
            Monitor monitor = catalog.require(context.getString(Partitions.MONITOR));
            Side side = Side.valueOf(context.getString(Partitions.SIDE));
            DriftRun run = run(runs, monitor, runDate(step));
            int slice = context.getInt(Partitions.SLICE, 0);
            List<SegmentPlan> segments = SegmentPlan.decode(monitor, context.getString(Partitions.SEGMENTS, ""));
            WindowProfile window;
            JdbcWindowProfileDao.Scan scan;
            if (side == Side.BASELINE) {
                // A reprocessing asked for on purpose counts its baseline again, settled or not.
                WindowProfiler.Baseline baseline = profiler.baseline(monitor, segments, rerun(step) != null);
                runs.recordBaselineSource(run.id(), baseline.source().column(), baseline.fingerprint().value());
                runs.recordRows(run.id(), true, baseline.profile().rowsRead());
                window = baseline.profile();
                scan = new JdbcWindowProfileDao.Scan(baseline.rowsScanned(), 0, 0);
            } else {
                // A reprocessing asked for on purpose reads its window again; a backfill's date reuses the buckets
                // the backfill has just profiled.
                boolean refresh = rerun(step) != null && !DriftJobConfiguration.isBackfill(step.getJobParameters());
                WindowProfiler.CurrentSlice current = profiler.current(monitor, run.windowStart(), run.windowEnd(), slice,
                        context.getInt(Partitions.SLICES, 1), refresh, segments);
                window = current.profile();
                scan = new JdbcWindowProfileDao.Scan(current.rowsScanned(), current.bucketsReused(),
                        current.bucketsProfiled(), current.bucketsSettled());
            }
            profiles.replace(run.id(), side, slice, window, scan);
            if (!segments.isEmpty()) {
                segmentProfiles.replace(run.id(), side, slice, window);
            }
            log.info("Monitor {} {}: profiled {} rows of {} features", monitor.name(),
                    side == Side.CURRENT ? "current slice " + (slice + 1) : side.column(), window.rowsRead(),
                    window.features().size());
            return RepeatStatus.FINISHED;
        }
    }

    /** One partition per monitor and feature: every method on the feature's two profiles. */
    record FeatureDrift(MonitorCatalog catalog, JdbcDriftRunDao runs, JdbcWindowProfileDao profiles,
                        JdbcSegmentProfileDao segmentProfiles, FeatureEvaluator evaluator, JdbcDriftReportDao reports)
            implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            StepExecution step = step(chunkContext);
            ExecutionContext context = step.getExecutionContext();
            Monitor monitor = catalog.require(context.getString(Partitions.MONITOR));
            Monitor.Feature feature = monitor.feature(context.getString(Partitions.FEATURE));
            DriftRun run = run(runs, monitor, runDate(step));
            FeatureProfile baseline = profile(run, Side.BASELINE, monitor, feature);
            FeatureProfile current = profile(run, Side.CURRENT, monitor, feature);
            List<DriftReportRow> rows = new ArrayList<>(evaluator.evaluate(run.id(), monitor, feature, baseline, current));
            if (!monitor.segments().isEmpty()) {
                rows.addAll(evaluator.evaluateSegments(run.id(), monitor, feature,
                        segmentProfiles.find(run.id(), Side.BASELINE, feature.name()),
                        segmentProfiles.find(run.id(), Side.CURRENT, feature.name())));
            }
            reports.replaceFeature(run.id(), feature.name(), rows);
            contribution.incrementWriteCount(rows.size());
            log.info("Monitor {} feature {}: {} method(s), drifted by {}", monitor.name(), feature.name(), rows.size(),
                    rows.stream().filter(DriftReportRow::drifted)
                            .map(r -> r.isPopulation() ? r.method() : r.segment() + " " + r.method()).toList());
            return RepeatStatus.FINISHED;
        }

        private FeatureProfile profile(DriftRun run, Side side, Monitor monitor, Monitor.Feature feature) {
            return profiles.find(run.id(), side, feature.name()).orElseThrow(() -> new DriftwatchException("no "
                    + side.column() + " profile of " + monitor.name() + "." + feature.name()));
        }
    }

    /** Per open monitor: decide on retraining and complete the run, in the step's one transaction. */
    record Decide(MonitorCatalog catalog, JdbcDriftRunDao runs, JdbcWindowProfileDao profiles, RunCompleter completer)
            implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            LocalDate runDate = runDate(step(chunkContext));
            for (Monitor monitor : Partitions.openMonitors(catalog, runs, runDate, rerun(step(chunkContext)))) {
                try (var m = MDC.putCloseable(RunLogContext.MONITOR, monitor.name())) {
                    DriftRun run = run(runs, monitor, runDate);
                    // Slices were profiled in parallel; their rows add up here, once all of them are done.
                    runs.recordRows(run.id(), false, profiles.rowsRead(run.id(), Side.CURRENT));
                    JdbcWindowProfileDao.Scan scan = profiles.scan(run.id());
                    runs.recordScan(run.id(), scan.rowsScanned(), scan.bucketsReused(), scan.bucketsProfiled(),
                            scan.bucketsSettled());
                    // Read again: the guardrails judge the run with its current rows.
                    completer.complete(monitor, run(runs, monitor, runDate), catalog.zone());
                } finally {
                    MDC.remove(RunLogContext.RUN_ID);
                }
            }
            return RepeatStatus.FINISHED;
        }
    }

    /**
     * One {@link RunEvents.MonitorRunPublished} per monitor and one {@link RunEvents.DatePublished} for the
     * date, which the console summary, meters, traces and incident webhooks turn into their own output.
     */
    record Publish(MonitorCatalog catalog, JdbcDriftRunDao runs, JdbcDriftReportDao reports, JdbcTaskQueries tasks,
                   ApplicationEventPublisher events) implements Tasklet {
        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
            LocalDate runDate = runDate(step(chunkContext));
            List<Task> dateTasks = tasks.byRunDate(runDate);
            List<RunSummary> summaries = new ArrayList<>();
            for (Monitor monitor : Partitions.monitors(catalog, rerun(step(chunkContext)))) {
                DriftRun run = runs.find(monitor.name(), runDate).orElse(null);
                if (run == null) {
                    continue;
                }
                List<DriftReportRow> rows = FeatureEvaluator.inConfiguredOrder(monitor, reports.findByRun(run.id()));
                Task task = dateTasks.stream().filter(t -> t.monitor().equals(monitor.name())).findFirst().orElse(null);
                List<DriftReportRow> segmentRows = monitor.segments().isEmpty() ? List.of()
                        : FeatureEvaluator.inConfiguredOrder(monitor, reports.findSegmentsByRun(run.id())).stream()
                                .sorted(java.util.Comparator.comparing(DriftReportRow::segment)).toList();
                events.publishEvent(new RunEvents.MonitorRunPublished(monitor, run, rows, task, segmentRows));
                summaries.add(new RunSummary(run, rows, task, segmentRows));
            }
            events.publishEvent(new RunEvents.DatePublished(new RunSummary.OfDate(runDate, summaries)));
            return RepeatStatus.FINISHED;
        }
    }
}
