package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class EffectsPropertiesTest {

    private final DriftMethod effects = DriftMethods.standard().require("effects");

    @Test
    void identicalWindowsNeverFlagAtAnySizeOrCardinality() {
        Random random = new Random(12);
        for (int n : new int[]{1, 2, 5, 30, 100, 1000, 20_000}) {
            NumericProfile normal = NumericProfile.create();
            NumericProfile heavy = NumericProfile.create();
            NumericProfile integers = NumericProfile.create();
            CategoricalProfile categories = CategoricalProfile.create();
            for (int i = 0; i < n; i++) {
                normal.add(random.nextGaussian());
                heavy.add(random.nextGaussian() / Math.max(1e-9, Math.abs(random.nextGaussian())));
                integers.add(random.nextInt(3));
                categories.add("c" + (int) (5000 * Math.pow(random.nextDouble(), 3)));
                if (i % 7 == 0) {
                    normal.addMissing();
                    categories.addMissing();
                }
            }
            for (FeatureProfile profile : List.of(normal, heavy, integers, categories)) {
                DriftResult result = effects.compute(profile, profile, 1.0);

                assertThat(result.drifted()).as(n + " " + result.details()).isFalse();
                assertThat(result.score()).as(n + " " + profile.type()).isZero();
            }
        }
    }

    @Test
    void flaggingIsMonotoneInTheSizeOfAShiftASpreadAShareMoveANewCategoryAndTheMissingShare() {
        NumericProfile baseline = normalGrid(5000, 0, 1);
        assertMonotone("shift", d -> normalGrid(5000, d, 1), 0.0, 1.0);
        assertMonotone("spread", d -> normalGrid(5000, 0, 1 + d), 0.0, 1.0);
        assertMonotone("missing", d -> {
            NumericProfile current = normalGrid(5000, 0, 1);
            for (int i = 0; i < Math.round(5000 * d); i++) {
                current.addMissing();
            }
            return current;
        }, 0.0, 0.3);
        assertThat(effects.compute(baseline, normalGrid(5000, 0.5, 1), 1.0).drifted()).isTrue();

        assertMonotone("share move", d -> shares(new double[]{0.5 - d, 0.3 + d, 0.2}, 0), 0.0, 0.3);
        assertMonotone("new category", d -> shares(new double[]{0.5, 0.3, 0.2}, d), 0.0, 0.2);
    }

    private void assertMonotone(String what, DoubleFunction<FeatureProfile> current, double from, double to) {
        FeatureProfile baseline = current.apply(from);
        List<Double> scores = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (int step = 0; step <= 40; step++) {
            DriftResult result = effects.compute(baseline, current.apply(from + (to - from) * step / 40), 1.0);
            scores.add(result.score());
            flags.add(result.drifted());
        }
        assertThat(scores).as(what).isSorted();
        assertThat(flags.get(0)).as(what + " at 0").isFalse();
        assertThat(flags.get(40)).as(what + " at the largest size").isTrue();
        assertThat(flags.subList(flags.indexOf(true), flags.size())).as(what).doesNotContain(false);
    }

    /** n values at the quantiles (i + ½)/n of a normal distribution. */
    private static NumericProfile normalGrid(int n, double mean, double std) {
        NumericProfile profile = NumericProfile.create();
        org.apache.commons.statistics.distribution.NormalDistribution normal =
                org.apache.commons.statistics.distribution.NormalDistribution.of(mean, std);
        for (int i = 0; i < n; i++) {
            profile.add(normal.inverseCumulativeProbability((i + 0.5) / n));
        }
        return profile;
    }

    /** 5000 rows with these shares of a, b, c, scaled by 1 − novel, and the share novel of a new category. */
    private static CategoricalProfile shares(double[] shares, double novel) {
        CategoricalProfile profile = CategoricalProfile.create();
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < shares.length; i++) {
            profile.add(names[i], Math.round(5000 * shares[i] * (1 - novel)));
        }
        profile.add("new", Math.round(5000 * novel));
        return profile;
    }
}
