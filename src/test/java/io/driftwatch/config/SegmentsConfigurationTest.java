package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.drift.DriftMethods;

/** {@code segments} of a monitor as configured: defaults, and every mistake reported with its key and fix. */
class SegmentsConfigurationTest {

    private final MonitorValidator validator = new MonitorValidator(DriftMethods.standard());

    @Test
    void aSegmentColumnGetsMaxFiftyAndDoesNotDecideByDefault() {
        Monitor m = validator.validate(MonitorValidatorTest.properties(p -> p.setSegments(List.of(segment("country", null)))))
                .get(0);

        assertThat(m.segments()).singleElement().satisfies(s -> {
            assertThat(s.column().name()).isEqualTo("country");
            assertThat(s.max()).isEqualTo(50);
            assertThat(s.decide()).isFalse();
            assertThat(s.label("DE")).isEqualTo("country=DE");
        });
    }

    @Test
    void aMonitorWithoutSegmentsHasNone() {
        assertThat(validator.validate(MonitorValidatorTest.properties(p -> { })).get(0).segments()).isEmpty();
    }

    @Test
    void aMissingColumnAMaxOutOfRangeAndATwiceListedColumnAreEachReported() {
        assertThatThrownBy(() -> validator.validate(MonitorValidatorTest.properties(p -> p.setSegments(List.of(
                segment(null, "5"), segment("country", "0"), segment("channel", "501"), segment("region", "5"),
                segment("region", "7"))))))
                .isInstanceOfSatisfying(MonitorConfigurationException.class, e -> {
                    assertThat(e.getExitCode()).isEqualTo(2);
                    assertThat(e.problems()).extracting(ConfigurationProblem::key).containsExactly(
                            "driftwatch.monitors[0].segments[0].column", "driftwatch.monitors[0].segments[1].max",
                            "driftwatch.monitors[0].segments[2].max", "driftwatch.monitors[0].segments[4].column");
                    assertThat(e.problems().get(2).problem()).startsWith("at most 500 segments of their own per column");
                    assertThat(e.problems().get(3).problem()).isEqualTo("the segment column is listed twice");
                });
    }

    private static DriftwatchProperties.SegmentProperties segment(String column, String max) {
        DriftwatchProperties.SegmentProperties s = new DriftwatchProperties.SegmentProperties();
        s.setColumn(column);
        if (max != null) {
            s.setMax(max);
        }
        return s;
    }
}
