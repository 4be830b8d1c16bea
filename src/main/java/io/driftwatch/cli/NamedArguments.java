package io.driftwatch.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the date-range commands ({@code runs rerun}, {@code backfill}) share: {@code name=value} words and dates. */
final class NamedArguments {

    private NamedArguments() {
    }

    /** The words as names to values, each name one of {@code allowed} and given once. */
    static Map<String, String> parse(List<String> args, List<String> allowed, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !allowed.contains(name) || values.containsKey(name)) {
                throw new UsageException("Unknown or repeated argument '" + arg + "'. " + usage);
            }
            values.put(name, arg.substring(eq + 1));
        }
        return values;
    }

    static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " '" + value + "' is not a date. Use " + name + "=YYYY-MM-DD, e.g. " + name
                    + "=2026-03-02");
        }
    }

    /** Checks that {@code [from, to]} runs forwards and holds at most {@code maxDates} dates. */
    static void checkRange(LocalDate from, LocalDate to, int maxDates, String advice) {
        if (to.isBefore(from)) {
            throw new UsageException("from " + from + " is after to " + to + "; both ends are included, from first");
        }
        if (ChronoUnit.DAYS.between(from, to) >= maxDates) {
            throw new UsageException("from " + from + " to " + to + " spans more than " + maxDates + " dates; " + advice);
        }
    }

    /** Every date from {@code from} to {@code to}, both included. */
    static List<LocalDate> dates(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
