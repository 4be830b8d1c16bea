package io.driftwatch.drift;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How a method's threshold turns a number into a verdict. */
public enum ThresholdKind {

    /** Distances and effect sizes: drifted when the score is at least the threshold. */
    SCORE_AT_LEAST,
    /** Hypothesis tests: drifted when the p-value is strictly below the threshold (the significance level). */
    P_VALUE_BELOW;

    /** Lower-case spelling used in details, e.g. {@code "p_value_below"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code value} (a score for {@link #SCORE_AT_LEAST}, a p-value for {@link #P_VALUE_BELOW}) is on the
     * drifted side of {@code threshold}.
     */
    public boolean crossed(double value, double threshold) {
        return this == SCORE_AT_LEAST ? value >= threshold : value < threshold;
    }

    /**
     * A verdict in words, comparing the number this kind judges with the threshold by the operator that applies:
     * {@code psi=0.34 >= 0.1} or {@code psi=0.04 < 0.1} for scores, {@code ks p=0.012 < 0.05 (statistic=0.031)} or
     * {@code ks p=0.2 >= 0.05 (statistic=0.012)} for tests, whose score is the test statistic and never the number
     * compared. Numbers have at most four significant digits (scientific notation below 0.0001), in
     * {@link Locale#ROOT}.
     *
     * @param method    the method's name
     * @param score     the score (for tests: the statistic), null when there is none
     * @param pValue    the p-value compared with the threshold (after any multiple-testing correction), null when
     *                  there is none
     * @param threshold the alert threshold
     * @return for a score method without a score, {@code "<method>: no finite score"}; for a test without a
     *         p-value, {@code "<method>: no p-value"}
     */
    public String describe(String method, Double score, Double pValue, double threshold) {
        return describe(method, score, pValue, null, threshold);
    }

    /**
     * As {@link #describe(String, Double, Double, double)} for a test whose p-value was adjusted for multiple testing:
     * the adjusted value is compared, the raw one named beside the statistic, e.g.
     * {@code ks p_adjusted=0.03 < 0.05 (p=0.004, statistic=0.031)}. A null {@code adjustedPValue} gives the unadjusted
     * form; score methods ignore both p-values.
     */
    public String describe(String method, Double score, Double pValue, Double adjustedPValue, double threshold) {
        if (this == SCORE_AT_LEAST) {
            if (score == null || !Double.isFinite(score)) {
                return method + ": no finite score";
            }
            return method + "=" + compact(score) + " " + operator(score, threshold) + " " + compact(threshold);
        }
        Double compared = adjustedPValue != null ? adjustedPValue : pValue;
        if (compared == null || Double.isNaN(compared)) {
            return method + ": no p-value";
        }
        StringBuilder text = new StringBuilder(method).append(adjustedPValue != null ? " p_adjusted=" : " p=")
                .append(compact(compared)).append(' ').append(operator(compared, threshold)).append(' ')
                .append(compact(threshold));
        String raw = adjustedPValue != null && pValue != null ? "p=" + compact(pValue) : null;
        String statistic = score != null && Double.isFinite(score) ? "statistic=" + compact(score) : null;
        if (raw != null || statistic != null) {
            text.append(" (").append(raw == null ? statistic : statistic == null ? raw : raw + ", " + statistic)
                    .append(')');
        }
        return text.toString();
    }

    private String operator(double value, double threshold) {
        boolean crossed = crossed(value, threshold);
        return this == SCORE_AT_LEAST ? (crossed ? ">=" : "<") : (crossed ? "<" : ">=");
    }

    /** At most four significant digits, trailing zeros dropped; scientific below 1e-4 (not 0) and from 1e6. */
    static String compact(double value) {
        if (value == 0.0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e6) {
            String text = String.format(Locale.ROOT, "%.3e", value);
            int e = text.indexOf('e');
            String mantissa = stripZeros(text.substring(0, e));
            int exponent = Integer.parseInt(text.substring(e + 1));
            return mantissa + "e" + exponent;
        }
        return stripZeros(new BigDecimal(value).round(new MathContext(4)).toPlainString());
    }

    private static String stripZeros(String text) {
        if (text.indexOf('.') < 0) {
            return text;
        }
        String stripped = text.replaceAll("0+$", "");
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
