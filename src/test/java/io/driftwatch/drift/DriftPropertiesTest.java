package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Properties every method must have, on seeded random data. */
class DriftPropertiesTest {

    private static final List<String> NUMERIC_SCORES = List.of("psi", "kl", "js", "js_divergence", "hellinger",
            "wasserstein", "wasserstein_norm", "linf", "mean_shift");

    private final DriftMethods methods = DriftMethods.standard();

    @Test
    void identicalWindowsNeverDriftAndScoreZeroOrPValueOne() {
        NumericProfile numeric = normal(new Random(11), 2000, 0.0, 1.0);
        CategoricalProfile categorical = categorical(new Random(12), 2000, new double[]{0.5, 0.3, 0.15, 0.05});

        for (String name : methods.names()) {
            DriftMethod method = methods.require(name);
            for (FeatureProfile profile : List.of(numeric, categorical)) {
                if (!method.supports(profile.type())) {
                    continue;
                }
                DriftResult result = method.compute(profile, profile, MethodSettings.defaults(method));
                assertThat(result.drifted()).as(name).isFalse();
                assertThat(result.severity()).as(name).isEqualTo(Severity.NONE);
                if (name.equals("anderson_darling")) {
                    assertThat(result.pValue()).isEqualTo(0.25); // scipy's cap; the statistic is negative
                } else if (name.equals("chisquare") && profile == numeric) {
                    assertThat(result.pValue()).isEqualTo(1.0);
                } else {
                    assertThat(result.score()).as(name).isEqualTo(0.0);
                    if (result.pValue() != null) {
                        assertThat(result.pValue()).as(name).isEqualTo(1.0);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {21, 22, 23})
    void scoresGrowWithTheMeanShift(int seed) {
        // given one baseline and currents shifted by growing amounts of the same noise
        Random random = new Random(seed);
        NumericProfile baseline = normal(random, 3000, 0.0, 1.0);
        double[] noise = new double[3000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        double[] shifts = {0.0, 0.1, 0.25, 0.5, 1.0, 2.0};

        for (String name : NUMERIC_SCORES) {
            List<Double> scores = new ArrayList<>();
            for (double shift : shifts) {
                NumericProfile current = NumericProfile.create();
                for (double v : noise) {
                    current.add(v + shift);
                }
                // when
                scores.add(methods.require(name).compute(baseline, current, 0.1).score());
            }
            // then: strictly increasing from the first real shift on, non-decreasing overall
            for (int i = 1; i < scores.size(); i++) {
                assertThat(scores.get(i)).as(name + " at shift " + shifts[i] + ": " + scores)
                        .isGreaterThanOrEqualTo(scores.get(i - 1));
            }
            assertThat(scores.get(scores.size() - 1)).as(name).isGreaterThan(scores.get(2));
        }
        // and p-values of the tests shrink
        List<Double> pValues = new ArrayList<>();
        for (double shift : shifts) {
            NumericProfile current = NumericProfile.create();
            for (double v : noise) {
                current.add(v + shift);
            }
            pValues.add(methods.require("ks").compute(baseline, current, 0.05).pValue());
        }
        for (int i = 1; i < pValues.size(); i++) {
            assertThat(pValues.get(i)).as("ks p " + pValues).isLessThanOrEqualTo(pValues.get(i - 1));
        }
    }

    @Test
    void symmetricMethodsDoNotCareWhichWindowIsTheBaseline() {
        NumericProfile a = normal(new Random(31), 1500, 0.0, 1.0);
        NumericProfile b = normal(new Random(32), 1200, 0.3, 1.4);
        CategoricalProfile x = categorical(new Random(33), 1500, new double[]{0.5, 0.3, 0.2});
        CategoricalProfile y = categorical(new Random(34), 1300, new double[]{0.3, 0.3, 0.2, 0.2});

        // binned methods are symmetric on symmetric bins: Sturges over both windows, values, categories
        for (String name : List.of("js", "js_divergence", "hellinger", "psi")) {
            MethodSettings sturges = MethodSettings.defaults(methods.require(name)).withBinning(Binning.sturges());
            assertSymmetric(name, a, b, sturges);
            assertSymmetric(name, x, y, MethodSettings.defaults(methods.require(name)));
        }
        for (String name : List.of("wasserstein", "ks", "linf", "anderson_darling")) {
            assertSymmetric(name, a, b, MethodSettings.defaults(methods.require(name)));
        }
        assertSymmetric("linf", x, y, MethodSettings.defaults(methods.require("linf")));
        assertSymmetric("missing_rate", a, b, MethodSettings.defaults(methods.require("missing_rate")));
    }

    @Test
    void aMillionRowsFromTheBaselineDistributionAreNotFlaggedByTheDefaultSelection() {
        // given a million-row baseline and a million-row current window from the same distributions (fixed seeds)
        Random random = new Random(41);
        NumericProfile numericBaseline = NumericProfile.create();
        NumericProfile numericCurrent = NumericProfile.create();
        NumericProfile skewedBaseline = NumericProfile.create();
        NumericProfile skewedCurrent = NumericProfile.create();
        CategoricalProfile categoricalBaseline = CategoricalProfile.create();
        CategoricalProfile categoricalCurrent = CategoricalProfile.create();
        String[] categories = new String[40];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = "c" + i;
        }
        for (int i = 0; i < 1_000_000; i++) {
            numericBaseline.add(random.nextGaussian());
            numericCurrent.add(random.nextGaussian());
            skewedBaseline.add(Math.exp(random.nextGaussian()));
            skewedCurrent.add(Math.exp(random.nextGaussian()));
            categoricalBaseline.add(categories[(int) (categories.length * Math.pow(random.nextDouble(), 2))]);
            categoricalCurrent.add(categories[(int) (categories.length * Math.pow(random.nextDouble(), 2))]);
            if (i % 100 == 0) {
                numericBaseline.addMissing();
                numericCurrent.addMissing();
            }
        }
        for (FeatureProfile[] pair : List.of(new FeatureProfile[]{numericBaseline, numericCurrent},
                new FeatureProfile[]{skewedBaseline, skewedCurrent},
                new FeatureProfile[]{categoricalBaseline, categoricalCurrent})) {
            // when
            List<MethodSelection.Choice> linf = MethodSelection.of(MethodSelection.Mode.LINF).select(pair[0], pair[1]);
            List<MethodSelection.Choice> effects = MethodSelection.of(MethodSelection.Mode.DEFAULT)
                    .select(pair[0], pair[1]);

            // then
            assertThat(linf).extracting(MethodSelection.Choice::method).containsExactly("linf", "missing_rate");
            assertThat(effects).extracting(MethodSelection.Choice::method).containsExactly("effects");
            for (MethodSelection.Choice choice : linf) {
                DriftResult result = choice.compute(pair[0], pair[1]);
                assertThat(result.status()).as(choice.method()).isEqualTo(DriftStatus.OK);
                assertThat(result.drifted()).as(choice.method() + " " + result.score()).isFalse();
                assertThat(result.score()).as(choice.method()).isLessThan(0.01);
            }
            DriftResult result = effects.get(0).compute(pair[0], pair[1]);
            assertThat(result.status()).isEqualTo(DriftStatus.OK);
            assertThat(result.drifted()).as("effects " + result.details()).isFalse();
            assertThat(result.score()).as("effects: the largest effect is a small part of its floor")
                    .isLessThan(0.5);
        }
        assertThat(numericBaseline.isExact()).isFalse();
    }

    private void assertSymmetric(String name, FeatureProfile a, FeatureProfile b, MethodSettings settings) {
        DriftResult forward = methods.require(name).compute(a, b, settings);
        DriftResult backward = methods.require(name).compute(b, a, settings);
        assertThat(forward.status()).as(name).isEqualTo(DriftStatus.OK);
        assertThat(backward.score()).as(name + " " + a.type()).isCloseTo(forward.score(),
                within(1e-12 * Math.max(1.0, Math.abs(forward.score()))));
        if (forward.pValue() != null) {
            assertThat(backward.pValue()).as(name).isCloseTo(forward.pValue(), within(1e-12));
        }
    }

    private static NumericProfile normal(Random random, int n, double mean, double std) {
        NumericProfile profile = NumericProfile.create();
        for (int i = 0; i < n; i++) {
            profile.add(mean + std * random.nextGaussian());
        }
        return profile;
    }

    private static CategoricalProfile categorical(Random random, int n, double[] probabilities) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < probabilities.length - 1 && u >= probabilities[k]) {
                u -= probabilities[k];
                k++;
            }
            profile.add("k" + k);
        }
        return profile;
    }
}
