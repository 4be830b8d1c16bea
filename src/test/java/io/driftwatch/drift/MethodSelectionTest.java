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
    private final MethodSelection standard = MethodSelection.of(MethodSelection.Mode.LINF);

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
    void neverChoosesATestThatASketchedProfileCannotSupport() {
        // given small windows (< 1000 values) where one profile is in sketch mode: a custom small cap, or a large
        // sketched baseline against a small current window
        NumericProfile smallCapNumeric = sketchedNumeric(20, 800);
        CategoricalProfile smallCapCategorical = sketchedCategorical(10, 800);
        NumericProfile largeNumericBaseline = sketchedNumeric(NumericProfile.DEFAULT_EXACT_DISTINCT_CAP, 40_000);
        CategoricalProfile largeCategoricalBaseline = sketchedCategorical(CategoricalProfile.DEFAULT_EXACT_DISTINCT_CAP,
                40_000);
        FeatureProfile[][] pairs = {
                {smallCapNumeric, numeric(500, 50)}, {numeric(500, 50), smallCapNumeric},
                {smallCapCategorical, categorical(500, 3)}, {categorical(500, 3), smallCapCategorical},
                {categorical(500, 2), smallCapCategorical}, {largeNumericBaseline, numeric(300, 50)},
                {largeCategoricalBaseline, categorical(300, 3)}};

        for (FeatureProfile[] pair : pairs) {
            // when
            List<MethodSelection.Choice> defaults = standard.select(pair[0], pair[1]);
            List<MethodSelection.Choice> evidentlyChoices = evidently.select(pair[0], pair[1]);

            // then
            String numeric = pair[0] instanceof NumericProfile ? "numeric" : "categorical";
            assertThat(defaults.get(0).method()).as(numeric).isEqualTo("linf");
            assertThat(defaults.get(0).reason()).contains("sketch mode").contains("chance level");
            assertThat(evidentlyChoices.get(0).method()).as(numeric)
                    .isEqualTo(pair[0] instanceof NumericProfile ? "wasserstein_norm" : "js");
            if (pair[0].count() <= MethodSelection.EVIDENTLY_LARGE_REFERENCE) {
                assertThat(evidentlyChoices.get(0).reason()).contains("Evidently would run a test here")
                        .contains("sketch mode");
            }
            for (MethodSelection.Choice choice : List.of(defaults.get(0), evidentlyChoices.get(0))) {
                DriftResult result = choice.compute(pair[0], pair[1]);
                assertThat(result.status()).as(choice.method() + " on " + numeric)
                        .isNotEqualTo(DriftStatus.UNSUPPORTED).isNotEqualTo(DriftStatus.INSUFFICIENT_DATA);
                assertThat(result.details()).containsEntry("exact", false);
            }
        }
    }

    @Test
    void keepsTheTestsWhenBothSmallProfilesAreExact() {
        assertThat(standard.select(numeric(500, 50), numeric(500, 50)).get(0).method()).isEqualTo("ks");
        assertThat(evidentlyChoice(categorical(500, 3), categorical(500, 3))).isEqualTo("chisquare");
    }

    @Test
    void rejectsMismatchedProfilesAndUnknownModes() {
        assertThatIllegalArgumentException().isThrownBy(() -> standard.select(numeric(10, 2), categorical(10, 2)));
        assertThat(MethodSelection.Mode.parse(" Evidently ")).isEqualTo(MethodSelection.Mode.EVIDENTLY);
        assertThatIllegalArgumentException().isThrownBy(() -> MethodSelection.Mode.parse("auto"))
                .withMessage("method selection mode must be one of [effects, linf, evidently, default] but was 'auto'");
    }

    @Test
    void theDefaultIsOneEffectsRowAndDefaultSpellsItLinfKeepsTheFormerDefault() {
        assertThat(MethodSelection.Mode.parse("default")).isEqualTo(MethodSelection.Mode.EFFECTS);
        assertThat(MethodSelection.Mode.DEFAULT).isEqualTo(MethodSelection.Mode.EFFECTS);
        assertThat(MethodSelection.Mode.parse(" LINF")).isEqualTo(MethodSelection.Mode.LINF);

        List<MethodSelection.Choice> choices = MethodSelection.of(MethodSelection.Mode.DEFAULT)
                .select(numeric(500, 50), numeric(5000, 50));

        assertThat(choices).extracting(MethodSelection.Choice::method).containsExactly("effects");
        assertThat(choices.get(0).settings().threshold()).isEqualTo(1.0);
        assertThat(choices.get(0).reason()).contains("beyond sampling noise");
        assertThat(standard.select(numeric(5000, 50), numeric(5000, 50))).extracting(MethodSelection.Choice::method)
                .containsExactly("linf", "missing_rate");
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

    /** A numeric profile with the given cap, past it: {@code rows} distinct values. */
    private static NumericProfile sketchedNumeric(int cap, int rows) {
        NumericProfile profile = NumericProfile.create(cap);
        for (int i = 0; i < rows; i++) {
            profile.add(Math.sqrt(i) * 7 % 50);
        }
        assertThat(profile.isExact()).isFalse();
        return profile;
    }

    /** A categorical profile with the given cap, past it: {@code rows} values over "v0", "v1" and many ids. */
    private static CategoricalProfile sketchedCategorical(int cap, int rows) {
        CategoricalProfile profile = CategoricalProfile.create(cap);
        for (int i = 0; i < rows; i++) {
            profile.add(i % 2 == 0 ? "v" + i % 3 : "id-" + i);
        }
        assertThat(profile.isExact()).isFalse();
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
