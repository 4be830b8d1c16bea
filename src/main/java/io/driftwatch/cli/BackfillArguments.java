package io.driftwatch.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code backfill monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD}: both ends included, at most {@value #MAX_DATES} dates. */
record BackfillArguments(String monitor, LocalDate from, LocalDate to) {

    static final int MAX_DATES = 1_000;
    private static final List<String> ALLOWED = List.of("monitor", "from", "to");
    static final String USAGE = "Usage: backfill monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD";

    static BackfillArguments parse(List<String> args) {
        Map<String, String> values = NamedArguments.parse(args, ALLOWED, USAGE);
        for (String name : ALLOWED) {
            if (values.get(name) == null || values.get(name).isBlank()) {
                throw new UsageException("backfill needs " + name + "=" + (name.equals("monitor") ? "NAME" : "YYYY-MM-DD")
                        + ". " + USAGE);
            }
        }
        LocalDate from = NamedArguments.date("from", values.get("from"));
        LocalDate to = NamedArguments.date("to", values.get("to"));
        NamedArguments.checkRange(from, to, MAX_DATES, "backfill at most " + MAX_DATES + " at a time");
        return new BackfillArguments(values.get("monitor"), from, to);
    }

    List<LocalDate> dates() {
        return NamedArguments.dates(from, to);
    }
}
