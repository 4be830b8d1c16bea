package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.driftwatch.ExitCodes;
import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.Verdict;
import io.driftwatch.config.Monitor;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.retrain.QueueDepth;
import io.driftwatch.retrain.queue.TaskStatus;
import io.driftwatch.db.SqlIdentifier;

/** Meter names, values and the bound on per-feature series, on an in-memory registry. */
class DriftMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private DriftMetrics metrics(MetricsProperties properties) {
        registry.config().meterFilter(new TelemetryConfiguration().featureTagLimit(properties));
        return new DriftMetrics(registry, properties,
                () -> new QueueDepth(Map.of(TaskStatus.PENDING, 3L, TaskStatus.RUNNING, 1L), Duration.ofSeconds(90)));
    }

    private static Monitor monitor(int features) {
        SqlIdentifier table = SqlIdentifier.parse("features");
        List<Monitor.Feature> list = IntStream.range(0, features)
                .mapToObj(i -> new Monitor.Feature("f" + i, FeatureType.NUMERIC, SqlIdentifier.parse("f" + i), List.of()))
                .toList();
        return new Monitor("wide", "model-a", table, SqlIdentifier.parse("ts"),
                new Monitor.Baseline(table, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")),
                Duration.ofDays(1), list, Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, SqlIdentifier.parse("perf"));
    }

    private static RunEvents.MonitorRunPublished run(Monitor monitor, RetrainingOutcome decision, int drifted) {
        List<DriftReportRow> rows = new ArrayList<>();
        for (int i = 0; i < monitor.features().size(); i++) {
            for (String method : List.of("psi", "ks")) {
                boolean isDrifted = i < drifted;
                rows.add(new DriftReportRow(1, "f" + i, FeatureType.NUMERIC, method, "c", new DriftReportRow.Judgement(
                        DriftStatus.OK, 0.01 * i, ThresholdKind.SCORE_AT_LEAST, 0.2, null, null, null, isDrifted,
                        isDrifted ? Severity.ALERT : Severity.NONE), "configured",
                        new DriftReportRow.WindowStats(100, 100, 0, 0, 1.0, 1.0, 1.0, 1.0), "{}"));
            }
        }
        int n = monitor.features().size();
        DriftRun run = new DriftRun(1, monitor.name(), monitor.model(), LocalDate.parse("2026-05-01"),
                Instant.parse("2026-04-30T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), DriftRun.Status.COMPLETED,
                1000L, 250L, decision, "because", n, drifted, (double) drifted / n, drifted * 2 >= n, null);
        return new RunEvents.MonitorRunPublished(monitor, run, rows, null);
    }

    @Test
    void perFeatureSeriesStopAtTheConfiguredNumberOfFeaturesWhileMonitorMetersStillCountAll() {
        MetricsProperties properties = new MetricsProperties();
        properties.setMaxFeatureTags(5);
        DriftMetrics metrics = metrics(properties);

        metrics.on(run(monitor(40), RetrainingOutcome.SKIPPED_COOLDOWN, 30));

        java.util.Collection<Meter> scores = registry.find(DriftMetrics.DRIFT_SCORE).meters();
        assertThat(scores).extracting(m -> m.getId().getTag("feature")).containsOnly("f0", "f1", "f2", "f3", "f4");
        assertThat(scores).hasSize(10); // 5 features × 2 methods
        assertThat(registry.find(DriftMetrics.DRIFT_DRIFTED).meters()).hasSize(10);
        assertThat(registry.get(DriftMetrics.FEATURES_DRIFTED).tag("monitor", "wide").counter().count()).isEqualTo(30);
        assertThat(registry.get(DriftMetrics.DATASET_SHARE).gauge().value()).isEqualTo(0.75);
        assertThat(registry.get(DriftMetrics.DATASET_DRIFTED).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(DriftMetrics.TASKS_SKIPPED).tag("reason", "cooldown").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DriftMetrics.WINDOW_ROWS).tag("window", "current").gauge().value()).isEqualTo(250);
    }

    @Test
    void aRerunThatFoundItsDatesTaskAlreadyEnqueuedDoesNotCountItAgain() {
        DriftMetrics metrics = metrics(new MetricsProperties());
        Monitor monitor = monitor(2);
        io.driftwatch.retrain.Task task = new io.driftwatch.retrain.Task(17, monitor.model(), monitor.name(), 1L,
                LocalDate.parse("2026-05-01"), "because", "{}", TaskStatus.PENDING);
        for (RetrainingOutcome decision : List.of(RetrainingOutcome.ENQUEUED, RetrainingOutcome.ALREADY_ENQUEUED,
                RetrainingOutcome.AWAITING_APPROVAL, RetrainingOutcome.ALREADY_ENQUEUED)) {
            RunEvents.MonitorRunPublished published = run(monitor, decision, 1);
            metrics.on(new RunEvents.MonitorRunPublished(monitor, published.run(), published.rows(), task));
        }

        assertThat(registry.get(DriftMetrics.TASKS_ENQUEUED).tags("monitor", "wide", "model", "model-a").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void perFeatureMetersCanBeSwitchedOff() {
        MetricsProperties properties = new MetricsProperties();
        properties.setPerFeature(false);
        DriftMetrics metrics = metrics(properties);

        metrics.on(run(monitor(3), RetrainingOutcome.NOT_NEEDED, 0));

        assertThat(registry.find(DriftMetrics.DRIFT_SCORE).meters()).isEmpty();
        assertThat(registry.get(DriftMetrics.DATASET_SHARE).gauge().value()).isZero();
        assertThat(registry.find(DriftMetrics.TASKS_SKIPPED).meters()).isEmpty();
    }

    @Test
    void canaryVerdictsOutcomesAndTheQueueAtExit() {
        DriftMetrics metrics = metrics(new MetricsProperties());
        CanaryRequest request = new CanaryRequest("fraud", "v1", "v2", CanaryRequest.Mode.SHADOW, CanaryRequest.Input.LOGS,
                Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-01T01:00:00Z"));

        metrics.on(new RunEvents.CanaryVerdictIssued(7, request, new CanaryResult(Verdict.ROLLBACK, "p99 latency", List.of())));
        metrics.on(new RunEvents.ProcessFinished("canaryJob", ExitCodes.ROLLBACK));

        assertThat(registry.get(DriftMetrics.CANARY_VERDICTS).tags("model", "fraud", "mode", "shadow", "verdict", "rollback")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DriftMetrics.RUNS).tags("job", "canaryJob", "outcome", "rollback").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(DriftMetrics.QUEUE_TASKS).tag("status", "pending").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get(DriftMetrics.QUEUE_OLDEST_WAITING).gauge().value()).isEqualTo(90.0);
    }

    @Test
    void anUnreachableQueueDoesNotFailTheExit() {
        MetricsProperties properties = new MetricsProperties();
        DriftMetrics metrics = new DriftMetrics(registry, properties, () -> {
            throw new IllegalStateException("database is down");
        });

        metrics.on(new RunEvents.ProcessFinished("driftJob", ExitCodes.FAILED));

        assertThat(registry.get(DriftMetrics.RUNS).tags("job", "driftJob", "outcome", "failed").counter().count()).isEqualTo(1.0);
        assertThat(registry.find(DriftMetrics.QUEUE_TASKS).meters()).isEmpty();
    }

    @Test
    void segmentMetersCountDriftedAndNewSegmentsAndKeepTheWorstScoreWithoutASeriesPerSegmentValue() {
        MetricsProperties properties = new MetricsProperties();
        DriftMetrics metrics = metrics(properties);
        Monitor plain = monitor(2);
        Monitor segmented = new Monitor(plain.name(), plain.model(), plain.source(), plain.timestampColumn(),
                plain.baseline(), plain.window(), plain.features(), plain.retraining(), plain.performanceTable(),
                plain.methods(), List.of(new Monitor.Segmentation(SqlIdentifier.parse("country"), 50, false)));
        RunEvents.MonitorRunPublished population = run(segmented, RetrainingOutcome.NOT_NEEDED, 0);
        List<DriftReportRow> segmentRows = new ArrayList<>();
        // 60 segments (50 known, 10 new); segment i drifts on f0 psi when i % 20 == 0 with score 0.3 + i / 100
        for (int i = 0; i < 60; i++) {
            for (String feature : List.of("f0", "f1")) {
                boolean drifted = feature.equals("f0") && i % 20 == 0;
                segmentRows.add(new DriftReportRow(1, feature, FeatureType.NUMERIC, "psi", "c", new DriftReportRow.Judgement(
                        DriftStatus.OK, drifted ? 0.3 + i / 100.0 : 0.01, ThresholdKind.SCORE_AT_LEAST, 0.2, null, null,
                        null, drifted, drifted ? Severity.ALERT : Severity.NONE), "configured",
                        new DriftReportRow.WindowStats(i < 50 ? 100 : 0, 100, 0, 0, 1.0, 1.0, 1.0, 1.0), "{}", null,
                        "country=C" + i));
            }
        }

        metrics.on(new RunEvents.MonitorRunPublished(segmented, population.run(), population.rows(), null, segmentRows));

        assertThat(registry.get(DriftMetrics.SEGMENTS_DRIFTED).tag("monitor", "wide").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get(DriftMetrics.SEGMENTS_JUDGED).tag("monitor", "wide").gauge().value()).isEqualTo(60.0);
        assertThat(registry.get(DriftMetrics.SEGMENTS_NEW).tag("monitor", "wide").gauge().value()).isEqualTo(10.0);
        assertThat(registry.get(DriftMetrics.SEGMENT_SCORE_WORST).tags("feature", "f0", "method", "psi").gauge().value())
                .isEqualTo(0.3 + 40 / 100.0);
        assertThat(registry.get(DriftMetrics.SEGMENT_FEATURE_DRIFTED).tags("feature", "f0", "method", "psi").gauge()
                .value()).isEqualTo(3.0);
        assertThat(registry.get(DriftMetrics.SEGMENT_FEATURE_DRIFTED).tags("feature", "f1", "method", "psi").gauge()
                .value()).isZero();
        // bounded by features and methods: no meter carries a segment
        assertThat(registry.getMeters()).noneMatch(m -> m.getId().getTags().stream()
                .anyMatch(t -> t.getValue().startsWith("country")));
        assertThat(registry.find(DriftMetrics.SEGMENT_SCORE_WORST).meters()).hasSize(2);

        // a monitor without segments gets no segment meter
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        new DriftMetrics(other, properties, () -> new QueueDepth(Map.of(), null)).on(run(plain, RetrainingOutcome.NOT_NEEDED, 0));
        assertThat(other.find(DriftMetrics.SEGMENTS_DRIFTED).meters()).isEmpty();
    }
}
