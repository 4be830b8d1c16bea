package io.driftwatch.drift;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class MultipleTestingTest {

    @Test
    void adjustsByBenjaminiHochbergInInputOrder() {
        // given p-values out of order; by hand: sorted 0.01 0.02 0.03 0.04 0.5 times 5/k = 0.05 0.05 0.05 0.05 0.5
        double[] p = {0.04, 0.5, 0.01, 0.03, 0.02};

        double[] adjusted = MultipleTesting.benjaminiHochberg(p);

        assertThat(adjusted).containsExactly(new double[]{0.05, 0.5, 0.05, 0.05, 0.05}, within(1e-15));
        assertThat(p).containsExactly(0.04, 0.5, 0.01, 0.03, 0.02);
    }

    @Test
    void adjustsByBonferroniCappedAtOne() {
        assertThat(MultipleTesting.bonferroni(new double[]{0.01, 0.3, 0.0}))
                .containsExactly(0.03, 0.8999999999999999, 0.0);
        assertThat(MultipleTesting.bonferroni(new double[]{0.5, 0.6})).containsExactly(1.0, 1.0);
    }

    @Test
    void handlesEmptyInputAndRejectsInvalidPValues() {
        assertThat(MultipleTesting.benjaminiHochberg(new double[0])).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.bonferroni(new double[]{0.1, Double.NaN}))
                .withMessage("p-values must be within [0, 1] but p[1] was NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[]{1.2}));
    }

    @Test
    void judgesEachTestOnItsAdjustedPValueStrictlyBelowItsLevelAndKeepsItsWarnLevel() {
        // given four tests under Bonferroni: each p times 4 (exact in binary floating point); unadjusted, the
        // first three would all be drifted
        List<MultipleTesting.Test> tests = List.of(new MultipleTesting.Test(0.0125, 0.05, null),
                new MultipleTesting.Test(0.02, 0.05, 0.1), new MultipleTesting.Test(0.001, 0.05, 0.1),
                new MultipleTesting.Test(0.025, 0.05, 0.1));

        List<MultipleTesting.Judged> judged = MultipleTesting.judge(MultipleTesting.Correction.BONFERRONI, tests);

        assertThat(judged).containsExactly(
                new MultipleTesting.Judged(0.05, false, Severity.NONE), // q equal to alpha is not drift
                new MultipleTesting.Judged(0.08, false, Severity.WARN), // between alpha and the warn level
                new MultipleTesting.Judged(0.004, true, Severity.ALERT),
                new MultipleTesting.Judged(0.1, false, Severity.NONE)); // q equal to the warn level does not warn
    }

    @Test
    void pValuesOfZeroAndOneAreValidAndTheirAdjustmentsStayInsideZeroOne() {
        assertThat(MultipleTesting.benjaminiHochberg(new double[]{1.0, 0.0, 1.0})).containsExactly(1.0, 0.0, 1.0);
        assertThat(MultipleTesting.bonferroni(new double[]{1.0, 0.0})).containsExactly(1.0, 0.0);
        assertThat(MultipleTesting.Correction.NONE.adjust(new double[]{1.0, 0.0})).containsExactly(1.0, 0.0);
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[]{0.2, -0.01}))
                .withMessage("p-values must be within [0, 1] but p[1] was -0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.Correction.NONE.adjust(new double[]{1.0000001}))
                .withMessage("p-values must be within [0, 1] but p[0] was 1.0000001");
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.bonferroni(null))
                .withMessage("p-values must not be null");
    }

    @Test
    void theSmallestPValueIsAdjustedByTheFullFamilySize() {
        // m = 3: the smallest p is multiplied by 3 (rank 1), the next by 3/2, the largest by 1, then made monotone
        assertThat(MultipleTesting.benjaminiHochberg(new double[]{0.3, 0.01, 0.02}))
                .containsExactly(new double[]{0.3, 0.03, 0.03}, within(1e-15));
        assertThat(MultipleTesting.benjaminiHochberg(new double[]{0.001})).containsExactly(0.001);
    }

    @Test
    void eachCorrectionHasItsConfigurationSpellingAndAdjustsByItsRule() {
        double[] p = {0.01, 0.04};

        assertThat(MultipleTesting.Correction.BENJAMINI_HOCHBERG.configName()).isEqualTo("benjamini_hochberg");
        assertThat(MultipleTesting.Correction.BONFERRONI.configName()).isEqualTo("bonferroni");
        assertThat(MultipleTesting.Correction.NONE.configName()).isEqualTo("none");
        assertThat(MultipleTesting.Correction.BENJAMINI_HOCHBERG.adjust(p)).containsExactly(new double[]{0.02, 0.04},
                within(1e-15));
        assertThat(MultipleTesting.Correction.BONFERRONI.adjust(p)).containsExactly(new double[]{0.02, 0.08}, within(1e-15));
        double[] unchanged = MultipleTesting.Correction.NONE.adjust(p);
        assertThat(unchanged).containsExactly(0.01, 0.04).isNotSameAs(p);
        assertThat(MultipleTesting.Correction.parse("Benjamini_Hochberg")).isEqualTo(MultipleTesting.Correction.BENJAMINI_HOCHBERG);
        assertThat(MultipleTesting.Correction.parse("NONE")).isEqualTo(MultipleTesting.Correction.NONE);
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.Correction.parse(null))
                .withMessage("multiple-testing correction must be one of [benjamini_hochberg, bh, bonferroni, none] but was null");
    }

    @Test
    void judgingAnEmptyFamilyJudgesNothing() {
        assertThat(MultipleTesting.judge(MultipleTesting.Correction.BENJAMINI_HOCHBERG, List.of())).isEmpty();
    }

    @Test
    void parsesCorrections() {
        assertThat(MultipleTesting.Correction.parse("BH")).isEqualTo(MultipleTesting.Correction.BENJAMINI_HOCHBERG);
        assertThat(MultipleTesting.Correction.parse(" bonferroni ")).isEqualTo(MultipleTesting.Correction.BONFERRONI);
        assertThat(MultipleTesting.Correction.NONE.adjust(new double[]{0.2})).containsExactly(0.2);
        assertThatIllegalArgumentException().isThrownBy(() -> MultipleTesting.Correction.parse("holm"))
                .withMessageContaining("'holm'");
    }
}
