package io.driftwatch.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
}
