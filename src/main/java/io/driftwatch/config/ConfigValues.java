package io.driftwatch.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.net.URI;
import java.net.URISyntaxException;

import io.driftwatch.profile.FeatureType;
import io.driftwatch.db.SqlIdentifier;

/**
 * The one kit for checking single configuration values (monitors, alerts, every {@code driftwatch.*}
 * key). Each check either returns the value or records a {@link ConfigurationProblem} naming monitor
 * (null for process-wide keys), key, value and fix, and returns {@code null} (or the given default),
 * so that validation goes on and reports every problem at once.
 */
public final class ConfigValues {

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
                    "use a plain table or column name (letters, digits, underscores" + (qualified ? ", optionally schema.table" : "") + ")"
                            + (qualified ? "" : "; a column named otherwise (with spaces or dashes) can be renamed in a"
                            + " source.query: SELECT \"loan amount\" AS loan_amount, ...")));
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

    /** A positive duration that Spring has already bound (null is a problem too). */
    public static Duration positive(String monitor, String key, Duration value, String fix, List<ConfigurationProblem> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(new ConfigurationProblem(monitor, key, value == null ? null : value.toString(),
                    "must be a positive duration", fix));
            return null;
        }
        return value;
    }

    /** A number Spring has already bound, within {@code [min, max]}. */
    public static boolean inRange(String monitor, String key, double value, double min, double max, String fix,
                                  List<ConfigurationProblem> problems) {
        if (value >= min && value <= max) {
            return true;
        }
        String shown = value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
        String bound = min == Math.rint(min) && max == Math.rint(max) ? "[" + (long) min + ", " + (long) max + "]"
                : "[" + min + ", " + max + "]";
        problems.add(new ConfigurationProblem(monitor, key, shown, "must be in " + bound, fix));
        return false;
    }

    /** An absolute http(s) URL with a host; blank is a problem (check whether it is set first). */
    public static URI httpUrl(String monitor, String key, String value, String fix, List<ConfigurationProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new ConfigurationProblem(monitor, key, value, "must not be blank", fix));
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add(new ConfigurationProblem(monitor, key, value, "is not an http(s) URL", fix));
                return null;
            }
            if (uri.getHost() == null) {
                problems.add(new ConfigurationProblem(monitor, key, value, "has no host", fix));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(new ConfigurationProblem(monitor, key, value, "is not a URL (" + e.getReason() + " at index "
                    + e.getIndex() + ")", fix));
            return null;
        }
    }

    /** One of an enum's constants, written in any case; null (with a problem) for anything else. */
    public static <E extends Enum<E>> E oneOf(String monitor, String key, String value, Class<E> type,
                                              List<ConfigurationProblem> problems) {
        for (E constant : type.getEnumConstants()) {
            if (value != null && constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        problems.add(new ConfigurationProblem(monitor, key, value, "is not one of the allowed values", "use one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "))));
        return null;
    }
    /**
     * The relation that exactly one of {@code table}, {@code query} and {@code files} under {@code key} (e.g.
     * {@code driftwatch.monitors[0].source}) defines; {@code absent} when none is set, null (with a problem)
     * when more than one is set or the one set is invalid.
     */
    static Relation relation(String monitor, String key, String table, String query, String files, Relation absent,
                             List<ConfigurationProblem> problems) {
        List<String> set = new ArrayList<>();
        if (blankToNull(table) != null) {
            set.add("table");
        }
        if (blankToNull(query) != null) {
            set.add("query");
        }
        if (blankToNull(files) != null) {
            set.add("files");
        }
        if (set.size() > 1) {
            problems.add(new ConfigurationProblem(monitor, key + "." + set.get(1), null, "both " + String.join(" and ", set)
                    + " are set", "keep exactly one of table, query and files"));
            return null;
        }
        if (set.isEmpty()) {
            return absent;
        }
        switch (set.get(0)) {
            case "table" -> {
                SqlIdentifier name = identifier(monitor, key + ".table", table, true, problems);
                return name == null ? null : new Relation.Table(name);
            }
            case "query" -> {
                String problem = QueryText.problem(query);
                if (problem != null) {
                    problems.add(new ConfigurationProblem(monitor, key + ".query", abbreviate(query), problem,
                            "write one SELECT (or WITH ... SELECT) statement without ';' separators, e.g. query: SELECT"
                                    + " f.*, c.region FROM features f JOIN customers c ON c.id = f.customer_id"));
                    return null;
                }
                return new Relation.Query(QueryText.statement(query).strip());
            }
            default -> {
                Relation.Format format = Relation.Format.of(files.strip());
                if (format == null) {
                    problems.add(new ConfigurationProblem(monitor, key + ".files", files,
                            "the files' format is told by their ending, and this names neither Parquet nor CSV",
                            "end the path or glob in .parquet, .csv, .csv.gz or .tsv, e.g. /data/features/*.parquet"));
                    return null;
                }
                return new Relation.Files(files.strip(), format);
            }
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
