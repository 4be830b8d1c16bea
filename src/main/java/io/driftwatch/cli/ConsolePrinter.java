package io.driftwatch.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.springframework.context.event.EventListener;

import io.driftwatch.ExitCodes;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.html.Format;
import io.driftwatch.html.HtmlReports;
import io.driftwatch.html.RunReportListener;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.retrain.TaskLine;
import io.driftwatch.telemetry.RunEvents;
import io.driftwatch.telemetry.RunSummary;

/** The one place that writes what a person reads on the console: the summary of a date, task lists, outcomes. */
public class ConsolePrinter {

    private final PrintStream out;

    public ConsolePrinter(PrintStream out) {
        this.out = out;
    }

    /** The summary of a run date, once driftJob has published it. */
    @EventListener
    public void on(RunEvents.DatePublished event) {
        print(event.summary());
    }

    public void print(RunSummary.OfDate summary) {
        StringBuilder text = new StringBuilder();
        text.append('\n').append("driftwatch ─ drift report for run date ").append(summary.runDate()).append('\n');
        for (RunSummary m : summary.monitors()) {
            text.append('\n').append(String.format(Locale.ROOT, "monitor %s (model %s)  window [%s, %s)  rows: baseline %s,"
                    + " current %s%n", m.run().monitor(), m.run().model(), m.run().windowStart(), m.run().windowEnd(),
                    m.run().baselineRows(), m.run().currentRows()));
            if (m.run().rowsScanned() != null) {
                text.append(String.format(Locale.ROOT, "  read from the tables: %d rows; bucket pieces of the window: %d"
                        + " reused, %d profiled%s%n", m.run().rowsScanned(), m.run().bucketsReused(), m.run().bucketsProfiled(),
                        m.run().bucketsSettled() == null || m.run().bucketsSettled() == 0 ? ""
                                : String.format(Locale.ROOT, "; %d of the reused trusted as settled without counting",
                                        m.run().bucketsSettled())));
            }
            text.append(String.format(Locale.ROOT, "  %-24s %-12s %12s %10s  %s%n", "feature", "method", "score", "threshold",
                    "verdict"));
            for (DriftReportRow r : m.rows()) {
                text.append(String.format(Locale.ROOT, "  %-24s %-12s %12s %10s  %s%n", r.feature(), r.method(),
                        r.score() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.score()),
                        String.format(Locale.ROOT, "%.4g", r.threshold()), verdict(r)));
            }
            m.rows().stream().filter(DriftReportRow::drifted).map(DriftReportRow::explanation)
                    .filter(java.util.Objects::nonNull).distinct()
                    .forEach(explanation -> text.append("  what changed: ").append(explanation).append('\n'));
            m.driftedSegments().forEach((segment, rows) -> text.append("  drifted segment ").append(segment).append(": ")
                    .append(String.join(", ", rows.stream().map(r -> r.feature() + " " + r.method()).toList()))
                    .append('\n'));
            if (!m.newSegments().isEmpty()) {
                text.append("  new in the current window: ").append(String.join(", ", m.newSegments().entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + " rows)").toList())).append('\n');
            }
            String reason = m.run().retrainingReason() == null ? "not decided (run " + m.run().status() + ")"
                    : m.run().retrainingReason();
            String task = m.enqueuedTask() ? "task enqueued" : m.task() != null ? "task " + m.task().id() + " already enqueued"
                    : "no task";
            text.append("  retraining: ").append(task).append(" ─ ").append(reason).append('\n');
        }
        text.append('\n').append("retraining tasks enqueued: ").append(summary.tasksEnqueued()).append('\n');
        out.print(text);
        out.flush();
    }

    /** Where driftJob wrote the date's HTML page, as a link a terminal can open. */
    @EventListener
    public void on(RunReportListener.Written event) {
        if (event.page() != null) {
            out.println("HTML report: " + event.page().file().toUri() + " (" + Format.bytes(event.page().bytes()) + ")");
        } else {
            out.println("HTML report not written: " + event.error());
        }
        out.flush();
    }

    /** The pages the report command wrote, one line each. */
    public void reportPages(List<HtmlReports.Written> pages) {
        StringBuilder text = new StringBuilder();
        for (HtmlReports.Written page : pages) {
            text.append(String.format(Locale.ROOT, "%-9s %6d ms  %s%n", Format.bytes(page.bytes()), page.renderMillis(),
                    page.file()));
        }
        out.print(text);
        out.flush();
    }

    /** A JSON document on one line (the canary verdict, for rollout tools that read stdout). */
    public void json(String document) {
        out.println(document);
        out.flush();
    }

    /** Retraining tasks as an operator lists them. */
    public void tasks(List<TaskLine> tasks) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-8s %-20s %-16s %-10s %-17s %-8s %-22s %s%n",
                "id", "model", "monitor", "run_date", "status", "attempts", "available_at", "reason / last error"));
        for (TaskLine t : tasks) {
            String note = t.lastError() != null ? "error: " + t.lastError() : t.reason();
            text.append(String.format(Locale.ROOT, "%-8d %-20s %-16s %-10s %-17s %-8s %-22s %s%n", t.id(), t.model(),
                    t.monitor(), t.runDate(), t.status(), t.attempts() + "/" + t.maxAttempts(),
                    t.availableAt() == null ? "-" : t.availableAt().toString(),
                    note == null ? "" : note.length() > 100 ? note.substring(0, 97) + "..." : note));
        }
        text.append(tasks.size()).append(" task").append(tasks.size() == 1 ? "" : "s").append('\n');
        out.print(text);
        out.flush();
    }

    /** A progress line of a long command (a backfill): what is done, and about how long the rest takes. */
    public void progress(String line) {
        out.println(line);
        out.flush();
    }

    /** The usage ({@code --help}). */
    public void usage(String text) {
        out.print(text);
        out.flush();
    }

    /** The closing line of a process: what happened and the exit code it leaves. */
    public void outcome(ExitCodes code, String message) {
        outcome(code.code(), code, message);
    }

    /** The closing line when the process leaves another code than its outcome's (143 after SIGTERM, or a configured mapping). */
    public void outcome(int processExitCode, ExitCodes code, String message) {
        out.println((code == ExitCodes.COMPLETED ? "" : "driftwatch: ") + message + " [exit " + processExitCode + " "
                + code.name() + "]");
        out.flush();
    }

    private static String verdict(DriftReportRow r) {
        if (r.status() != DriftStatus.OK) {
            return (r.drifted() ? "DRIFT " : "") + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return r.drifted() ? "DRIFT" : "ok";
    }
}
