package io.driftwatch.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DriftMethodsTest {

    @Test
    void standardRegistryHoldsPsiKlAndMeanShift() {
        DriftMethods methods = DriftMethods.standard();

        assertThat(methods.names()).containsExactly("psi", "kl", "mean_shift");
        assertThat(methods.find("PSI")).containsInstanceOf(PsiMethod.class);
        assertThat(methods.find(" kl ")).containsInstanceOf(KlDivergenceMethod.class);
        assertThat(methods.find("ks")).isEmpty();
        assertThat(methods.find(null)).isEmpty();
        assertThat(methods.require("mean_shift")).isInstanceOf(MeanShiftMethod.class);
    }

    @Test
    void requireNamesTheKnownMethods() {
        assertThatIllegalArgumentException().isThrownBy(() -> DriftMethods.standard().require("wasserstein"))
                .withMessage("drift method must be one of [psi, kl, mean_shift] but was 'wasserstein'");
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DriftMethods(List.of(new PsiMethod(), new KlDivergenceMethod(), new PsiMethod())))
                .withMessageContaining("'psi' is registered twice");
    }
}
