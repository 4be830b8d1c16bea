package io.driftwatch.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdKindTest {

    @Test
    void scoresAreComparedWithTheThresholdByTheOperatorThatDecided() {
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("psi", 0.3359, null, 0.1)).isEqualTo("psi=0.3359 >= 0.1");
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("psi", 0.1, null, 0.1)).isEqualTo("psi=0.1 >= 0.1");
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("linf", 0.04321, 0.5, 0.1)).isEqualTo("linf=0.04321 < 0.1");
    }

    @Test
    void testsCompareTheirPValueNotTheirStatistic() {
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", 0.031, 0.012, 0.05))
                .isEqualTo("ks p=0.012 < 0.05 (statistic=0.031)");
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", 0.031, 0.05, 0.05))
                .isEqualTo("ks p=0.05 >= 0.05 (statistic=0.031)");
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("chisquare", null, 0.0, 0.05))
                .isEqualTo("chisquare p=0 < 0.05");
    }

    @Test
    void anAdjustedPValueIsTheOneComparedAndTheRawOneIsNamed() {
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", 0.031, 0.004, 0.06, 0.05))
                .isEqualTo("ks p_adjusted=0.06 >= 0.05 (p=0.004, statistic=0.031)");
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("z", null, 0.004, 0.02, 0.05))
                .isEqualTo("z p_adjusted=0.02 < 0.05 (p=0.004)");
    }

    @Test
    void smallAndLargeNumbersStayReadable() {
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", 0.25, 1.23456e-12, 0.05))
                .isEqualTo("ks p=1.235e-12 < 0.05 (statistic=0.25)");
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("wasserstein", 12345678.0, null, 100000.0))
                .isEqualTo("wasserstein=1.235e7 >= 100000");
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("mean_shift", 1234.5, null, 0.2))
                .isEqualTo("mean_shift=1235 >= 0.2");
    }

    @Test
    void scientificNotationStartsBelowOneTenThousandthAndAtOneMillion() {
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", null, 1e-4, 0.05)).isEqualTo("ks p=0.0001 < 0.05");
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", null, 9.9e-5, 0.05)).isEqualTo("ks p=9.9e-5 < 0.05");
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("wasserstein", 1e6, null, 999_999.0))
                .isEqualTo("wasserstein=1e6 >= 1000000");
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("wasserstein", 999_900.0, null, 1e6))
                .isEqualTo("wasserstein=999900 < 1e6");
    }

    @Test
    void missingNumbersAreSaidNotPrintedAsZero() {
        assertThat(ThresholdKind.SCORE_AT_LEAST.describe("mean_shift", null, null, 0.2))
                .isEqualTo("mean_shift: no finite score");
        assertThat(ThresholdKind.P_VALUE_BELOW.describe("ks", null, null, 0.05)).isEqualTo("ks: no p-value");
    }
}
