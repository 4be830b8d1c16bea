package io.driftwatch.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import io.driftwatch.db.SqlIdentifier;

/**
 * One monitored source of one model's features (a table, a query or files), validated. The <em>current
 * window</em> of a run date is {@code [runDate 00:00 - window, runDate 00:00)} in the configured zone; the
 * <em>baseline</em> is a time range of a source, or the whole source.
 */
public record Monitor(String name, String model, Relation source, SqlIdentifier timestampColumn,
                      Baseline baseline, Duration window, List<Feature> features, RetrainingPolicy retraining,
                      SqlIdentifier performanceTable, MethodPlan methods, List<Segmentation> segments) {

    /** A monitor without segments. */
    public Monitor(String name, String model, Relation source, SqlIdentifier timestampColumn, Baseline baseline,
                   Duration window, List<Feature> features, RetrainingPolicy retraining, SqlIdentifier performanceTable,
                   MethodPlan methods) {
        this(name, model, source, timestampColumn, baseline, window, features, retraining, performanceTable, methods,
                List.of());
    }

    /** A monitor of a table, without segments. */
    public Monitor(String name, String model, SqlIdentifier sourceTable, SqlIdentifier timestampColumn, Baseline baseline,
                   Duration window, List<Feature> features, RetrainingPolicy retraining, SqlIdentifier performanceTable,
                   MethodPlan methods) {
        this(name, model, new Relation.Table(sourceTable), timestampColumn, baseline, window, features, retraining,
                performanceTable, methods, List.of());
    }

    /** A monitor of a table with the default method plan. */
    public Monitor(String name, String model, SqlIdentifier sourceTable, SqlIdentifier timestampColumn, Baseline baseline,
                   Duration window, List<Feature> features, RetrainingPolicy retraining, SqlIdentifier performanceTable) {
        this(name, model, sourceTable, timestampColumn, baseline, window, features, retraining, performanceTable,
                MethodPlan.DEFAULT);
    }

    /**
     * The source table, for what only a table allows (bucketed profiles, backfill's one pass).
     *
     * @throws IllegalStateException when the monitor reads a query or files
     */
    public SqlIdentifier sourceTable() {
        if (source instanceof Relation.Table table) {
            return table.name();
        }
        throw new IllegalStateException("monitor " + name + " reads " + source.label() + ", not a table");
    }

    public Monitor {
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestampColumn, "timestampColumn");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(retraining, "retraining");
        Objects.requireNonNull(performanceTable, "performanceTable");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a monitor needs at least one feature");
        }
        segments = List.copyOf(segments);
        if (segments.stream().map(s -> s.column().name()).distinct().count() != segments.size()) {
            throw new IllegalArgumentException("a segment column is listed twice: " + segments);
        }
    }

    /**
     * A segmentation: the rows split by the values of {@code column}. The {@code max} values with the most baseline
     * rows are segments of their own, every other value is pooled in {@link #OTHER}, and rows whose value is NULL
     * form {@link #MISSING}. A segment is labelled {@code column=value} in {@code drift_report.segment}.
     *
     * @param decide whether a segment's drift asks for retraining like the whole population's
     */
    public record Segmentation(SqlIdentifier column, int max, boolean decide) {

        /** The most segments of their own a column may ask for: memory grows with segments times features. */
        public static final int MAX_SEGMENTS = 500;
        /** The value of the pooled segment: every value that is not among the {@code max} most frequent. */
        public static final String OTHER = "(other)";
        /** The value of the segment of rows whose segment column is NULL. */
        public static final String MISSING = "(missing)";
        /** Values longer than this are never segments of their own (they are pooled), so labels fit their column. */
        public static final int MAX_VALUE_LENGTH = 200;

        public Segmentation {
            Objects.requireNonNull(column, "column");
            if (max < 1 || max > MAX_SEGMENTS) {
                throw new IllegalArgumentException("segments max must be in [1, " + MAX_SEGMENTS + "]: " + max);
            }
        }

        /** The label of one of this column's segments, as stored in {@code drift_report.segment}: {@code country=DE}. */
        public String label(String value) {
            return column.name() + "=" + value;
        }
    }

    public Instant windowEnd(LocalDate runDate, ZoneId zone) {
        return runDate.atStartOfDay(zone).toInstant();
    }

    /**
     * The start of the current window. A window of whole days is that many calendar days in {@code zone}: across a
     * daylight-saving change a day has 23 or 25 hours, and consecutive nights' windows meet without a gap or an overlap
     * (counting back 24 hours would read an hour twice in spring and never in autumn). A window in hours is counted
     * back from the end as it is.
     */
    public Instant windowStart(LocalDate runDate, ZoneId zone) {
        long days = window.toDaysPart();
        if (days > 0 && window.equals(java.time.Duration.ofDays(days))) {
            return runDate.minusDays(days).atStartOfDay(zone).toInstant();
        }
        return windowEnd(runDate, zone).minus(window);
    }

    public Feature feature(String featureName) {
        return features.stream().filter(f -> f.name().equals(featureName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("monitor '" + name + "' has no feature '" + featureName + "'"));
    }

    /**
     * Baseline definition: a relation (table, query or files) and a time range of it; {@code from}/{@code to}
     * both null means all of it. {@code version}, when set, identifies the baseline's content for the profile
     * cache instead of its row count.
     */
    public record Baseline(Relation relation, Instant from, Instant to, String version) {
        public Baseline(SqlIdentifier table, Instant from, Instant to, String version) {
            this(new Relation.Table(table), from, to, version);
        }

        public Baseline(SqlIdentifier table, Instant from, Instant to) {
            this(table, from, to, null);
        }

        public Baseline {
            Objects.requireNonNull(relation, "relation");
            if ((from == null) != (to == null)) {
                throw new IllegalArgumentException("baseline from and to must be given together");
            }
            if (from != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("baseline from must be before to: " + from + " >= " + to);
            }
        }

        public boolean isTimeRange() {
            return from != null;
        }
    }

    /**
     * A feature: its report name, its type, the column it is read from, the drift methods listed for
     * it (empty when the monitor selects methods automatically) and optional bin edges of its own.
     */
    public record Feature(String name, io.driftwatch.profile.FeatureType type, SqlIdentifier column, List<MethodSpec> methods,
                          List<Double> edges) {
        public Feature(String name, io.driftwatch.profile.FeatureType type, SqlIdentifier column, List<MethodSpec> methods) {
            this(name, type, column, methods, List.of());
        }

        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(column, "column");
            methods = List.copyOf(methods);
            edges = List.copyOf(edges);
        }
    }

    /** A drift method by its configured name, with the settings (thresholds, binning, ...) it runs with. */
    public record MethodSpec(String name, io.driftwatch.drift.MethodSettings settings) {
        public MethodSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(settings, "settings");
        }

        public double threshold() {
            return settings.threshold();
        }
    }

    /**
     * When a monitor asks for retraining, and the guardrails that keep noisy nights from burning money.
     *
     * @param accuracyFloor    retrain when accuracy is below it (0..1)
     * @param latencyCeiling   retrain when latency in seconds is above it
     * @param driftShare       when set, drift asks for retraining only as dataset drift: at least this share of
     *                         evaluated features drifted (or a critical feature drifted); null: any drifted feature
     * @param criticalFeatures features whose drift alone asks for retraining when {@code driftShare} is set
     * @param minRows          no retraining on a current window with fewer rows (0: no minimum)
     * @param cooldown         no new task within this long after the model's last SUCCEEDED retraining (zero: none)
     * @param maxTasks         at most this many tasks per model per {@code period} (0: unlimited)
     * @param period           the rate-limit period
     * @param approval         new tasks wait in AWAITING_APPROVAL until an operator approves them
     * @param priority         priority of new tasks (higher first)
     * @param maxAttempts      attempts before a task is dead-lettered (FAILED)
     */
    public record RetrainingPolicy(double accuracyFloor, double latencyCeiling, Double driftShare,
                                   List<String> criticalFeatures, long minRows, Duration cooldown, int maxTasks,
                                   Duration period, boolean approval, int priority, int maxAttempts) {

        public static final RetrainingPolicy REFERENCE_DEFAULTS = new RetrainingPolicy(0.78, 0.5);

        /** The reference rules with no guardrails. */
        public RetrainingPolicy(double accuracyFloor, double latencyCeiling) {
            this(accuracyFloor, latencyCeiling, null, List.of(), 0, Duration.ZERO, 0, Duration.ofDays(30), false, 0, 5);
        }

        public RetrainingPolicy {
            if (!(accuracyFloor >= 0 && accuracyFloor <= 1)) {
                throw new IllegalArgumentException("accuracy floor must be in [0, 1]: " + accuracyFloor);
            }
            if (!(latencyCeiling > 0) || Double.isInfinite(latencyCeiling)) {
                throw new IllegalArgumentException("latency ceiling must be a positive number of seconds: " + latencyCeiling);
            }
            if (driftShare != null && !(driftShare > 0 && driftShare <= 1)) {
                throw new IllegalArgumentException("drift share must be in (0, 1]: " + driftShare);
            }
            criticalFeatures = List.copyOf(criticalFeatures);
            if (minRows < 0 || maxTasks < 0 || maxAttempts < 1) {
                throw new IllegalArgumentException("min rows and max tasks must be >= 0 and max attempts >= 1: "
                        + minRows + ", " + maxTasks + ", " + maxAttempts);
            }
            Objects.requireNonNull(cooldown, "cooldown");
            Objects.requireNonNull(period, "period");
            if (cooldown.isNegative() || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("cooldown must be >= 0 and period > 0: " + cooldown + ", " + period);
            }
        }
    }
}
