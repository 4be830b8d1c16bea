package io.driftwatch.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.driftwatch.profile.FeatureType;
import io.driftwatch.source.SqlIdentifier;

/**
 * Parsers for single configuration values. Each either returns the value or records a
 * {@link ConfigurationProblem} naming monitor, key, value and fix, and returns {@code null} (or
 * the given default), so that validation goes on and reports every problem at once.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    static <T> T parse(String monitor, String key, String value, java.util.function.Function<String, T> parser,
                               T absent, String fix, List<ConfigurationProblem> problems) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigurationProblem(monitor, key, value, e.getMessage(), fix));
            return absent;
        }
    }

    static SqlIdentifier identifier(String monitor, String key, String value, boolean qualified,
                                     List<ConfigurationProblem> problems) {
        try {
            SqlIdentifier id = SqlIdentifier.parse(value);
            if (!qualified && id.schema() != null) {
                throw new IllegalArgumentException("a column name cannot be schema-qualified");
            }
            return id;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigurationProblem(monitor, key, value, value == null ? "required" : e.getMessage(),
                    "use a plain table or column name (letters, digits, underscores" + (qualified ? ", optionally schema.table" : "") + ")"));
            return null;
        }
    }

    static Duration window(String monitor, String key, String value, List<ConfigurationProblem> problems) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", value, 0);
            }
            return d;
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new ConfigurationProblem(monitor, key, value, "not a positive ISO-8601 duration",
                    "use days or hours, e.g. P1D (one day), P7D (a week) or PT6H (six hours)"));
            return null;
        }
    }

    static Instant instant(String monitor, String key, String value, ZoneId zone, List<ConfigurationProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e2) {
                problems.add(new ConfigurationProblem(monitor, key, value, "not an ISO-8601 instant or date",
                        "write e.g. 2026-01-01T00:00:00Z or 2026-01-01 (midnight in driftwatch.zone)"));
                return null;
            }
        }
    }

    static List<Double> edges(String monitor, String key, List<String> raw, FeatureType type,
                                      List<ConfigurationProblem> problems) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (type != FeatureType.NUMERIC) {
            problems.add(new ConfigurationProblem(monitor, key, String.valueOf(raw), "bin edges apply to numeric features only",
                    "remove edges from this categorical feature"));
            return List.of();
        }
        List<Double> edges = new ArrayList<>();
        for (String text : raw) {
            Double edge = number(text);
            if (edge == null || (!edges.isEmpty() && edge <= edges.get(edges.size() - 1))) {
                problems.add(new ConfigurationProblem(monitor, key, String.valueOf(raw),
                        "edges must be finite numbers in strictly ascending order", "e.g. edges: [1000, 5000, 20000]"));
                return List.of();
            }
            edges.add(edge);
        }
        return edges;
    }

    static Long count(String monitor, String key, String value, long min, List<ConfigurationProblem> problems) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        problems.add(new ConfigurationProblem(monitor, key, value, "must be a whole number of at least " + min,
                "write e.g. " + key.substring(key.lastIndexOf('.') + 1) + ": " + Math.max(min, 1)));
        return null;
    }

    static Duration duration(String monitor, String key, String value, boolean zeroAllowed,
                                     List<ConfigurationProblem> problems) {
        try {
            Duration d = Duration.parse(value.trim());
            if (!d.isNegative() && (zeroAllowed || !d.isZero())) {
                return d;
            }
        } catch (DateTimeParseException | NullPointerException e) {
            // reported below
        }
        problems.add(new ConfigurationProblem(monitor, key, value, "not a" + (zeroAllowed ? " non-negative" : " positive")
                + " ISO-8601 duration", "use days or hours, e.g. P7D or PT12H"));
        return null;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static Double number(String value) {
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double positive(String value) {
        Double d = number(value);
        return d != null && d > 0 ? d : null;
    }
}
