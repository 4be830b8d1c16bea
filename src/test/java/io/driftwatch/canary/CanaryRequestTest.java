package io.driftwatch.canary;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CanaryRequestTest {

    private static final Instant END = Instant.parse("2026-04-01T12:00:00Z");

    @Test
    void aVersionIsNeverJudgedAgainstItself() {
        assertThatThrownBy(() -> new CanaryRequest("ranker", "v7", "v7", CanaryRequest.Mode.CANARY,
                CanaryRequest.Input.LOGS, END.minusSeconds(3600), END))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselineVersion and candidateVersion are both 'v7'");
    }
}
