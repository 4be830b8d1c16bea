package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;

/** A segment column the table does not have stops driftJob before it writes anything, naming the column and the fix. */
@SpringBootTest
@ActiveProfiles("segmentsmissing")
abstract class AbstractMissingSegmentColumnTests {

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aSegmentColumnThatDoesNotExistIsAConfigurationErrorAndNothingIsWritten() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS segment_features (scored_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " amount DOUBLE PRECISION, channel VARCHAR(10), country VARCHAR(10))");
        jdbc.update("INSERT INTO segment_features VALUES (TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00', 1, 'web', 'DE'),"
                + " (TIMESTAMP WITH TIME ZONE '2026-05-01 01:00:00+00', 2, 'web', 'DE')");

        Outcome outcome = launcher.launch(LocalDate.of(2026, 5, 2));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(outcome.message()).contains("segments[0].column").contains("has no column Country")
                .contains("the column is spelled 'country' in the database; use that spelling");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM segment_profile", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance", Integer.class)).isZero();
    }
}
