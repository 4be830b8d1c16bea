package io.driftwatch.cli;

import java.time.LocalDate;
import java.util.List;

import io.driftwatch.ExitCodes;

/**
 * {@code runs rerun monitor=NAME runDate=D} (or {@code from=D to=D}): reprocesses completed dates of one
 * monitor on purpose, date after date, stopping at the first that does not complete. A reprocessed run
 * keeps its {@code drift_run} row (and id, so its retraining task stays linked) and has its report rows
 * replaced, never duplicated; a retraining task is not enqueued twice for a date, and the queue's
 * {@code retrain:<model>} key still allows one open task per model.
 */
public final class RunsCommand extends NamedCommand {

    static final String WORD = "runs";

    private final DriftCommand drift;

    public RunsCommand(DriftCommand drift) {
        super(WORD, true);
        this.drift = drift;
    }

    @Override
    public Outcome run(List<String> args) {
        RunsArguments request = RunsArguments.parse(args);
        List<LocalDate> dates = request.dates();
        Outcome last = null;
        int done = 0;
        for (LocalDate date : dates) {
            last = drift.rerun(request.monitor(), date);
            if (last.exitCode() != ExitCodes.COMPLETED) {
                String left = done == 0 ? "" : " (" + done + " earlier date(s) reprocessed; rerun from=" + date + " to="
                        + request.to() + " for the rest)";
                return new Outcome(last.exitCode(), last.message() + left, last.execution());
            }
            done++;
        }
        if (dates.size() == 1) {
            return last;
        }
        return new Outcome(ExitCodes.COMPLETED, "driftJob reprocessed monitor " + request.monitor() + " for " + dates.size()
                + " dates, " + request.from() + " to " + request.to(), last.execution());
    }
}
