package io.driftwatch.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.driftwatch.ExitCodes;
import io.driftwatch.html.Format;
import io.driftwatch.html.HtmlReports;
import io.driftwatch.html.JdbcReportReader;

/**
 * Renders HTML pages from the database alone:
 * <pre>
 *   report [monitor=NAME] [from=YYYY-MM-DD] [to=YYYY-MM-DD] [out=DIR]
 * </pre>
 * writes {@code DIR/history.html} (default DIR {@code driftwatch-report}) and one page per run date in the range.
 * {@code to} defaults to the latest run date, {@code from} to 29 days before {@code to}. Exit code 2 for unusable
 * arguments and for a range without any run (the message names the runs there are).
 */
public final class ReportCommand extends NamedCommand {

    static final String USAGE = "Usage: report [monitor=NAME] [from=YYYY-MM-DD] [to=YYYY-MM-DD] [out=DIR]";
    static final int DEFAULT_DAYS = 30;

    private final HtmlReports reports;
    private final JdbcReportReader reader;
    private final ConsolePrinter printer;

    public ReportCommand(HtmlReports reports, JdbcReportReader reader, ConsolePrinter printer) {
        super("report", true);
        this.reports = reports;
        this.reader = reader;
        this.printer = printer;
    }

    @Override
    public Outcome run(List<String> args) {
        String monitor = null;
        LocalDate from = null;
        LocalDate to = null;
        Path out = Path.of("driftwatch-report");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1).trim();
            switch (key) {
                case "monitor" -> monitor = nonEmpty(key, value);
                case "from" -> from = date(key, value);
                case "to" -> to = date(key, value);
                case "out" -> out = Path.of(nonEmpty(key, value));
                default -> throw new UsageException("Unknown argument '" + arg + "'. " + USAGE);
            }
        }
        if (to == null) {
            to = reader.latestRunDate(monitor);
            if (to == null) {
                return nothing(monitor, "");
            }
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        if (from.isAfter(to)) {
            throw new UsageException("from=" + from + " is after to=" + to + ". " + USAGE);
        }
        List<LocalDate> dates = runDates(monitor, from, to);
        if (dates.isEmpty()) {
            return nothing(monitor, " between " + from + " and " + to);
        }
        List<HtmlReports.Written> written = reports.writeHistory(out, from, to, monitor, dates);
        long bytes = written.stream().mapToLong(HtmlReports.Written::bytes).sum();
        long millis = written.stream().mapToLong(HtmlReports.Written::renderMillis).sum();
        printer.reportPages(written);
        return new Outcome(ExitCodes.COMPLETED, "report: " + written.size() + " page(s), " + Format.bytes(bytes)
                + ", rendered in " + millis + " ms; open " + written.get(0).file().toUri());
    }

    private List<LocalDate> runDates(String monitor, LocalDate from, LocalDate to) {
        if (monitor == null) {
            return reader.runDatesBetween(from, to);
        }
        return reader.runsBetween(from, to).stream().filter(r -> r.monitor().equals(monitor))
                .map(JdbcReportReader.Run::runDate).distinct().sorted().toList();
    }

    private Outcome nothing(String monitor, String range) {
        String who = monitor == null ? "any monitor" : "monitor '" + monitor + "'";
        return new Outcome(ExitCodes.INVALID_CONFIGURATION, "report: no run of " + who + range + "; the database holds "
                + reader.span(monitor) + ". Pick from=/to= within that range" + (monitor == null ? "" : " or another monitor")
                + "; nothing was written");
    }

    private static String nonEmpty(String key, String value) {
        if (value.isEmpty()) {
            throw new UsageException(key + "= needs a value. " + USAGE);
        }
        return value;
    }

    private static LocalDate date(String key, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(key + " must be a date YYYY-MM-DD, got '" + value + "'. " + USAGE);
        }
    }
}
