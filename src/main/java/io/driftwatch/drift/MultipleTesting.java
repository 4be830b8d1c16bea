package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Corrections of the p-values of one monitor's features for testing many features at once, so that a p-value
 * method's false alarms do not grow with the number of features. Both return adjusted p-values in the input order;
 * compare them with the unadjusted significance level.
 */
public final class MultipleTesting {

    /**
     * One p-value test of a family.
     *
     * @param pValue    the test's own p-value
     * @param alpha     the significance level: drifted when the adjusted p-value is strictly below it
     * @param warnAlpha the optional warn level (WARN when only it is crossed), or null
     */
    public record Test(double pValue, double alpha, Double warnAlpha) {
    }

    /** A test judged after correction: its adjusted p-value, whether it is drifted, and its severity. */
    public record Judged(double adjusted, boolean drifted, Severity severity) {
    }

    /**
     * Corrects the p-values of a family of tests together and judges each on its adjusted p-value, against
     * its own levels. Returns the judgements in the input order.
     */
    public static List<Judged> judge(Correction correction, List<Test> tests) {
        double[] adjusted = correction.adjust(tests.stream().mapToDouble(Test::pValue).toArray());
        List<Judged> judged = new ArrayList<>(tests.size());
        for (int i = 0; i < adjusted.length; i++) {
            Test test = tests.get(i);
            Severity severity = Severity.of(ThresholdKind.P_VALUE_BELOW, adjusted[i], test.alpha(), test.warnAlpha());
            judged.add(new Judged(adjusted[i], severity == Severity.ALERT, severity));
        }
        return judged;
    }

    /** A correction, by configuration name. */
    public enum Correction {
        /** Benjamini-Hochberg: controls the false discovery rate; the default. */
        BENJAMINI_HOCHBERG("benjamini_hochberg"),
        /** Bonferroni: controls the family-wise error rate; stricter. */
        BONFERRONI("bonferroni"),
        /** No correction. */
        NONE("none");

        private final String configName;

        Correction(String configName) {
            this.configName = configName;
        }

        /** The configuration spelling, e.g. {@code "benjamini_hochberg"}. */
        public String configName() {
            return configName;
        }

        /** Adjusted p-values in input order. */
        public double[] adjust(double[] pValues) {
            return switch (this) {
                case BENJAMINI_HOCHBERG -> benjaminiHochberg(pValues);
                case BONFERRONI -> bonferroni(pValues);
                case NONE -> checked(pValues).clone();
            };
        }

        /**
         * Parses a configuration spelling ({@code benjamini_hochberg} or {@code bh}, {@code bonferroni}, {@code none}),
         * ignoring case and blanks.
         *
         * @throws IllegalArgumentException naming the allowed spellings otherwise
         */
        public static Correction parse(String text) {
            String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (value.equals("bh")) {
                return BENJAMINI_HOCHBERG;
            }
            for (Correction correction : values()) {
                if (correction.configName.equals(value)) {
                    return correction;
                }
            }
            throw new IllegalArgumentException("multiple-testing correction must be one of [benjamini_hochberg, bh,"
                    + " bonferroni, none] but was " + (text == null ? "null" : "'" + text + "'"));
        }
    }

    private MultipleTesting() {
    }

    /**
     * Benjamini-Hochberg adjusted p-values, as {@code scipy.stats.false_discovery_control(p, method='bh')} and
     * statsmodels' {@code multipletests(p, method='fdr_bh')}: with p sorted ascending and m values,
     * {@code adjusted_(i) = min over k >= i of min(1, p_(k) * (m / k))}.
     *
     * @throws IllegalArgumentException if a p-value is NaN or outside [0, 1]
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        double[] p = checked(pValues);
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = Double.POSITIVE_INFINITY;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            running = Math.min(running, p[index] * ((double) m / rank));
            adjusted[index] = Math.min(1.0, Math.max(0.0, running));
        }
        return adjusted;
    }

    /**
     * Bonferroni adjusted p-values, {@code min(1, p * m)} for m values, as statsmodels'
     * {@code multipletests(p, method='bonferroni')}.
     *
     * @throws IllegalArgumentException if a p-value is NaN or outside [0, 1]
     */
    public static double[] bonferroni(double[] pValues) {
        double[] p = checked(pValues);
        double[] adjusted = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            adjusted[i] = Math.min(1.0, p[i] * p.length);
        }
        return adjusted;
    }

    private static double[] checked(double[] pValues) {
        if (pValues == null) {
            throw new IllegalArgumentException("p-values must not be null");
        }
        for (int i = 0; i < pValues.length; i++) {
            if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0)) {
                throw new IllegalArgumentException("p-values must be within [0, 1] but p[" + i + "] was "
                        + pValues[i]);
            }
        }
        return pValues;
    }
}
