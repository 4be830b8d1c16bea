package io.driftwatch.retrain;

import io.driftwatch.report.ModelPerformance;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.queue.TaskStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.config.Monitor;

class RetrainingDecisionTest {

    private static final ModelPerformance HEALTHY = new ModelPerformance(LocalDate.of(2026, 3, 1), 0.9, 0.2);
    private static final List<FeatureDrift> INCOME = List.of(new FeatureDrift("income", "psi", 0.3, 0.1));

    @Test
    void anyDriftedFeatureAsksForRetrainingByDefault() {
        RetrainingDecision d = RetrainingDecision.decide(Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, INCOME, 1, 10, HEALTHY);

        assertThat(d.retrain()).isTrue();
        assertThat(d.reasons()).containsExactly("feature drift: income psi=0.3 >= 0.1");
    }

    @Test
    void withADriftShareOnlyDatasetDriftOrACriticalFeatureAsks() {
        Monitor.RetrainingPolicy share = policy(0.5, List.of("region"));

        assertThat(RetrainingDecision.decide(share, INCOME, 1, 4, HEALTHY).retrain()).isFalse();
        assertThat(RetrainingDecision.decide(share, INCOME, 1, 4, HEALTHY).notes().get(0)).contains("below drift-share");
        assertThat(RetrainingDecision.decide(share, INCOME, 2, 4, HEALTHY).reasons().get(0))
                .startsWith("dataset drift: 2 of 4 features drifted (0.5000 >= drift-share 0.5000)");
        List<FeatureDrift> region = List.of(new FeatureDrift("region", "psi", 0.2, 0.1));
        assertThat(RetrainingDecision.decide(share, region, 1, 4, HEALTHY).reasons().get(0))
                .startsWith("critical feature drift: region");
    }

    @Test
    void performanceLimitsAskOnTheirOwnAndMissingDataIsANoteNotHealth() {
        Monitor.RetrainingPolicy p = Monitor.RetrainingPolicy.REFERENCE_DEFAULTS;

        assertThat(RetrainingDecision.decide(p, List.of(), 0, 5, new ModelPerformance(null, 0.77, 0.2)).reasons())
                .containsExactly("accuracy 0.7700 < floor 0.7800");
        assertThat(RetrainingDecision.decide(p, List.of(), 0, 5, new ModelPerformance(null, 0.78, 0.51)).reasons())
                .containsExactly("latency 0.5100 s > ceiling 0.5000 s");
        RetrainingDecision missing = RetrainingDecision.decide(p, List.of(), 0, 5, ModelPerformance.MISSING);
        assertThat(missing.retrain()).isFalse();
        assertThat(missing.summary()).contains("accuracy missing").contains("latency missing")
                .startsWith("no drift; performance unknown").doesNotContain("within limits");
        RetrainingDecision noLatency = RetrainingDecision.decide(p, List.of(), 0, 5, new ModelPerformance(null, 0.9, null));
        assertThat(noLatency.summary()).startsWith("no drift; accuracy within limits, latency unknown")
                .doesNotContain("performance within limits");
        assertThat(RetrainingDecision.decide(p, List.of(), 0, 5, new ModelPerformance(null, 0.9, 0.2)).summary())
                .isEqualTo("no drift and performance within limits");
    }

    @Test
    void guardrailsRefuseInOrderAndNameTheirRule() {
        Instant now = Instant.parse("2026-03-10T02:00:00Z");
        Monitor.RetrainingPolicy p = new Monitor.RetrainingPolicy(0.78, 0.5, null, List.of(), 1000, Duration.ofDays(7), 2,
                Duration.ofDays(30), false, 0, 5);
        Guardrails.QueueState empty = Guardrails.QueueState.EMPTY;

        assertThat(Guardrails.check(p, 999, empty, now)).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(RetrainingOutcome.SKIPPED_MIN_ROWS);
            assertThat(r.reason()).contains("999 rows, fewer than min-rows 1000");
        });
        assertThat(Guardrails.check(p, 1000, new Guardrails.QueueState(new Guardrails.OpenTask(42L, TaskStatus.RUNNING), null, 0), now))
                .hasValueSatisfying(r -> assertThat(r.reason()).contains("open task (id 42, RUNNING)"));
        assertThat(Guardrails.check(p, 1000, new Guardrails.QueueState(null, now.minus(Duration.ofDays(6)), 0), now))
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(RetrainingOutcome.SKIPPED_COOLDOWN));
        assertThat(Guardrails.check(p, 1000, new Guardrails.QueueState(null, now.minus(Duration.ofDays(8)), 0), now))
                .isEmpty();
        assertThat(Guardrails.check(p, 1000, new Guardrails.QueueState(null, null, 2), now))
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(RetrainingOutcome.SKIPPED_RATE_LIMIT));
        assertThat(Guardrails.check(p, 1000, new Guardrails.QueueState(null, null, 1), now)).isEmpty();
    }

    @Test
    void aLatencyAtTheCeilingOrAnAccuracyAtTheFloorIsWithinLimits() {
        RetrainingDecision atLimits = RetrainingDecision.decide(Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, List.of(), 0, 5,
                new ModelPerformance(null, 0.78, 0.5));

        assertThat(atLimits.retrain()).isFalse();
        assertThat(atLimits.reasons()).isEmpty();
        assertThat(atLimits.summary()).isEqualTo("no drift and performance within limits");
    }

    @Test
    void aNoteOtherThanMissingPerformanceDoesNotMakeThePerformanceUnknown() {
        // Drift below the drift-share is a note; accuracy and latency were both measured and within limits.
        RetrainingDecision d = RetrainingDecision.decide(policy(0.5, List.of()), INCOME, 1, 4, HEALTHY);

        assertThat(d.retrain()).isFalse();
        assertThat(d.summary()).startsWith("no drift and performance within limits; feature drift below drift-share")
                .doesNotContain("unknown");
    }

    @Test
    void segmentReasonsAloneAskForRetrainingAndSegmentNotesAloneDoNot() {
        RetrainingDecision healthy = RetrainingDecision.decide(Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, List.of(), 0, 5,
                HEALTHY);

        RetrainingDecision asked = healthy.withSegments(List.of("segment drift: country=DE: 1 of 1 features drifted"), List.of());
        RetrainingDecision noted = healthy.withSegments(List.of(), List.of("segments new in the current window: country=FR (9 rows)"));

        assertThat(asked.retrain()).isTrue();
        assertThat(asked.reasons()).containsExactly("segment drift: country=DE: 1 of 1 features drifted");
        assertThat(asked.summary()).isEqualTo("segment drift: country=DE: 1 of 1 features drifted");
        assertThat(noted.retrain()).isFalse();
        assertThat(noted.notes()).containsExactly("segments new in the current window: country=FR (9 rows)");
        assertThat(healthy.withSegments(List.of(), List.of())).isSameAs(healthy);
    }

    private static Monitor.RetrainingPolicy policy(double share, List<String> critical) {
        return new Monitor.RetrainingPolicy(0.78, 0.5, share, critical, 0, Duration.ZERO, 0, Duration.ofDays(30), false, 0, 5);
    }
}
