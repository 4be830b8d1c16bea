package io.driftwatch.canary.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pre-aggregated metrics: the reference example and each of its rules, from counts and latency summaries. */
class AggregateAnalysisTest {

    private static final CanaryThresholds T = CanaryThresholds.DEFAULTS;

    /** 2,000 requests, error rate 0.05, accuracy 0.83 on the answered ones, latency 0.20 s. */
    private static VersionAggregate version(String name, double errorRate, double accuracy, double meanLatency, double p99,
                                            long requests) {
        long errors = Math.round(requests * errorRate);
        long labeled = requests - errors;
        return new VersionAggregate(name, requests, errors, labeled, Math.round(labeled * accuracy), meanLatency, p99);
    }

    private static final VersionAggregate BASELINE = version("v1", 0.05, 0.83, 0.20, 0.30, 2_000);

    @Test
    void theReferenceExamplePromotes() {
        CanaryResult r = CanaryAnalysis.analyseAggregates(BASELINE, version("v2", 0.04, 0.85, 0.22, 0.32, 2_000), T);

        assertThat(r.verdict()).isEqualTo(Verdict.PROMOTE);
        assertThat(r.metric("latency")).hasValueSatisfying(m -> assertThat(m.effectSize()).isEqualTo(0.22 - 0.20));
    }

    @Test
    void eachReferenceRuleFlipsTheVerdictWhenCrossed() {
        assertThat(CanaryAnalysis.analyseAggregates(BASELINE, version("v2", 0.04, 0.79, 0.22, 0.32, 2_000), T).verdict())
                .isEqualTo(Verdict.ROLLBACK);
        CanaryResult slow = CanaryAnalysis.analyseAggregates(BASELINE, version("v2", 0.04, 0.85, 0.26, 0.36, 2_000), T);
        assertThat(slow.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(slow.reason()).contains("latency");
        assertThat(CanaryAnalysis.analyseAggregates(BASELINE, version("v2", 0.065, 0.85, 0.22, 0.32, 2_000), T).verdict())
                .isEqualTo(Verdict.ROLLBACK);
    }

    @Test
    void aHeavierTailAloneRollsBack() {
        CanaryResult r = CanaryAnalysis.analyseAggregates(BASELINE, version("v2", 0.05, 0.83, 0.20, 0.45, 2_000), T);

        assertThat(r.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(r.metric("latency_p99")).hasValueSatisfying(m -> assertThat(m.classification()).isEqualTo(Classification.FAIL));
    }

    @Test
    void tooFewRequestsOrMissingLatencyIsInconclusiveNeverRollback() {
        assertThat(CanaryAnalysis.analyseAggregates(BASELINE, version("v2", 0.2, 0.5, 0.9, 2.0, 20), T).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        VersionAggregate noLatency = new VersionAggregate("v2", 2_000, 80, 1_920, 1_632, null, null);
        assertThat(CanaryAnalysis.analyseAggregates(BASELINE, noLatency, T).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void noErrorsOnEitherSideAreJudgedNotACrash() {
        CanaryResult r = CanaryAnalysis.analyseAggregates(version("v1", 0.0, 0.83, 0.20, 0.30, 2_000),
                version("v2", 0.0, 0.835, 0.20, 0.30, 2_000), T);

        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PROMOTE);
        assertThat(r.metric("error_rate")).hasValueSatisfying(m -> assertThat(m.effectSize()).isNull());
    }

    @Test
    void periodsCombineRequestWeightedAndInconsistentOnesAreSkippedAndCounted() {
        VersionAggregate combined = new VersionAggregate.Builder("v1")
                .add(1_000, 10, 900, 800, 0.2, 0.7)
                .add(3_000, 30, 2_000, 1_500, 0.4, 0.5)
                .add(500, 5, 500, 400, null, null)           // no latency reported: counts only
                .add(100, 200, 100, 50, 0.3, 0.4)            // more errors than requests
                .add(100, 1, 100, 50, -0.3, 0.4)             // negative mean latency
                .add(100, 1, 100, 50, 0.3, Double.NaN)       // p99 not a number
                .build();

        assertThat(combined).isEqualTo(new VersionAggregate("v1", 4_500, 45, 3_400, 2_700,
                (0.2 * 1_000 + 0.4 * 3_000) / 4_000, 0.7, 3));
    }
}
