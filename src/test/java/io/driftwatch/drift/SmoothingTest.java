package io.driftwatch.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmoothingTest {

    @Test
    void fillsZerosWithOneTenThousandthWhenTheSmallestShareIsLarger() {
        double[] shares = {0.7, 0.0, 0.3};

        double[] smoothed = Smoothing.EVIDENTLY.apply(shares);

        assertThat(smoothed).containsExactly(0.7, 1e-4, 0.3);
        assertThat(shares).containsExactly(0.7, 0.0, 0.3);
    }

    @Test
    void fillsZerosWithAMillionthOfTheSmallestShareWhenThatIsTiny() {
        assertThat(Smoothing.EVIDENTLY.apply(new double[]{0.99998, 2e-5, 0.0}))
                .containsExactly(0.99998, 2e-5, 2e-5 / 1e6);
    }

    @Test
    void leavesVectorsWithoutZerosUnchangedAndDoesNotRenormalise() {
        assertThat(Smoothing.EVIDENTLY.apply(new double[]{0.5, 0.5})).containsExactly(0.5, 0.5);
        assertThat(Smoothing.EVIDENTLY.apply(new double[]{1.0, 0.0, 0.0})).containsExactly(1.0, 1e-4, 1e-4);
        assertThat(Smoothing.EVIDENTLY.conventionName()).isEqualTo("evidently");
    }

    @Test
    void rejectsNegativeOrNonFiniteShares() {
        assertThatIllegalArgumentException().isThrownBy(() -> Smoothing.EVIDENTLY.apply(new double[]{-0.1, 1.1}))
                .withMessageContaining("-0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> Smoothing.EVIDENTLY.apply(new double[]{Double.NaN}));
    }

    @Test
    void laplaceAddsOneToEveryCountBeforeDividing() {
        // (count + 1) / (n + bins): n = 10, 3 bins
        assertThat(Smoothing.LAPLACE.shares(new long[]{7, 0, 3})).containsExactly(8 / 13.0, 1 / 13.0, 4 / 13.0);
        assertThatThrownBy(() -> Smoothing.LAPLACE.apply(new double[]{0.5, 0.5}))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("shares(long[])");
    }

    @Test
    void noneKeepsRawSharesAndEvidentlyFillsThem() {
        assertThat(Smoothing.NONE.shares(new long[]{3, 0, 1})).containsExactly(0.75, 0.0, 0.25);
        assertThat(Smoothing.EVIDENTLY.shares(new long[]{3, 0, 1})).containsExactly(0.75, 1e-4, 0.25);
        assertThatIllegalArgumentException().isThrownBy(() -> Smoothing.NONE.shares(new long[]{0, 0}))
                .withMessage("bin counts must not all be zero");
    }

    @Test
    void parsesConfigurationSpellings() {
        assertThat(Smoothing.parse(" Laplace ")).isEqualTo(Smoothing.LAPLACE);
        assertThat(Smoothing.parse("none")).isEqualTo(Smoothing.NONE);
        assertThatIllegalArgumentException().isThrownBy(() -> Smoothing.parse("add-one"))
                .withMessage("smoothing must be one of [evidently, laplace, none] but was 'add-one'");
    }
}
