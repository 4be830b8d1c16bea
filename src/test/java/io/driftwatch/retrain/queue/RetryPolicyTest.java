package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void nominalDelayDoublesPerAttemptUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(75), 0.1);

        assertThat(policy.nominalDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.nominalDelay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.nominalDelay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.nominalDelay(4)).isEqualTo(Duration.ofSeconds(75));
        assertThat(policy.nominalDelay(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void theDefaultsAreOneMinuteDoublingToOneHour() {
        assertThat(RetryPolicy.DEFAULT.nominalDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryPolicy.DEFAULT.nominalDelay(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(RetryPolicy.DEFAULT.nominalDelay(8)).isEqualTo(Duration.ofHours(1));
        assertThat(RetryPolicy.DEFAULT.jitter()).isEqualTo(0.1);
    }

    @Test
    void jitterStaysWithinItsBoundAndCentresOnTheNominalDelay() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 0.1);
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        int draws = 20_000;

        for (int i = 0; i < draws; i++) {
            double seconds = policy.delayAfter(3, random).toNanos() / 1e9;
            sum += seconds;
            min = Math.min(min, seconds);
            max = Math.max(max, seconds);
        }

        assertThat(min).isGreaterThanOrEqualTo(36.0).isLessThan(36.1);
        assertThat(max).isLessThanOrEqualTo(44.0).isGreaterThan(43.9);
        // uniform on [36, 44): sd 2.31, so the mean of 20,000 draws is within 4.6 standard errors of 40 by 0.075
        assertThat(sum / draws).isCloseTo(40.0, within(0.075));
    }

    @Test
    void withoutJitterTheDelayIsExact() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(1), 0.0);

        assertThat(policy.delayAfter(2, new SplittableRandom(1))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aConstantDelayAndTheLongestCapAreAllowed() {
        RetryPolicy constant = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 0.0);
        RetryPolicy longest = new RetryPolicy(Duration.ofMinutes(1), Duration.ofDays(365), 0.0);

        assertThat(constant.nominalDelay(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(longest.nominalDelay(30)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void rejectsPoliciesThatCannotBeMeant() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 0.1))
                .hasMessage("initialDelay must be positive: PT0S");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 0.1))
                .hasMessageContaining("maxDelay must be in [initialDelay, P365D]").hasMessageEndingWith(": PT1M");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(1), Duration.ofDays(400), 0.1))
                .hasMessageEndingWith(": PT9600H");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 1.0))
                .hasMessage("jitter must be in [0, 1): 1.0");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.nominalDelay(0)).hasMessage("attempt must be >= 1: 0");
    }
}
