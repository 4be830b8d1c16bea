package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What drift scores from sketch-mode categorical profiles see, against exact profiles of the same data: 500,000
 * values per window over 50,000 categories with Zipf(1) frequencies, so the default cap of 10,000 categories forces
 * the frequent-items sketch (it retains about 2,000 categories here, maxError 77, i.e. 0.00015 of a share).
 * <p>
 * Findings asserted below (numbers from this data):
 * <ul>
 *   <li>each retained category's estimate is within the reported maxError below its true count; the pooled
 *       {@code (other)} bin is not: it also collects every retained category's undercount, so its count exceeds the
 *       true count of the categories it stands for by about 930 x maxError (share 0.47 against 0.30);</li>
 *   <li>a shift among frequent categories reads the same on sketches: L-infinity equals the exact value within the
 *       reported share bound, and PSI, KL and JS divergence, sums over bins, rise by the same amount as the exact
 *       scores; their absolute values differ because exact PSI over 50,000 categories is dominated by the sampling
 *       noise of the rare ones (0.80 between two samples of one distribution, 0.08 from the sketches);</li>
 *   <li>drift among rare categories (reshuffled, or replaced by new ones) is invisible in {@code (other)}: the sketch
 *       scores move by less than 0.001 while exact PSI rises by 0.6 to 5.3;</li>
 *   <li>a shift of mass into the tail shows only in {@code (other)}, and the undercounts there overstate it
 *       (L-infinity 0.166 from the sketches, 0.122 with the true pooled counts, 0.038 exact per category).</li>
 * </ul>
 * Exact-mode scores are the reference: {@code DriftReferenceTest} checks them against numpy and scipy.
 */
class CategoricalSketchAccuracyTest {

    private static final int CATEGORIES = 50_000;
    private static final int ROWS = 500_000;
    private static final List<String> BINNED = List.of("psi", "kl", "js", "js_divergence", "hellinger", "linf");

    private static final Map<String, Windows> SCENARIOS = new HashMap<>();

    private final DriftMethods methods = DriftMethods.standard();

    /** Baseline and current window of one scenario, each profiled exactly and with the default cap. */
    private record Windows(CategoricalProfile baselineExact, CategoricalProfile baselineSketch,
                           CategoricalProfile currentExact, CategoricalProfile currentSketch) {
    }

    /**
     * The baseline is always Zipf(1) over c0 ... c49999; the current window draws the same random ranks with the
     * named change: {@code same}, {@code head-swap} (c0<->c1, ..., c8<->c9), {@code rare-reshuffle} (ranks from 5,000
     * on permuted among themselves), {@code rare-new} (ranks from 5,000 on renamed to categories the baseline never
     * saw: 20% of the mass), {@code tail-mass} (Zipf(0.9): more mass in the tail).
     */
    private static synchronized Windows windows(String scenario) {
        return SCENARIOS.computeIfAbsent(scenario, name -> {
            double[] baselineCdf = zipfCdf(1.0);
            double[] currentCdf = name.equals("tail-mass") ? zipfCdf(0.9) : baselineCdf;
            Random baselineRandom = new Random(1);
            Random currentRandom = new Random(2);
            CategoricalProfile baselineExact = CategoricalProfile.create(CategoricalProfile.MAX_EXACT_DISTINCT_CAP);
            CategoricalProfile baselineSketch = CategoricalProfile.create();
            CategoricalProfile currentExact = CategoricalProfile.create(CategoricalProfile.MAX_EXACT_DISTINCT_CAP);
            CategoricalProfile currentSketch = CategoricalProfile.create();
            for (int i = 0; i < ROWS; i++) {
                String b = "c" + draw(baselineRandom, baselineCdf);
                baselineExact.add(b);
                baselineSketch.add(b);
                int rank = draw(currentRandom, currentCdf);
                String c = switch (name) {
                    case "head-swap" -> "c" + (rank < 10 ? rank ^ 1 : rank);
                    case "rare-reshuffle" -> "c" + (rank < 5_000 ? rank : 5_000 + (int) ((rank * 7_919L) % 45_000));
                    case "rare-new" -> (rank < 5_000 ? "c" : "new") + rank;
                    default -> "c" + rank;
                };
                currentExact.add(c);
                currentSketch.add(c);
            }
            return new Windows(baselineExact, baselineSketch, currentExact, currentSketch);
        });
    }

    @Test
    void retainedCountsKeepTheReportedBoundButThePooledOtherBinCollectsEveryUndercount() {
        // given
        Windows same = windows("same");
        CategoricalProfile exact = same.baselineExact();
        CategoricalProfile sketch = same.baselineSketch();
        long maxError = sketch.maximumError();

        // then
        assertThat(sketch.isExact()).isFalse();
        assertThat(exact.isExact()).isTrue();
        assertThat(maxError).isPositive().isLessThanOrEqualTo((long) Math.ceil(3.5 / 4096 * ROWS));
        long undercount = 0;
        long retainedTrue = 0;
        for (Map.Entry<String, Long> entry : sketch.counts().entrySet()) {
            if (entry.getKey().equals(CategoricalProfile.OTHER)) {
                continue;
            }
            long truth = exact.countOf(entry.getKey());
            assertThat(entry.getValue()).as(entry.getKey()).isBetween(truth - maxError, truth);
            undercount += truth - entry.getValue();
            retainedTrue += truth;
        }
        long other = sketch.countOf(CategoricalProfile.OTHER);
        long pooledTruth = ROWS - retainedTrue;
        assertThat(sketch.counts().size() - 1).isBetween(1_500, 3_072);
        assertThat(other - pooledTruth).isEqualTo(undercount);
        assertThat(other - pooledTruth).isGreaterThan(500 * maxError);
        assertThat((double) other / ROWS).isCloseTo(0.47, within(0.01));
        assertThat((double) pooledTruth / ROWS).isCloseTo(0.30, within(0.04));

        DriftResult result = methods.require("psi").compute(same.baselineSketch(), same.currentSketch(), 0.1);
        assertThat((String) result.details().get("approximation"))
                .contains("maxError=" + maxError + " of n=" + ROWS).contains("each share within");
    }

    @Test
    void aShiftAmongFrequentCategoriesReadsTheSameOnSketches() {
        // given
        Windows same = windows("same");
        Windows headSwap = windows("head-swap");

        // when / then: L-infinity, the largest share difference, is a frequent category's, within the share bound
        DriftResult exactLinf = compute("linf", headSwap.baselineExact(), headSwap.currentExact());
        DriftResult sketchLinf = compute("linf", headSwap.baselineSketch(), headSwap.currentSketch());
        double shareBound = (double) headSwap.baselineSketch().maximumError() / ROWS
                + (double) headSwap.currentSketch().maximumError() / ROWS;
        assertThat(sketchLinf.details()).containsEntry("exact", false);
        assertThat(sketchLinf.score()).isCloseTo(exactLinf.score(), within(shareBound));
        assertThat(sketchLinf.details().get("location")).isEqualTo(exactLinf.details().get("location"));
        assertThat((String) sketchLinf.details().get("location")).matches("c[0-9]");

        // and the sums over bins rise by what the exact scores rise by; their levels differ by the rare categories'
        // sampling noise, which the exact scores sum over 50,000 categories and the sketch pools into one bin
        for (String name : List.of("psi", "kl", "js_divergence")) {
            double exactRise = compute(name, headSwap.baselineExact(), headSwap.currentExact()).score()
                    - compute(name, same.baselineExact(), same.currentExact()).score();
            double sketchRise = compute(name, headSwap.baselineSketch(), headSwap.currentSketch()).score()
                    - compute(name, same.baselineSketch(), same.currentSketch()).score();
            assertThat(exactRise).as(name).isPositive();
            assertThat(sketchRise).as(name).isCloseTo(exactRise, within(0.002));
        }
        assertThat(compute("psi", same.baselineExact(), same.currentExact()).score()).isGreaterThan(0.7);
        assertThat(compute("psi", same.baselineSketch(), same.currentSketch()).score()).isLessThan(0.1);
    }

    @Test
    void driftAmongRareCategoriesIsInvisibleInTheOtherBin() {
        Windows same = windows("same");
        for (String scenario : List.of("rare-reshuffle", "rare-new")) {
            Windows drifted = windows(scenario);
            for (String name : BINNED) {
                double sketchChange = compute(name, drifted.baselineSketch(), drifted.currentSketch()).score()
                        - compute(name, same.baselineSketch(), same.currentSketch()).score();
                assertThat(sketchChange).as(scenario + " " + name).isCloseTo(0.0, within(0.001));
            }
            double exactPsiRise = compute("psi", drifted.baselineExact(), drifted.currentExact()).score()
                    - compute("psi", same.baselineExact(), same.currentExact()).score();
            assertThat(exactPsiRise).as(scenario).isGreaterThan(0.5);
            assertThat(compute("psi", drifted.baselineExact(), drifted.currentExact()).drifted()).isTrue();
            assertThat(compute("psi", drifted.baselineSketch(), drifted.currentSketch()).drifted()).isFalse();
            // no single category moves much, so L-infinity misses it even on exact profiles
            assertThat(compute("linf", drifted.baselineExact(), drifted.currentExact()).score()).isLessThan(0.001);
        }
    }

    @Test
    void aShiftOfMassIntoTheTailShowsOnlyInTheOtherBinAndIsOverstated() {
        Windows tail = windows("tail-mass");

        DriftResult sketch = compute("linf", tail.baselineSketch(), tail.currentSketch());
        DriftResult exact = compute("linf", tail.baselineExact(), tail.currentExact());

        assertThat(sketch.details().get("location")).isEqualTo(CategoricalProfile.OTHER);
        assertThat(sketch.score()).isCloseTo(0.166, within(0.01));
        assertThat(exact.score()).isCloseTo(0.038, within(0.01));
        double otherShareDifference = (double) tail.currentSketch().countOf(CategoricalProfile.OTHER) / ROWS
                - (double) tail.baselineSketch().countOf(CategoricalProfile.OTHER) / ROWS;
        assertThat(otherShareDifference).isCloseTo(sketch.score(), within(1e-9));
    }

    @Test
    void exactCountTestsRefuseTheseSketches() {
        Windows same = windows("same");
        for (String name : List.of("chisquare", "z")) {
            assertThat(compute(name, same.baselineSketch(), same.currentSketch()).status()).as(name)
                    .isEqualTo(DriftStatus.UNSUPPORTED);
        }
    }

    private DriftResult compute(String method, CategoricalProfile baseline, CategoricalProfile current) {
        return methods.require(method).compute(baseline, current, 0.1);
    }

    private static double[] zipfCdf(double exponent) {
        double[] cdf = new double[CATEGORIES];
        double sum = 0;
        for (int i = 0; i < CATEGORIES; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < CATEGORIES; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int draw(Random random, double[] cdf) {
        int index = Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(CATEGORIES - 1, index < 0 ? -index - 1 : index);
    }
}
