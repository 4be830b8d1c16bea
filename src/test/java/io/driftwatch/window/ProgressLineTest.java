package io.driftwatch.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void withAnEstimateTheLineShowsShareRateAndTimeLeft() {
        ProgressLine progress = new ProgressLine(0);

        assertThat(progress.describe(2_000_000, 10_000_000, 4 * SECOND))
                .isEqualTo("2000000 rows read of about 10000000 (20 %), 500000 rows/s, about 16 s left");
        assertThat(progress.describe(4_000_000, 10_000_000, 8 * SECOND))
                .isEqualTo("4000000 rows read of about 10000000 (40 %), 500000 rows/s, about 12 s left");
        assertThat(new ProgressLine(0).describe(1_000_000, 100_000_000, 2 * SECOND))
                .isEqualTo("1000000 rows read of about 100000000 (1 %), 500000 rows/s, about 3 min 18 s left");
    }

    @Test
    void anEstimateThatWasTooLowOrMissingIsNotPretendedTo() {
        assertThat(new ProgressLine(0).describe(3_000_000, 1_000_000, 2 * SECOND))
                .isEqualTo("3000000 rows read (more than the 1000000 estimated), 1500000 rows/s");
        assertThat(new ProgressLine(0).describe(3_000_000, -1, 2 * SECOND)).isEqualTo("3000000 rows read, 1500000 rows/s");
    }
}
