package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/**
 * Parquet categories holding U+0000 (which DuckDB reads and PostgreSQL can store in neither text nor jsonb) are judged
 * with U+0000 read as U+FFFD, instead of failing the drift step at every rerun.
 */
@RequiresPostgres
@SpringBootTest
@ActiveProfiles("edgefiles")
class PostgresNulCategoryJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_edgefiles");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("driftwatch-edgefiles");
            Files.createDirectories(DIR.resolve("baseline"));
            Files.createDirectories(DIR.resolve("current"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgresAndFiles(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        registry.add("edgefiles.dir", DIR::toString);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }

    @Test
    void categoriesHoldingNulAreJudgedWithNulReadAsTheReplacementCharacter() throws SQLException {
        // given a baseline of 'a<NUL>b' and 'plain', and a night that adds 'new<NUL>one'
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT TIMESTAMP '2026-01-05 00:00:00' + i * INTERVAL 1 MINUTE AS scored_at,"
                    + " CASE WHEN i % 2 = 0 THEN 'a' || chr(0) || 'b' ELSE 'plain' END AS label FROM range(100) t(i))"
                    + " TO '" + DIR.resolve("baseline/part-1.parquet") + "' (FORMAT parquet)");
            s.execute("COPY (SELECT TIMESTAMP '2026-05-01 01:00:00' + i * INTERVAL 1 MINUTE AS scored_at,"
                    + " CASE WHEN i < 20 THEN 'a' || chr(0) || 'b' WHEN i < 50 THEN 'plain' ELSE 'new' || chr(0) || 'one'"
                    + " END AS label FROM range(60) t(i)) TO '" + DIR.resolve("current/2026-05.parquet") + "' (FORMAT parquet)");
        }
        LocalDate runDate = LocalDate.of(2026, 5, 2);

        // when
        Outcome outcome = launcher.launch(runDate);

        // then
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT explanation FROM drift_report WHERE monitor = 'edge-files' AND run_date = ?"
                + " AND method = 'psi'", String.class, runDate)).contains("new\uFFFDone");
        assertThat(jdbc.queryForObject("SELECT details::text FROM drift_report WHERE monitor = 'edge-files' AND run_date = ?"
                + " AND method = 'psi'", String.class, runDate)).contains("a\uFFFDb").doesNotContain("\\u0000");
    }
}
