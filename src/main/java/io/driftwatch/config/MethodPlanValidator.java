package io.driftwatch.config;

import static io.driftwatch.config.ConfigValues.count;
import static io.driftwatch.config.ConfigValues.parse;
import static io.driftwatch.config.ConfigValues.positive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.driftwatch.drift.Binning;
import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.LogBase;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.drift.Smoothing;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureType;

/**
 * The drift-method part of a monitor's configuration: thresholds and warn bands, explicit method
 * lists per feature type, selection, binning, smoothing, log base, correction and drift share,
 * checked against the registered {@link DriftMethods}.
 */
final class MethodPlanValidator {

    private final DriftMethods methods;

    MethodPlanValidator(DriftMethods methods) {
        this.methods = methods;
    }

    MethodPlan plan(String monitor, String prefix, DriftwatchProperties.MonitorProperties m, Map<String, Double> thresholds,
                            Map<String, Double> warnThresholds, List<ConfigurationProblem> problems) {
        int before = problems.size();
        MethodSelection.Mode selection = parse(monitor, prefix + ".selection", m.getSelection(), MethodSelection.Mode::parse,
                MethodSelection.Mode.DEFAULT, "use selection: effects (the default), linf (the default before effects) or evidently", problems);
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

    /** The explicit methods of one feature, with the monitor's overrides applied; problems are recorded. */
    List<Monitor.MethodSpec> specs(String monitor, String prefix, FeatureType type, Map<FeatureType, List<String>> methodNames,
                                   MethodPlan plan, Map<String, Double> warnThresholds, List<Double> edges,
                                   List<ConfigurationProblem> problems) {
        List<Monitor.MethodSpec> specs = new ArrayList<>();
        for (String methodName : methodNames.getOrDefault(type, List.of())) {
            DriftMethod method = methods.find(methodName).orElse(null);
            if (method == null) {
                continue; // reported once by methodNames
            }
            if (!method.supports(type)) {
                problems.add(new ConfigurationProblem(monitor, prefix + ".methods." + type.name().toLowerCase(Locale.ROOT),
                        methodName, "method " + methodName + " does not apply to " + type.name().toLowerCase(Locale.ROOT)
                        + " features", "remove it from that list"));
                continue;
            }
            if (plan != null) {
                try {
                    specs.add(new Monitor.MethodSpec(methodName,
                            plan.overrides().apply(methodName, method.defaultSettings(), edges)));
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigurationProblem(monitor, prefix + ".warn-thresholds." + methodName,
                            String.valueOf(warnThresholds.get(methodName)), e.getMessage(),
                            "a warn threshold sits before the alert threshold: below it for scores, above it for p-values"));
                }
            }
        }
        return specs;
    }

    Map<String, Double> thresholds(String monitor, String prefix, String property, Map<String, String> raw,
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

    Map<FeatureType, List<String>> methodNames(String monitor, String prefix, Map<String, List<String>> raw,
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

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
