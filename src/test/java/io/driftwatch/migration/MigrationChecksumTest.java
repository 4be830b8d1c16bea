package io.driftwatch.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * V2 and V5 now create the tables users fill with CREATE TABLE IF NOT EXISTS. A database migrated before that
 * recorded the old checksums; driftwatch accepts exactly those and migrates on, where plain Flyway would stop.
 */
class MigrationChecksumTest {

    @Test
    void theChecksumIsTheOneFlywayRecordsForEveryMigration() throws Exception {
        try (HikariDataSource dataSource = h2()) {
            app(dataSource).migrate();

            Map<String, Integer> recorded = new java.util.HashMap<>();
            new JdbcTemplate(dataSource).query("SELECT script, checksum FROM flyway_schema_history WHERE version <> '0'",
                    rs -> {
                        recorded.put(rs.getString(1), rs.getInt(2));
                    });
            assertThat(recorded).hasSizeGreaterThanOrEqualTo(7);
            recorded.forEach((script, checksum) -> assertThat(MigrationChecksum.of(read("sql/h2/" + script)))
                    .as(script).isEqualTo(checksum));
        }
    }

    @Test
    void aDatabaseMigratedBeforeTheUserTablesWereAdoptedMigratesOn() {
        try (HikariDataSource dataSource = h2()) {
            app(dataSource).migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // as recorded by the releases before V2 and V5 said CREATE TABLE IF NOT EXISTS
            jdbc.update("UPDATE flyway_schema_history SET checksum = -1624752973 WHERE version = '2'");
            jdbc.update("UPDATE flyway_schema_history SET checksum = 244937419 WHERE version = '5'");
            assertThatThrownBy(() -> app(dataSource).migrate()).as("plain Flyway refuses the old checksums")
                    .hasMessageContaining("checksum mismatch");

            new DriftwatchMigration().migrate(app(dataSource));

            assertThat(jdbc.queryForObject("SELECT checksum FROM flyway_schema_history WHERE version = '2'", Integer.class))
                    .isEqualTo(MigrationChecksum.of(read("sql/h2/V2__driftwatch_tables.sql")));
        }
    }

    @Test
    void anyOtherChecksumMismatchIsReportedWithExitCodeTwo() {
        try (HikariDataSource dataSource = h2()) {
            app(dataSource).migrate();
            new JdbcTemplate(dataSource).update("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '2'");

            assertThatThrownBy(() -> new DriftwatchMigration().migrate(app(dataSource)))
                    .isInstanceOfSatisfying(DatabaseSchemaException.class, e -> {
                        assertThat(e.getExitCode()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("checksum mismatch");
                    });
        }
    }

    private static Flyway app(HikariDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/h2").baselineOnMigrate(true)
                .baselineVersion("0").load();
    }

    private static HikariDataSource h2() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:dwsum_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
