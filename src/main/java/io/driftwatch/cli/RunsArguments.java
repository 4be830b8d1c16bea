package io.driftwatch.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runs rerun monitor=NAME runDate=YYYY-MM-DD} or {@code runs rerun monitor=NAME from=YYYY-MM-DD
 * to=YYYY-MM-DD} (both ends included, at most {@value #MAX_DATES} dates).
 */
record RunsArguments(String monitor, LocalDate from, LocalDate to) {

    static final int MAX_DATES = 366;
    static final String USAGE = "Usage: runs rerun monitor=NAME runDate=YYYY-MM-DD | runs rerun monitor=NAME"
            + " from=YYYY-MM-DD to=YYYY-MM-DD";

    static RunsArguments parse(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("rerun")) {
            throw new UsageException((args.isEmpty() ? "runs needs a command. " : "Unknown runs command '" + args.get(0)
                    + "'. ") + USAGE);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args.subList(1, args.size())) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !List.of("monitor", "runDate", "from", "to").contains(name) || values.containsKey(name)) {
                throw new UsageException("Unknown or repeated argument '" + arg + "'. " + USAGE);
            }
            values.put(name, arg.substring(eq + 1));
        }
        String monitor = values.get("monitor");
        if (monitor == null || monitor.isBlank()) {
            throw new UsageException("runs rerun needs monitor=NAME (the monitor whose dates are reprocessed). " + USAGE);
        }
        boolean single = values.containsKey("runDate");
        boolean range = values.containsKey("from") || values.containsKey("to");
        if (single == range || (range && !(values.containsKey("from") && values.containsKey("to")))) {
            throw new UsageException("runs rerun needs either runDate=YYYY-MM-DD or both from=YYYY-MM-DD and to=YYYY-MM-DD. "
                    + USAGE);
        }
        LocalDate from = date(single ? "runDate" : "from", single ? values.get("runDate") : values.get("from"));
        LocalDate to = single ? from : date("to", values.get("to"));
        if (to.isBefore(from)) {
            throw new UsageException("from " + from + " is after to " + to + "; both ends are included, from first");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DATES) {
            throw new UsageException("from " + from + " to " + to + " spans more than " + MAX_DATES
                    + " dates; rerun a year at most at a time");
        }
        return new RunsArguments(monitor, from, to);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " '" + value + "' is not a date. Use " + name + "=YYYY-MM-DD, e.g. " + name
                    + "=2026-03-02");
        }
    }

    List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
