package io.driftwatch.drift;

import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Asserts the documented sketch-mode error bounds on 200,000 values per side with cap 1,000 (baseline, current or both
 * profiles sketched, compared with exact profiles of the same data).
 * <p>
 * The bounds are {@link SketchErrorBounds}' functions; {@code SketchAccuracySweep} measures them over 5 distributions
 * (normal, lognormal, uniform, exponential, Student t with 3 degrees of freedom) x 6 shifts x 5 seeds x 3 sketched
 * combinations. The sketched profiles are compared after a round trip through their bytes, as the job compares the
 * windows it stored.
 */
class SketchModeAccuracyTest {

    private static final int ROWS = 200_000;
    private static final int SKETCH_CAP = 1_000;
    private static final int EXACT_CAP = 2 * ROWS;

    private final DriftMethods methods = DriftMethods.standard();

    @ParameterizedTest(name = "{0} shifted by {1}, seed {2}")
    @CsvSource({
            "normal, 0.0, 1", "normal, 0.25, 2", "normal, 1.0, 3",
            "lognormal, 0.0, 2", "lognormal, 0.25, 1", "lognormal, 0.5, 4",
            "uniform, 0.1, 3", "uniform, 0.5, 1", "uniform, 0.5, 2",
            "exponential, 0.25, 5", "exponential, 1.0, 2"
    })
    void psiAndKlFromSketchesStayWithinTheDocumentedBound(String distribution, double shift, int seed) {
        // given the same data in exact profiles and in sketched ones
        Windows w = windows(distribution, shift, seed);
        NumericProfile baselineExact = w.baselineExact();
        NumericProfile baselineSketch = w.baselineSketch();
        NumericProfile currentExact = w.currentExact();
        NumericProfile currentSketch = w.currentSketch();
        assertThat(baselineExact.isExact()).isTrue();
        assertThat(baselineSketch.isExact()).isFalse();
        assertThat(currentSketch.isExact()).isFalse();

        for (String name : new String[]{"psi", "kl"}) {
            // when
            DriftResult exact = methods.require(name).compute(baselineExact, currentExact, 0.1);
            DriftResult sketched = methods.require(name).compute(baselineSketch, currentSketch, 0.1);
            DriftResult baselineSketched = methods.require(name).compute(baselineSketch, currentExact, 0.1);
            DriftResult currentSketched = methods.require(name).compute(baselineExact, currentSketch, 0.1);

            // then
            double bound = bound(name, exact.score(), 1.0);
            assertThat(exact.details()).containsEntry("exact", true);
            assertThat(sketched.details()).containsEntry("exact", false).containsKey("approximation");
            assertThat(sketched.score()).as(name + " both sketched").isCloseTo(exact.score(), within(bound));
            assertThat(baselineSketched.score()).as(name + " baseline sketched")
                    .isCloseTo(exact.score(), within(bound));
            assertThat(currentSketched.score()).as(name + " current sketched").isCloseTo(exact.score(), within(bound));
        }
    }

    @ParameterizedTest(name = "{0} shifted by {1}, seed {2}")
    @CsvSource({
            "uniform, 0.0, 2", "uniform, 0.5, 2", "normal, 0.1, 1", "student_t, 0.0, 3", "lognormal, 1.0, 3",
            "exponential, 0.25, 4"
    })
    void distancesFromSketchesStayWithinTheirDocumentedBounds(String distribution, double shift, int seed) {
        // given the same data in exact profiles and in sketched ones
        Windows w = windows(distribution, shift, seed);
        NumericProfile baselineExact = w.baselineExact();
        NumericProfile baselineSketch = w.baselineSketch();
        NumericProfile currentExact = w.currentExact();
        NumericProfile currentSketch = w.currentSketch();

        for (String name : new String[]{"js", "js_divergence", "hellinger", "wasserstein", "wasserstein_norm",
                "linf"}) {
            for (Binning binning : new Binning[]{Binning.BASELINE_DECILES, Binning.sturges()}) {
                DriftMethod method = methods.require(name);
                MethodSettings settings = MethodSettings.defaults(method).withBinning(binning);
                // when
                DriftResult exact = method.compute(baselineExact, currentExact, settings);
                double bound = bound(name, exact.score(), baselineExact.populationStd());
                // then
                for (NumericProfile[] pair : new NumericProfile[][]{{baselineSketch, currentSketch},
                        {baselineSketch, currentExact}, {baselineExact, currentSketch}}) {
                    DriftResult sketched = method.compute(pair[0], pair[1], settings);
                    assertThat(sketched.details()).containsEntry("exact", false);
                    assertThat(sketched.score()).as(name + " " + binning.conventionName())
                            .isCloseTo(exact.score(), within(bound));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} shifted by {1}, seed {2}")
    @CsvSource({
            "normal, 0.0, 1", "lognormal, 0.5, 4", "uniform, 0.1, 3", "exponential, 1.0, 2", "student_t, 0.0, 3"
    })
    void everyRankEstimateIsWithinTheProfilesRankErrorBound(String distribution, double shift, int seed) {
        Windows w = windows(distribution, shift, seed);
        for (NumericProfile[] pair : new NumericProfile[][]{{w.baselineExact(), w.baselineSketch()},
                {w.currentExact(), w.currentSketch()}}) {
            NumericProfile exact = pair[0];
            NumericProfile sketch = pair[1];
            double bound = SketchErrorBounds.numericRankError(sketch);
            assertThat(bound).as("measured range of the bound").isBetween(0.0003, 0.004);
            assertThat(SketchErrorBounds.numericRankError(exact)).isZero();
            // every quantile of the exact data, and points between them
            for (int i = 1; i < 2_000; i++) {
                double x = exact.quantile(i / 2_000.0) + (i % 2 == 0 ? 0 : 1e-9);
                long error = Math.abs(sketch.countBelow(x) - exact.countBelow(x));
                assertThat((double) error).as("count below %s", x).isLessThanOrEqualTo(bound * ROWS + 1);
            }
        }
    }

    /**
     * The bound on |score(sketch) − score(exact)| from {@link SketchErrorBounds}; {@code baselineStd} is used by raw
     * {@code wasserstein} (in the feature's units) only.
     */
    static double bound(String method, double exactScore, double baselineStd) {
        return SketchErrorBounds.scoreError(method, exactScore, baselineStd);
    }

    /** One trial's windows: the same draws in exact and in sketched profiles. */
    record Windows(NumericProfile baselineExact, NumericProfile baselineSketch, NumericProfile currentExact,
                   NumericProfile currentSketch) {
    }

    /** The sketched profiles read back from their bytes, as the drift step reads them. */
    private static Windows windows(String distribution, double shift, int seed) {
        return windows(distribution, shift, seed, true);
    }

    static Windows windows(String distribution, double shift, int seed, boolean readBack) {
        int kind = switch (distribution) {
            case "normal" -> 0;
            case "lognormal" -> 1;
            case "uniform" -> 2;
            case "exponential" -> 3;
            default -> 4;
        };
        Random random = new Random(seed * 1000L + kind * 7L + (long) (shift * 100));
        NumericProfile baselineExact = NumericProfile.create(EXACT_CAP);
        NumericProfile baselineSketch = NumericProfile.create(SKETCH_CAP);
        NumericProfile currentExact = NumericProfile.create(EXACT_CAP);
        NumericProfile currentSketch = NumericProfile.create(SKETCH_CAP);
        for (int i = 0; i < ROWS; i++) {
            double b = draw(random, kind, 0);
            baselineExact.add(b);
            baselineSketch.add(b);
            double c = draw(random, kind, shift);
            currentExact.add(c);
            currentSketch.add(c);
        }
        return readBack ? new Windows(baselineExact, readBack(baselineSketch), currentExact, readBack(currentSketch))
                : new Windows(baselineExact, baselineSketch, currentExact, currentSketch);
    }

    private static double draw(Random random, int kind, double shift) {
        return switch (kind) {
            case 0 -> random.nextGaussian() + shift;
            case 1 -> Math.exp(random.nextGaussian() * 0.8 + shift);
            case 2 -> random.nextDouble() + shift;
            case 3 -> -Math.log(1 - random.nextDouble()) * (1 + shift);
            default -> studentT3(random) + shift;
        };
    }

    /** Student t with 3 degrees of freedom: a normal over the root mean square of 3 more normals. */
    private static double studentT3(Random random) {
        double z = random.nextGaussian();
        double a = random.nextGaussian();
        double b = random.nextGaussian();
        double c = random.nextGaussian();
        return z / Math.sqrt((Math.pow(a, 2) + Math.pow(b, 2) + Math.pow(c, 2)) / 3);
    }

    /** The profile as the drift step reads it from window_profile / baseline_profile. */
    private static NumericProfile readBack(NumericProfile profile) {
        return (NumericProfile) io.driftwatch.profile.FeatureProfile.fromBytes(profile.toBytes());
    }
}
