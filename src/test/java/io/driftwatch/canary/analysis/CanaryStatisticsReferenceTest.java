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
        assertThat(reference.get("twoProportion")).hasSize(4);
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
}
