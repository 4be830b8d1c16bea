package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DriftMethodsTest {

    @Test
    void standardRegistryHoldsEveryBuiltInMethodOldestFirst() {
        DriftMethods methods = DriftMethods.standard();

        assertThat(methods.names()).containsExactly("psi", "kl", "mean_shift", "js", "js_divergence", "hellinger",
                "wasserstein", "wasserstein_norm", "ks", "anderson_darling", "linf", "chisquare", "z",
                "missing_rate", "effects");
        assertThat(methods.find("PSI")).containsInstanceOf(PsiMethod.class);
        assertThat(methods.find(" kl ")).containsInstanceOf(KlDivergenceMethod.class);
        assertThat(methods.find("ks")).isPresent();
        assertThat(methods.find("energy")).isEmpty();
        assertThat(methods.find(null)).isEmpty();
        assertThat(methods.require("mean_shift")).isInstanceOf(MeanShiftMethod.class);
    }

    @Test
    void requireNamesTheKnownMethods() {
        assertThatIllegalArgumentException().isThrownBy(() -> DriftMethods.standard().require("energy"))
                .withMessageStartingWith("drift method must be one of [psi, kl, mean_shift, js, ")
                .withMessageEndingWith("missing_rate, effects] but was 'energy'");
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DriftMethods(List.of(new PsiMethod(), new KlDivergenceMethod(), new PsiMethod())))
                .withMessageContaining("'psi' is registered twice");
        assertThatIllegalArgumentException().isThrownBy(() -> DriftMethods.standard().with(List.of(new PsiMethod())))
                .withMessageContaining("'psi' is registered twice");
    }

    @Test
    void declaresThresholdKindsAndDefaultThresholds() {
        DriftMethods methods = DriftMethods.standard();

        for (String name : List.of("ks", "anderson_darling", "chisquare", "z")) {
            assertThat(methods.require(name).thresholdKind()).as(name).isEqualTo(ThresholdKind.P_VALUE_BELOW);
            assertThat(methods.require(name).defaultThreshold()).as(name).isEqualTo(0.05);
        }
        for (String name : List.of("psi", "kl", "js", "hellinger", "wasserstein", "wasserstein_norm", "linf")) {
            assertThat(methods.require(name).thresholdKind()).as(name).isEqualTo(ThresholdKind.SCORE_AT_LEAST);
            assertThat(methods.require(name).defaultThreshold()).as(name).isEqualTo(0.1);
        }
        assertThat(methods.require("js_divergence").defaultThreshold()).isEqualTo(0.01);
        assertThat(methods.require("mean_shift").defaultThreshold()).isEqualTo(0.2);
        assertThat(methods.require("missing_rate").defaultThreshold()).isEqualTo(0.05);
    }

    @Test
    void declaresWhichFeatureTypesEachMethodSupports() {
        DriftMethods methods = DriftMethods.standard();

        for (String name : List.of("mean_shift", "wasserstein", "wasserstein_norm", "ks", "anderson_darling")) {
            assertThat(methods.require(name).supports(FeatureType.NUMERIC)).as(name).isTrue();
            assertThat(methods.require(name).supports(FeatureType.CATEGORICAL)).as(name).isFalse();
        }
        for (String name : List.of("psi", "kl", "js", "js_divergence", "hellinger", "linf", "chisquare", "z",
                "missing_rate")) {
            assertThat(methods.require(name).supports(FeatureType.NUMERIC)).as(name).isTrue();
            assertThat(methods.require(name).supports(FeatureType.CATEGORICAL)).as(name).isTrue();
        }
    }

    @Test
    void acceptsAUserMethodThatImplementsOnlyTheFourOriginalMethods() {
        // given a custom method as a user would declare it as a Spring bean
        DriftMethod range = new DriftMethod() {
            @Override
            public String name() {
                return "range_ratio";
            }

            @Override
            public boolean supports(FeatureType type) {
                return type == FeatureType.NUMERIC;
            }

            @Override
            public double defaultThreshold() {
                return 0.5;
            }

            @Override
            public DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold) {
                NumericProfile b = (NumericProfile) baseline;
                NumericProfile c = (NumericProfile) current;
                double score = Math.abs((c.max() - c.min()) / (b.max() - b.min()) - 1);
                return DriftResult.ok(name(), "range_ratio:v1", score, threshold, score >= threshold, null);
            }
        };
        DriftMethods methods = DriftMethods.standard().with(List.of(range));
        MethodSettings settings = MethodSettings.defaults(range).withWarnThreshold(0.2);

        // when
        DriftResult result = methods.require("range_ratio").compute(numeric(0, 10), numeric(0, 13), settings);

        // then
        assertThat(settings.thresholdKind()).isEqualTo(ThresholdKind.SCORE_AT_LEAST);
        assertThat(result.score()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(result.drifted()).isFalse();
        assertThat(result.severity()).isEqualTo(Severity.WARN);
        assertThat(result.details()).containsEntry("warn_threshold", 0.2);
        assertThat(methods.names()).endsWith("range_ratio");
    }

    private static NumericProfile numeric(double... values) {
        NumericProfile profile = NumericProfile.create();
        for (double value : values) {
            profile.add(value);
        }
        return profile;
    }
}
