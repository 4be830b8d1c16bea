package io.driftwatch.drift;

import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MethodSettingsTest {

    private final DriftMethods methods = DriftMethods.standard();

    @Test
    void givesEachMethodItsOwnDefaults() {
        MethodSettings psi = MethodSettings.defaults(methods.require("psi"));
        MethodSettings js = MethodSettings.defaults(methods.require("js"));
        MethodSettings ks = MethodSettings.defaults(methods.require("ks"));

        assertThat(psi).isEqualTo(new MethodSettings(ThresholdKind.SCORE_AT_LEAST, 0.1, null,
                Binning.BASELINE_DECILES, Smoothing.EVIDENTLY, LogBase.E, 1));
        assertThat(js.logBase()).isEqualTo(LogBase.TWO);
        assertThat(js.smoothing()).isEqualTo(Smoothing.NONE);
        assertThat(ks.thresholdKind()).isEqualTo(ThresholdKind.P_VALUE_BELOW);
        assertThat(ks.threshold()).isEqualTo(0.05);
        assertThat(MethodSettings.defaults(methods.require("hellinger")).smoothing()).isEqualTo(Smoothing.NONE);
    }

    @Test
    void requiresTheWarnThresholdOnTheQuietSideOfTheAlertThreshold() {
        MethodSettings score = MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, 0.2);
        MethodSettings test = MethodSettings.of(ThresholdKind.P_VALUE_BELOW, 0.05);

        assertThat(score.withWarnThreshold(0.1).warnThreshold()).isEqualTo(0.1);
        assertThat(test.withWarnThreshold(0.15).warnThreshold()).isEqualTo(0.15);
        assertThatIllegalArgumentException().isThrownBy(() -> score.withWarnThreshold(0.2))
                .withMessage("warn threshold must be below the alert threshold 0.2 for a score method but was 0.2");
        assertThatIllegalArgumentException().isThrownBy(() -> test.withWarnThreshold(0.01))
                .withMessage("warn threshold must be above the alert threshold 0.05 for a p-value method but was 0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> score.withWarnThreshold(0.1).withThreshold(0.05))
                .withMessageContaining("warn threshold must be below");
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheRule() {
        MethodSettings settings = MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, 0.1);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withThreshold(Double.NaN))
                .withMessage("threshold must be finite and non-negative but was NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MethodSettings.of(ThresholdKind.P_VALUE_BELOW, 1.5))
                .withMessage("threshold of a p-value method must be within [0, 1] but was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withMinCount(0))
                .withMessage("min count must be at least 1 but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withBinning(null))
                .withMessageContaining("must not be null");
    }

    @Test
    void refusesSettingsOfTheOtherThresholdKind() {
        DriftMethod ks = methods.require("ks");
        NumericProfile profile = profile(1, 2, 3);

        assertThatIllegalArgumentException().isThrownBy(() -> ks.compute(profile, profile,
                        MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, 0.1)))
                .withMessage("ks thresholds are p_value_below but the settings say score_at_least;"
                        + " start from MethodSettings.defaults(method)");
    }

    @Test
    void gradesScoresAndPValuesIntoSeverities() {
        MethodSettings score = MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, 0.2).withWarnThreshold(0.1);
        MethodSettings test = MethodSettings.of(ThresholdKind.P_VALUE_BELOW, 0.05).withWarnThreshold(0.15);

        assertThat(List.of(score.severityOf(0.05), score.severityOf(0.1), score.severityOf(0.2)))
                .containsExactly(Severity.NONE, Severity.WARN, Severity.ALERT);
        assertThat(List.of(test.severityOf(0.5), test.severityOf(0.05), test.severityOf(0.049)))
                .containsExactly(Severity.NONE, Severity.WARN, Severity.ALERT);
    }

    @Test
    void putsAWarnOnResultsBetweenTheThresholds() {
        // given a mean shift of exactly 0.5 baseline standard deviations
        MethodSettings settings = MethodSettings.defaults(methods.require("mean_shift")).withThreshold(0.6)
                .withWarnThreshold(0.4);

        // when
        DriftResult result = methods.require("mean_shift").compute(profile(0, 2), profile(1.5, 1.5), settings);

        // then
        assertThat(result.score()).isEqualTo(0.5);
        assertThat(result.drifted()).isFalse();
        assertThat(result.severity()).isEqualTo(Severity.WARN);
        assertThat(result.threshold()).isEqualTo(0.6);
        assertThat(result.details()).containsEntry("warn_threshold", 0.4);
    }

    @Test
    void warnsOnAPValueBetweenTheLevels() {
        // given two samples whose exact two-sided KS p-value is 0.1 (n = m = 3, D = 1: p = 2 / C(6, 3))
        MethodSettings settings = MethodSettings.defaults(methods.require("ks")).withWarnThreshold(0.15);

        // when
        DriftResult result = methods.require("ks").compute(profile(1, 2, 3), profile(4, 5, 6), settings);

        // then
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(result.pValue()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(result.drifted()).isFalse();
        assertThat(result.severity()).isEqualTo(Severity.WARN);
    }

    private static NumericProfile profile(double... values) {
        NumericProfile profile = NumericProfile.create();
        for (double value : values) {
            profile.add(value);
        }
        return profile;
    }
}
