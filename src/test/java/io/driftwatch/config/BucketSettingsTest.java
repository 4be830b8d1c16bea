package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.drift.DriftMethods;

/** driftwatch.bucket, driftwatch.bucket-retention and source.version-column, validated against the monitors. */
class BucketSettingsTest {

    private final MonitorValidator validator = new MonitorValidator(DriftMethods.standard());

    private BucketSettings settings(DriftwatchProperties properties) {
        return BucketSettings.of(properties, properties.getMonitors(), validator.validate(properties));
    }

    @Test
    void defaultsToDailyBucketsKeptNinetyDaysWithoutVersionColumns() {
        BucketSettings settings = settings(MonitorValidatorTest.properties(m -> { }));

        assertThat(settings.width()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.versionColumn("loans")).isEmpty();
        assertThat(settings.keptFor(Duration.ofDays(120))).isEqualTo(Duration.ofDays(120));
    }

    @Test
    void takesHourBucketsForAWindowInHoursAndTheVersionColumnOfAMonitor() {
        DriftwatchProperties properties = MonitorValidatorTest.properties(m -> {
            m.setWindow("PT6H");
            m.getSource().setVersionColumn("updated_at");
        });
        properties.setBucket("PT1H");

        BucketSettings settings = settings(properties);

        assertThat(settings.width()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.versionColumn("loans")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("updated_at"));
    }

    @Test
    void aWindowThatIsNotAWholeNumberOfBucketsIsRejectedWithTheFix() {
        DriftwatchProperties properties = MonitorValidatorTest.properties(m -> m.setWindow("PT6H"));

        assertThatThrownBy(() -> settings(properties)).isInstanceOf(MonitorConfigurationException.class)
                .hasMessageContaining("driftwatch.monitors[0].window").hasMessageContaining("PT6H")
                .hasMessageContaining("driftwatch.bucket");
    }

    @Test
    void aBucketThatDoesNotDivideADayAndABadRetentionAreRejectedTogether() {
        DriftwatchProperties properties = MonitorValidatorTest.properties(m -> m.setWindow("PT14H"));
        properties.setBucket("PT7H");
        properties.setBucketRetention("soon");

        assertThatThrownBy(() -> settings(properties)).isInstanceOf(MonitorConfigurationException.class)
                .hasMessageContaining("driftwatch.bucket").hasMessageContaining("divide a day")
                .hasMessageContaining("driftwatch.bucket-retention").hasMessageContaining("'soon'");
    }

    @Test
    void theVersionColumnMustBeAPlainColumnName() {
        DriftwatchProperties properties = MonitorValidatorTest.properties(m -> m.getSource().setVersionColumn("a.b"));

        assertThatThrownBy(() -> BucketSettings.of(properties, properties.getMonitors(),
                validator.validate(properties))).hasMessageContaining("source.version-column");
        assertThat(List.of(properties.getBucket())).containsExactly("P1D");
    }

    @Test
    void allowedLatenessIsUnsetByDefaultAndAMonitorsOwnOverridesTheProcessWideOne() {
        assertThat(settings(MonitorValidatorTest.properties(m -> { })).allowedLateness("loans")).isEmpty();

        DriftwatchProperties properties = MonitorValidatorTest.properties(m -> { });
        properties.setAllowedLateness("P2D");
        assertThat(settings(properties).allowedLateness("loans")).contains(Duration.ofDays(2));
        assertThat(settings(properties).allowedLateness("another")).contains(Duration.ofDays(2));

        properties.getMonitors().get(0).getSource().setAllowedLateness("PT6H");
        assertThat(settings(properties).allowedLateness("loans")).contains(Duration.ofHours(6));
        assertThat(settings(properties).allowedLateness("another")).contains(Duration.ofDays(2));

        properties.getMonitors().get(0).getSource().setAllowedLateness("PT0S");
        assertThat(settings(properties).allowedLateness("loans")).contains(Duration.ZERO);
    }

    @Test
    void aNegativeOrUnparsableAllowedLatenessIsRejectedNamingTheKeyAndTheFix() {
        DriftwatchProperties properties = MonitorValidatorTest.properties(m -> m.getSource().setAllowedLateness("two days"));
        properties.setAllowedLateness("-P1D");

        assertThatThrownBy(() -> settings(properties)).isInstanceOf(MonitorConfigurationException.class)
                .hasMessageContaining("driftwatch.allowed-lateness").hasMessageContaining("'-P1D'")
                .hasMessageContaining("negative")
                .hasMessageContaining("driftwatch.monitors[0].source.allowed-lateness").hasMessageContaining("'two days'")
                .hasMessageContaining("not an ISO-8601 duration").hasMessageContaining("e.g. P2D or PT6H");
    }
}
