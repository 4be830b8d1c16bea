package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What drift scores from sketch-mode categorical profiles see, against exact profiles of the same data: 500,000
 * values per window over 50,000 categories with Zipf(1) frequencies, so the default cap of 10,000 categories forces
 * the hashed sketch (1,024 named categories, the rest in 4,096 hash buckets of about 12 categories each).
 * <p>
 * Findings asserted below (numbers from this data):
 * <ul>
 *   <li>every bin is an exact count: named categories carry their true counts, and the bins add up to the count;
 *       the largest bucket holds the most frequent category, so the share error bound is its share (0.088);</li>
 *   <li>a shift among frequent categories reads the same on sketches: L-infinity equals the exact value within
 *       0.001 (in the frequent category's bucket), and PSI, KL and JS divergence rise by what the exact scores rise
 *       by; their levels differ because exact PSI over 50,000 categories is dominated by the sampling noise of the rare
 *       ones (0.80 between two samples of one distribution, 0.04 from the sketches);</li>
 *   <li>drift among rare categories shows in their buckets: 20% of the mass moved to new categories drifts on
 *       sketches too (PSI 0.20), a reshuffle among rare ones moves sketch PSI by 0.025 (exact: 0.6);</li>
 *   <li>a shift of mass into the tail reads right: sketch L-infinity equals the exact value within 0.001;</li>
 *   <li>pooling never raised PSI, KL, JS or Hellinger above the exact score in these scenarios.</li>
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
    void everyBinIsAnExactCountAndTheBoundIsTheLargestBucketsShare() {
        // given
        Windows same = windows("same");
        CategoricalProfile exact = same.baselineExact();
        CategoricalProfile sketch = same.baselineSketch();

        // then
        assertThat(sketch.isExact()).isFalse();
        assertThat(exact.isExact()).isTrue();
        long named = 0;
        long largestBucket = 0;
        for (Map.Entry<String, Long> entry : sketch.counts().entrySet()) {
            if (entry.getKey().startsWith("(hash bucket")) {
                largestBucket = Math.max(largestBucket, entry.getValue());
            } else {
                assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(exact.countOf(entry.getKey()));
                named++;
            }
        }
        assertThat(named).isEqualTo(CategoricalProfile.NAMED_CATEGORIES);
        assertThat(sketch.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
        assertThat(SketchErrorBounds.categoricalShareError(sketch)).isEqualTo((double) largestBucket / ROWS);
        // every category's share, read as its named count or 0, is within the bound of the truth
        double bound = SketchErrorBounds.categoricalShareError(sketch);
        for (Map.Entry<String, Long> entry : exact.counts().entrySet()) {
            double estimate = (double) sketch.countOf(entry.getKey()) / ROWS;
            assertThat(estimate).as(entry.getKey()).isCloseTo((double) entry.getValue() / ROWS, within(bound));
        }
        // the most frequent category, c0, holds 8.6% of the mass and dominates its bucket
        assertThat(sketch.shareErrorBound()).isCloseTo(0.088, within(0.002));
        assertThat((double) exact.countOf("c0") / ROWS).isCloseTo(0.086, within(0.002));

        DriftResult result = methods.require("psi").compute(same.baselineSketch(), same.currentSketch(), 0.1);
        assertThat((String) result.details().get("approximation"))
                .contains("n=" + ROWS + ", share error bound " + String.format(Locale.ROOT, "%.6g",
                        sketch.shareErrorBound()));
    }

    @Test
    void aShiftAmongFrequentCategoriesReadsTheSameOnSketches() {
        // given
        Windows same = windows("same");
        Windows headSwap = windows("head-swap");

        // when / then: L-infinity, the largest share difference, is a frequent category's, in its bucket
        DriftResult exactLinf = compute("linf", headSwap.baselineExact(), headSwap.currentExact());
        DriftResult sketchLinf = compute("linf", headSwap.baselineSketch(), headSwap.currentSketch());
        assertThat(sketchLinf.details()).containsEntry("exact", false);
        assertThat(exactLinf.score()).isCloseTo(0.044, within(0.001));
        assertThat(sketchLinf.score()).isCloseTo(exactLinf.score(), within(0.001));
        assertThat((String) exactLinf.details().get("location")).matches("c[0-9]");
        assertThat((String) sketchLinf.details().get("location")).startsWith("(hash bucket");

        // and the sums over bins rise by what the exact scores rise by; their levels differ by the rare categories'
        // sampling noise, which the exact scores sum over 50,000 categories and the sketch over 4,096 buckets
        for (String name : List.of("psi", "kl", "js_divergence")) {
            double exactRise = compute(name, headSwap.baselineExact(), headSwap.currentExact()).score()
                    - compute(name, same.baselineExact(), same.currentExact()).score();
            double sketchRise = compute(name, headSwap.baselineSketch(), headSwap.currentSketch()).score()
                    - compute(name, same.baselineSketch(), same.currentSketch()).score();
            assertThat(exactRise).as(name).isPositive();
            assertThat(sketchRise).as(name).isCloseTo(exactRise, within(0.002));
        }
        assertThat(compute("psi", same.baselineExact(), same.currentExact()).score()).isGreaterThan(0.7);
        assertThat(compute("psi", same.baselineSketch(), same.currentSketch()).score()).isLessThan(0.05);
    }

    @Test
    void driftAmongRareCategoriesShowsInTheirBuckets() {
        Windows same = windows("same");
        Windows renamed = windows("rare-new");
        Windows reshuffled = windows("rare-reshuffle");
        double samePsi = compute("psi", same.baselineSketch(), same.currentSketch()).score();

        DriftResult renamedPsi = compute("psi", renamed.baselineSketch(), renamed.currentSketch());
        assertThat(renamedPsi.score()).isCloseTo(0.20, within(0.01));
        assertThat(renamedPsi.drifted()).isTrue();
        assertThat(compute("psi", renamed.baselineExact(), renamed.currentExact()).drifted()).isTrue();

        double reshuffledRise = compute("psi", reshuffled.baselineSketch(), reshuffled.currentSketch()).score()
                - samePsi;
        double exactReshuffledRise = compute("psi", reshuffled.baselineExact(), reshuffled.currentExact()).score()
                - compute("psi", same.baselineExact(), same.currentExact()).score();
        assertThat(reshuffledRise).isCloseTo(0.025, within(0.005));
        assertThat(exactReshuffledRise).isGreaterThan(0.5);
        // no single category moves much, so L-infinity misses it even on exact profiles
        assertThat(compute("linf", reshuffled.baselineExact(), reshuffled.currentExact()).score()).isLessThan(0.001);
    }

    @Test
    void aShiftOfMassIntoTheTailReadsRight() {
        Windows tail = windows("tail-mass");

        DriftResult sketch = compute("linf", tail.baselineSketch(), tail.currentSketch());
        DriftResult exact = compute("linf", tail.baselineExact(), tail.currentExact());

        assertThat(exact.score()).isCloseTo(0.038, within(0.001));
        assertThat(sketch.score()).isCloseTo(exact.score(), within(0.001));
    }

    @Test
    void poolingNeverRaisedADivergenceAboveTheExactScore() {
        for (String scenario : List.of("same", "head-swap", "rare-reshuffle", "rare-new", "tail-mass")) {
            Windows w = windows(scenario);
            for (String name : List.of("psi", "kl", "js", "js_divergence", "hellinger")) {
                double exact = compute(name, w.baselineExact(), w.currentExact()).score();
                double sketch = compute(name, w.baselineSketch(), w.currentSketch()).score();
                assertThat(sketch).as(scenario + " " + name).isLessThanOrEqualTo(exact);
            }
        }
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
