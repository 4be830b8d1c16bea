package io.driftwatch.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.Binning;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.LogBase;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.drift.Smoothing;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.source.SqlIdentifier;

/**
 * Turns {@link DriftwatchProperties} into validated {@link Monitor}s, collecting every problem
 * (not only the first) with the monitor, the key, the value and the fix.
 */
public final class MonitorValidator {

    private static final Pattern MONITOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final DriftMethods methods;

    public MonitorValidator(DriftMethods methods) {
        this.methods = methods;
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
        ZoneId zone = zone(properties);
        List<ConfigurationProblem> problems = new ArrayList<>();
        List<Monitor> monitors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<DriftwatchProperties.Monitor> configured = properties.getMonitors();
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

    private Monitor validate(DriftwatchProperties.Monitor m, String prefix, ZoneId zone, List<ConfigurationProblem> problems) {
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
        }
        SqlIdentifier sourceTable = identifier(name, prefix + ".source.table", m.getSource().getTable(), true, problems);
        SqlIdentifier timestamp = identifier(name, prefix + ".source.timestamp-column", m.getSource().getTimestampColumn(),
                true, problems);
        Duration window = window(name, prefix + ".window", m.getWindow(), problems);

        DriftwatchProperties.Baseline b = m.getBaseline();
        SqlIdentifier baselineTable = b.getTable() == null ? sourceTable
                : identifier(name, prefix + ".baseline.table", b.getTable(), true, problems);
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

        Map<String, Double> thresholds = thresholds(name, prefix, "thresholds", m.getThresholds(), problems);
        Map<String, Double> warnThresholds = thresholds(name, prefix, "warn-thresholds", m.getWarnThresholds(), problems);
        Map<FeatureType, List<String>> methodNames = methodNames(name, prefix, m.getMethods(), problems);
        MethodPlan plan = plan(name, prefix, m, thresholds, warnThresholds, problems);

        List<Monitor.Feature> features = new ArrayList<>();
        Set<String> featureNames = new HashSet<>();
        if (m.getFeatures().isEmpty()) {
            problems.add(new ConfigurationProblem(name, prefix + ".features", null, "no features are configured",
                    "list the columns to watch, e.g. features: [{ name: income, type: numeric }]"));
        }
        for (int j = 0; j < m.getFeatures().size(); j++) {
            DriftwatchProperties.Feature f = m.getFeatures().get(j);
            String key = prefix + ".features[" + j + "]";
            if (f.getName() == null || f.getName().isBlank()) {
                problems.add(new ConfigurationProblem(name, key + ".name", f.getName(), "a feature name is required",
                        "name the feature, e.g. { name: income, type: numeric }"));
                continue;
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
            List<Monitor.MethodSpec> specs = new ArrayList<>();
            for (String methodName : methodNames.getOrDefault(type, List.of())) {
                DriftMethod method = methods.find(methodName).orElse(null);
                if (method == null) {
                    continue; // reported once by methodNames
                }
                if (!method.supports(type)) {
                    problems.add(new ConfigurationProblem(name, prefix + ".methods." + type.name().toLowerCase(Locale.ROOT),
                            methodName, "method " + methodName + " does not apply to " + type.name().toLowerCase(Locale.ROOT)
                            + " features", "remove it from that list"));
                    continue;
                }
                if (plan != null) {
                    try {
                        specs.add(new Monitor.MethodSpec(methodName,
                                plan.overrides().apply(methodName, method.defaultSettings(), edges)));
                    } catch (IllegalArgumentException e) {
                        problems.add(new ConfigurationProblem(name, prefix + ".warn-thresholds." + methodName,
                                String.valueOf(warnThresholds.get(methodName)), e.getMessage(),
                                "a warn threshold sits before the alert threshold: below it for scores, above it for p-values"));
                    }
                }
            }
            if (column != null) {
                features.add(new Monitor.Feature(f.getName(), type, column, specs, edges));
            }
        }
        Monitor.RetrainingPolicy retraining = retraining(name, prefix + ".retraining", m.getRetraining(), featureNames,
                problems);
        SqlIdentifier performance = identifier(name, prefix + ".performance-table", m.getPerformanceTable(), true, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Monitor(name, m.getModel(), sourceTable, timestamp,
                new Monitor.Baseline(baselineTable, from, to, blankToNull(b.getVersion())), window, features, retraining,
                performance, plan);
    }

    private MethodPlan plan(String monitor, String prefix, DriftwatchProperties.Monitor m, Map<String, Double> thresholds,
                            Map<String, Double> warnThresholds, List<ConfigurationProblem> problems) {
        int before = problems.size();
        MethodSelection.Mode selection = parse(monitor, prefix + ".selection", m.getSelection(), MethodSelection.Mode::parse,
                MethodSelection.Mode.DEFAULT, "use selection: default (ours, robust on large windows) or evidently", problems);
        Binning binning = parse(monitor, prefix + ".binning", m.getBinning(), Binning::parse, null,
                "use baseline-deciles, baseline-quantiles:N, sturges, values or evidently (or edges on a feature)", problems);
        Smoothing smoothing = parse(monitor, prefix + ".smoothing", m.getSmoothing(), Smoothing::parse, null,
                "use evidently, laplace or none", problems);
        LogBase logBase = parse(monitor, prefix + ".log-base", m.getLogBase(), LogBase::parse, null, "use e or 2", problems);
        MultipleTesting.Correction correction = parse(monitor, prefix + ".correction", m.getCorrection(),
                t -> MultipleTesting.Correction.parse(t.trim().replace('-', '_')), selection == MethodSelection.Mode.EVIDENTLY
                        ? MultipleTesting.Correction.NONE : MultipleTesting.Correction.BENJAMINI_HOCHBERG,
                "use benjamini-hochberg, bonferroni or none", problems);
        Long minCount = m.getMinCount() == null ? null : count(monitor, prefix + ".min-count", m.getMinCount(), 1, problems);
        Double share = positive(m.getDriftShare());
        if (share == null || share > 1) {
            problems.add(new ConfigurationProblem(monitor, prefix + ".drift-share", m.getDriftShare(),
                    "the dataset drift share must be a fraction in (0, 1]", "e.g. drift-share: 0.5"));
        }
        if (problems.size() > before) {
            return null;
        }
        MethodPlan.Overrides overrides = new MethodPlan.Overrides(thresholds, warnThresholds, binning, smoothing, logBase,
                minCount);
        // Thresholds and warn bands must fit together for every method they name, whichever way it gets chosen.
        for (String method : union(thresholds.keySet(), warnThresholds.keySet())) {
            try {
                overrides.apply(method, methods.require(method).defaultSettings(), List.of());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigurationProblem(monitor, prefix + ".warn-thresholds." + method,
                        String.valueOf(warnThresholds.get(method)), e.getMessage(),
                        "a warn threshold sits before the alert threshold: below it for scores, above it for p-values"));
            }
        }
        return new MethodPlan(selection, overrides, correction, share);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> T parse(String monitor, String key, String value, java.util.function.Function<String, T> parser,
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

    private static List<Double> edges(String monitor, String key, List<String> raw, FeatureType type,
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

    private SqlIdentifier identifier(String monitor, String key, String value, boolean qualified,
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

    private Duration window(String monitor, String key, String value, List<ConfigurationProblem> problems) {
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

    private Instant instant(String monitor, String key, String value, ZoneId zone, List<ConfigurationProblem> problems) {
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

    private Map<String, Double> thresholds(String monitor, String prefix, String property, Map<String, String> raw,
                                           List<ConfigurationProblem> problems) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        raw.forEach((method, value) -> {
            String key = prefix + "." + property + "." + method;
            if (methods.find(method).isEmpty()) {
                problems.add(new ConfigurationProblem(monitor, key, value, "no drift method is called " + method,
                        "use one of " + methods.names()));
                return;
            }
            Double threshold = positive(value);
            boolean pValue = methods.require(method).thresholdKind() == ThresholdKind.P_VALUE_BELOW;
            if (threshold == null || (pValue && threshold > 1)) {
                problems.add(new ConfigurationProblem(monitor, key, value, pValue
                        ? method + " is a test: its threshold is a significance level in (0, 1]"
                        : "a threshold must be a positive finite number",
                        "set e.g. " + method + ": " + methods.require(method).defaultThreshold()));
            } else {
                thresholds.put(method, threshold);
            }
        });
        return thresholds;
    }

    private Map<FeatureType, List<String>> methodNames(String monitor, String prefix, Map<String, List<String>> raw,
                                                       List<ConfigurationProblem> problems) {
        Map<FeatureType, List<String>> byType = new LinkedHashMap<>();
        raw.forEach((typeName, names) -> {
            FeatureType type;
            try {
                type = FeatureType.parse(typeName);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigurationProblem(monitor, prefix + ".methods." + typeName, String.valueOf(names),
                        "unknown feature type " + typeName, "key the method lists by numeric or categorical"));
                return;
            }
            List<String> valid = new ArrayList<>();
            for (String n : names) {
                if (methods.find(n).isEmpty()) {
                    problems.add(new ConfigurationProblem(monitor, prefix + ".methods." + typeName, n,
                            "no drift method is called " + n, "use one of " + methods.names()));
                } else {
                    valid.add(n);
                }
            }
            if (names.isEmpty()) {
                problems.add(new ConfigurationProblem(monitor, prefix + ".methods." + typeName, "[]",
                        "the method list is empty", "name at least one method, or remove the key to let"
                        + " selection choose methods for " + typeName + " features"));
            }
            byType.put(type, valid);
        });
        return byType;
    }

    private Monitor.RetrainingPolicy retraining(String monitor, String prefix, DriftwatchProperties.Retraining r,
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

    private static Long count(String monitor, String key, String value, long min, List<ConfigurationProblem> problems) {
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

    private static Duration duration(String monitor, String key, String value, boolean zeroAllowed,
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Double number(String value) {
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

    private static Double positive(String value) {
        Double d = number(value);
        return d != null && d > 0 ? d : null;
    }
}
