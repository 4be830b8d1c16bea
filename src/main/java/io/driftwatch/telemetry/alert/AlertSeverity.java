package io.driftwatch.telemetry.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How urgent an incident is, in PagerDuty's four levels; Alertmanager gets the same word as a label. */
public enum AlertSeverity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The word sent to sinks: {@code critical}, {@code error}, {@code warning} or {@code info}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured value, or returns null when it is none of the four. */
    static AlertSeverity parse(String value) {
        return value == null ? null : Arrays.stream(values()).filter(s -> s.value().equals(value.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    static String allowed() {
        return Arrays.stream(values()).map(AlertSeverity::value).collect(Collectors.joining(", "));
    }
}
