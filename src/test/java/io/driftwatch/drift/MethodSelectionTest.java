package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MethodSelectionTest {

    private final MethodSelection evidently = MethodSelection.of(MethodSelection.Mode.EVIDENTLY);
    private final MethodSelection standard = MethodSelection.of(MethodSelection.Mode.DEFAULT);

    @Test
    void evidentlyUsesTestsUpToAThousandReferenceRowsAndDistancesAbove() {
        assertThat(evidentlyChoice(numeric(1000, 6), numeric(50, 6))).isEqualTo("ks");
        assertThat(evidentlyChoice(numeric(1001, 6), numeric(50, 6))).isEqualTo("wasserstein_norm");
        assertThat(evidentlyChoice(numeric(1000, 5), numeric(50, 5))).isEqualTo("chisquare");
        assertThat(evidentlyChoice(numeric(1000, 2), numeric(50, 2))).isEqualTo("z");
        assertThat(evidentlyChoice(numeric(1001, 5), numeric(50, 5))).isEqualTo("js");
        assertThat(evidentlyChoice(categorical(1000, 3), categorical(50, 3))).isEqualTo("chisquare");
        assertThat(evidentlyChoice(categorical(1000, 2), categorical(50, 2))).isEqualTo("z");
        assertThat(evidentlyChoice(categorical(1001, 2), categorical(50, 2))).isEqualTo("js");
    }

    @Test
    void evidentlyCountsDistinctValuesOfBothWindowsTogether() {
        // 4 distinct baseline values plus 2 new current ones: 6 > 5, so ks rather than chisquare
        NumericProfile baseline = numeric(100, 4);
        NumericProfile current = NumericProfile.create();
        current.add(10);
        current.add(11);

        assertThat(evidentlyChoice(baseline, current)).isEqualTo("ks");
    }

    @Test
    void evidentlyJensenShannonIsTheNaturalLogDistanceOnEvidentlyBins() {
        MethodSelection.Choice choice = evidently.select(categorical(2000, 4), categorical(2000, 4)).get(0);

        assertThat(choice.settings().logBase()).isEqualTo(LogBase.E);
        assertThat(choice.settings().smoothing()).isEqualTo(Smoothing.NONE);
        assertThat(choice.settings().binning()).isEqualTo(Binning.evidently());
        assertThat(choice.settings().threshold()).isEqualTo(0.1);
        assertThat(choice.reason()).contains("2000 rows > 1000");
    }

    @Test
    void evidentlyTreatsASketchedProfileAsManyValued() {
        NumericProfile sketched = NumericProfile.create(30);
        for (int i = 0; i < 2000; i++) {
            sketched.add(i % 40);
        }

        assertThat(sketched.isExact()).isFalse();
        assertThat(evidentlyChoice(sketched, numeric(10, 3))).isEqualTo("wasserstein_norm");
        assertThat(MethodSelection.distinctValues(sketched, numeric(10, 3))).isGreaterThan(20);
    }

    @Test
    void defaultUsesLInfinityOnLargeWindowsAndTestsOnSmallOnesPlusTheMissingShare() {
        List<MethodSelection.Choice> large = standard.select(numeric(1000, 50), numeric(1000, 50));
        List<MethodSelection.Choice> smallNumeric = standard.select(numeric(5000, 50), numeric(999, 50));
        List<MethodSelection.Choice> smallCategorical = standard.select(categorical(300, 4), categorical(300, 4));
        List<MethodSelection.Choice> smallBinary = standard.select(categorical(300, 2), categorical(300, 2));

        assertThat(large).extracting(MethodSelection.Choice::method).containsExactly("linf", "missing_rate");
        assertThat(smallNumeric).extracting(MethodSelection.Choice::method).containsExactly("ks", "missing_rate");
        assertThat(smallCategorical).extracting(MethodSelection.Choice::method)
                .containsExactly("chisquare", "missing_rate");
        assertThat(smallBinary).extracting(MethodSelection.Choice::method).containsExactly("z", "missing_rate");
        assertThat(large.get(0).settings().threshold()).isEqualTo(0.1);
        assertThat(large.get(1).settings().minCount()).isEqualTo(1000);
        assertThat(smallNumeric.get(0).reason()).contains("Benjamini-Hochberg");
    }

    @Test
    void defaultMissingRateNeedsAThousandRows() {
        MethodSelection.Choice missing = standard.select(categorical(300, 4), categorical(300, 4)).get(1);

        DriftResult result = missing.compute(categorical(300, 4), categorical(300, 4));

        assertThat(result.status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
        assertThat((String) result.details().get("reason")).contains("fewer than 1000 rows");
    }

    @Test
    void rejectsMismatchedProfilesAndUnknownModes() {
        assertThatIllegalArgumentException().isThrownBy(() -> standard.select(numeric(10, 2), categorical(10, 2)));
        assertThat(MethodSelection.Mode.parse(" Evidently ")).isEqualTo(MethodSelection.Mode.EVIDENTLY);
        assertThatIllegalArgumentException().isThrownBy(() -> MethodSelection.Mode.parse("auto"))
                .withMessage("method selection mode must be one of [evidently, default] but was 'auto'");
    }

    private String evidentlyChoice(FeatureProfile baseline, FeatureProfile current) {
        List<MethodSelection.Choice> choices = evidently.select(baseline, current);
        assertThat(choices).hasSize(1);
        return choices.get(0).method();
    }

    /** {@code rows} values cycling through {@code distinct} values. */
    private static NumericProfile numeric(int rows, int distinct) {
        NumericProfile profile = NumericProfile.create();
        for (int i = 0; i < rows; i++) {
            profile.add(i % distinct);
        }
        return profile;
    }

    private static CategoricalProfile categorical(int rows, int distinct) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (int i = 0; i < rows; i++) {
            profile.add("v" + i % distinct);
        }
        return profile;
    }
}
