package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Automatic choice of drift methods and settings for one feature from its two profiles.
 * <p>
 * <b>{@link Mode#EVIDENTLY}</b> reproduces Evidently's {@code _get_default_stattest} and its defaults, one method
 * per feature. With <em>rows</em> = the baseline's usable values and <em>n</em> = distinct values of both windows
 * together:
 * <ul>
 *   <li>rows ≤ 1000, numeric: n ≤ 5 ? (n &gt; 2 ? chisquare : z) : ks; categorical: n &gt; 2 ? chisquare : z
 *       (p-value tests, drifted when p &lt; 0.05);</li>
 *   <li>rows &gt; 1000, numeric: n ≤ 5 ? js : wasserstein_norm; categorical: js (drifted when ≥ 0.1), with
 *       Evidently's JS: natural-log distance, no smoothing, {@link Binning#evidently()} bins.</li>
 * </ul>
 * A sketch-mode numeric profile counts as having more than 20 distinct values (its cap was exceeded; caps below 20
 * cannot reproduce Evidently's rule). Where Evidently would run a test (ks, chisquare or z) but a profile is in
 * sketch mode, whose exact counts those tests need ({@link DriftStatus#UNSUPPORTED} otherwise), it takes Evidently's
 * choice for larger references instead (normed Wasserstein or Jensen-Shannon) and says so in the reason.
 * <p>
 * <b>{@link Mode#EFFECTS}</b>, the default, runs one method, {@code effects} ({@link EffectsMethod}): a feature
 * drifted when a practically meaningful effect (location, spread, tails, shape, category shares, new categories,
 * missing share) is beyond sampling noise for both window sizes.
 * <p>
 * <b>{@link Mode#LINF}</b>, the default before {@code effects}, is designed against false alarms, at both ends of the sample size. With
 * <em>small</em> = min(baseline, current usable values):
 * <ul>
 *   <li>small ≥ {@value #LARGE_WINDOW}: {@code linf} at 0.1 for numeric and categorical features. Its false-alarm
 *       rate when nothing changed depends only on the window sizes (for numeric features it is the KS statistic):
 *       P(D ≥ 0.1) is about 1e-4 at 1000 vs 1000 rows and falls as windows grow, so large samples never alarm;
 *       it ignores cardinality, binning and heavy tails, and sketches change it by at most 0.002;</li>
 *   <li>smaller windows, where every distance is noisy (normed Wasserstein exceeds 0.1 by chance in 94% of 100 vs
 *       100 normal samples): Evidently's small-sample tests (ks, chisquare, z) at p &lt; 0.05, which hold their
 *       false-alarm rate by construction; correct their p-values across the monitor's features with
 *       {@link MultipleTesting#benjaminiHochberg}. If a profile is in sketch mode (a large baseline against a small
 *       current window, or a small cap), those tests are unsupported and {@code linf} at 0.1 is chosen instead; at
 *       these sizes its chance level is higher (see above), which the reason states;</li>
 *   <li>every feature also gets {@code missing_rate} at 0.05 with a min count of {@value #LARGE_WINDOW} rows
 *       (below that the share difference is noise-dominated and the result is insufficient data).</li>
 * </ul>
 */
public final class MethodSelection {

    /** How methods are chosen. */
    public enum Mode {
        /** The default: one {@code effects} row, practically meaningful effects beyond sampling noise. */
        EFFECTS,
        /** The default before {@code effects}: linf at 0.1 on large windows, tests on small ones, missing_rate. */
        LINF,
        /** Evidently's automatic choice and thresholds. */
        EVIDENTLY;

        /** The mode a monitor without {@code selection} gets. */
        public static final Mode DEFAULT = EFFECTS;

        /**
         * Parses {@code effects}, {@code linf}, {@code evidently} or {@code default} (= {@code effects}), ignoring
         * case and blanks.
         *
         * @throws IllegalArgumentException naming the allowed spellings otherwise
         */
        public static Mode parse(String text) {
            String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            if (value.equals("DEFAULT")) {
                return DEFAULT;
            }
            for (Mode mode : values()) {
                if (mode.name().equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("method selection mode must be one of [effects, linf, evidently,"
                    + " default] but was " + (text == null ? "null" : "'" + text + "'"));
        }
    }

    /**
     * One chosen method.
     *
     * @param method   the method's configuration name (registered in {@link DriftMethods#standard()})
     * @param settings the settings to compute it with
     * @param reason   why it was chosen, for the report
     */
    public record Choice(String method, MethodSettings settings, String reason) {
        public Choice {
            if (method == null || settings == null || reason == null) {
                throw new IllegalArgumentException("a choice needs a method, settings and a reason");
            }
        }

        /** Runs the chosen method. */
        public DriftResult compute(FeatureProfile baseline, FeatureProfile current) {
            return DriftMethods.standard().require(method).compute(baseline, current, settings);
        }
    }

    /** Evidently's switch from tests to distances: more reference rows than this. */
    public static final int EVIDENTLY_LARGE_REFERENCE = 1000;
    /** Default mode: both windows need at least this many usable values (rows for missing_rate) for distances. */
    public static final int LARGE_WINDOW = 1000;

    private final Mode mode;
    private final DriftMethods methods = DriftMethods.standard();

    private MethodSelection(Mode mode) {
        this.mode = mode;
    }

    /** A selection in the given mode. */
    public static MethodSelection of(Mode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        return new MethodSelection(mode);
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /**
     * The methods to run on a feature with these two profiles, in order.
     *
     * @throws IllegalArgumentException if a profile is null or the types differ
     */
    public List<Choice> select(FeatureProfile baseline, FeatureProfile current) {
        if (baseline == null || current == null || baseline.type() != current.type()) {
            throw new IllegalArgumentException("method selection needs two profiles of one type but got " + baseline
                    + " and " + current);
        }
        return switch (mode) {
            case EVIDENTLY -> List.of(evidently(baseline, current));
            case LINF -> standard(baseline, current);
            case EFFECTS -> List.of(choice(EffectsMethod.NAME, defaults(EffectsMethod.NAME), EFFECTS_REASON));
        };
    }

    private Choice evidently(FeatureProfile baseline, FeatureProfile current) {
        long rows = baseline.count();
        long distinct = distinctValues(baseline, current);
        boolean numeric = baseline.type() == FeatureType.NUMERIC;
        String size = "reference has " + rows + " rows " + (rows > EVIDENTLY_LARGE_REFERENCE ? ">" : "<=") + " "
                + EVIDENTLY_LARGE_REFERENCE + " and the windows " + distinct + " distinct values";
        boolean sketched = sketched(baseline, current);
        if (rows <= EVIDENTLY_LARGE_REFERENCE && !sketched) {
            if (numeric && distinct > 5) {
                return choice(KolmogorovSmirnovMethod.NAME, defaults(KolmogorovSmirnovMethod.NAME),
                        size + " > 5 (numeric): ks, Evidently");
            }
            String test = distinct > 2 ? ChiSquareMethod.NAME : ZTestMethod.NAME;
            return choice(test, defaults(test), size + (distinct > 2 ? " > 2" : " <= 2") + ": " + test
                    + ", Evidently");
        }
        String instead = rows <= EVIDENTLY_LARGE_REFERENCE
                ? "; Evidently would run a test here, but " + SKETCH_REASON + ", so Evidently's choice for larger"
                + " references instead" : "";
        if (numeric && distinct > 5) {
            return choice(WassersteinMethod.NORMALISED, defaults(WassersteinMethod.NORMALISED),
                    size + " > 5 (numeric): normed Wasserstein, Evidently" + instead);
        }
        MethodSettings js = defaults(JensenShannonMethod.DISTANCE).withLogBase(LogBase.E)
                .withSmoothing(Smoothing.NONE).withBinning(Binning.evidently());
        return choice(JensenShannonMethod.DISTANCE, js, size + ": Jensen-Shannon distance (natural log), Evidently"
                + instead);
    }

    private List<Choice> standard(FeatureProfile baseline, FeatureProfile current) {
        List<Choice> choices = new ArrayList<>();
        long small = Math.min(baseline.count(), current.count());
        boolean numeric = baseline.type() == FeatureType.NUMERIC;
        if (small >= LARGE_WINDOW) {
            choices.add(choice(LInfinityMethod.NAME, defaults(LInfinityMethod.NAME), "both windows have >= "
                    + LARGE_WINDOW + " values: L-infinity effect size, whose chance level falls with the sample size"));
        } else if (sketched(baseline, current)) {
            choices.add(choice(LInfinityMethod.NAME, defaults(LInfinityMethod.NAME), "a window has fewer than "
                    + LARGE_WINDOW + " values (" + small + "), where a test would be chosen, but " + SKETCH_REASON
                    + ": L-infinity effect size instead, whose chance level at this size is higher than on "
                    + LARGE_WINDOW + " values"));
        } else {
            long distinct = distinctValues(baseline, current);
            String size = "a window has fewer than " + LARGE_WINDOW + " values (" + small + "), where distances are"
                    + " noisy, and the windows " + distinct + " distinct values";
            String test = numeric && distinct > 5 ? KolmogorovSmirnovMethod.NAME
                    : distinct > 2 ? ChiSquareMethod.NAME : ZTestMethod.NAME;
            choices.add(choice(test, defaults(test), size + ": " + test + " test; correct p-values across features"
                    + " with Benjamini-Hochberg"));
        }
        choices.add(choice(MissingRateMethod.NAME, defaults(MissingRateMethod.NAME).withMinCount(LARGE_WINDOW),
                "every feature: shift of the missing share (needs " + LARGE_WINDOW + " rows per window)"));
        return choices;
    }

    private static final String EFFECTS_REASON = "practically meaningful effects beyond sampling noise: median,"
            + " IQR, tails beyond p1/p99 and KS (numeric) or share move, Jensen-Shannon and new categories"
            + " (categorical), and the missing share";

    private static final String SKETCH_REASON = "a profile is in sketch mode (more distinct values than its exact"
            + " cap) and the tests (ks, chisquare, z) need exact counts";

    /** Whether either profile is in sketch mode, where ks, chisquare and z are unsupported. */
    private static boolean sketched(FeatureProfile baseline, FeatureProfile current) {
        return !exact(baseline) || !exact(current);
    }

    private static boolean exact(FeatureProfile profile) {
        return profile instanceof NumericProfile n ? n.isExact() : ((CategoricalProfile) profile).isExact();
    }

    private MethodSettings defaults(String method) {
        return MethodSettings.defaults(methods.require(method));
    }

    private static Choice choice(String method, MethodSettings settings, String reason) {
        return new Choice(method, settings, reason);
    }

    /**
     * Distinct usable values of both windows together; a sketch-mode numeric profile counts as more than
     * {@link Histogram#EVIDENTLY_MAX_VALUE_BINS}.
     */
    static long distinctValues(FeatureProfile baseline, FeatureProfile current) {
        if (baseline instanceof CategoricalProfile b && current instanceof CategoricalProfile c) {
            return Categories.union(b, c).size();
        }
        NumericProfile b = (NumericProfile) baseline;
        NumericProfile c = (NumericProfile) current;
        if (!b.isExact() || !c.isExact()) {
            return Math.max(Histogram.EVIDENTLY_MAX_VALUE_BINS + 1L, Math.max(b.exactDistinctCap(),
                    c.exactDistinctCap()) + 1L);
        }
        double[] all = new double[(int) (b.distinctCount() + c.distinctCount())];
        System.arraycopy(b.distinctValues(), 0, all, 0, (int) b.distinctCount());
        System.arraycopy(c.distinctValues(), 0, all, (int) b.distinctCount(), (int) c.distinctCount());
        return Arrays.stream(all).distinct().count();
    }
}
