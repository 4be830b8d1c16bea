package io.driftwatch.config;

import static io.driftwatch.config.ConfigValues.blankToNull;
import static io.driftwatch.config.ConfigValues.count;
import static io.driftwatch.config.ConfigValues.duration;
import static io.driftwatch.config.ConfigValues.edges;
import static io.driftwatch.config.ConfigValues.identifier;
import static io.driftwatch.config.ConfigValues.instant;
import static io.driftwatch.config.ConfigValues.number;
import static io.driftwatch.config.ConfigValues.positive;
import static io.driftwatch.config.ConfigValues.relation;
import static io.driftwatch.config.ConfigValues.window;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.driftwatch.drift.DriftMethods;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.db.SqlIdentifier;

/**
 * Turns {@link DriftwatchProperties} into validated {@link Monitor}s, collecting every problem
 * (not only the first) with the monitor, the key, the value and the fix. Single values are parsed by
 * {@link ConfigValues}, the drift-method settings checked by {@link MethodPlanValidator}.
 */
public final class MonitorValidator {

    /** The longest model and feature name: the width of the columns that store them. */
    static final int MAX_NAME = 200;

    private static final Pattern MONITOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final MethodPlanValidator plans;

    public MonitorValidator(DriftMethods methods) {
        this.plans = new MethodPlanValidator(methods);
    }

    public ZoneId zone(DriftwatchProperties properties) {
        try {
            return ZoneId.of(properties.getZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new MonitorConfigurationException(List.of(new ConfigurationProblem(null, "driftwatch.zone",
                    properties.getZone(), "not a time zone id", "use a zone id such as UTC or Europe/Berlin")));
        }
    }

    public List<Monitor> validate(DriftwatchProperties properties) {
        return validate(properties, properties.getMonitors());
    }

    /** Validates {@code configured} as the monitors, with the process-wide settings of {@code properties}. */
    public List<Monitor> validate(DriftwatchProperties properties, List<DriftwatchProperties.MonitorProperties> configured) {
        ZoneId zone = zone(properties);
        List<ConfigurationProblem> problems = new ArrayList<>();
        List<Monitor> monitors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (properties.getPartitionThreads() < 1 || properties.getPartitionThreads() > 64) {
            problems.add(new ConfigurationProblem(null, "driftwatch.partition-threads",
                    String.valueOf(properties.getPartitionThreads()), "must be between 1 and 64",
                    "set it to the number of cores the job may use"));
        }
        if (properties.getProfileSlices() < 0 || properties.getProfileSlices() > 256) {
            problems.add(new ConfigurationProblem(null, "driftwatch.profile-slices",
                    String.valueOf(properties.getProfileSlices()), "must be between 0 and 256",
                    "use 0 (one slice per partition thread) or the number of slices to profile in parallel"));
        }
        if (!List.of("local", "remote").contains(properties.getPartitioning())) {
            problems.add(new ConfigurationProblem(null, "driftwatch.partitioning", properties.getPartitioning(),
                    "must be local or remote", "use local (the default, no broker) or remote (workers over RabbitMQ)"));
        }
        if (!List.of("manager", "worker").contains(properties.getRole())) {
            problems.add(new ConfigurationProblem(null, "driftwatch.role", properties.getRole(),
                    "must be manager or worker", "use manager (the default) or worker"));
        } else if (properties.getRole().equals("worker") && !"remote".equals(properties.getPartitioning())) {
            problems.add(new ConfigurationProblem(null, "driftwatch.role", properties.getRole(),
                    "a worker takes partitions from the broker, which only driftwatch.partitioning=remote uses",
                    "start workers (and their managers) with driftwatch.partitioning=remote"));
        }
        for (int i = 0; i < configured.size(); i++) {
            String name = configured.get(i).getName();
            if (name != null && !names.add(name)) {
                problems.add(new ConfigurationProblem(name, "driftwatch.monitors[" + i + "].name", name,
                        "the name is used by another monitor", "give every monitor a unique name"));
            }
            Monitor monitor = validate(configured.get(i), "driftwatch.monitors[" + i + "]", zone, problems);
            if (monitor != null) {
                monitors.add(monitor);
            }
        }
        if (!problems.isEmpty()) {
            throw new MonitorConfigurationException(problems);
        }
        return List.copyOf(monitors);
    }

    private Monitor validate(DriftwatchProperties.MonitorProperties m, String prefix, ZoneId zone, List<ConfigurationProblem> problems) {
        int before = problems.size();
        String name = m.getName();
        if (name == null || !MONITOR_NAME.matcher(name).matches()) {
            problems.add(new ConfigurationProblem(name, prefix + ".name", name,
                    "a monitor name is required and may use letters, digits, '_', '.' and '-' (at most 100)",
                    "name the monitor, e.g. name: loans"));
        }
        if (m.getModel() == null || m.getModel().isBlank()) {
            problems.add(new ConfigurationProblem(name, prefix + ".model", m.getModel(), "a model name is required",
                    "set the model whose features this monitor watches, e.g. model: credit-risk"));
        } else if (m.getModel().length() > MAX_NAME) {
            problems.add(new ConfigurationProblem(name, prefix + ".model", m.getModel(), "a model name has at most "
                    + MAX_NAME + " characters (the width of drift_run.model and retraining_task.model), not "
                    + m.getModel().length(), "use a shorter model name"));
        }
        DriftwatchProperties.SourceProperties sp = m.getSource();
        Relation source = relation(name, prefix + ".source", sp.getTable(), sp.getQuery(), sp.getFiles(), null, problems);
        if (blankToNull(sp.getTable()) == null && blankToNull(sp.getQuery()) == null && blankToNull(sp.getFiles()) == null) {
            problems.add(new ConfigurationProblem(name, prefix + ".source.table", null, "required: the monitor has no source",
                    "set one of source.table (a table), source.query (one SELECT) or source.files (Parquet or CSV files)"));
        }
        SqlIdentifier timestamp = identifier(name, prefix + ".source.timestamp-column", m.getSource().getTimestampColumn(),
                true, problems);
        Duration window = window(name, prefix + ".window", m.getWindow(), problems);

        DriftwatchProperties.BaselineProperties b = m.getBaseline();
        Relation baselineRelation = relation(name, prefix + ".baseline", b.getTable(), b.getQuery(), b.getFiles(), source,
                problems);
        Instant from = instant(name, prefix + ".baseline.from", b.getFrom(), zone, problems);
        Instant to = instant(name, prefix + ".baseline.to", b.getTo(), zone, problems);
        if ((b.getFrom() == null) != (b.getTo() == null)) {
            problems.add(new ConfigurationProblem(name, prefix + ".baseline." + (b.getFrom() == null ? "from" : "to"), null,
                    "a baseline time range needs both from and to",
                    "set both (e.g. from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z), or neither to use the whole table"));
        } else if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new ConfigurationProblem(name, prefix + ".baseline.to", b.getTo(),
                    "the baseline range is empty: to is not after from (" + b.getFrom() + ")", "make to later than from"));
        }

        Map<String, Double> thresholds = plans.thresholds(name, prefix, "thresholds", m.getThresholds(), problems);
        Map<String, Double> warnThresholds = plans.thresholds(name, prefix, "warn-thresholds", m.getWarnThresholds(),
                problems);
        Map<FeatureType, List<String>> methodNames = plans.methodNames(name, prefix, m.getMethods(), problems);
        MethodPlan plan = plans.plan(name, prefix, m, thresholds, warnThresholds, problems);

        List<Monitor.Feature> features = new ArrayList<>();
        Set<String> featureNames = new HashSet<>();
        if (m.getFeatures().isEmpty()) {
            problems.add(new ConfigurationProblem(name, prefix + ".features", null, "no features are configured",
                    "list the columns to watch, e.g. features: [{ name: income, type: numeric }]"));
        }
        for (int j = 0; j < m.getFeatures().size(); j++) {
            DriftwatchProperties.FeatureProperties f = m.getFeatures().get(j);
            String key = prefix + ".features[" + j + "]";
            if (f.getName() == null || f.getName().isBlank()) {
                problems.add(new ConfigurationProblem(name, key + ".name", f.getName(), "a feature name is required",
                        "name the feature, e.g. { name: income, type: numeric }"));
                continue;
            }
            if (f.getName().length() > MAX_NAME) {
                problems.add(new ConfigurationProblem(name, key + ".name", f.getName(), "a feature name has at most "
                        + MAX_NAME + " characters (the width of drift_report.feature), not " + f.getName().length(),
                        "use a shorter name; features[].column names the column when it differs"));
            }
            if (!featureNames.add(f.getName())) {
                problems.add(new ConfigurationProblem(name, key + ".name", f.getName(), "the feature is listed twice",
                        "list each feature once"));
            }
            SqlIdentifier column = identifier(name, key + (f.getColumn() == null ? ".name" : ".column"),
                    f.getColumn() == null ? f.getName() : f.getColumn(), false, problems);
            FeatureType type;
            try {
                type = FeatureType.parse(f.getType());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(new ConfigurationProblem(name, key + ".type", f.getType(), "unknown feature type",
                        "use type: numeric or type: categorical"));
                continue;
            }
            List<Double> edges = edges(name, key + ".edges", f.getEdges(), type, problems);
            List<Monitor.MethodSpec> specs = plans.specs(name, prefix, type, methodNames, plan, warnThresholds, edges,
                    problems);
            if (column != null) {
                features.add(new Monitor.Feature(f.getName(), type, column, specs, edges));
            }
        }
        Monitor.RetrainingPolicy retraining = retraining(name, prefix + ".retraining", m.getRetraining(), featureNames,
                problems);
        SqlIdentifier performance = identifier(name, prefix + ".performance-table", m.getPerformanceTable(), true, problems);
        List<Monitor.Segmentation> segments = segments(name, prefix, m.getSegments(), problems);
        if (problems.size() > before) {
            return null;
        }
        return new Monitor(name, m.getModel(), source, timestamp,
                new Monitor.Baseline(baselineRelation, from, to, blankToNull(b.getVersion())), window, features, retraining,
                performance, plan, segments);
    }

    private static List<Monitor.Segmentation> segments(String monitor, String prefix,
                                                       List<DriftwatchProperties.SegmentProperties> configured,
                                                       List<ConfigurationProblem> problems) {
        List<Monitor.Segmentation> segments = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            DriftwatchProperties.SegmentProperties s = configured.get(i);
            String key = prefix + ".segments[" + i + "]";
            if (s.getColumn() == null || s.getColumn().isBlank()) {
                problems.add(new ConfigurationProblem(monitor, key + ".column", s.getColumn(), "a segment needs a column",
                        "name the column whose values split the rows, e.g. segments: [{ column: country, max: 50 }]"));
                continue;
            }
            SqlIdentifier column = identifier(monitor, key + ".column", s.getColumn(), false, problems);
            Long max = count(monitor, key + ".max", s.getMax(), 1, problems);
            if (max != null && max > Monitor.Segmentation.MAX_SEGMENTS) {
                problems.add(new ConfigurationProblem(monitor, key + ".max", s.getMax(),
                        "at most " + Monitor.Segmentation.MAX_SEGMENTS + " segments of their own per column (memory grows"
                                + " with segments times features)", "use a smaller max; the other values are pooled as "
                                + Monitor.Segmentation.OTHER));
                continue;
            }
            if (column != null && !columns.add(column.name())) {
                problems.add(new ConfigurationProblem(monitor, key + ".column", s.getColumn(), "the segment column is listed twice",
                        "list each segment column once"));
                continue;
            }
            if (column != null && max != null) {
                segments.add(new Monitor.Segmentation(column, max.intValue(), s.isDecide()));
            }
        }
        return segments;
    }










    private Monitor.RetrainingPolicy retraining(String monitor, String prefix, DriftwatchProperties.RetrainingProperties r,
                                                Set<String> featureNames, List<ConfigurationProblem> problems) {
        int before = problems.size();
        Double floor = number(r.getAccuracyFloor());
        Double ceiling = positive(r.getLatencyCeiling());
        if (floor == null || floor < 0 || floor > 1) {
            problems.add(new ConfigurationProblem(monitor, prefix + ".accuracy-floor", r.getAccuracyFloor(),
                    "the accuracy floor must be a number in [0, 1]", "use a fraction, e.g. accuracy-floor: 0.78"));
        }
        if (ceiling == null) {
            problems.add(new ConfigurationProblem(monitor, prefix + ".latency-ceiling", r.getLatencyCeiling(),
                    "the latency ceiling must be a positive number of seconds", "use seconds, e.g. latency-ceiling: 0.5"));
        }
        Double share = r.getDriftShare() == null ? null : positive(r.getDriftShare());
        if (r.getDriftShare() != null && (share == null || share > 1)) {
            problems.add(new ConfigurationProblem(monitor, prefix + ".drift-share", r.getDriftShare(),
                    "the drift share must be a fraction in (0, 1]", "e.g. drift-share: 0.5 (half of the features),"
                    + " or remove it to retrain on any drifted feature"));
        }
        for (String critical : r.getCriticalFeatures()) {
            if (!featureNames.contains(critical)) {
                problems.add(new ConfigurationProblem(monitor, prefix + ".critical-features", critical,
                        "not a feature of this monitor", "list feature names from features: " + featureNames));
            }
        }
        Long minRows = count(monitor, prefix + ".min-rows", r.getMinRows(), 0, problems);
        Long maxTasks = count(monitor, prefix + ".max-tasks", r.getMaxTasks(), 0, problems);
        Long maxAttempts = count(monitor, prefix + ".max-attempts", r.getMaxAttempts(), 1, problems);
        Duration cooldown = duration(monitor, prefix + ".cooldown", r.getCooldown(), true, problems);
        Duration period = duration(monitor, prefix + ".period", r.getPeriod(), false, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Monitor.RetrainingPolicy(floor, ceiling, share, r.getCriticalFeatures(), minRows, cooldown,
                maxTasks.intValue(), period, r.isApproval(), r.getPriority(), maxAttempts.intValue());
    }





}
