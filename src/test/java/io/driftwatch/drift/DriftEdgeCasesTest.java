package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every edge case of the issue is a stated outcome; these tests pin each one for every method it concerns. */
class DriftEdgeCasesTest {

    private static final List<String> DISTRIBUTION_METHODS = List.of("psi", "kl", "mean_shift", "js",
            "js_divergence", "hellinger", "wasserstein", "wasserstein_norm", "ks", "anderson_darling", "linf",
            "chisquare", "z");

    private final DriftMethods methods = DriftMethods.standard();

    @Test
    void anEmptyOrAllMissingWindowIsInsufficientDataForEveryDistributionMethodNeverAZero() {
        // given a current window of NULLs, NaN and infinities only
        NumericProfile baseline = numeric(1, 2, 3, 4, 5);
        NumericProfile current = numeric(Double.NaN, Double.POSITIVE_INFINITY);
        current.addMissing();

        for (String name : DISTRIBUTION_METHODS) {
            // when
            DriftResult result = methods.require(name).compute(baseline, current,
                    MethodSettings.defaults(methods.require(name)));

            // then
            assertThat(result.status()).as(name).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
            assertThat(result.score()).as(name).isNull();
            assertThat(result.pValue()).as(name).isNull();
            assertThat(result.drifted()).as(name).isFalse();
            assertThat((String) result.details().get("reason")).as(name)
                    .startsWith("current window has no usable values").contains("missing=1", "nan=1", "infinite=1");
        }
    }

    @Test
    void anAllMissingWindowIsAFullRiseOfTheMissingShare() {
        NumericProfile current = NumericProfile.create();
        current.addMissing();
        current.add(Double.NaN);

        DriftResult result = methods.require("missing_rate").compute(numeric(1, 2, 3), current, 0.05);

        assertThat(result.status()).isEqualTo(DriftStatus.OK);
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(result.drifted()).isTrue();
        assertThat(result.details()).containsEntry("direction", "rise").containsEntry("current_rows", 2L)
                .containsEntry("current_nan", 1L).containsEntry("current_missing", 1L);
        assertThat(methods.require("missing_rate").compute(numeric(1), NumericProfile.create(), 0.05).status())
                .isEqualTo(DriftStatus.INSUFFICIENT_DATA);
    }

    @Test
    void fewerValuesThanTheMinimumCountIsInsufficientData() {
        NumericProfile baseline = normal(new Random(1), 500, 0);
        NumericProfile current = normal(new Random(2), 40, 0);

        for (String name : DISTRIBUTION_METHODS) {
            DriftMethod method = methods.require(name);
            DriftResult result = method.compute(baseline, current, MethodSettings.defaults(method).withMinCount(50));

            assertThat(result.status()).as(name).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
            assertThat((String) result.details().get("reason")).as(name)
                    .startsWith("current window has fewer than 50 usable values (min count)");
        }
        assertThat(methods.require("ks").compute(numeric(1), numeric(1, 2), 0.05).details().get("reason"))
                .asString().contains("fewer than 2 usable values");
        assertThat(methods.require("anderson_darling").compute(numeric(1), numeric(1, 2), 0.05).details()
                .get("reason")).asString().contains("at least 4 values");
    }

    @Test
    void identicalConstantWindowsScoreZeroWithPValueOneWhereDefined() {
        NumericProfile baseline = numeric(5, 5, 5, 5, 5);
        NumericProfile current = numeric(5, 5, 5);

        for (String name : DISTRIBUTION_METHODS) {
            DriftResult result = methods.require(name).compute(baseline, current, methods.require(name)
                    .defaultThreshold());

            assertThat(result.drifted()).as(name).isFalse();
            if (name.equals("anderson_darling")) {
                assertThat(result.status()).isEqualTo(DriftStatus.UNDEFINED);
                assertThat((String) result.details().get("reason")).contains("single value 5.0", "0/0");
                continue;
            }
            assertThat(result.status()).as(name).isEqualTo(DriftStatus.OK);
            assertThat(result.score()).as(name).isEqualTo(0.0);
            if (result.pValue() != null) {
                assertThat(result.pValue()).as(name).isEqualTo(1.0);
            }
        }
    }

    @Test
    void aConstantBaselineAgainstAMovedWindowIsDetectedWithStatedScales() {
        NumericProfile baseline = numeric(5, 5, 5, 5);
        NumericProfile current = numeric(5.1, 5.2, 5.3, 5.2);

        DriftResult normalised = methods.require("wasserstein_norm").compute(baseline, current, 0.1);
        DriftResult raw = methods.require("wasserstein").compute(baseline, current, 0.1);
        DriftResult meanShift = methods.require("mean_shift").compute(baseline, current, 0.2);
        DriftResult ks = methods.require("ks").compute(baseline, current, 0.05);

        assertThat(raw.score()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(normalised.score()).isCloseTo(200.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(normalised.details()).containsEntry("scale", 0.001).containsEntry("baseline_std", 0.0);
        assertThat(meanShift.status()).isEqualTo(DriftStatus.UNDEFINED);
        assertThat(meanShift.drifted()).isTrue();
        assertThat(ks.score()).isEqualTo(1.0);
    }

    @Test
    void singleValueWindowsAreScoredWhereTheMethodAllows() {
        NumericProfile one = numeric(1);
        NumericProfile two = numeric(2);

        assertThat(methods.require("linf").compute(one, two, 0.1).score()).isEqualTo(1.0);
        assertThat(methods.require("wasserstein").compute(one, two, 0.1).score()).isEqualTo(1.0);
        // baseline-quantile edges of a single value cannot separate the windows; Sturges bins over both can
        assertThat(methods.require("js").compute(one, two, 0.1).score()).isEqualTo(0.0);
        assertThat(methods.require("js").compute(one, two, MethodSettings.defaults(methods.require("js"))
                .withBinning(Binning.sturges())).score()).isEqualTo(1.0);
        assertThat(methods.require("ks").compute(one, two, 0.05).status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
        assertThat(methods.require("z").compute(one, two, 0.05).details()).containsEntry("category", 1.0);
    }

    @Test
    void countsNanAndInfinitiesWithoutBinningThem() {
        NumericProfile baseline = numeric(1, 2, 3, 4, Double.NaN, Double.NEGATIVE_INFINITY);
        NumericProfile current = numeric(1, 2, 3, 4, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

        for (String name : DISTRIBUTION_METHODS) {
            DriftResult result = methods.require(name).compute(baseline, current, methods.require(name)
                    .defaultThreshold());

            assertThat(result.details()).as(name).containsEntry("baseline_count", 4L)
                    .containsEntry("baseline_nan", 1L).containsEntry("baseline_infinite", 1L)
                    .containsEntry("current_infinite", 2L);
            if (result.status() == DriftStatus.OK && !name.equals("anderson_darling")) {
                assertThat(result.score()).as(name).isEqualTo(0.0);
            }
        }
        DriftResult missing = methods.require("missing_rate").compute(baseline, current, 0.05);
        assertThat(missing.score()).isZero();
        assertThat(missing.details()).containsEntry("baseline_missing_share", 2 / 6.0);
    }

    @Test
    void keepsScoresFiniteForMagnitudesNearTheTopOfTheDoubleRange() {
        // given values of order 1e300, whose squares overflow
        Random random = new Random(3);
        NumericProfile baseline = NumericProfile.create();
        NumericProfile current = NumericProfile.create();
        for (int i = 0; i < 300; i++) {
            baseline.add(1e300 * random.nextGaussian());
            current.add(1e300 * (random.nextGaussian() + 0.5));
        }
        MethodSettings sturges = MethodSettings.defaults(methods.require("psi")).withBinning(Binning.sturges());

        for (String name : DISTRIBUTION_METHODS) {
            DriftResult result = methods.require(name).compute(baseline, current, methods.require(name)
                    .defaultThreshold());
            if (name.equals("chisquare")) {
                assertThat(result.status()).as(name).isEqualTo(DriftStatus.UNDEFINED); // every value is unseen
                continue;
            }
            assertThat(result.status()).as(name + " " + result.details().get("reason")).isEqualTo(DriftStatus.OK);
            assertThat(result.score()).as(name).isFinite();
        }
        assertThat(methods.require("psi").compute(baseline, current, sturges).score()).isFinite().isPositive();
        assertThat(methods.require("wasserstein_norm").compute(baseline, current, 0.1).score())
                .isBetween(0.3, 0.7);
        assertThat(methods.require("mean_shift").compute(baseline, current, 0.2).score()).isBetween(0.3, 0.7);
    }

    @Test
    void anUnseenCategoryMakesChiSquareInfiniteWithPValueZero() {
        CategoricalProfile baseline = categorical(Map.of("a", 50L, "b", 50L));
        CategoricalProfile current = categorical(Map.of("a", 45L, "b", 50L, "new", 5L));

        DriftResult result = methods.require("chisquare").compute(baseline, current, 0.05);

        assertThat(result.status()).isEqualTo(DriftStatus.UNDEFINED);
        assertThat(result.pValue()).isEqualTo(0.0);
        assertThat(result.drifted()).isTrue();
        assertThat(result.details()).containsEntry("unseen_categories", List.of("new"))
                .containsEntry("unseen_count", 5L);
        assertThat((String) result.details().get("reason")).contains("never saw", "p = 0");
    }

    @Test
    void aVanishedCategoryIsAnOrdinaryFiniteTerm() {
        CategoricalProfile baseline = categorical(Map.of("a", 50L, "b", 40L, "c", 10L));
        CategoricalProfile current = categorical(Map.of("a", 60L, "b", 40L));

        DriftResult chi = methods.require("chisquare").compute(baseline, current, 0.05);
        DriftResult psi = methods.require("psi").compute(baseline, current, 0.1);

        // expected 50, 40, 10 against observed 60, 40, 0: 100/50 + 0 + 100/10 = 12
        assertThat(chi.score()).isCloseTo(12.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(psi.status()).isEqualTo(DriftStatus.OK);
    }

    @Test
    void withoutSmoothingAnEmptyBinMakesLogRatioScoresInfiniteAndDrifted() {
        MethodSettings none = MethodSettings.defaults(methods.require("psi")).withSmoothing(Smoothing.NONE)
                .withBinning(Binning.values());
        CategoricalProfile baseline = categorical(Map.of("a", 50L, "b", 50L));
        CategoricalProfile current = categorical(Map.of("a", 100L));

        DriftResult psi = methods.require("psi").compute(baseline, current, none);
        DriftResult js = methods.require("js").compute(baseline, current, 0.1);

        assertThat(psi.status()).isEqualTo(DriftStatus.UNDEFINED);
        assertThat(psi.drifted()).isTrue();
        assertThat(js.status()).isEqualTo(DriftStatus.OK);
    }

    @Test
    void sketchModeIsApproximateForDistancesAndUnsupportedForExactCountTests() {
        // given a sketched baseline (cap 50) and an exact current window
        NumericProfile baseline = NumericProfile.create(50);
        Random random = new Random(4);
        for (int i = 0; i < 5000; i++) {
            baseline.add(random.nextGaussian());
        }
        NumericProfile current = normal(new Random(5), 40, 0);

        for (String name : List.of("psi", "kl", "js", "js_divergence", "hellinger", "wasserstein",
                "wasserstein_norm", "linf")) {
            DriftResult result = methods.require(name).compute(baseline, current, methods.require(name)
                    .defaultThreshold());
            assertThat(result.status()).as(name).isEqualTo(DriftStatus.OK);
            assertThat(result.details()).as(name).containsEntry("exact", false);
            assertThat((String) result.details().get("approximation")).as(name)
                    .contains("baseline profile is in sketch mode", "bucket sketch", "measured error");
        }
        for (String name : List.of("ks", "anderson_darling", "chisquare", "z")) {
            DriftResult result = methods.require(name).compute(baseline, current, methods.require(name)
                    .defaultThreshold());
            assertThat(result.status()).as(name).isEqualTo(DriftStatus.UNSUPPORTED);
            assertThat(result.drifted()).as(name).isFalse();
        }
        MethodSettings values = MethodSettings.defaults(methods.require("js")).withBinning(Binning.values());
        assertThat(methods.require("js").compute(baseline, current, values).status())
                .isEqualTo(DriftStatus.UNSUPPORTED);
        assertThat(methods.require("ks").compute(baseline, current, 0.05).details()).containsKey("statistic_estimate");
    }

    @Test
    void refusesKsPValuesBeyondTheEffectiveSizeCapAndExplainsWhy() {
        assertThat(KolmogorovSmirnovPValue.supports(9_999, 9_999)).isTrue();
        assertThat(KolmogorovSmirnovPValue.supports(4_000_000, 4_000_000)).isTrue();
        assertThat(KolmogorovSmirnovPValue.supports(5_000_000, 5_000_000)).isFalse();
        assertThat(KolmogorovSmirnovPValue.supports(1, 100)).isFalse();
        assertThat(KolmogorovSmirnovPValue.method(9_999, 10)).isEqualTo("exact");
        assertThat(KolmogorovSmirnovPValue.method(10_000, 10)).isEqualTo("asymptotic");
    }

    @Test
    void everyMethodAppliesToTheTypesItClaims() {
        for (String name : methods.names()) {
            DriftMethod method = methods.require(name);
            for (FeatureType type : FeatureType.values()) {
                if (!method.supports(type)) {
                    continue;
                }
                FeatureProfile profile = type == FeatureType.NUMERIC ? numeric(1, 2, 3, 4)
                        : categorical(Map.of("a", 2L, "b", 2L));
                DriftResult result = method.compute(profile, profile, method.defaultThreshold());
                assertThat(result.status()).as(name + " " + type).isEqualTo(DriftStatus.OK);
                assertThat(result.drifted()).as(name + " " + type).isFalse();
                assertThat(result.convention()).as(name).startsWith(name + ":");
            }
        }
    }

    private static NumericProfile normal(Random random, int n, double shift) {
        NumericProfile profile = NumericProfile.create();
        for (int i = 0; i < n; i++) {
            profile.add(random.nextGaussian() + shift);
        }
        return profile;
    }

    static NumericProfile numeric(double... values) {
        NumericProfile profile = NumericProfile.create();
        for (double value : values) {
            profile.add(value);
        }
        return profile;
    }

    static CategoricalProfile categorical(Map<String, Long> counts) {
        CategoricalProfile profile = CategoricalProfile.create();
        counts.forEach((category, n) -> {
            for (long i = 0; i < n; i++) {
                profile.add(category);
            }
        });
        return profile;
    }
}
