package io.driftwatch.canary.analysis;

import static io.driftwatch.canary.analysis.Synthetic.shadow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
        CanaryResult result = CanaryAnalysis.analyseShadow(shadow(6, 49, 0.5, 0.3, 0.5, 0.0, 0.0), T);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.metrics()).allMatch(m -> m.classification() == Classification.NO_DATA);
        assertThat(result.metric("agreement").orElseThrow().reason()).contains("pairs=49").contains("minSamples 50");
        assertThat(result.metric("error_rate").orElseThrow().reason()).contains("requests=49");
    }

    @Test
    void identicalModelsPromote() {
        var pairs = shadow(7, 200, 0.0, 0.0, 0.0, 0.0, 0.0).stream()
                .map(p -> new ShadowPair(p.production().score(), p.production().score(),
                        p.production().latencySeconds(), p.production().latencySeconds(), false, false))
                .toList();

        CanaryResult result = CanaryAnalysis.analyseShadow(pairs, T);

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PROMOTE);
    }

    /** Production answers every request (1 % errors); the candidate errs on every 20th without a score and does not log the next one. */
    private static List<ShadowPair> candidateFailingOneInTen(int n) {
        List<ShadowPair> pairs = new ArrayList<>();
        Random random = new Random(8);
        for (int i = 0; i < n; i++) {
            double score = random.nextDouble();
            double latency = 0.1 + 0.01 * random.nextGaussian();
            ShadowResponse production = new ShadowResponse(score, latency, i % 100 == 50);
            pairs.add(switch (i % 20) {
                case 0 -> new ShadowPair(production, new ShadowResponse(null, 0.3, true));
                case 1 -> ShadowPair.candidateMissing(production);
                default -> new ShadowPair(production, new ShadowResponse(score, latency + 0.001, false));
            });
        }
        return pairs;
    }

    @Test
    void candidateErrorsAndMissingResponsesCountAgainstTheCandidate() {
        CanaryResult result = CanaryAnalysis.analyseShadow(candidateFailingOneInTen(1000), T);

        assertThat(result.verdict()).isEqualTo(Verdict.ROLLBACK);
        MetricResult errors = result.metric("error_rate").orElseThrow();
        assertThat(errors.classification()).isEqualTo(Classification.FAIL);
        assertThat(errors.candidate()).isEqualTo(0.10);
        assertThat(errors.baseline()).isEqualTo(0.01);
        assertThat(errors.reason()).contains("50 errors, 50 missing responses of 1000 requests");
        assertThat(result.metric("agreement").orElseThrow().reason()).as("only answered pairs are compared")
                .contains("(890/890 pairs");
    }

    @Test
    void aCandidateThatLoggedNoneOfTheRequestsIsInconclusiveNotARollback() {
        var pairs = shadow(9, 500, 0.01, 0.0, 0.0, 0.02, 0.0).stream()
                .map(p -> ShadowPair.candidateMissing(p.production())).toList();

        CanaryResult result = CanaryAnalysis.analyseShadow(pairs, T);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.metric("error_rate").orElseThrow().reason())
                .contains("the candidate logged none of production's 500 requests");
    }

    @Test
    void responsesWithUnusableValuesAreRejected() {
        assertThatThrownBy(() -> new ShadowResponse(0.5, -0.1, false)).hasMessageContaining("latency=-0.1");
        assertThatThrownBy(() -> new ShadowResponse(Double.NaN, 0.1, false)).hasMessageContaining("score=NaN");
        assertThatThrownBy(() -> new ShadowPair(null, null)).hasMessageContaining("production");
    }
}
