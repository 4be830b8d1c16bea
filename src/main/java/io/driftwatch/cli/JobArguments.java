package io.driftwatch.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The job parameters given on the command line, in Spring Batch's {@code name=value[,type]} form:
 * {@code runDate=2026-03-02} (or {@code runDate=2026-03-02,java.time.LocalDate}). runDate defaults
 * to today in the configured zone.
 */
public record JobArguments(LocalDate runDate) {

    public static JobArguments parse(List<String> nonOptionArgs, Clock clock, ZoneId zone) {
        LocalDate runDate = null;
        for (String arg : nonOptionArgs) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!"runDate".equals(name)) {
                throw new UsageException("Unknown argument '" + arg + "'. driftJob takes runDate=YYYY-MM-DD;"
                        + " Spring properties are passed with two dashes, e.g. --spring.datasource.url=...");
            }
            String value = arg.substring(eq + 1);
            int comma = value.indexOf(',');
            if (comma >= 0) {
                String type = value.substring(comma + 1).split(",")[0];
                if (!type.equals("java.time.LocalDate")) {
                    throw new UsageException("runDate must be a java.time.LocalDate, got type " + type);
                }
                value = value.substring(0, comma);
            }
            try {
                runDate = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException("runDate '" + value + "' is not a date. Use runDate=YYYY-MM-DD, e.g. runDate="
                        + LocalDate.now(clock.withZone(zone)));
            }
        }
        return new JobArguments(runDate != null ? runDate : LocalDate.now(clock.withZone(zone)));
    }
}
