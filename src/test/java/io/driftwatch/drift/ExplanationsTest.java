package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExplanationsTest {

    @Test
    void numericFeatureSaysHowTheMedianAndTheFurtherMovedDecileChangedInItsUnitsAndInSigma() {
        // baseline 0..100 dealt over 1000 rows, current shifted by +20; numpy: median 49.5 → 69.5, +0.691 σ,
        // p90 89.1 → 109.1 (p10 moves as far; p90 wins ties)
        NumericProfile baseline = numeric(0, 100, 1, 1000);
        NumericProfile current = numeric(20, 120, 1, 1000);

        assertThat(Explanations.explain("income", baseline, current))
                .isEqualTo("income: median 49.5 → 69.5 (+0.69 σ); p90 89.1 → 109.1");
    }

    @Test
    void largeNumbersHaveFourSignificantDigitsGroupedByThousands() {
        assertThat(Explanations.number(52_123.4)).isEqualTo("52,120");
        assertThat(Explanations.number(104_500)).isEqualTo("104,500");
        assertThat(Explanations.number(-1_234_567)).isEqualTo("-1,235,000");
        assertThat(Explanations.number(0.45123)).isEqualTo("0.4512");
        assertThat(Explanations.number(12.5)).isEqualTo("12.5");
        assertThat(Explanations.signed(-10, 1)).isEqualTo("−10.0");
        assertThat(Explanations.signed(0.451, 2)).isEqualTo("+0.45");
    }

    @Test
    void aFallingSpreadShowsTheLowerDecileWhenItMovedFurther() {
        NumericProfile baseline = numeric(0, 100, 1, 1000);
        NumericProfile current = numeric(30, 100, 1, 1000);

        assertThat(Explanations.explain("age", baseline, current))
                .isEqualTo("age: median 49.5 → 65 (+0.54 σ); p10 9.9 → 36");
    }

    @Test
    void newCategoryIsNamedWithItsShare() {
        CategoricalProfile baseline = categorical(new String[]{"free", "pro"}, new int[]{60, 40});
        CategoricalProfile current = categorical(new String[]{"free", "pro", "enterprise"}, new int[]{57, 38, 5});

        assertThat(Explanations.explain("plan", baseline, current))
                .isEqualTo("plan: new category 'enterprise' at 5.0% (unseen in baseline); 'free' 60.0% → 57.0% (−3.0 points)");
    }

    @Test
    void shareMoveNamesTheCategoryThatMovedMost() {
        CategoricalProfile baseline = categorical(new String[]{"north", "south", "east"}, new int[]{30, 40, 30});
        CategoricalProfile current = categorical(new String[]{"north", "south", "east"}, new int[]{20, 45, 35});

        assertThat(Explanations.explain("region", baseline, current))
                .isEqualTo("region: 'north' 30.0% → 20.0% (−10.0 points)");
    }

    @Test
    void missingShareAloneWhenTheValuesDidNotMove() {
        NumericProfile baseline = numeric(0, 100, 1, 1000);
        NumericProfile current = numeric(0, 100, 1, 1000);
        for (int i = 0; i < 99 * 10; i++) {
            baseline.add(i % 100);
        }
        addMissing(baseline, 20);
        addMissing(current, 176); // 176 / 1176 = 14.97%

        assertThat(Explanations.explain("debt_ratio", baseline, current))
                .isEqualTo("debt_ratio: missing 1.0% → 15.0%");
    }

    @Test
    void missingShareLeadsWhenValuesMovedToo() {
        CategoricalProfile baseline = categorical(new String[]{"a", "b"}, new int[]{50, 50});
        CategoricalProfile current = categorical(new String[]{"a", "b"}, new int[]{30, 50});
        for (int i = 0; i < 20; i++) {
            current.addMissing();
        }

        assertThat(Explanations.explain("x", baseline, current))
                .isEqualTo("x: missing 0.0% → 20.0%; 'a' 50.0% → 37.5% (−12.5 points)");
    }

    @Test
    void emptyWindowIsSaidNotScored() {
        NumericProfile current = NumericProfile.create();
        current.addMissing();

        assertThat(Explanations.explain("x", numeric(0, 10, 1, 10), current))
                .isEqualTo("x: missing 0.0% → 100.0%");
        assertThat(Explanations.explain("x", NumericProfile.create(), NumericProfile.create()))
                .isEqualTo("x: no usable values in the baseline window");
    }

    @Test
    void rejectsMismatchedProfiles() {
        assertThatIllegalArgumentException().isThrownBy(() -> Explanations.explain("x", NumericProfile.create(),
                CategoricalProfile.create()));
        assertThatIllegalArgumentException().isThrownBy(() -> Explanations.explain(" ", NumericProfile.create(),
                NumericProfile.create()));
    }

    /** Values from, from + step, ... up to to, inclusive, {@code total} rows dealt round robin. */
    private static NumericProfile numeric(int from, int to, int step, int total) {
        NumericProfile profile = NumericProfile.create();
        int values = (to - from) / step + 1;
        for (int i = 0; i < total; i++) {
            profile.add(from + (i % values) * step);
        }
        return profile;
    }

    private static void addMissing(NumericProfile profile, int n) {
        for (int i = 0; i < n; i++) {
            profile.addMissing();
        }
    }

    private static CategoricalProfile categorical(String[] categories, int[] counts) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (int i = 0; i < categories.length; i++) {
            for (int j = 0; j < counts[i]; j++) {
                profile.add(categories[i]);
            }
        }
        return profile;
    }
}
