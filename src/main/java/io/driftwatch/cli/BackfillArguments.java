package io.driftwatch.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code backfill monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD}: both ends included, at most {@value #MAX_DATES} dates. */
record BackfillArguments(String monitor, LocalDate from, LocalDate to) {

    static final int MAX_DATES = 1_000;
    static final String USAGE = "Usage: backfill monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD";

    static BackfillArguments parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !List.of("monitor", "from", "to").contains(name) || values.containsKey(name)) {
                throw new UsageException("Unknown or repeated argument '" + arg + "'. " + USAGE);
            }
            values.put(name, arg.substring(eq + 1));
        }
        for (String name : List.of("monitor", "from", "to")) {
            if (values.get(name) == null || values.get(name).isBlank()) {
                throw new UsageException("backfill needs " + name + "=" + (name.equals("monitor") ? "NAME" : "YYYY-MM-DD")
                        + ". " + USAGE);
            }
        }
        LocalDate from = date("from", values.get("from"));
        LocalDate to = date("to", values.get("to"));
        if (to.isBefore(from)) {
            throw new UsageException("from " + from + " is after to " + to + "; both ends are included, from first");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DATES) {
            throw new UsageException("from " + from + " to " + to + " spans more than " + MAX_DATES
                    + " dates; backfill at most " + MAX_DATES + " at a time");
        }
        return new BackfillArguments(values.get("monitor"), from, to);
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
