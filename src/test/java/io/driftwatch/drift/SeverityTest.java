package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Severity from a number and two thresholds, for each way a threshold is crossed. */
class SeverityTest {

    @Test
    void aScoreAlertsFromItsThresholdAndWarnsFromItsWarnThreshold() {
        assertThat(Severity.of(ThresholdKind.SCORE_AT_LEAST, 0.2, 0.2, 0.1)).isEqualTo(Severity.ALERT);
        assertThat(Severity.of(ThresholdKind.SCORE_AT_LEAST, 0.1, 0.2, 0.1)).isEqualTo(Severity.WARN);
        assertThat(Severity.of(ThresholdKind.SCORE_AT_LEAST, 0.09, 0.2, 0.1)).isEqualTo(Severity.NONE);
        assertThat(Severity.of(ThresholdKind.SCORE_AT_LEAST, 0.15, 0.2, null)).isEqualTo(Severity.NONE);
    }

    @Test
    void aPValueAlertsStrictlyBelowItsLevelAndWarnsStrictlyBelowItsWarnLevel() {
        assertThat(Severity.of(ThresholdKind.P_VALUE_BELOW, 0.049, 0.05, 0.1)).isEqualTo(Severity.ALERT);
        assertThat(Severity.of(ThresholdKind.P_VALUE_BELOW, 0.05, 0.05, 0.1)).isEqualTo(Severity.WARN);
        assertThat(Severity.of(ThresholdKind.P_VALUE_BELOW, 0.1, 0.05, 0.1)).isEqualTo(Severity.NONE);
        assertThat(Severity.of(ThresholdKind.P_VALUE_BELOW, 0.07, 0.05, null)).isEqualTo(Severity.NONE);
    }
}
