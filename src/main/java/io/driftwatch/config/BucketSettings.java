package io.driftwatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.driftwatch.db.SqlIdentifier;

/**
 * How the current side is cut into stored buckets: their {@code width} ({@code driftwatch.bucket}), how long
 * they are kept ({@code driftwatch.bucket-retention}) and, per monitor, the optional version column whose
 * maximum joins each bucket's fingerprint ({@code source.version-column}).
 * <p>
 * The width divides a day, so the buckets of consecutive nights' windows (which end at midnight) fall on the same
 * boundaries, and it divides every monitor's window, so a window is a whole number of buckets (but for a day of 23 or
 * 25 hours at a daylight-saving change, whose remainder is a bucket of its own).
 */
public record BucketSettings(Duration width, Duration retention, Map<String, SqlIdentifier> versionColumns) {

    private static final Duration DAY = Duration.ofDays(1);

    public BucketSettings {
        if (width == null || width.isNegative() || width.isZero() || DAY.toNanos() % width.toNanos() != 0) {
            throw new IllegalArgumentException("bucket width must divide a day: " + width);
        }
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("bucket retention must not be negative: " + retention);
        }
        versionColumns = Map.copyOf(versionColumns);
    }

    /** Daily buckets kept for 90 days, no version columns. */
    public static final BucketSettings DEFAULTS = new BucketSettings(DAY, Duration.ofDays(90), Map.of());

    /** The version column of {@code monitor}, when one is configured. */
    public Optional<SqlIdentifier> versionColumn(String monitor) {
        return Optional.ofNullable(versionColumns.get(monitor));
    }

    /**
     * The settings as configured, checked against the validated monitors.
     *
     * @throws MonitorConfigurationException naming every key that is wrong and its fix
     */
    public static BucketSettings of(DriftwatchProperties properties, List<DriftwatchProperties.MonitorProperties> configured,
                                    List<Monitor> monitors) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        Duration width = ConfigValues.window(null, "driftwatch.bucket", properties.getBucket(), problems);
        if (width != null && DAY.toNanos() % width.toNanos() != 0) {
            problems.add(new ConfigurationProblem(null, "driftwatch.bucket", properties.getBucket(),
                    "a bucket must divide a day, so that consecutive nights share their buckets",
                    "use P1D or a divisor of a day such as PT12H, PT6H or PT1H"));
            width = null;
        }
        Duration retention = ConfigValues.parse(null, "driftwatch.bucket-retention", properties.getBucketRetention(),
                text -> {
                    try {
                        Duration d = Duration.parse(text.trim());
                        if (d.isNegative()) {
                            throw new IllegalArgumentException("negative");
                        }
                        return d;
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException("not an ISO-8601 duration");
                    }
                }, DEFAULTS.retention(), "use days, e.g. P90D (bucket profiles older than the window are kept this long)",
                problems);
        Map<String, SqlIdentifier> versions = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            DriftwatchProperties.MonitorProperties m = configured.get(i);
            String column = m.getSource() == null ? null : m.getSource().getVersionColumn();
            if (column != null && !column.isBlank()) {
                SqlIdentifier id = ConfigValues.identifier(m.getName(), "driftwatch.monitors[" + i + "].source.version-column",
                        column, false, problems);
                if (id != null && m.getName() != null) {
                    versions.put(m.getName(), id);
                }
            }
        }
        if (width != null) {
            for (int i = 0; i < monitors.size(); i++) {
                Monitor monitor = monitors.get(i);
                if (monitor.window().toNanos() % width.toNanos() != 0) {
                    problems.add(new ConfigurationProblem(monitor.name(), "driftwatch.monitors[" + i + "].window",
                            monitor.window().toString(), "the window is not a whole number of buckets of "
                            + properties.getBucket() + " (driftwatch.bucket)",
                            "make the window a multiple of the bucket, or set driftwatch.bucket to a width that divides"
                                    + " it (e.g. PT1H for a window in hours)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MonitorConfigurationException(problems);
        }
        return new BucketSettings(width, retention, versions);
    }

    /** The buckets of {@code window} kept for reuse: the retention, but never less than the window itself. */
    public Duration keptFor(Duration window) {
        return retention.compareTo(window) >= 0 ? retention : window;
    }
}
