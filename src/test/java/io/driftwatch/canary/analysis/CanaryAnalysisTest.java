package io.driftwatch.canary.analysis;

import static io.driftwatch.canary.analysis.Synthetic.N;
import static io.driftwatch.canary.analysis.Synthetic.normal;
import static io.driftwatch.canary.analysis.Synthetic.referenceBaseline;
import static io.driftwatch.canary.analysis.Synthetic.referenceCandidate;
import static io.driftwatch.canary.analysis.Synthetic.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanaryAnalysisTest {

    private static final CanaryThresholds T = CanaryThresholds.DEFAULTS;

    private static Classification classification(CanaryResult result, String metric) {
        return result.metric(metric).orElseThrow().classification();
    }

    @Nested
    class ReferenceExample {

        @Test
        void promotes() {
            CanaryResult result = CanaryAnalysis.analyse(referenceBaseline(), referenceCandidate(0.22, 0.04, 0.85), T);

            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PROMOTE);
            assertThat(result.metrics()).extracting(MetricResult::metric).containsExactly("accuracy", "error_rate",
                    "latency", "latency_p99", "score_distribution");
            assertThat(result.metrics()).allMatch(m -> m.classification() == Classification.PASS);
            MetricResult latency = result.metric("latency").orElseThrow();
            assertThat(latency.effectSize()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(0.002));
            assertThat(latency.ciLow()).isLessThan(latency.effectSize());
            assertThat(latency.ciHigh()).isGreaterThan(latency.effectSize());
            assertThat(result.metric("accuracy").orElseThrow().candidate()).isEqualTo(0.85);
            assertThat(result.metric("error_rate").orElseThrow().candidate()).isEqualTo(0.04);
        }

        @Test
        void accuracyBelowMinimumRollsBack() {
            CanaryResult result = CanaryAnalysis.analyse(referenceBaseline(), referenceCandidate(0.22, 0.04, 0.79), T);

            assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
            assertThat(classification(result, "accuracy")).isEqualTo(Classification.FAIL);
            assertThat(result.reason()).contains("accuracy").contains("minAccuracy 0.8");
        }

        @Test
        void latencyIncreaseAboveToleranceRollsBack() {
            CanaryResult result = CanaryAnalysis.analyse(referenceBaseline(), referenceCandidate(0.26, 0.04, 0.85), T);

            assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
            assertThat(classification(result, "latency")).isEqualTo(Classification.FAIL);
            assertThat(classification(result, "accuracy")).isEqualTo(Classification.PASS);
            assertThat(result.reason()).startsWith("failed: latency");
        }

        @Test
        void errorRateAboveRatioRollsBack() {
            CanaryResult result = CanaryAnalysis.analyse(referenceBaseline(),
                    referenceCandidate(0.22, 0.05 * 1.3, 0.85), T);

            assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
            MetricResult errors = result.metric("error_rate").orElseThrow();
            assertThat(errors.classification()).isEqualTo(Classification.FAIL);
            assertThat(errors.effectSize()).isCloseTo(1.3, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(errors.pValue()).isLessThan(0.05);
        }

        @Test
        void justInsideEveryRuleStillPromotes() {
            CanaryResult result = CanaryAnalysis.analyse(referenceBaseline(),
                    referenceCandidate(0.24, 0.05 * 1.15, 0.83), T);

            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PROMOTE);
        }
    }

    @Test
    void clearLatencyRegressionRollsBack() {
        CanaryResult result = CanaryAnalysis.analyse(version("v1", 1, 500, 0.20, 0.05, 0.02, 0.9),
                version("v2", 2, 500, 0.35, 0.05, 0.02, 0.9), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        MetricResult latency = result.metric("latency").orElseThrow();
        assertThat(latency.classification()).isEqualTo(Classification.FAIL);
        assertThat(latency.ciLow()).isGreaterThan(0.05);
        assertThat(latency.pValue()).isLessThan(1e-10);
    }

    @Test
    void accuracyDropAboveMinimumRollsBackOnSignificance() {
        CanaryResult result = CanaryAnalysis.analyse(version("v1", 1, N, 0.2, 0.01, 0.02, 0.92),
                version("v2", 2, N, 0.2, 0.01, 0.02, 0.86), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        MetricResult accuracy = result.metric("accuracy").orElseThrow();
        assertThat(accuracy.classification()).isEqualTo(Classification.FAIL);
        assertThat(accuracy.reason()).contains("significantly below baseline");
        assertThat(accuracy.ciHigh()).isLessThan(0);
    }

    @Test
    void varianceOnlyRegressionRollsBackViaP99() {
        VersionSample baseline = version("v1", 1, N, 0.20, 0.01, 0.02, 0.9);
        double[] latencies = normal(2, N, 0.20, 0.01);
        Random random = new Random(3);
        for (int i = 0; i < N; i += 10) {          // every tenth request: same centre, 20x the spread
            latencies[i] = Math.max(0, 0.20 + 0.2 * random.nextGaussian());
        }
        VersionSample candidate = new VersionSample("v2", latencies, N, 40, N, 1800, Synthetic.scores(4, N, 0.6));

        CanaryResult result = CanaryAnalysis.analyse(baseline, candidate, T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(classification(result, "latency")).isEqualTo(Classification.PASS);
        assertThat(classification(result, "latency_p99")).isEqualTo(Classification.FAIL);
        assertThat(result.reason()).startsWith("failed: latency_p99");
    }

    @Test
    void errorRateRiseRollsBack() {
        CanaryResult result = CanaryAnalysis.analyse(version("v1", 1, 1000, 0.2, 0.01, 0.02, 0.9),
                version("v2", 2, 1000, 0.2, 0.01, 0.06, 0.9), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(classification(result, "error_rate")).isEqualTo(Classification.FAIL);
    }

    @Test
    void errorRateCrossingExplainedByChancePasses() {
        CanaryResult result = CanaryAnalysis.analyse(new VersionSample("v1", normal(1, 60, 0.2, 0.01), 60, 1, 60, 55,
                        null), new VersionSample("v2", normal(2, 60, 0.2, 0.01), 60, 2, 60, 55, null), T);

        MetricResult errors = result.metric("error_rate").orElseThrow();
        assertThat(errors.classification()).isEqualTo(Classification.PASS);
        assertThat(errors.reason()).contains("not significantly higher");
        assertThat(result.metric("score_distribution").orElseThrow().classification())
                .isEqualTo(Classification.NO_DATA);
        assertThat(result.verdict()).as("score NO_DATA alone does not block").isEqualTo(Verdict.PROMOTE);
    }

    @Test
    void scoreDistributionShiftRollsBack() {
        VersionSample baseline = version("v1", 1, N, 0.2, 0.01, 0.02, 0.9);
        VersionSample candidate = new VersionSample("v2", normal(2, N, 0.2, 0.01), N, 40, N, 1800,
                Synthetic.scores(5, N, 0.3));

        CanaryResult result = CanaryAnalysis.analyse(baseline, candidate, T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        MetricResult scores = result.metric("score_distribution").orElseThrow();
        assertThat(scores.classification()).isEqualTo(Classification.FAIL);
        assertThat(scores.effectSize()).isGreaterThanOrEqualTo(0.2);
        assertThat(scores.pValue()).isLessThan(1e-6);
    }

    @Test
    void healthyCandidatesPromoteAcrossSeeds() {
        for (long seed = 100; seed < 120; seed++) {
            CanaryResult result = CanaryAnalysis.analyse(version("v1", seed, 1000, 0.2, 0.03, 0.03, 0.9),
                    version("v2", seed + 1000, 1000, 0.2, 0.03, 0.03, 0.9), T);
            assertThat(result.verdict()).as("seed %d: %s", seed, result.reason()).isEqualTo(Verdict.PROMOTE);
        }
    }

    @Test
    void fewerThanMinSamplesIsInconclusiveNeverRollback() {
        // a huge regression on every metric, but only 30 requests per version
        CanaryResult result = CanaryAnalysis.analyse(version("v1", 1, 30, 0.2, 0.01, 0.0, 0.95),
                version("v2", 2, 30, 0.9, 0.01, 0.5, 0.3), T);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.metrics()).allMatch(m -> m.classification() == Classification.NO_DATA);
        assertThat(result.reason()).contains("accuracy", "error_rate", "latency");
    }

    @Test
    void missingLabelsAloneMakeItInconclusive() {
        VersionSample baseline = version("v1", 1, N, 0.2, 0.01, 0.02, 0.9);
        VersionSample candidate = new VersionSample("v2", normal(2, N, 0.2, 0.01), N, 40, 49, 10,
                Synthetic.scores(3, N, 0.6));

        CanaryResult result = CanaryAnalysis.analyse(baseline, candidate, T);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(classification(result, "accuracy")).isEqualTo(Classification.NO_DATA);
        assertThat(result.reason()).isEqualTo("not enough data for: accuracy");
    }

    @Test
    void failBeatsNoData() {
        VersionSample baseline = version("v1", 1, N, 0.2, 0.01, 0.02, 0.9);
        VersionSample candidate = new VersionSample("v2", normal(2, N, 0.4, 0.01), N, 40, 0, 0, null);

        CanaryResult result = CanaryAnalysis.analyse(baseline, candidate, T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(classification(result, "accuracy")).isEqualTo(Classification.NO_DATA);
    }

    @Nested
    class ZeroErrors {

        @Test
        void noErrorOnEitherSideIsJudgedNotACrash() {
            CanaryResult result = CanaryAnalysis.analyse(version("v1", 1, N, 0.2, 0.01, 0.0, 0.9),
                    version("v2", 2, N, 0.2, 0.01, 0.0, 0.9), T);

            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PROMOTE);
            MetricResult errors = result.metric("error_rate").orElseThrow();
            assertThat(errors.classification()).isEqualTo(Classification.PASS);
            assertThat(errors.baseline()).isZero();
            assertThat(errors.candidate()).isZero();
            assertThat(errors.effectSize()).as("a ratio of 0 / 0 is not a number to report").isNull();
            assertThat(errors.pValue()).isNull();
            assertThat(errors.reason()).isEqualTo("no errors in either version");
        }

        @Test
        void candidateErrorsAgainstAnErrorFreeBaselineAreTested() {
            VersionSample baseline = version("v1", 1, N, 0.2, 0.01, 0.0, 0.9);

            MetricResult nine = CanaryAnalysis.analyse(baseline, version("v2", 2, N, 0.2, 0.01, 9.0 / N, 0.9), T)
                    .metric("error_rate").orElseThrow();
            MetricResult one = CanaryAnalysis.analyse(baseline, version("v2", 2, N, 0.2, 0.01, 1.0 / N, 0.9), T)
                    .metric("error_rate").orElseThrow();

            assertThat(nine.classification()).isEqualTo(Classification.FAIL);
            assertThat(nine.effectSize()).isNull();
            assertThat(one.classification()).isEqualTo(Classification.PASS);
            assertThat(one.reason()).contains("not significantly higher");
        }

        @Test
        void anErrorFreeCandidateAgainstABaselineWithErrorsHasRatioZero() {
            MetricResult errors = CanaryAnalysis.analyse(version("v1", 1, N, 0.2, 0.01, 0.02, 0.9),
                    version("v2", 2, N, 0.2, 0.01, 0.0, 0.9), T).metric("error_rate").orElseThrow();

            assertThat(errors.classification()).isEqualTo(Classification.PASS);
            assertThat(errors.effectSize()).isZero();
        }
    }

    @Nested
    class AccuracyMargin {

        private static VersionSample accuracy(String name, int n, long correct) {
            return new VersionSample(name, normal(name.hashCode(), 100, 0.2, 0.01), n, 0, n, correct, null);
        }

        @Test
        void aSignificantDropWithinTheMarginPasses() {
            CanaryResult result = CanaryAnalysis.analyse(accuracy("v1", 50_000, 41_500), accuracy("v2", 50_000, 41_250), T);

            MetricResult accuracy = result.metric("accuracy").orElseThrow();
            assertThat(accuracy.pValue()).as("significant").isLessThan(T.alpha());
            assertThat(accuracy.classification()).isEqualTo(Classification.PASS);
            assertThat(accuracy.reason()).contains("significant but within maxAccuracyDrop 0.01");
            assertThat(result.verdict()).isEqualTo(Verdict.PROMOTE);
        }

        @Test
        void aSignificantDropBeyondTheMarginRollsBack() {
            CanaryResult result = CanaryAnalysis.analyse(accuracy("v1", 50_000, 41_500), accuracy("v2", 50_000, 40_750), T);

            assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
            assertThat(result.metric("accuracy").orElseThrow().reason())
                    .contains("significantly below baseline and more than maxAccuracyDrop 0.01");
        }

        @Test
        void aDropBeyondTheMarginThatChanceExplainsPasses() {
            MetricResult accuracy = CanaryAnalysis.analyse(accuracy("v1", 2_000, 1_660), accuracy("v2", 2_000, 1_630), T)
                    .metric("accuracy").orElseThrow();

            assertThat(accuracy.classification()).isEqualTo(Classification.PASS);
            assertThat(accuracy.reason()).contains("but not significant").contains("passes as noise");
        }

        @Test
        void aMarginOfZeroRollsBackOnSignificanceAlone() {
            CanaryThresholds noMargin = new CanaryThresholds(0.8, 0.0, 0.05, 1.2, 50, 0.05, 0.1, 0.2, 0.95, 0.05);

            CanaryResult result = CanaryAnalysis.analyse(accuracy("v1", 50_000, 41_500), accuracy("v2", 50_000, 41_250),
                    noMargin);

            assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        }

        @Test
        void theMinimumAccuracyFailsWhateverTheMargin() {
            MetricResult accuracy = CanaryAnalysis.analyse(accuracy("v1", 2_000, 1_600), accuracy("v2", 2_000, 1_598), T)
                    .metric("accuracy").orElseThrow();

            assertThat(accuracy.classification()).isEqualTo(Classification.FAIL);
            assertThat(accuracy.reason()).startsWith("candidate accuracy 0.7990 < minAccuracy 0.8");
        }
    }

    @Nested
    class SkippedRows {

        @Test
        void rowsWithUnusableValuesAreSkippedAndCountedAndTheRestJudgedAsWithoutThem() {
            VersionSample.Builder withBadRows = new VersionSample.Builder("v2");
            VersionSample.Builder clean = new VersionSample.Builder("v2");
            Random random = new Random(11);
            for (int i = 0; i < 500; i++) {
                double latency = 0.2 + 0.01 * random.nextGaussian();
                boolean error = i % 50 == 0;
                double score = Math.min(1, Math.max(0, 0.6 + 0.15 * random.nextGaussian()));
                Boolean correct = error ? null : i % 10 != 1;
                withBadRows.add(latency, error, score, correct);
                clean.add(latency, error, score, correct);
            }
            withBadRows.add(-0.5, false, 0.5, true);
            withBadRows.add(Double.NaN, true, 0.5, null);
            withBadRows.add(Double.POSITIVE_INFINITY, false, 0.5, false);
            withBadRows.add(0.2, false, Double.NaN, true);
            withBadRows.add(null, false, null, true); // not logged is not unusable: counted, not skipped
            clean.add(null, false, null, true);
            VersionSample baseline = version("v1", 1, 500, 0.2, 0.01, 0.02, 0.9);

            VersionSample candidate = withBadRows.build();
            CanaryResult judged = CanaryAnalysis.analyse(baseline, candidate, T);

            assertThat(candidate.skippedRows()).isEqualTo(4);
            assertThat(candidate.requests()).isEqualTo(501);
            assertThat(judged).isEqualTo(CanaryAnalysis.analyse(baseline, clean.build(), T));
            assertThat(judged.verdict()).as(judged.reason()).isEqualTo(Verdict.PROMOTE);
        }
    }

    @Test
    void everyThresholdOutOfRangeIsReportedAtOnceByName() {
        assertThatThrownBy(() -> new CanaryThresholds(1.5, -0.1, 0.05, 0.9, 50, 0.05, 0.1, 0.2, 0.95, 0.05))
                .isInstanceOfSatisfying(InvalidThresholdsException.class, e -> assertThat(e.violations())
                        .extracting(InvalidThresholdsException.Violation::threshold)
                        .containsExactly("minAccuracy", "maxAccuracyDrop", "maxErrorRateRatio"))
                .hasMessageContaining("minAccuracy must be within [0, 1] but was 1.5");
    }

    @Test
    void validatesInputs() {
        assertThatThrownBy(() -> new VersionSample("v", null, 10, 11, 0, 0, null))
                .hasMessageContaining("errors <= requests").hasMessageContaining("errors=11");
        assertThatThrownBy(() -> new VersionSample("v", null, 10, 1, 5, 6, null))
                .hasMessageContaining("correct <= labeled");
        assertThatThrownBy(() -> new VersionSample("v", new double[] {-1}, 10, 1, 5, 5, null))
                .hasMessageContaining("latencies");
        assertThatThrownBy(() -> new CanaryThresholds(1.2, 0.01, 0.05, 1.2, 50, 0.05, 0.1, 0.2, 0.95, 0.05))
                .hasMessageContaining("minAccuracy").hasMessageContaining("1.2");
        assertThatThrownBy(() -> new CanaryThresholds(0.8, 0.01, 0.05, 1.2, 1, 0.05, 0.1, 0.2, 0.95, 0.05))
                .hasMessageContaining("minSamples");
        assertThatThrownBy(() -> CanaryAnalysis.analyse(null, referenceBaseline(), T))
                .isInstanceOf(IllegalArgumentException.class);
        double[] latencies = {0.1, 0.2};
        VersionSample sample = new VersionSample("v", latencies, 2, 0, 0, 0, null);
        latencies[0] = 9;
        assertThat(sample.latencies()[0]).isEqualTo(0.1);
        sample.latencies()[1] = 9;
        assertThat(sample.latencies()[1]).isEqualTo(0.2);
    }

    @Test
    void defaultsAreTheReferenceRules() {
        assertThat(T).isEqualTo(new CanaryThresholds(0.8, 0.01, 0.05, 1.2, 50, 0.05, 0.1, 0.2, 0.95, 0.05));
    }
}
