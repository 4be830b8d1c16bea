package io.driftwatch.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import io.driftwatch.job.AbandonedExecutions;
import io.driftwatch.job.RunDateLock;

import io.driftwatch.ExitCodes;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.job.DriftJobConfiguration;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.source.DataCheck;
import io.driftwatch.window.Bucket;
import io.driftwatch.window.BucketBackfill;
import io.driftwatch.window.WindowProfiler;

/**
 * {@code backfill monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD}: a new monitor's history in two passes. First every
 * bucket the dates' windows need is profiled once, in one pass over the source table in time order; then each date
 * runs driftJob for the monitor, which finds its whole window in storage and writes exactly the rows a nightly run
 * of that date writes (drift_run, drift_report, the decision and its retraining task). Dates already completed are
 * skipped and stored buckets are not read again, so the same command resumes a backfill that died and does nothing
 * for one that finished. Exit codes: docs/backfill.md.
 */
public final class BackfillCommand extends NamedCommand {

    static final String WORD = "backfill";

    private static final Logger log = LoggerFactory.getLogger(BackfillCommand.class);

    private final JobOperator jobOperator;
    private final Job driftJob;
    private final MonitorCatalog catalog;
    private final DataCheck check;
    private final JdbcDriftRunDao runs;
    private final BucketBackfill pass;
    private final ConsolePrinter printer;
    private final Clock clock;
    private final AbandonedExecutions abandoned;

    public BackfillCommand(JobOperator jobOperator, Job driftJob, MonitorCatalog catalog,
                           DataCheck check, JdbcDriftRunDao runs, BucketBackfill pass, ConsolePrinter printer, Clock clock,
                           AbandonedExecutions abandoned) {
        super(WORD, true);
        this.jobOperator = jobOperator;
        this.driftJob = driftJob;
        this.catalog = catalog;
        this.check = check;
        this.runs = runs;
        this.pass = pass;
        this.printer = printer;
        this.clock = clock;
        this.abandoned = abandoned;
    }

    @Override
    public Outcome run(List<String> args) {
        BackfillArguments request = BackfillArguments.parse(args);
        Monitor monitor = catalog.find(request.monitor()).orElseThrow(() -> new UsageException("No monitor named '"
                + request.monitor() + "' is configured." + CommandLineCheck.closest(request.monitor(), catalog.monitors()
                .stream().map(Monitor::name).toList()).map(c -> " Did you mean " + c + "?").orElse("") + " Monitors: "
                + catalog.monitors().stream().map(Monitor::name).toList()));
        List<ConfigurationProblem> problems = check.schemaProblems(List.of(monitor));
        if (!problems.isEmpty()) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, new MonitorConfigurationException(problems).getMessage()
                    + "\nFix the listed keys (or the tables) and run the same backfill again; nothing was written.");
        }
        List<String> future = check.missingData(List.of(), request.to(), catalog.zone());
        if (!future.isEmpty()) {
            return new Outcome(ExitCodes.NO_DATA, "backfill to=" + request.to() + " reaches past today; nothing was"
                    + " written: " + future.get(0) + ". Backfill up to yesterday's run date at most.");
        }
        List<LocalDate> open = request.dates().stream().filter(d -> runs.find(monitor.name(), d)
                .map(r -> r.status() != DriftRun.Status.COMPLETED).orElse(true)).toList();
        if (open.isEmpty()) {
            return new Outcome(ExitCodes.COMPLETED, "backfill of monitor " + monitor.name() + " from " + request.from()
                    + " to " + request.to() + ": every date already completed; nothing was read or written");
        }
        if (WindowProfiler.bucketed(monitor, java.util.List.of())) {
            profileBuckets(monitor, open);
        } else {
            printer.progress("backfill " + monitor.name() + ": " + open.size() + " date(s) to run; its source is not a table"
                    + " without segments, so each date reads its own window");
        }
        return runDates(monitor, request, open);
    }

    private void profileBuckets(Monitor monitor, List<LocalDate> dates) {
        List<Bucket> buckets = pass.buckets(monitor, dates, catalog.profileSlices());
        long started = System.nanoTime();
        printer.progress("backfill " + monitor.name() + ": " + dates.size() + " date(s) to run, " + buckets.size()
                + " bucket(s) of their windows to profile or reuse, one pass over " + monitor.sourceTable());
        BucketBackfill.Result result = pass.run(monitor, buckets, (done, total, rows) -> printer.progress(
                "backfill " + monitor.name() + ": buckets " + done + "/" + total + " (" + (total == 0 ? 100 : done * 100L
                        / total) + " %), " + rows + " rows read" + left(started, done, total)));
        log.info("backfill {}: {} bucket(s) reused, {} profiled, {} rows read", monitor.name(), result.reused(),
                result.profiled(), result.rowsScanned());
    }

    private Outcome runDates(Monitor monitor, BackfillArguments request, List<LocalDate> dates) {
        long started = System.nanoTime();
        List<LocalDate> empty = new ArrayList<>();
        int done = 0;
        for (LocalDate date : dates) {
            Outcome outcome = runDate(monitor, date);
            if (outcome.exitCode() == ExitCodes.NO_DATA) {
                empty.add(date);
            } else if (outcome.exitCode() != ExitCodes.COMPLETED) {
                return new Outcome(outcome.exitCode(), outcome.message() + " (backfill: " + done + " of " + dates.size()
                        + " date(s) completed; run the same backfill again to resume from " + date + ")",
                        outcome.execution());
            }
            done++;
            printer.progress("backfill " + monitor.name() + ": " + date + " " + (empty.contains(date) ? "has no rows,"
                    + " skipped" : "completed") + " (" + done + "/" + dates.size() + " dates)" + left(started, done,
                    dates.size()));
        }
        String range = " from " + request.from() + " to " + request.to();
        if (!empty.isEmpty()) {
            return new Outcome(ExitCodes.NO_DATA, "backfill of monitor " + monitor.name() + range + ": " + (dates.size()
                    - empty.size()) + " date(s) completed; " + empty.size() + " had nothing to judge and wrote nothing: "
                    + empty + ". Load their rows and run the same backfill again.");
        }
        return new Outcome(ExitCodes.COMPLETED, "backfill of monitor " + monitor.name() + range + ": " + dates.size()
                + " date(s) completed");
    }

    /** One date, as the nightly run of the date would judge it, limited to the monitor. */
    private Outcome runDate(Monitor monitor, LocalDate date) {
        // The date's own lock, as a night or a rerun of the date holds it: never two processes on the same rows.
        org.springframework.batch.core.job.parameters.JobParameters night = DriftJobConfiguration.parameters(date);
        try (RunDateLock lock = abandoned.lock(DriftJobConfiguration.JOB_NAME, night)) {
            if (!abandoned.claimDate(lock, DriftJobConfiguration.JOB_NAME, night)) {
                return new Outcome(ExitCodes.ALREADY_RUNNING, "driftJob is running runDate=" + date + " in another"
                        + " process right now; nothing was written for it. Run the backfill again once it has finished.");
            }
            return runHoldingTheDate(monitor, date);
        }
    }

    private Outcome runHoldingTheDate(Monitor monitor, LocalDate date) {
        if (!check.missingData(List.of(monitor), date, catalog.zone()).isEmpty()) {
            return new Outcome(ExitCodes.NO_DATA, "no rows for " + date);
        }
        try {
            JobExecution execution = jobOperator.start(driftJob, DriftJobConfiguration.backfillParameters(date,
                    monitor.name(), clock.instant()));
            return DriftCommand.outcome(date, execution);
        } catch (Exception e) {
            log.error("backfill could not start driftJob for monitor {} and runDate={}", monitor.name(), date, e);
            return new Outcome(ExitCodes.UNEXPECTED, "backfill could not start driftJob for monitor " + monitor.name()
                    + " and runDate=" + date + ": " + e.getMessage());
        }
    }

    /** ", about 1 min 20 s left" from the average so far; empty before the first step is done. */
    static String left(long startedNanos, long done, long total) {
        if (done == 0 || done >= total) {
            return "";
        }
        long elapsed = System.nanoTime() - startedNanos;
        long seconds = Math.round(elapsed / 1e9 / done * (total - done));
        Duration d = Duration.ofSeconds(seconds);
        return ", about " + (seconds < 120 ? seconds + " s" : d.toMinutes() + " min " + d.toSecondsPart() + " s") + " left";
    }
}
