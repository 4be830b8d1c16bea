package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.demo.SyntheticDriftGenerator;

/**
 * Features in a database of their own ({@code driftwatch.features.datasource.*}), read by a role that has
 * SELECT on one table only: the job succeeds with it and writes only to the report database, and a table
 * or a query it may not read fails before anything is written, naming the GRANT to add. One subclass per
 * database.
 */
@SpringBootTest
@ActiveProfiles("featuredbtest")
abstract class AbstractFeatureDatabaseJobTests {

    static final int ROWS = 2_000;

    @Autowired DriftCommand launcher;
    /** The report database. */
    @Autowired JdbcTemplate jdbc;

    /** The feature database as its owner (who creates the tables and grants SELECT on fd_features only). */
    abstract JdbcTemplate featureOwner();

    /** The role driftwatch reads the features as. */
    abstract String reader();

    @BeforeEach
    void featureTables() {
        JdbcTemplate owner = featureOwner();
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(owner);
        generator.createTable("fd_features");
        generator.createTable("fd_secret");
        if (owner.queryForObject("SELECT COUNT(*) FROM fd_features", Long.class) == 0) {
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            Instant to = Instant.parse("2026-02-01T00:00:00Z");
            generator.insert("fd_features", from, to, ROWS, Set.of(), 1);
            generator.insert("fd_secret", from, to, ROWS, Set.of(), 1);
        }
    }

    @Test
    void theJobReadsFeaturesWithASelectOnlyRoleAndWritesOnlyToTheReportDatabase() {
        LocalDate runDate = LocalDate.of(2026, 3, 2);
        givenWindow(runDate, Set.of("income"), 2);

        Outcome outcome = launcher.rerun("fd_loans", runDate);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE monitor = 'fd_loans' AND run_date = ?"
                + " AND drifted", String.class, runDate)).containsExactly("income");
        assertThat(jdbc.queryForObject("SELECT current_rows FROM drift_run WHERE monitor = 'fd_loans' AND run_date = ?",
                Long.class, runDate)).isEqualTo(ROWS);
        assertThat(jdbc.queryForObject("SELECT baseline_rows FROM drift_run WHERE monitor = 'fd_loans' AND run_date = ?",
                Long.class, runDate)).isEqualTo(ROWS);
        assertThat(featureOwner().queryForObject("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE LOWER(table_name) IN ('drift_run', 'drift_report', 'baseline_profile')", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'fd_features'",
                Long.class)).isZero();
    }

    @Test
    void aTableTheRoleMayNotReadFailsBeforeAnythingIsWrittenNamingTheGrant() {
        LocalDate runDate = LocalDate.of(2026, 3, 3);
        givenWindow(runDate, Set.of(), 3);

        Outcome outcome = launcher.rerun("fd_hidden", runDate);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(outcome.message()).contains("monitor 'fd_hidden': source.table")
                .containsIgnoringCase("GRANT SELECT ON " + secret() + " TO " + reader())
                .contains("may not read it");
        assertNothingWritten(runDate);
    }

    @Test
    void aQueryJoiningATableTheRoleMayNotReadFailsBeforeAnythingIsWrittenNamingTheGrant() {
        LocalDate runDate = LocalDate.of(2026, 3, 4);
        givenWindow(runDate, Set.of(), 4);

        Outcome outcome = launcher.rerun("fd_joined", runDate);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(outcome.message()).contains("monitor 'fd_joined': source.query")
                .containsIgnoringCase("GRANT SELECT ON " + secret() + " TO " + reader());
        assertNothingWritten(runDate);
    }

    /** fd_secret as the database names it in its error. */
    abstract String secret();

    private void assertNothingWritten(LocalDate runDate) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution_params WHERE parameter_name = 'runDate'"
                + " AND parameter_value = ?", Long.class, runDate.toString())).isZero();
    }

    private void givenWindow(LocalDate runDate, Set<String> shifted, long seed) {
        Instant from = runDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = runDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(featureOwner());
        generator.insert("fd_features", from, to, ROWS, shifted, seed);
        generator.insert("fd_secret", from, to, ROWS, shifted, seed);
    }
}
