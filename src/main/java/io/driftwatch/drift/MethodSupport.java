package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Argument checks, empty-window reasons and the count details every method reports. */
final class MethodSupport {

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

    /** Why the comparison cannot be made, or null when both sides have usable values. */
    static String insufficientDataReason(FeatureProfile baseline, FeatureProfile current) {
        boolean baselineEmpty = baseline.count() == 0;
        boolean currentEmpty = current.count() == 0;
        if (baselineEmpty && currentEmpty) {
            return "baseline and current windows have no usable values (baseline " + describe(baseline)
                    + "; current " + describe(current) + ")";
        }
        if (baselineEmpty) {
            return "baseline window has no usable values (" + describe(baseline) + ")";
        }
        if (currentEmpty) {
            return "current window has no usable values (" + describe(current) + ")";
        }
        return null;
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

    /** Sum with Neumaier compensation, so the result does not depend on the order of a few terms. */
    static double sum(double[] terms) {
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

    private static String describe(FeatureProfile profile) {
        String text = "count=" + profile.count() + ", missing=" + profile.missing();
        if (profile instanceof NumericProfile numeric) {
            text += ", nan=" + numeric.nanCount() + ", infinite=" + numeric.infiniteCount();
        }
        return text;
    }
}
