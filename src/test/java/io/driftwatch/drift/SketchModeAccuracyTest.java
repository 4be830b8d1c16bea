package io.driftwatch.drift;

import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Asserts the documented sketch-mode error bound |score(sketch) − score(exact)| ≤ 0.001 + 0.03 · score(exact) on
 * 200,000 values per side with cap 1,000. The bound was measured over 4 distributions x 6 shifts x 5 seeds; the
 * rows here include the worst trial of that measurement (uniform, shift 0.5, seed 2: 61% of the bound for PSI,
 * 80% for KL).
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
        int kind = switch (distribution) {
            case "normal" -> 0;
            case "lognormal" -> 1;
            case "uniform" -> 2;
            default -> 3;
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
            double bound = 0.001 + 0.03 * exact.score();
            assertThat(exact.details()).containsEntry("exact", true);
            assertThat(sketched.details()).containsEntry("exact", false).containsKey("approximation");
            assertThat(sketched.score()).as(name + " both sketched").isCloseTo(exact.score(), within(bound));
            assertThat(baselineSketched.score()).as(name + " baseline sketched").isCloseTo(exact.score(), within(bound));
            assertThat(currentSketched.score()).as(name + " current sketched").isCloseTo(exact.score(), within(bound));
        }
    }

    private static double draw(Random random, int kind, double shift) {
        return switch (kind) {
            case 0 -> random.nextGaussian() + shift;
            case 1 -> Math.exp(random.nextGaussian() * 0.8 + shift);
            case 2 -> random.nextDouble() + shift;
            default -> -Math.log(1 - random.nextDouble()) * (1 + shift);
        };
    }
}
