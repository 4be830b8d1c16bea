package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What changed in a feature, in its own units, for a person: read from the two profiles alone, so it is the same
 * whichever method flagged the feature.
 * <ul>
 *   <li>numeric: the median with its move in baseline σ (population standard deviation), and whichever of p10 and
 *       p90 moved further: {@code income: median 52,100 → 61,800 (+0.45 σ); p90 88,000 → 104,500};</li>
 *   <li>categorical: the largest category unseen in the baseline
 *       ({@code plan: new category 'enterprise' at 5.0% (unseen in baseline)}) and the category whose share moved
 *       most ({@code region: 'north' 30.0% → 20.0% (−10.0 points)});</li>
 *   <li>either type: the missing share (NULL, NaN, ±Infinity) when it moved by at least {@value #MISSING_POINTS}
 *       point: {@code debt_ratio: missing 1.0% → 15.0%}; if nothing else moved, that alone.</li>
 * </ul>
 * Numbers have four significant digits, thousands grouped; shares one decimal. A sketch-mode categorical profile names
 * hash buckets where its categories are not named.
 */
public final class Explanations {

    /** The missing share is mentioned when it moved by at least this many percentage points. */
    static final double MISSING_POINTS = 1.0;
    /** Value moves below this many baseline σ (and share moves below 0.5 points) count as unchanged. */
    private static final double NEGLIGIBLE_SIGMA = 0.05;
    private static final double NEGLIGIBLE_POINTS = 0.5;
    private static final int MAX_LENGTH = 500;

    private Explanations() {
    }

    /**
     * The explanation of one feature, {@code "<feature>: <what changed>"}, at most 500 characters.
     *
     * @throws IllegalArgumentException if the name is blank, a profile is null or the types differ
     */
    public static String explain(String feature, FeatureProfile baseline, FeatureProfile current) {
        if (feature == null || feature.isBlank() || baseline == null || current == null
                || baseline.type() != current.type()) {
            throw new IllegalArgumentException("an explanation needs a feature name and two profiles of one type but"
                    + " got " + feature + ", " + baseline + " and " + current);
        }
        List<String> parts = new ArrayList<>();
        String missing = missing(baseline, current);
        List<String> values = baseline instanceof NumericProfile b
                ? numeric(b, (NumericProfile) current, missing != null)
                : categorical((CategoricalProfile) baseline, (CategoricalProfile) current);
        if (missing != null) {
            parts.add(missing);
        }
        parts.addAll(values);
        if (parts.isEmpty()) {
            parts.add(baseline.count() > 0 && current.count() > 0
                    ? "no visible change in shares or missing values"
                    : "no usable values in the " + (baseline.count() == 0 ? "baseline" : "current") + " window");
        }
        String text = feature + ": " + String.join("; ", parts);
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String missing(FeatureProfile baseline, FeatureProfile current) {
        long baselineRows = MissingRateMethod.rows(baseline);
        long currentRows = MissingRateMethod.rows(current);
        if (baselineRows == 0 || currentRows == 0) {
            return null;
        }
        double before = 100.0 * (baselineRows - baseline.count()) / baselineRows;
        double after = 100.0 * (currentRows - current.count()) / currentRows;
        if (Math.abs(after - before) < MISSING_POINTS) {
            return null;
        }
        return "missing " + percent(before) + " → " + percent(after);
    }

    private static List<String> numeric(NumericProfile baseline, NumericProfile current, boolean missingMoved) {
        if (baseline.count() == 0 || current.count() == 0) {
            return List.of();
        }
        double sigma = baseline.populationStd();
        double medianBefore = baseline.quantile(0.5);
        double medianAfter = current.quantile(0.5);
        double lowBefore = baseline.quantile(0.1);
        double lowAfter = current.quantile(0.1);
        double highBefore = baseline.quantile(0.9);
        double highAfter = current.quantile(0.9);
        boolean useHigh = Math.abs(highAfter - highBefore) >= Math.abs(lowAfter - lowBefore);
        double tailMove = useHigh ? Math.abs(highAfter - highBefore) : Math.abs(lowAfter - lowBefore);
        double medianMove = Math.abs(medianAfter - medianBefore);
        if (missingMoved && sigma > 0 && Double.isFinite(sigma) && medianMove < NEGLIGIBLE_SIGMA * sigma
                && tailMove < NEGLIGIBLE_SIGMA * sigma) {
            return List.of();
        }
        String median = "median " + number(medianBefore) + " → " + number(medianAfter);
        if (sigma > 0 && Double.isFinite(sigma)) {
            median += " (" + signed((medianAfter - medianBefore) / sigma, 2) + " σ)";
        }
        String tail = useHigh ? "p90 " + number(highBefore) + " → " + number(highAfter)
                : "p10 " + number(lowBefore) + " → " + number(lowAfter);
        return List.of(median, tail);
    }

    private static List<String> categorical(CategoricalProfile baseline, CategoricalProfile current) {
        if (baseline.count() == 0 || current.count() == 0) {
            return List.of();
        }
        CategoricalProfile[] comparable = CategoricalProfile.comparable(baseline, current);
        Map<String, Long> before = comparable[0].counts();
        String novel = null;
        long novelCount = 0;
        for (Map.Entry<String, Long> entry : comparable[1].counts().entrySet()) {
            if (!before.containsKey(entry.getKey()) && entry.getValue() > novelCount) {
                novel = entry.getKey();
                novelCount = entry.getValue();
            }
        }
        String moved = null;
        double move = 0;
        double moveBefore = 0;
        double moveAfter = 0;
        for (String category : Categories.union(comparable[0], comparable[1])) {
            double b = 100.0 * comparable[0].countOf(category) / baseline.count();
            double c = 100.0 * comparable[1].countOf(category) / current.count();
            if (b > 0 && Math.abs(c - b) > move) {
                moved = category;
                move = Math.abs(c - b);
                moveBefore = b;
                moveAfter = c;
            }
        }
        List<String> parts = new ArrayList<>();
        double novelShare = 100.0 * novelCount / current.count();
        if (novel != null && novelShare >= NEGLIGIBLE_POINTS) {
            parts.add("new category " + quote(novel) + " at " + percent(novelShare) + " (unseen in baseline)");
        }
        if (moved != null && move >= NEGLIGIBLE_POINTS) {
            parts.add(quote(moved) + " " + percent(moveBefore) + " → " + percent(moveAfter) + " ("
                    + signed(moveAfter - moveBefore, 1) + " points)");
        }
        return parts;
    }

    private static String quote(String category) {
        String shown = category.length() <= 60 ? category : category.substring(0, 59) + "…";
        return "'" + shown + "'";
    }

    /** A share in percent with one decimal, e.g. {@code 5.0%}. */
    static String percent(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** A signed number with a true minus sign, e.g. {@code +0.45} or {@code −10.0}. */
    static String signed(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value));
        boolean zero = Double.parseDouble(text) == 0.0;
        return (zero ? "±" : value > 0 ? "+" : "−") + text;
    }

    /** Four significant digits, thousands grouped (52,100; 104,500; 0.4512); scientific from 1e15 and below 1e-4. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0.0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e15 || magnitude < 1e-4) {
            return ThresholdKind.compact(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN));
        if (magnitude >= 1000) {
            DecimalFormat grouped = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return grouped.format(rounded);
        }
        return ThresholdKind.compact(rounded.doubleValue());
    }
}
