package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
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
import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.support.FeatureFiles;

/**
 * Parquet and CSV files through DuckDB, written by DuckDB in the test from the rows of a table: a monitor of
 * the files, and one whose baseline is a Parquet snapshot while its current window is the table, report
 * exactly what the monitor of the table reports; missing and unreadable files fail before anything is written.
 */
@SpringBootTest
@ActiveProfiles("filetest")
class FileSourceJobTest {

    static final int ROWS = 3_000;
    static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("driftwatch-files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) {
        registry.add("filetest.dir", DIR::toString);
    }

    @BeforeEach
    void tableAndFiles() throws IOException {
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable("fs_features");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM fs_features", Long.class) > 0) {
            return;
        }
        generator.insert("fs_features", JANUARY, FEBRUARY, ROWS, Set.of(), 1);
        for (Path dir : List.of(DIR.resolve("snapshot"), DIR.resolve("all"), DIR.resolve("corrupt"), DIR.resolve("none"))) {
            Files.createDirectories(dir);
        }
        Instant mid = Instant.parse("2026-01-16T00:00:00Z");
        FeatureFiles.write(jdbc, "fs_features", JANUARY, mid, DIR.resolve("snapshot/part-1.parquet"));
        FeatureFiles.write(jdbc, "fs_features", mid, FEBRUARY, DIR.resolve("snapshot/part-2.parquet"));
        FeatureFiles.write(jdbc, "fs_features", JANUARY, FEBRUARY, DIR.resolve("all/2026-01.parquet"));
        FeatureFiles.write(jdbc, "fs_features", JANUARY, FEBRUARY, DIR.resolve("all/2026-01.csv"));
        FeatureFiles.write(jdbc, "fs_features", JANUARY, mid, DIR.resolve("corrupt/part-1.parquet"));
        Files.writeString(DIR.resolve("corrupt/part-2.parquet"), "this is not a Parquet file\n");
        day(LocalDate.of(2026, 3, 2), Set.of("income", "region"), 2);
        day(LocalDate.of(2026, 3, 3), Set.of(), 3);
        day(LocalDate.of(2026, 3, 4), Set.of(), 4);
        day(LocalDate.of(2026, 3, 5), Set.of(), 5);
    }

    @Test
    void parquetAndCsvFilesAndAParquetSnapshotBaselineReportWhatTheTableReports() {
        LocalDate runDate = LocalDate.of(2026, 3, 2);

        for (String monitor : List.of("fs_table", "fs_snapshot", "fs_parquet", "fs_csv")) {
            Outcome outcome = launcher.rerun(monitor, runDate);
            assertThat(outcome.exitCode()).as(monitor + ": " + outcome.message()).isEqualTo(ExitCodes.COMPLETED);
        }

        Map<String, String> byTable = reports("fs_table", runDate);
        assertThat(byTable).hasSize(6 * 2 + 4);
        assertThat(jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE monitor = 'fs_table' AND run_date = ?"
                + " AND drifted", String.class, runDate)).contains("income", "region").doesNotContain("age", "channel");
        for (String monitor : List.of("fs_snapshot", "fs_parquet", "fs_csv")) {
            assertThat(reports(monitor, runDate)).as(monitor).isEqualTo(byTable);
            assertThat(run(monitor, runDate).get("baseline_rows")).as(monitor).isEqualTo(ROWS);
            assertThat(run(monitor, runDate).get("current_rows")).as(monitor).isEqualTo(ROWS);
        }
        assertThat(run("fs_snapshot", runDate).get("baseline_table")).isEqualTo(DIR + "/snapshot/*.parquet");
    }

    @Test
    void aParquetSnapshotIsCachedWhileItsFilesAreUnchangedAndScannedWhenAFileIsAdded() throws IOException {
        assertThat(launcher.rerun("fs_snapshot", LocalDate.of(2026, 3, 3)).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(launcher.rerun("fs_snapshot", LocalDate.of(2026, 3, 4)).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        Path added = DIR.resolve("snapshot/part-3.parquet");
        Instant secondDay = Instant.parse("2026-01-02T00:00:00Z");
        FeatureFiles.write(jdbc, "fs_features", JANUARY, secondDay, added);
        int firstDay = jdbc.queryForObject("SELECT COUNT(*) FROM fs_features WHERE scored_at < ?", Integer.class,
                secondDay.atOffset(ZoneOffset.UTC));
        try {
            assertThat(launcher.rerun("fs_snapshot", LocalDate.of(2026, 3, 5)).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        } finally {
            Files.delete(added);
        }

        assertThat(run("fs_snapshot", LocalDate.of(2026, 3, 4)).get("baseline_source")).isEqualTo("cache");
        assertThat(run("fs_snapshot", LocalDate.of(2026, 3, 5)).get("baseline_source")).isEqualTo("scan");
        assertThat(run("fs_snapshot", LocalDate.of(2026, 3, 5)).get("baseline_rows")).isEqualTo(ROWS + firstDay);
    }

    @Test
    void missingFilesFailBeforeAnythingIsWrittenNamingThePattern() {
        LocalDate runDate = LocalDate.of(2026, 3, 3);

        Outcome outcome = launcher.rerun("fs_missing", runDate);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(outcome.message()).contains("monitor 'fs_missing': source.files")
                .contains("no file matches " + DIR + "/none/*.parquet").contains("Fix: point source.files at");
        assertNothingWritten("fs_missing");
    }

    @Test
    void anUnreadableFileAmongTheSnapshotFailsBeforeAnythingIsWrittenNamingTheFile() {
        LocalDate runDate = LocalDate.of(2026, 3, 3);

        Outcome outcome = launcher.rerun("fs_corrupt", runDate);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(outcome.message()).contains("monitor 'fs_corrupt': baseline.files")
                .contains("cannot be read as parquet").contains(DIR + "/corrupt/part-2.parquet");
        assertNothingWritten("fs_corrupt");
    }

    private void assertNothingWritten(String monitor) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE monitor = ?", Long.class, monitor)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baseline_profile WHERE monitor = ?", Long.class, monitor)).isZero();
    }

    /** A night in the table and as its own Parquet and CSV file. */
    private void day(LocalDate runDate, Set<String> shifted, long seed) {
        Instant from = runDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = runDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        new SyntheticDriftGenerator(jdbc).insert("fs_features", from, to, ROWS, shifted, seed);
        FeatureFiles.write(jdbc, "fs_features", from, to, DIR.resolve("all/" + runDate.minusDays(1) + ".parquet"));
        FeatureFiles.write(jdbc, "fs_features", from, to, DIR.resolve("all/" + runDate.minusDays(1) + ".csv"));
    }

    private Map<String, String> reports(String monitor, LocalDate runDate) {
        Map<String, String> reports = new java.util.TreeMap<>();
        jdbc.queryForList("SELECT feature, method, score, p_value, drifted FROM drift_report WHERE monitor = ? AND run_date = ?",
                monitor, runDate).forEach(r -> reports.put(r.get("feature") + "/" + r.get("method"),
                r.get("score") + " p=" + r.get("p_value") + " drifted=" + r.get("drifted")));
        return reports;
    }

    private Map<String, Object> run(String monitor, LocalDate runDate) {
        Map<String, Object> run = new java.util.HashMap<>(jdbc.queryForMap("SELECT baseline_rows, current_rows, baseline_source,"
                + " baseline_table FROM drift_run WHERE monitor = ? AND run_date = ?", monitor, runDate));
        run.replaceAll((k, v) -> v instanceof Number n ? (Object) n.intValue() : v);
        return run;
    }
}
