package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Bad query and file sources as a user meets them: the process exits 2 with the problem and its fix, and
 * writes no drift_run (nor any other driftwatch row) for the date.
 */
@ExtendWith(OutputCaptureExtension.class)
class SourceBadInputTest {

    @Test
    void aQueryWithTwoStatementsIsRefusedAtStartup(CapturedOutput output) {
        Run run = run("source.query=SELECT scored_at, income FROM loan_features; DELETE FROM drift_run");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(output.toString()).contains("driftwatch.monitors[0].source.query")
                .contains("more than one statement").contains("write one SELECT");
        assertThat(run.driftRuns()).isZero();
    }

    @Test
    void aQueryThatDoesNotReturnTheTimestampColumnFailsTheFirstStep(CapturedOutput output) {
        Run run = run("source.query=SELECT CAST(1.5 AS DOUBLE PRECISION) AS income");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(output.toString()).contains("monitor 'q': source.timestamp-column = 'scored_at'")
                .contains("the query's result has no column scored_at").contains("use one of its columns: income");
        assertThat(run.driftRuns()).isZero();
    }

    @Test
    void aMissingFileFailsTheFirstStep(CapturedOutput output, @TempDir Path dir) {
        Run run = run("source.files=" + dir + "/features/*.parquet");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(output.toString()).contains("source.files").contains("no file matches " + dir + "/features/*.parquet");
        assertThat(run.driftRuns()).isZero();
    }

    @Test
    void aFileThatIsNotReadableAsItsFormatFailsTheFirstStep(CapturedOutput output, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("day.parquet"), "scored_at,income\n2026-03-01 10:00:00,1.5\n");

        Run run = run("source.files=" + dir + "/*.parquet");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(output.toString()).contains("source.files").contains("cannot be read as parquet")
                .contains(dir + "/day.parquet");
        assertThat(run.driftRuns()).isZero();
    }

    private record Run(int exitCode, String url) {
        long driftRuns() {
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
            Long tables = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'drift_run'",
                    Long.class);
            return tables == 0 ? 0 : jdbc.queryForObject("SELECT COUNT(*) FROM drift_run", Long.class)
                    + jdbc.queryForObject("SELECT COUNT(*) FROM baseline_profile", Long.class);
        }
    }

    /** driftJob for 2026-03-02 with one monitor 'q' whose source is {@code source} (key=value under the monitor). */
    private static Run run(String source) {
        String url = "jdbc:h2:mem:bad-source-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--driftwatch.monitors[0].name=q", "--driftwatch.monitors[0].model=m",
                "--driftwatch.monitors[0].source.timestamp-column=scored_at",
                "--driftwatch.monitors[0].features[0].name=income", "--driftwatch.monitors[0].features[0].type=numeric",
                "--driftwatch.monitors[0]." + source, "runDate=2026-03-02"));
        return new Run(DriftwatchApplication.run(args.toArray(String[]::new)), url);
    }
}
