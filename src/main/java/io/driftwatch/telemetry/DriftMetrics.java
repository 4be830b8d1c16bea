package io.driftwatch.telemetry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.event.EventListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.driftwatch.report.DriftReportRow;

/**
 * Meters of a drift run:
 * <ul>
 *   <li>{@code driftwatch.drift.score} (gauge; monitor, feature, method): the latest score, NaN when the method had no score;</li>
 *   <li>{@code driftwatch.features.drifted} (counter; monitor): features found drifted;</li>
 *   <li>{@code driftwatch.retraining.tasks.enqueued} (counter; monitor, model): retraining tasks enqueued.</li>
 * </ul>
 * Tag values are bounded by configuration (monitors × features × methods), never by data.
 */
public class DriftMetrics {

    public static final String DRIFT_SCORE = "driftwatch.drift.score";
    public static final String FEATURES_DRIFTED = "driftwatch.features.drifted";
    public static final String TASKS_ENQUEUED = "driftwatch.retraining.tasks.enqueued";

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> scores = new ConcurrentHashMap<>();

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    public void on(RunEvents.MonitorRunPublished event) {
        List<DriftReportRow> rows = event.rows();
        int drifted = (int) rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::feature).distinct().count();
        recordRun(event.monitor().name(), event.monitor().model(), rows, drifted, event.task() != null);
    }

    void recordRun(String monitor, String model, List<DriftReportRow> rows, int featuresDrifted, boolean taskEnqueued) {
        for (DriftReportRow row : rows) {
            String key = monitor + '\u0000' + row.feature() + '\u0000' + row.method();
            AtomicReference<Double> holder = scores.computeIfAbsent(key, k -> {
                AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
                Gauge.builder(DRIFT_SCORE, ref, r -> r.get())
                        .description("Latest drift score of a feature by method; NaN when undefined or insufficient data")
                        .tags(Tags.of("monitor", monitor, "feature", row.feature(), "method", row.method()))
                        .register(registry);
                return ref;
            });
            holder.set(row.score() == null ? Double.NaN : row.score());
        }
        Counter.builder(FEATURES_DRIFTED).description("Features found drifted").tag("monitor", monitor)
                .register(registry).increment(featuresDrifted);
        Counter enqueued = Counter.builder(TASKS_ENQUEUED).description("Retraining tasks enqueued")
                .tags("monitor", monitor, "model", model).register(registry);
        if (taskEnqueued) {
            enqueued.increment();
        }
    }
}
