package io.driftwatch.telemetry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.QueueDepth;

/**
 * The meters of driftwatch, fed by {@link RunEvents}. Gauges hold the value of the latest run of
 * this process (a CronJob pod runs one), so a Pushgateway or OTLP export at exit carries the
 * night's numbers. Names (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #DRIFT_SCORE} (gauge; monitor, feature, method) [{@code driftwatch_drift_score}]: the
 *       latest score, NaN when the method had none;</li>
 *   <li>{@value #DRIFT_DRIFTED} (gauge 0/1; monitor, feature, method) [{@code driftwatch_drift_drifted}];</li>
 *   <li>{@value #DATASET_SHARE} (gauge; monitor) [{@code driftwatch_dataset_drift_share}]: share of
 *       evaluated features that drifted; {@value #DATASET_DRIFTED} (gauge 0/1; monitor);</li>
 *   <li>{@value #FEATURES_DRIFTED} (counter; monitor) [{@code driftwatch_features_drifted_total}];</li>
 *   <li>{@value #WINDOW_ROWS} (gauge; monitor, window = baseline|current) [{@code driftwatch_window_rows}];</li>
 *   <li>{@value #TASKS_ENQUEUED} (counter; monitor, model) and {@value #TASKS_SKIPPED} (counter; monitor,
 *       model, reason = open_task|cooldown|rate_limit|min_rows);</li>
 *   <li>{@value #QUEUE_TASKS} (gauge; status) and {@value #QUEUE_OLDEST_WAITING} (gauge, seconds
 *       [{@code driftwatch_queue_oldest_waiting_seconds}]; NaN when nothing waits): the retraining queue as the process saw it before exiting;</li>
 *   <li>{@value #CANARY_VERDICTS} (counter; model, mode, verdict);</li>
 *   <li>{@value #RUNS} (counter; job, outcome = the exit code's name, e.g. completed, failed, rollback);</li>
 *   <li>for a monitor with segments only: {@value #SEGMENTS_DRIFTED} (gauge; monitor)
 *       [{@code driftwatch_segments_drifted}]: segments with a drifted row in the latest run, {@value #SEGMENTS_JUDGED}
 *       and {@value #SEGMENTS_NEW} (gauges; monitor): segments judged, and those new in the current window; per feature
 *       and method (monitor, feature, method) {@value #SEGMENT_SCORE_WORST}
 *       [{@code driftwatch_drift_segment_score_worst}]: the highest score over the segments (NaN when none had one),
 *       and {@value #SEGMENT_FEATURE_DRIFTED} [{@code driftwatch_drift_segments_drifted}]: how many segments drifted.
 *       No series carries a segment value: their number is bounded by features and methods, as the population's.</li>
 * </ul>
 * Tags are bounded by configuration, never by data: per-feature meters can be switched off
 * ({@code driftwatch.metrics.per-feature}) and are capped ({@code driftwatch.metrics.max-feature-tags}).
 */
public class DriftMetrics {

    private static final Logger log = LoggerFactory.getLogger(DriftMetrics.class);

    public static final String DRIFT_SCORE = "driftwatch.drift.score";
    public static final String DRIFT_DRIFTED = "driftwatch.drift.drifted";
    public static final String DATASET_SHARE = "driftwatch.dataset.drift.share";
    public static final String DATASET_DRIFTED = "driftwatch.dataset.drifted";
    public static final String FEATURES_DRIFTED = "driftwatch.features.drifted";
    public static final String WINDOW_ROWS = "driftwatch.window.rows";
    public static final String TASKS_ENQUEUED = "driftwatch.retraining.tasks.enqueued";
    public static final String TASKS_SKIPPED = "driftwatch.retraining.tasks.skipped";
    public static final String QUEUE_TASKS = "driftwatch.queue.tasks";
    public static final String QUEUE_OLDEST_WAITING = "driftwatch.queue.oldest.waiting";
    public static final String CANARY_VERDICTS = "driftwatch.canary.verdicts";
    public static final String RUNS = "driftwatch.runs";
    public static final String SEGMENTS_DRIFTED = "driftwatch.segments.drifted";
    public static final String SEGMENTS_JUDGED = "driftwatch.segments.judged";
    public static final String SEGMENTS_NEW = "driftwatch.segments.new";
    public static final String SEGMENT_SCORE_WORST = "driftwatch.drift.segment.score.worst";
    public static final String SEGMENT_FEATURE_DRIFTED = "driftwatch.drift.segments.drifted";

    private final MeterRegistry registry;
    private final MetricsProperties properties;
    private final Supplier<QueueDepth> queue;
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    /**
     * @param queue reads the queue's depth when the process finishes; failures are logged, never thrown
     */
    public DriftMetrics(MeterRegistry registry, MetricsProperties properties, Supplier<QueueDepth> queue) {
        this.registry = registry;
        this.properties = properties;
        this.queue = queue;
    }

    @EventListener
    public void on(RunEvents.MonitorRunPublished event) {
        String monitor = event.monitor().name();
        String model = event.monitor().model();
        List<DriftReportRow> rows = event.rows();
        if (properties.isPerFeature()) {
            for (DriftReportRow row : rows) {
                Tags tags = Tags.of("monitor", monitor, "feature", row.feature(), "method", row.method());
                gauge(DRIFT_SCORE, tags, "Latest drift score of a feature by method; NaN when undefined or insufficient data")
                        .set(row.score() == null ? Double.NaN : row.score());
                gauge(DRIFT_DRIFTED, tags, "1 when the method found the feature drifted in the latest run, else 0")
                        .set(row.drifted() ? 1.0 : 0.0);
            }
        }
        DriftRun run = event.run();
        Tags byMonitor = Tags.of("monitor", monitor);
        if (run.driftShare() != null) {
            gauge(DATASET_SHARE, byMonitor, "Share of the evaluated features that drifted in the latest run")
                    .set(run.driftShare());
        }
        if (run.datasetDrift() != null) {
            gauge(DATASET_DRIFTED, byMonitor, "1 when the latest run found dataset drift (drift share reached), else 0")
                    .set(run.datasetDrift() ? 1.0 : 0.0);
        }
        if (run.baselineRows() != null) {
            gauge(WINDOW_ROWS, byMonitor.and("window", "baseline"), "Rows read per window in the latest run")
                    .set(run.baselineRows().doubleValue());
        }
        if (run.currentRows() != null) {
            gauge(WINDOW_ROWS, byMonitor.and("window", "current"), "Rows read per window in the latest run")
                    .set(run.currentRows().doubleValue());
        }
        long drifted = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::feature).distinct().count();
        Counter.builder(FEATURES_DRIFTED).description("Features found drifted").tags(byMonitor)
                .register(registry).increment(drifted);
        Counter enqueued = Counter.builder(TASKS_ENQUEUED).description("Retraining tasks enqueued")
                .tags("monitor", monitor, "model", model).register(registry);
        RetrainingOutcome decision = run.retrainingDecision();
        if (event.task() != null && decision != null && decision.enqueued()) { // a rerun's ALREADY_ENQUEUED adds none
            enqueued.increment();
        }
        if (decision != null && decision.skipped()) {
            Counter.builder(TASKS_SKIPPED).description("Retraining needed but not enqueued, by the guardrail that refused it")
                    .tags("monitor", monitor, "model", model, "reason", decision.guardrail())
                    .register(registry).increment();
        }
        if (!event.monitor().segments().isEmpty() && (event.completed() || !event.segmentRows().isEmpty())) {
            segments(monitor, event.segmentRows());
        }
    }

    /** The segment meters of a monitor with segments: counts per monitor, the worst segment per feature and method. */
    private void segments(String monitor, List<DriftReportRow> segmentRows) {
        Map<String, List<DriftReportRow>> bySegment = new java.util.TreeMap<>();
        segmentRows.forEach(r -> bySegment.computeIfAbsent(r.segment(), k -> new java.util.ArrayList<>()).add(r));
        Tags byMonitor = Tags.of("monitor", monitor);
        gauge(SEGMENTS_DRIFTED, byMonitor, "Segments with a drifted feature in the latest run")
                .set((double) bySegment.values().stream().filter(rows -> rows.stream().anyMatch(DriftReportRow::drifted))
                        .count());
        gauge(SEGMENTS_JUDGED, byMonitor, "Segments judged in the latest run").set((double) bySegment.size());
        gauge(SEGMENTS_NEW, byMonitor, "Segments of the latest run's current window that the baseline does not hold")
                .set((double) bySegment.values().stream().filter(rows -> rows.stream()
                        .allMatch(r -> r.stats().baselineCount() + r.stats().baselineMissing() == 0)).count());
        if (!properties.isPerFeature()) {
            return;
        }
        Map<String, List<DriftReportRow>> byFeatureMethod = new java.util.LinkedHashMap<>();
        segmentRows.forEach(r -> byFeatureMethod.computeIfAbsent(r.feature() + '\u0000' + r.method(),
                k -> new java.util.ArrayList<>()).add(r));
        byFeatureMethod.forEach((key, rows) -> {
            Tags tags = byMonitor.and("feature", rows.get(0).feature(), "method", rows.get(0).method());
            gauge(SEGMENT_SCORE_WORST, tags, "Highest score of a feature by method over the segments in the latest run;"
                    + " NaN when no segment had one").set(rows.stream().map(DriftReportRow::score)
                    .filter(java.util.Objects::nonNull).max(Double::compare).orElse(Double.NaN));
            gauge(SEGMENT_FEATURE_DRIFTED, tags, "Segments in which the method found the feature drifted in the latest run")
                    .set((double) rows.stream().filter(DriftReportRow::drifted).count());
        });
    }

    @EventListener
    public void on(RunEvents.CanaryVerdictIssued event) {
        Counter.builder(CANARY_VERDICTS).description("Canary and shadow verdicts")
                .tags("model", event.request().model(), "mode", event.request().mode().name().toLowerCase(Locale.ROOT),
                        "verdict", event.result().verdict().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    @EventListener
    @org.springframework.core.annotation.Order(0)
    public void on(RunEvents.ProcessFinished event) {
        Counter.builder(RUNS).description("Commands run, by job and outcome (the exit code's name)")
                .tags("job", event.job(), "outcome", event.exitCode().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        QueueDepth depth;
        try {
            depth = queue.get();
        } catch (RuntimeException e) {
            log.warn("Could not read the retraining queue's depth for the final metrics: {}", e.getMessage());
            return;
        }
        depth.byStatus().forEach((status, tasks) -> gauge(QUEUE_TASKS,
                Tags.of("status", status.name().toLowerCase(Locale.ROOT)), "Retraining tasks by status").set(tasks.doubleValue()));
        gauge(QUEUE_OLDEST_WAITING, Tags.empty(), "How long the oldest PENDING or RETRYABLE retraining task has waited;"
                + " NaN when none waits", "seconds")
                .set(depth.oldestWaiting() == null ? Double.NaN : depth.oldestWaiting().toMillis() / 1000.0);
    }

    private AtomicReference<Double> gauge(String name, Tags tags, String description) {
        return gauge(name, tags, description, null);
    }

    private AtomicReference<Double> gauge(String name, Tags tags, String description, String baseUnit) {
        String key = name + tags;
        return gauges.computeIfAbsent(key, k -> {
            AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, ref, AtomicReference::get).description(description).tags(tags).baseUnit(baseUnit)
                    .register(registry);
            return ref;
        });
    }
}
