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
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.Task;
import io.driftwatch.retrain.queue.TaskStatus;
import io.driftwatch.telemetry.RunSummary;

/** The night's summary says whether its run put a retraining task into the queue or found the date's task there. */
class ConsolePrinterRetrainingTest {

    private static final LocalDate DATE = LocalDate.parse("2026-03-09");

    private static RunSummary summary(RetrainingOutcome decision, Task task) {
        DriftRun run = new DriftRun(1, "weekly", "credit-risk", DATE, Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-09T00:00:00Z"), DriftRun.Status.COMPLETED, 3000L, 2800L, decision, "drift: income",
                5, 1, 0.2, false, null);
        return new RunSummary(run, List.of(), task);
    }

    private static String printed(RunSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).print(new RunSummary.OfDate(DATE,
                List.of(summary)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRerunThatFoundItsDatesTaskAlreadyEnqueuedSaysSoAndCountsNoTask() {
        Task task = new Task(17, "credit-risk", "weekly", 1L, DATE, "drift: income", "{}", TaskStatus.PENDING);

        assertThat(printed(summary(RetrainingOutcome.ENQUEUED, task)))
                .contains("  retraining: task enqueued ─ drift: income\n").contains("retraining tasks enqueued: 1\n");
        assertThat(printed(summary(RetrainingOutcome.AWAITING_APPROVAL, task))).contains("retraining tasks enqueued: 1\n");
        assertThat(printed(summary(RetrainingOutcome.ALREADY_ENQUEUED, task)))
                .contains("  retraining: task 17 already enqueued ─ drift: income\n")
                .contains("retraining tasks enqueued: 0\n");
        assertThat(printed(summary(RetrainingOutcome.NOT_NEEDED, null)))
                .contains("  retraining: no task ─ drift: income\n").contains("retraining tasks enqueued: 0\n");
    }
}
