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
public record BucketSettings(Duration width, Duration retention, Map<String, SqlIdentifier> versionColumns,
                             Duration allowedLateness, Map<String, Duration> allowedLatenessByMonitor) {

    private static final Duration DAY = Duration.ofDays(1);
    private static final String LATENESS_FIX = "use an ISO-8601 duration of zero or more, e.g. P2D or PT6H (rows later"
            + " than this after their bucket ended are not seen until the bucket is profiled again), or leave it unset"
            + " to count every bucket every night";

    public BucketSettings {
        if (width == null || width.isNegative() || width.isZero() || DAY.toNanos() % width.toNanos() != 0) {
            throw new IllegalArgumentException("bucket width must divide a day: " + width);
        }
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("bucket retention must not be negative: " + retention);
        }
        versionColumns = Map.copyOf(versionColumns);
        if (allowedLateness != null && allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
        }
        allowedLatenessByMonitor = Map.copyOf(allowedLatenessByMonitor);
        if (allowedLatenessByMonitor.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLatenessByMonitor);
        }
    }

    /** Without allowed lateness: every stored bucket is counted every night. */
    public BucketSettings(Duration width, Duration retention, Map<String, SqlIdentifier> versionColumns) {
        this(width, retention, versionColumns, null, Map.of());
    }

    /** Daily buckets kept for 90 days, no version columns, no allowed lateness. */
    public static final BucketSettings DEFAULTS = new BucketSettings(DAY, Duration.ofDays(90), Map.of());

    /**
     * How late rows may arrive in {@code monitor}'s buckets ({@code source.allowed-lateness}, else
     * {@code driftwatch.allowed-lateness}): a stored bucket (or cached baseline) whose range had ended this long
     * before its fingerprint was last taken or confirmed is trusted without counting it again. Empty: count every
     * night.
     */
    public Optional<Duration> allowedLateness(String monitor) {
        Duration own = allowedLatenessByMonitor.get(monitor);
        return Optional.ofNullable(own != null ? own : allowedLateness);
    }

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
        Duration lateness = lateness(null, "driftwatch.allowed-lateness", properties.getAllowedLateness(), problems);
        Map<String, Duration> latenessByMonitor = new LinkedHashMap<>();
        Map<String, SqlIdentifier> versions = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            DriftwatchProperties.MonitorProperties m = configured.get(i);
            Duration own = m.getSource() == null ? null : lateness(m.getName(), "driftwatch.monitors[" + i
                    + "].source.allowed-lateness", m.getSource().getAllowedLateness(), problems);
            if (own != null && m.getName() != null) {
                latenessByMonitor.put(m.getName(), own);
            }
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
        return new BucketSettings(width, retention, versions, lateness, latenessByMonitor);
    }

    private static Duration lateness(String monitor, String key, String value, List<ConfigurationProblem> problems) {
        return ConfigValues.parse(monitor, key, value, text -> {
            try {
                Duration d = Duration.parse(text.trim());
                if (d.isNegative()) {
                    throw new IllegalArgumentException("a negative allowed lateness");
                }
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
        }, null, LATENESS_FIX, problems);
    }

    /** The buckets of {@code window} kept for reuse: the retention, but never less than the window itself. */
    public Duration keptFor(Duration window) {
        return retention.compareTo(window) >= 0 ? retention : window;
    }
}
