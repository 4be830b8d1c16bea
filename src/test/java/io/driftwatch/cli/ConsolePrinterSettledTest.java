package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.report.DriftRun;
import io.driftwatch.telemetry.RunSummary;

/** The night's summary says how many reused buckets were trusted as settled without counting them. */
class ConsolePrinterSettledTest {

    private static String summary(Integer settled) {
        DriftRun run = new DriftRun(1, "weekly", "credit-risk", LocalDate.parse("2026-03-09"),
                Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z"), DriftRun.Status.COMPLETED,
                3000L, 2800L, null, "no drift", 5, 0, 0.0, false, null, 1200L, 6, 1, settled);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).print(new RunSummary.OfDate(
                run.runDate(), List.of(new RunSummary(run, List.of(), null))));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theReadLineCountsTheBucketsTrustedAsSettledOnlyWhenThereAreAny() {
        assertThat(summary(5)).contains("read from the tables: 1200 rows; bucket pieces of the window: 6 reused, 1 profiled;"
                + " 5 of the reused trusted as settled without counting\n");
        assertThat(summary(0)).contains("read from the tables: 1200 rows; bucket pieces of the window: 6 reused, 1 profiled\n")
                .doesNotContain("settled");
        assertThat(summary(null)).contains("6 reused, 1 profiled\n").doesNotContain("settled");
    }
}
