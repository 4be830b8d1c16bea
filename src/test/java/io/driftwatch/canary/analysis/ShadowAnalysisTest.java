package io.driftwatch.canary.analysis;

import static io.driftwatch.canary.analysis.Synthetic.shadow;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShadowAnalysisTest {

    private static final CanaryThresholds T = CanaryThresholds.DEFAULTS;

    private static Classification classification(CanaryResult result, String metric) {
        return result.metric(metric).orElseThrow().classification();
    }

    @Test
    void agreeingCandidatePromotes() {
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(1, 1000, 0.01, 0.0, 0.0, 0.02, 0.02), T);

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PROMOTE);
        assertThat(result.metrics()).extracting(MetricResult::metric)
                .containsExactly("agreement", "score_difference", "latency", "error_rate");
        assertThat(result.metric("agreement").orElseThrow().candidate()).isGreaterThan(0.99);
    }

    @Test
    void disagreeingScoresRollBack() {
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(2, 1000, 0.2, 0.0, 0.0, 0.02, 0.02), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(classification(result, "agreement")).isEqualTo(Classification.FAIL);
        assertThat(result.reason()).contains("agreement");
    }

    @Test
    void systematicScoreShiftFailsScoreDifference() {
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(3, 1000, 0.01, 0.1, 0.0, 0.02, 0.02), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        MetricResult difference = result.metric("score_difference").orElseThrow();
        assertThat(difference.classification()).isEqualTo(Classification.FAIL);
        assertThat(difference.ciLow()).isGreaterThan(0.05);
        assertThat(difference.pValue()).isLessThan(1e-10);
    }

    @Test
    void slowerCandidateRollsBack() {
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(4, 500, 0.01, 0.0, 0.08, 0.02, 0.02), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(classification(result, "latency")).isEqualTo(Classification.FAIL);
        assertThat(classification(result, "agreement")).isEqualTo(Classification.PASS);
    }

    @Test
    void moreErrorsRollBack() {
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(5, 1000, 0.01, 0.0, 0.0, 0.02, 0.08), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(classification(result, "error_rate")).isEqualTo(Classification.FAIL);
    }

    @Test
    void tooFewPairsIsInconclusive() {
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(6, 49, 0.5, 0.3, 0.5, 0.0, 0.9), T);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.metrics()).allMatch(m -> m.classification() == Classification.NO_DATA);
        assertThat(result.metric("agreement").orElseThrow().reason()).contains("pairs=49").contains("minSamples 50");
    }

    @Test
    void identicalModelsPromote() {
        var pairs = shadow(7, 200, 0.0, 0.0, 0.0, 0.0, 0.0).stream()
                .map(p -> new ShadowPair(p.productionScore(), p.productionScore(), p.productionLatency(),
                        p.productionLatency(), false, false))
                .toList();

        CanaryResult result = CanaryAnalysis.analyseShadow(pairs, T);

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PROMOTE);
    }
}
