package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.FeatureType;

/** Where a night's current window starts and ends, in zones with and without daylight-saving changes. */
class MonitorWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDailyWindowIsTheCalendarDayOfTheZoneSoItHasTwentyThreeHoursInSpringAndTwentyFiveInAutumn() {
        Monitor daily = monitor(Duration.ofDays(1));

        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin; 2026-10-25: from 03:00 back to 02:00
        assertThat(length(daily, LocalDate.of(2026, 3, 30), BERLIN)).isEqualTo(Duration.ofHours(23));
        assertThat(length(daily, LocalDate.of(2026, 10, 26), BERLIN)).isEqualTo(Duration.ofHours(25));
        assertThat(daily.windowStart(LocalDate.of(2026, 3, 30), BERLIN)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(length(daily, LocalDate.of(2026, 3, 30), ZoneOffset.UTC)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void consecutiveNightsMeetWithoutGapOrOverlapAcrossEveryChangeOfTheYear() {
        for (Duration window : List.of(Duration.ofDays(1), Duration.ofDays(7))) {
            Monitor monitor = monitor(window);
            for (LocalDate date = LocalDate.of(2026, 1, 1); date.isBefore(LocalDate.of(2027, 1, 1)); date = date.plusDays(1)) {
                // tonight's window starts where the window of the night `days` earlier ended
                LocalDate earlier = date.minusDays(window.toDays());
                assertThat(monitor.windowStart(date, BERLIN)).as(window + " " + date)
                        .isEqualTo(monitor.windowEnd(earlier, BERLIN));
            }
        }
    }

    @Test
    void aWindowInHoursIsCountedBackFromMidnight() {
        Monitor sixHours = monitor(Duration.ofHours(6));

        assertThat(sixHours.windowStart(LocalDate.of(2026, 3, 30), BERLIN)).isEqualTo(Instant.parse("2026-03-29T16:00:00Z"));
        assertThat(length(monitor(Duration.ofHours(36)), LocalDate.of(2026, 3, 30), BERLIN)).isEqualTo(Duration.ofHours(36));
    }

    private static Duration length(Monitor monitor, LocalDate runDate, ZoneId zone) {
        return Duration.between(monitor.windowStart(runDate, zone), monitor.windowEnd(runDate, zone));
    }

    private static Monitor monitor(Duration window) {
        SqlIdentifier table = SqlIdentifier.parse("features");
        return new Monitor("dst", "model-dst", table, SqlIdentifier.parse("scored_at"), new Monitor.Baseline(table, null, null),
                window, List.of(new Monitor.Feature("x", FeatureType.NUMERIC, SqlIdentifier.parse("x"), List.of())),
                Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, SqlIdentifier.parse("model_performance"));
    }
}
