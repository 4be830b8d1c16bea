package io.driftwatch.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The value lists of baseline_segment_plan survive the round trip, empty values, commas and percent signs included. */
class BaselineSegmentValuesTest {

    @Test
    void valuesComeBackAsTheyWereStored() {
        for (List<String> values : List.of(List.<String>of(), List.of(""), List.of("", ""), List.of("DE"),
                List.of("a,b", "50 %", "", "ü", "x\ny"))) {
            assertThat(JdbcBaselineSegmentDao.split(JdbcBaselineSegmentDao.join(values))).as(values.toString())
                    .isEqualTo(values);
        }
        assertThat(JdbcBaselineSegmentDao.join(List.of())).isEmpty();
        assertThat(JdbcBaselineSegmentDao.join(List.of(""))).isEqualTo(",");
    }
}
