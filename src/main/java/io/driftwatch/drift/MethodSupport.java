package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.LinkedHashMap;
import java.util.Map;

/** Argument checks, insufficient-data reasons, verdicts and the count details every method reports. */
final class MethodSupport {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private MethodSupport() {
    }

    static void checkArguments(DriftMethod method, FeatureProfile baseline, FeatureProfile current, double threshold) {
        if (baseline == null || current == null) {
            throw new IllegalArgumentException(method.name() + " needs two profiles but baseline was " + baseline
                    + " and current was " + current);
        }
        if (baseline.type() != current.type()) {
            throw new IllegalArgumentException(method.name() + " compares profiles of one type but baseline is "
                    + baseline.type().configName() + " and current is " + current.type().configName());
        }
        if (!method.supports(baseline.type())) {
            throw new IllegalArgumentException(method.name() + " does not support " + baseline.type().configName()
                    + " features");
        }
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new IllegalArgumentException(method.name() + " threshold must be finite and non-negative but was "
                    + threshold);
        }
    }

    static void checkSettings(DriftMethod method, MethodSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException(method.name() + " needs settings but they were null; start from"
                    + " MethodSettings.defaults(method)");
        }
        if (settings.thresholdKind() != method.thresholdKind()) {
            throw new IllegalArgumentException(method.name() + " thresholds are " + method.thresholdKind().configName()
                    + " but the settings say " + settings.thresholdKind().configName()
                    + "; start from MethodSettings.defaults(method)");
        }
    }

    /** Why the comparison cannot be made, or null when both sides have at least {@code minCount} usable values. */
    static String insufficientDataReason(FeatureProfile baseline, FeatureProfile current, long minCount) {
        boolean baselineShort = baseline.count() < minCount;
        boolean currentShort = current.count() < minCount;
        if (baselineShort && currentShort) {
            String what = baseline.count() == 0 && current.count() == 0 ? "no usable values" : shortfall(minCount);
            return "baseline and current windows have " + what + " (baseline " + describe(baseline)
                    + "; current " + describe(current) + ")";
        }
        if (baselineShort) {
            return "baseline window has " + (baseline.count() == 0 ? "no usable values" : shortfall(minCount))
                    + " (" + describe(baseline) + ")";
        }
        if (currentShort) {
            return "current window has " + (current.count() == 0 ? "no usable values" : shortfall(minCount))
                    + " (" + describe(current) + ")";
        }
        return null;
    }

    private static String shortfall(long minCount) {
        return "fewer than " + minCount + " usable values (min count)";
    }

    /** baseline/current count and missing, plus nan and infinite counts for numeric profiles. */
    static Map<String, Object> countDetails(FeatureProfile baseline, FeatureProfile current) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("baseline_count", baseline.count());
        details.put("current_count", current.count());
        details.put("baseline_missing", baseline.missing());
        details.put("current_missing", current.missing());
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
            details.put("baseline_nan", b.nanCount());
            details.put("current_nan", c.nanCount());
            details.put("baseline_infinite", b.infiniteCount());
            details.put("current_infinite", c.infiniteCount());
        }
        return details;
    }

    /**
     * A scored result: drifted and severity follow from the p-value for {@link ThresholdKind#P_VALUE_BELOW} methods
     * and from the score otherwise.
     */
    static DriftResult verdict(String method, String convention, double score, Double pValue, MethodSettings settings,
                               Map<String, Object> details) {
        double decisive = settings.thresholdKind() == ThresholdKind.P_VALUE_BELOW ? pValue : score;
        Severity severity = settings.severityOf(decisive);
        addWarnThreshold(details, settings);
        return new DriftResult(method, convention, DriftStatus.OK, score, settings.threshold(), pValue,
                severity == Severity.ALERT, details, severity);
    }

    /** Applies the warn band of {@code settings} to a result computed with its alert threshold only. */
    static DriftResult withWarnBand(DriftResult result, MethodSettings settings) {
        if (settings.warnThreshold() == null || result.status() != DriftStatus.OK || result.drifted()) {
            return result;
        }
        Double decisive = settings.thresholdKind() == ThresholdKind.P_VALUE_BELOW ? result.pValue() : result.score();
        Map<String, Object> extra = new LinkedHashMap<>();
        addWarnThreshold(extra, settings);
        DriftResult annotated = result.withDetails(extra);
        if (decisive != null && settings.thresholdKind().crossed(decisive, settings.warnThreshold())) {
            return annotated.withSeverity(Severity.WARN);
        }
        return annotated;
    }

    /** 2·P(Z &gt; |z|) for a standard normal Z, from the survival function (no rounding to 0 below 1e-16). */
    static double twoSidedNormalPValue(double z) {
        return Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
    }

    /** Sum with Neumaier compensation, so the result does not depend on the order of a few terms. */
    static double sum(double[] terms) {
        double plain = 0.0;
        for (double term : terms) {
            plain += term;
        }
        if (!Double.isFinite(plain)) {
            return plain; // an infinite term would turn the compensation into NaN
        }
        double sum = 0.0;
        double compensation = 0.0;
        for (double term : terms) {
            double t = sum + term;
            if (Math.abs(sum) >= Math.abs(term)) {
                compensation += (sum - t) + term;
            } else {
                compensation += (term - t) + sum;
            }
            sum = t;
        }
        return sum + compensation;
    }

    /** Says which profile is sketched, that the number is an estimate, and the method's measured error bound. */
    static String approximation(FeatureProfile baseline, FeatureProfile current, String errorNote) {
        boolean baselineSketch = baseline instanceof NumericProfile b && !b.isExact();
        boolean currentSketch = current instanceof NumericProfile c && !c.isExact();
        String which = baselineSketch && currentSketch ? "both profiles are"
                : baselineSketch ? "the baseline profile is" : "the current profile is";
        return which + " in sketch mode (more distinct values than the exact cap), so the score comes from bucket"
                + " sketch estimates (rank error bound: baseline " + rankBound(baseline) + ", current "
                + rankBound(current) + "); " + errorNote;
    }

    private static String rankBound(FeatureProfile profile) {
        return String.format(java.util.Locale.ROOT, "%.6g", ((NumericProfile) profile).rankErrorBound());
    }

    static String describe(FeatureProfile profile) {
        String text = "count=" + profile.count() + ", missing=" + profile.missing();
        if (profile instanceof NumericProfile numeric) {
            text += ", nan=" + numeric.nanCount() + ", infinite=" + numeric.infiniteCount();
        }
        return text;
    }

    private static void addWarnThreshold(Map<String, Object> details, MethodSettings settings) {
        if (settings.warnThreshold() != null) {
            details.put("warn_threshold", settings.warnThreshold());
        }
    }
}
