package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.Map;

/**
 * Shift of the missing share, configuration name {@code "missing_rate"}, for every feature type: a rise (or fall) in
 * NULLs is drift, not something to drop before comparing distributions.
 * <p>
 * For each window, <em>rows</em> = usable values + NULLs + (numeric) NaN + ±Infinity, and the <em>missing share</em>
 * = (NULLs + NaN + ±Infinity) / rows; NULL, NaN and infinite counts are reported separately in details. Score:
 * |current share − baseline share| (absolute difference in share, range [0, 1], symmetric); details give both
 * shares and the {@code direction} ("rise", "fall" or "none"). Default threshold 0.05 (five percentage points);
 * drifted when the score is at or above it. A pooled two-proportion z-test p-value is reported for information
 * (p = 1 when both shares are 0 or both are 1); it does not decide the verdict. Convention:
 * {@code missing_rate:share=(null+nan+inf)/rows,score=abs-difference}.
 * <p>
 * The min count applies to rows, not usable values, so an all-NULL window is scored (share 1) rather than
 * insufficient; a window without any rows is {@link DriftStatus#INSUFFICIENT_DATA}. Counters are exact in both
 * profile modes.
 */
final class MissingRateMethod extends BuiltInMethod {

    static final String NAME = "missing_rate";
    static final String CONVENTION = NAME + ":share=(null+nan+inf)/rows,score=abs-difference";

    MissingRateMethod() {
        super(NAME, ALL_TYPES, ThresholdKind.SCORE_AT_LEAST, 0.05, CONVENTION);
    }

    @Override
    String insufficientDataReason(FeatureProfile baseline, FeatureProfile current, long minCount) {
        boolean baselineShort = rows(baseline) < minCount;
        boolean currentShort = rows(current) < minCount;
        if (!baselineShort && !currentShort) {
            return null;
        }
        String which = baselineShort && currentShort ? "baseline and current windows have"
                : baselineShort ? "baseline window has" : "current window has";
        return which + " fewer than " + minCount + " rows (baseline " + MethodSupport.describe(baseline)
                + "; current " + MethodSupport.describe(current) + ")";
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        long baselineRows = rows(baseline);
        long currentRows = rows(current);
        long baselineMissing = baselineRows - baseline.count();
        long currentMissing = currentRows - current.count();
        double baselineShare = (double) baselineMissing / baselineRows;
        double currentShare = (double) currentMissing / currentRows;
        double score = Math.abs(currentShare - baselineShare);
        details.put("exact", true);
        details.put("baseline_rows", baselineRows);
        details.put("current_rows", currentRows);
        details.put("baseline_missing_share", baselineShare);
        details.put("current_missing_share", currentShare);
        details.put("direction", currentShare > baselineShare ? "rise"
                : currentShare < baselineShare ? "fall" : "none");
        double pooled = (double) (baselineMissing + currentMissing) / (baselineRows + currentRows);
        double p = 1.0;
        if (pooled > 0.0 && pooled < 1.0) {
            double z = (currentShare - baselineShare)
                    / Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineRows + 1.0 / currentRows));
            p = MethodSupport.twoSidedNormalPValue(z);
        }
        return verdict(CONVENTION, score, p, settings, details);
    }

    static long rows(FeatureProfile profile) {
        long rows = profile.count() + profile.missing();
        if (profile instanceof NumericProfile numeric) {
            rows += numeric.nanCount() + numeric.infiniteCount();
        }
        return rows;
    }
}
