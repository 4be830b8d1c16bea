package io.driftwatch.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code runs rerun monitor=NAME runDate=YYYY-MM-DD} or {@code runs rerun monitor=NAME from=YYYY-MM-DD
 * to=YYYY-MM-DD} (both ends included, at most {@value #MAX_DATES} dates).
 */
record RunsArguments(String monitor, LocalDate from, LocalDate to) {

    static final int MAX_DATES = 366;
    private static final List<String> ALLOWED = List.of("monitor", "runDate", "from", "to");
    static final String USAGE = "Usage: runs rerun monitor=NAME runDate=YYYY-MM-DD | runs rerun monitor=NAME"
            + " from=YYYY-MM-DD to=YYYY-MM-DD";

    static RunsArguments parse(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("rerun")) {
            throw new UsageException((args.isEmpty() ? "runs needs a command. " : "Unknown runs command '" + args.get(0)
                    + "'. ") + USAGE);
        }
        Map<String, String> values = NamedArguments.parse(args.subList(1, args.size()), ALLOWED, USAGE);
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
        LocalDate from = NamedArguments.date(single ? "runDate" : "from", single ? values.get("runDate") : values.get("from"));
        LocalDate to = single ? from : NamedArguments.date("to", values.get("to"));
        NamedArguments.checkRange(from, to, MAX_DATES, "rerun a year at most at a time");
        return new RunsArguments(monitor, from, to);
    }

    List<LocalDate> dates() {
        return NamedArguments.dates(from, to);
    }
}
