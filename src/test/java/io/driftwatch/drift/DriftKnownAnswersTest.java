package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DriftKnownAnswersTest {

    private final DriftMethods methods = DriftMethods.standard();

    @Test
    void identicalNumericProfilesScoreZeroAndDoNotDrift() {
        // given
        NumericProfile baseline = numeric(1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10);
        NumericProfile current = numeric(1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10);

        for (String name : List.of("psi", "kl", "mean_shift")) {
            // when
            DriftResult result = methods.require(name).compute(baseline, current, methods.require(name).defaultThreshold());

            // then
            assertThat(result.status()).as(name).isEqualTo(DriftStatus.OK);
            assertThat(result.score()).as(name).isEqualTo(0.0);
            assertThat(result.drifted()).as(name).isFalse();
        }
    }

    @Test
    void identicalCategoricalProfilesScoreZero() {
        CategoricalProfile baseline = categorical("a", "b", "b", "c");
        CategoricalProfile current = categorical("c", "b", "a", "b");

        assertThat(methods.require("psi").compute(baseline, current, 0.1).score()).isEqualTo(0.0);
        assertThat(methods.require("kl").compute(baseline, current, 0.1).score()).isEqualTo(0.0);
    }

    @Test
    void anEmptySideIsInsufficientDataNeverAScoreOfZero() {
        // given a current window with only NULLs and NaN
        NumericProfile baseline = numeric(1, 2, 3);
        NumericProfile current = NumericProfile.create();
        current.addMissing();
        current.add(Double.NaN);

        for (String name : List.of("psi", "kl", "mean_shift")) {
            // when
            DriftResult result = methods.require(name).compute(baseline, current, 0.1);

            // then
            assertThat(result.status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
            assertThat(result.score()).isNull();
            assertThat(result.drifted()).isFalse();
            assertThat((String) result.details().get(DriftResult.REASON))
                    .startsWith("current window has no usable values").contains("missing=1", "nan=1");
            assertThat(result.details()).containsEntry("current_missing", 1L).containsEntry("current_nan", 1L);
        }
        assertThat((String) methods.require("psi").compute(current, baseline, 0.1).details().get("reason"))
                .startsWith("baseline window");
        assertThat((String) methods.require("kl").compute(current, current, 0.1).details().get("reason"))
                .startsWith("baseline and current windows");
        DriftResult categoricalResult = methods.require("psi")
                .compute(categorical("a"), categorical((String) null), 0.1);
        assertThat(categoricalResult.status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
        assertThat(categoricalResult.convention()).isEqualTo("psi:bins=categories,smoothing=evidently,log=e");
    }

    @Test
    void meanShiftOnAConstantBaselineIsZeroWhenMeansMatchAndUndefinedOtherwise() {
        NumericProfile constant = numeric(4, 4, 4);

        DriftResult same = methods.require("mean_shift").compute(constant, numeric(3, 5), 0.2);
        DriftResult moved = methods.require("mean_shift").compute(constant, numeric(4, 5), 0.2);

        assertThat(same.status()).isEqualTo(DriftStatus.OK);
        assertThat(same.score()).isEqualTo(0.0);
        assertThat(same.drifted()).isFalse();
        assertThat(moved.status()).isEqualTo(DriftStatus.UNDEFINED);
        assertThat(moved.score()).isNull();
        assertThat(moved.drifted()).isTrue();
        assertThat((String) moved.details().get("reason")).contains("constant").contains("0.5");
    }

    @Test
    void driftsWhenTheScoreEqualsTheThreshold() {
        // baseline {0, 2}: mean 1, population std 1; current mean 1.5, so the shift is exactly 0.5
        DriftResult result = methods.require("mean_shift").compute(numeric(0, 2), numeric(1.5, 1.5), 0.5);

        assertThat(result.score()).isEqualTo(0.5);
        assertThat(result.drifted()).isTrue();
        assertThat(result.details()).containsEntry("baseline_mean", 1.0).containsEntry("current_mean", 1.5)
                .containsEntry("baseline_std", 1.0).containsEntry("current_std", 0.0);
    }

    @Test
    void givesAnUnseenCategoryItsOwnBinAfterTheBaselineCategories() {
        CategoricalProfile baseline = categorical("b", "a", "a", null);
        CategoricalProfile current = categorical("z", "a", "new", "b", null, null);

        DriftResult result = methods.require("psi").compute(baseline, current, 0.1);

        assertThat(labels(result)).containsExactly("a", "b", "new", "z");
        assertThat(result.details()).containsEntry("baseline_missing", 1L).containsEntry("current_missing", 2L)
                .containsEntry("current_count", 4L).doesNotContainKey("baseline_nan");
        assertThat(result.score()).isGreaterThan(0.1);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void binsOnlyFiniteValuesAndReportsTheOthers() {
        NumericProfile baseline = numeric(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN, Double.POSITIVE_INFINITY);
        NumericProfile current = numeric(1, 2, 3, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);

        DriftResult result = methods.require("psi").compute(baseline, current, 0.1);

        assertThat(result.details()).containsEntry("baseline_count", 10L).containsEntry("baseline_nan", 1L)
                .containsEntry("baseline_infinite", 1L).containsEntry("current_infinite", 2L)
                .containsEntry("exact", true).doesNotContainKey("approximation");
        assertThat(bins(result).stream().mapToLong(bin -> (Long) bin.get("current_count")).sum()).isEqualTo(3);
        // the bits of np.unique(np.quantile(x, [.1, ..., .9]))
        assertThat(result.details().get("edges"))
                .isEqualTo(List.of(1.9, 2.8, 3.6999999999999997, 4.6, 5.5, 6.3999999999999995, 7.3, 8.2, 9.1));
        assertThat(labels(result).get(0)).isEqualTo("(-inf, 1.9)");
        assertThat(labels(result).get(1)).isEqualTo("[1.9, 2.8)");
        assertThat(labels(result).get(9)).isEqualTo("[9.1, +inf)");
    }

    @Test
    void tiedBaselineValuesCollapseBins() {
        NumericProfile baseline = numeric(1, 1, 1, 1, 1, 1, 1, 1, 2, 3);

        DriftResult result = methods.require("psi").compute(baseline, numeric(1, 2, 3), 0.1);

        // the bits of np.unique(np.quantile(x, [.1, ..., .9]))
        assertThat(result.details().get("edges")).isEqualTo(List.of(1.0, 1.2000000000000002, 2.0999999999999996));
        assertThat(bins(result).stream().map(bin -> bin.get("baseline_count")).toList())
                .containsExactly(0L, 8L, 1L, 1L);
    }

    @Test
    void reportsConventionsAndDefaultThresholds() {
        NumericProfile n = numeric(1, 2);
        CategoricalProfile c = categorical("a");

        assertThat(methods.require("psi").compute(n, n, 0.1).convention())
                .isEqualTo("psi:bins=baseline-deciles,smoothing=evidently,log=e");
        assertThat(methods.require("kl").compute(n, n, 0.1).convention())
                .isEqualTo("kl:direction=baseline||current,bins=baseline-deciles,smoothing=evidently,log=e");
        assertThat(methods.require("kl").compute(c, c, 0.1).convention())
                .isEqualTo("kl:direction=baseline||current,bins=categories,smoothing=evidently,log=e");
        assertThat(methods.require("mean_shift").compute(n, n, 0.2).convention())
                .isEqualTo("mean_shift:scale=baseline-population-std");
        assertThat(methods.require("psi").defaultThreshold()).isEqualTo(0.1);
        assertThat(methods.require("kl").defaultThreshold()).isEqualTo(0.1);
        assertThat(methods.require("mean_shift").defaultThreshold()).isEqualTo(0.2);
    }

    @Test
    void marksSketchModeScoresAsApproximate() {
        NumericProfile baseline = NumericProfile.create(10);
        for (int i = 0; i < 100; i++) {
            baseline.add(i);
        }

        DriftResult result = methods.require("psi").compute(baseline, numeric(1, 2, 3), 0.1);

        assertThat(result.details()).containsEntry("exact", false);
        assertThat((String) result.details().get("approximation")).contains("bucket sketch", "rank error bound: baseline", "baseline");
    }

    @Test
    void rejectsUnsupportedOrMismatchedProfilesAndBadThresholds() {
        DriftMethod meanShift = methods.require("mean_shift");
        DriftMethod psi = methods.require("psi");

        assertThat(meanShift.supports(io.driftwatch.profile.FeatureType.CATEGORICAL)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> meanShift.compute(categorical("a"), categorical("a"), 0.2))
                .withMessage("mean_shift does not support categorical features");
        assertThatIllegalArgumentException().isThrownBy(() -> psi.compute(numeric(1), categorical("a"), 0.1))
                .withMessageContaining("baseline is numeric and current is categorical");
        assertThatIllegalArgumentException().isThrownBy(() -> psi.compute(numeric(1), numeric(1), -0.1))
                .withMessageContaining("threshold").withMessageContaining("-0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> psi.compute(null, numeric(1), 0.1));
    }

    @Test
    void detailsSerializeToJson() {
        FeatureProfile baseline = numeric(1, 2, 3, 4);
        DriftResult result = methods.require("kl").compute(baseline, numeric(2, 3, 3, 9, Double.NaN), 0.1);

        String json = JsonMapper.shared().writeValueAsString(result.details());

        assertThat(json).contains("\"bins\":[{\"label\":\"(-inf, 1.3)\"").contains("\"current_nan\":1");
    }

    private static NumericProfile numeric(double... values) {
        NumericProfile profile = NumericProfile.create();
        for (double value : values) {
            profile.add(value);
        }
        return profile;
    }

    private static CategoricalProfile categorical(String... values) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (String value : values) {
            profile.add(value);
        }
        return profile;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bins(DriftResult result) {
        return (List<Map<String, Object>>) result.details().get("bins");
    }

    private static List<Object> labels(DriftResult result) {
        return bins(result).stream().map(bin -> bin.get("label")).toList();
    }
}
