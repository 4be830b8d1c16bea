package io.driftwatch.canary.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statistics checked against scipy/numpy values written by {@code tools/reference/canary_reference.py} (see its
 * docstring for the exact calls). p-values agree to 1e-9 relative; order statistics exactly.
 */
class CanaryStatisticsReferenceTest {

    private static final Percentage RELATIVE = Percentage.withPercentage(1e-7); // 1e-9 relative
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CanaryStatisticsReferenceTest.class.getResourceAsStream(
                "/reference/canary_reference.json")) {
            reference = JsonMapper.shared().readTree(in);
        }
    }

    private static double[] array(JsonNode node) {
        List<Double> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asDouble()));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void mannWhitneyAndHodgesLehmannMatchScipy() {
        double alpha = reference.get("alpha").asDouble();
        assertThat(reference.get("mannWhitney")).hasSize(4);
        for (JsonNode c : reference.get("mannWhitney")) {
            double[] b = array(c.get("baseline"));
            double[] x = array(c.get("candidate"));
            String name = c.get("name").asString();
            assertThat(CanaryStatistics.mannWhitneyU(b, x)).as(name).isEqualTo(c.get("u").asDouble());
            assertThat(CanaryStatistics.mannWhitneyPValue(b, x)).as(name).isCloseTo(c.get("pValue").asDouble(),
                    RELATIVE);
            CanaryStatistics.Interval hl = CanaryStatistics.hodgesLehmann(b, x, alpha);
            assertThat(hl.estimate()).as(name).isCloseTo(c.get("hlEstimate").asDouble(), within(1e-15));
            assertThat(hl.low()).as(name).isEqualTo(c.get("hlLow").asDouble());
            assertThat(hl.high()).as(name).isEqualTo(c.get("hlHigh").asDouble());
        }
    }

    @Test
    void wilcoxonMatchesScipy() {
        assertThat(reference.get("wilcoxon")).hasSize(3);
        for (JsonNode c : reference.get("wilcoxon")) {
            double[] d = array(c.get("differences"));
            String name = c.get("name").asString();
            assertThat(CanaryStatistics.wilcoxonPValue(d, AlternativeHypothesis.TWO_SIDED)).as(name)
                    .isCloseTo(c.get("pTwoSided").asDouble(), RELATIVE);
            assertThat(CanaryStatistics.wilcoxonPValue(d, AlternativeHypothesis.GREATER_THAN)).as(name)
                    .isCloseTo(c.get("pGreater").asDouble(), RELATIVE);
        }
    }

    @Test
    void twoProportionZTestMatchesScipy() {
        assertThat(reference.get("twoProportion")).hasSize(6);
        for (JsonNode c : reference.get("twoProportion")) {
            CanaryStatistics.ProportionTest test = CanaryStatistics.twoProportion(c.get("baseSuccess").asLong(),
                    c.get("baseTotal").asLong(), c.get("candSuccess").asLong(), c.get("candTotal").asLong());
            assertThat(test.z()).isCloseTo(c.get("z").asDouble(), RELATIVE);
            assertThat(test.pLess()).isCloseTo(c.get("pLess").asDouble(), RELATIVE);
            assertThat(test.pGreater()).isCloseTo(c.get("pGreater").asDouble(), RELATIVE);
        }
    }

    @Test
    void quantilesMatchNumpy() {
        JsonNode q = reference.get("quantile");
        double[] sample = array(q.get("sample"));
        assertThat(CanaryStatistics.quantile(sample, 0.5)).isCloseTo(q.get("p50").asDouble(), within(1e-15));
        assertThat(CanaryStatistics.quantile(sample, 0.99)).isCloseTo(q.get("p99").asDouble(), within(1e-15));
    }

    @Test
    void hodgesLehmannSelectionAgreesWithMaterialisedDifferences() {
        java.util.Random random = new java.util.Random(9);
        double[] b = new double[37];
        double[] c = new double[41];
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.round(random.nextGaussian() * 20) / 100.0;   // many ties
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.round(random.nextGaussian() * 20) / 100.0 + 0.03;
        }
        double[] all = new double[b.length * c.length];
        int k = 0;
        for (double cj : c) {
            for (double bi : b) {
                all[k++] = cj - bi;
            }
        }
        java.util.Arrays.sort(all);
        double[] sb = CanaryStatistics.sorted(b);
        double[] sc = CanaryStatistics.sorted(c);
        for (int rank = 1; rank <= all.length; rank += 7) {
            assertThat(CanaryStatistics.kthDifference(sb, sc, rank)).as("rank %d", rank).isEqualTo(all[rank - 1]);
        }
        assertThat(CanaryStatistics.kthDifference(sb, sc, all.length)).isEqualTo(all[all.length - 1]);
    }

    @Test
    void accuracyMarginDecisionsMatchTheReference() {
        assertThat(reference.get("accuracyMargin")).hasSize(4);
        for (JsonNode c : reference.get("accuracyMargin")) {
            String name = c.get("name").asString();
            CanaryThresholds t = new CanaryThresholds(c.get("minAccuracy").asDouble(), c.get("maxAccuracyDrop").asDouble(),
                    0.05, 1.2, 50, reference.get("alpha").asDouble(), 0.1, 0.2, 0.95, 0.05);
            VersionSample baseline = new VersionSample("v1", null, c.get("baseLabeled").asLong(), 0,
                    c.get("baseLabeled").asLong(), c.get("baseCorrect").asLong(), null);
            VersionSample candidate = new VersionSample("v2", null, c.get("candLabeled").asLong(), 0,
                    c.get("candLabeled").asLong(), c.get("candCorrect").asLong(), null);

            MetricResult accuracy = CanaryAnalysis.accuracy(baseline, candidate, t);

            assertThat(accuracy.classification().name()).as(name).isEqualTo(c.get("classification").asString());
            assertThat(accuracy.pValue()).as(name).isCloseTo(c.get("pLess").asDouble(), RELATIVE);
            assertThat(accuracy.effectSize()).as(name).isCloseTo(c.get("difference").asDouble(), within(1e-15));
            assertThat(accuracy.ciLow()).as(name).isCloseTo(c.get("ciLow").asDouble(), within(1e-12));
            assertThat(accuracy.ciHigh()).as(name).isCloseTo(c.get("ciHigh").asDouble(), within(1e-12));
        }
    }

    @Test
    void shadowFailureRateCountsErrorsAndMissingResponsesAsTheReferenceDoes() {
        JsonNode c = reference.get("shadowFailures");
        double[] productionError = array(c.get("productionError"));
        double[] candidate = array(c.get("candidate"));
        List<ShadowPair> pairs = new ArrayList<>();
        for (int i = 0; i < productionError.length; i++) {
            ShadowResponse production = new ShadowResponse(0.5, 0.1, productionError[i] == 1);
            pairs.add(candidate[i] == 2 ? ShadowPair.candidateMissing(production)
                    : new ShadowPair(production, new ShadowResponse(0.5, 0.1, candidate[i] == 1)));
        }

        MetricResult errors = CanaryAnalysis.analyseShadow(pairs, CanaryThresholds.DEFAULTS).metric("error_rate")
                .orElseThrow();

        assertThat(errors.baseline()).isEqualTo(c.get("productionRate").asDouble());
        assertThat(errors.candidate()).isEqualTo(c.get("candidateRate").asDouble());
        assertThat(errors.pValue()).isCloseTo(c.get("pGreater").asDouble(), RELATIVE);
        assertThat(errors.classification()).isEqualTo(Classification.FAIL);
    }
}
