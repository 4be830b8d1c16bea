package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method's result (status, score, p-value, verdict, details) is the same whichever order the rows of both windows
 * were read in and however they were sliced and merged, for sketch-mode numeric and categorical profiles: the same
 * night gives the same numbers to the last digit.
 */
class OrderIndependentScoresTest {

    private static final int ROWS = 40_000;
    private static final int CAP = 500;

    private final DriftMethods methods = DriftMethods.standard();

    @Test
    void numericScoresAreIdenticalForEveryOrderAndSlicing() {
        Random random = new Random(17);
        List<Double> baseline = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            baseline.add(Math.exp(random.nextGaussian() * 0.8));
            current.add(Math.exp(random.nextGaussian() * 0.8 + 0.1));
        }
        assertSameResults(baseline, current, rows -> {
            NumericProfile profile = NumericProfile.create(CAP);
            rows.forEach(profile::add);
            return profile;
        }, FeatureProfile::fromBytes);
    }

    @Test
    void categoricalScoresAreIdenticalForEveryOrderAndSlicing() {
        Random random = new Random(19);
        List<String> baseline = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            baseline.add(random.nextInt(3) == 0 ? "heavy-" + random.nextInt(4) : "id-" + random.nextInt(20_000));
            current.add(random.nextInt(3) == 0 ? "heavy-" + random.nextInt(5) : "id-" + random.nextInt(25_000));
        }
        assertSameResults(baseline, current, rows -> {
            CategoricalProfile profile = CategoricalProfile.create(CAP);
            rows.forEach(profile::add);
            return profile;
        }, FeatureProfile::fromBytes);
    }

    private <T> void assertSameResults(List<T> baselineRows, List<T> currentRows,
                                       Function<List<T>, FeatureProfile> profileOf,
                                       Function<byte[], FeatureProfile> read) {
        FeatureProfile baseline = profileOf.apply(baselineRows);
        FeatureProfile current = profileOf.apply(currentRows);
        Map<String, DriftResult> expected = results(baseline, current);
        assertThat(expected).isNotEmpty();
        assertThat(expected.values()).anySatisfy(r -> assertThat(r.details()).containsEntry("exact", false));

        for (int seed = 0; seed < 3; seed++) {
            for (int slices : new int[]{1, 2, 4, 7}) {
                FeatureProfile b = sliced(baselineRows, slices, seed, profileOf, read);
                FeatureProfile c = sliced(currentRows, slices, seed + 10, profileOf, read);
                assertThat(b.toBytes()).isEqualTo(baseline.toBytes());
                assertThat(c.toBytes()).isEqualTo(current.toBytes());
                assertThat(results(b, c)).as("seed %d, %d slices", seed, slices).isEqualTo(expected);
            }
        }
    }

    /** The rows shuffled (seed 0: reversed), cut into slices, each stored and read back, merged last to first. */
    private static <T> FeatureProfile sliced(List<T> rows, int slices, long seed,
                                             Function<List<T>, FeatureProfile> profileOf,
                                             Function<byte[], FeatureProfile> read) {
        List<T> order = new ArrayList<>(rows);
        if (seed == 0) {
            Collections.reverse(order);
        } else {
            Collections.shuffle(order, new Random(seed));
        }
        FeatureProfile merged = null;
        for (int s = slices - 1; s >= 0; s--) {
            List<T> slice = order.subList(s * order.size() / slices, (s + 1) * order.size() / slices);
            FeatureProfile part = read.apply(profileOf.apply(slice).toBytes());
            if (merged == null) {
                merged = part;
            } else if (merged instanceof NumericProfile n) {
                n.merge((NumericProfile) part);
            } else {
                ((CategoricalProfile) merged).merge((CategoricalProfile) part);
            }
        }
        return merged;
    }

    private Map<String, DriftResult> results(FeatureProfile baseline, FeatureProfile current) {
        Map<String, DriftResult> results = new LinkedHashMap<>();
        for (String name : methods.names()) {
            DriftMethod method = methods.require(name);
            if (method.supports(baseline.type())) {
                results.put(name, method.compute(baseline, current, MethodSettings.defaults(method)));
            }
        }
        return results;
    }
}
