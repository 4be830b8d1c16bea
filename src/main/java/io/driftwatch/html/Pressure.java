package io.driftwatch.html;

import java.util.Locale;

/**
 * How far past its threshold a method's result is, so that methods on different scales can be ranked: score ÷
 * threshold for scores, threshold ÷ p-value (the adjusted one when there is one) for tests. 1 is on the threshold;
 * infinite for an infinite score or a p-value of 0; 0 when there is no number and no drift.
 */
final class Pressure {

    private Pressure() {
    }

    static double of(String thresholdKind, Double score, Double pValue, Double pValueAdjusted, double threshold,
                     boolean drifted) {
        if ("p_value_below".equalsIgnoreCase(thresholdKind)) {
            Double p = pValueAdjusted != null ? pValueAdjusted : pValue;
            if (p == null) {
                return drifted ? Double.POSITIVE_INFINITY : 0;
            }
            return p == 0 ? Double.POSITIVE_INFINITY : threshold / p;
        }
        if (score == null) {
            return drifted ? Double.POSITIVE_INFINITY : 0;
        }
        return threshold == 0 ? (score > 0 ? Double.POSITIVE_INFINITY : 0) : score / threshold;
    }

    /** {@code 2.31×}, or {@code ∞}. */
    static String text(double pressure) {
        return Double.isInfinite(pressure) ? "∞" : String.format(Locale.ROOT, "%.2f×", pressure);
    }
}
