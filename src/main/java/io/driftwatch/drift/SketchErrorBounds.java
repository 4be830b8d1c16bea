package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;

import java.util.Locale;

/**
 * The error bounds of sketch-mode profiles as functions, one per bound, in the manner of DataSketches'
 * {@code KllSketch.getNormalizedRankError}: the drift methods quote them in a result's {@code approximation} detail,
 * the accuracy tests derive their tolerances from them, and docs/drift-methods.md states them.
 * <p>
 * Two kinds:
 * <ul>
 *   <li><em>profile bounds</em>, which hold for every input by construction and are computed from the profile
 *       ({@link #numericRankError}, {@link #categoricalShareError});</li>
 *   <li><em>score bounds</em> on |score(sketch) − score(exact)|, the difference between a method's score from
 *       sketch-mode profiles and from exact profiles of the same rows. They are measured, not proven: the
 *       measurement ({@code SketchAccuracySweep}: 200,000 values per side; normal, lognormal, uniform, exponential and
 *       Student t(3) data; shifts of 0 to 1 scale unit; 5 seeds; cap 1,000; baseline, current or both sketched; read
 *       back from bytes) found every comparison within them, the worst at the share of the bound given with each
 *       function; {@code SketchModeAccuracyTest} asserts them on 17 of those trials.</li>
 * </ul>
 */
public final class SketchErrorBounds {

    private static final double PSI_ABSOLUTE = 0.001;
    private static final double PSI_RELATIVE = 0.03;
    private static final double JS_DIVERGENCE_ABSOLUTE = 0.0005;
    private static final double DISTANCE_ABSOLUTE = 0.002;
    private static final double RELATIVE = 0.01;
    private static final double L_INFINITY = 0.001;

    private SketchErrorBounds() {
    }

    /**
     * The largest rank error of a numeric profile, as a share of its count: every {@code countBelow},
     * {@code countAtOrBelow} and quantile rank is within this share of the true one (plus rounding to a whole count).
     * 0 for an exact profile. A bound for every input ({@link NumericProfile#rankErrorBound()}); measured 0.0004 to
     * 0.0039 on the distributions of the score bounds.
     */
    public static double numericRankError(NumericProfile profile) {
        return profile.rankErrorBound();
    }

    /**
     * The largest error of one category's share in a categorical profile: named categories and bucket bins are exact,
     * any other category's share lies between 0 and its bucket's share. 0 for an exact profile. A bound for every
     * input ({@link CategoricalProfile#shareErrorBound()}).
     */
    public static double categoricalShareError(CategoricalProfile profile) {
        return profile.shareErrorBound();
    }

    /** PSI and KL with baseline-decile bins: {@code 0.001 + 0.03 * exactScore}; worst measured 29% (PSI), 35% (KL). */
    public static double psiOrKl(double exactScore) {
        return PSI_ABSOLUTE + PSI_RELATIVE * exactScore;
    }

    /** Jensen-Shannon divergence (base 2): {@code 0.0005 + 0.01 * exactScore}; worst measured 11%. */
    public static double jsDivergence(double exactScore) {
        return JS_DIVERGENCE_ABSOLUTE + RELATIVE * exactScore;
    }

    /**
     * Jensen-Shannon distance, Hellinger and normed Wasserstein: {@code 0.002 + 0.01 * exactScore}; worst measured
     * 15%, 13% and 66%.
     */
    public static double distance(double exactScore) {
        return DISTANCE_ABSOLUTE + RELATIVE * exactScore;
    }

    /** Raw Wasserstein, in the feature's units: {@code 0.002 * baselineStd + 0.01 * exactScore}. */
    public static double wasserstein(double exactScore, double baselineStd) {
        return DISTANCE_ABSOLUTE * baselineStd + RELATIVE * exactScore;
    }

    /** L-infinity of numeric profiles (largest CDF difference): {@code 0.001}; worst measured 15%. */
    public static double lInfinity() {
        return L_INFINITY;
    }

    /**
     * The score bound of the named method; {@code baselineStd} is used by raw {@code wasserstein} only.
     *
     * @throws IllegalArgumentException for a method without a sketch-mode bound (its results on sketches are
     *                                  UNSUPPORTED)
     */
    public static double scoreError(String method, double exactScore, double baselineStd) {
        return switch (method) {
            case PsiMethod.NAME, KlDivergenceMethod.NAME -> psiOrKl(exactScore);
            case JensenShannonMethod.DIVERGENCE -> jsDivergence(exactScore);
            case JensenShannonMethod.DISTANCE, HellingerMethod.NAME, WassersteinMethod.NORMALISED -> distance(exactScore);
            case WassersteinMethod.RAW -> wasserstein(exactScore, baselineStd);
            case LInfinityMethod.NAME -> lInfinity();
            default -> throw new IllegalArgumentException(method + " has no sketch-mode score bound");
        };
    }

    /** The bound as a result's {@code approximation} detail states it. */
    static String note(String method) {
        String bound = switch (method) {
            case PsiMethod.NAME, KlDivergenceMethod.NAME -> format(PSI_ABSOLUTE) + " + " + format(PSI_RELATIVE)
                    + " * exact score";
            case JensenShannonMethod.DIVERGENCE -> format(JS_DIVERGENCE_ABSOLUTE) + " + " + format(RELATIVE)
                    + " * exact score";
            case JensenShannonMethod.DISTANCE, HellingerMethod.NAME, WassersteinMethod.NORMALISED ->
                    format(DISTANCE_ABSOLUTE) + " + " + format(RELATIVE) + " * exact score";
            case WassersteinMethod.RAW -> format(DISTANCE_ABSOLUTE) + " * baseline std + " + format(RELATIVE)
                    + " * exact score";
            case LInfinityMethod.NAME -> format(L_INFINITY);
            default -> throw new IllegalArgumentException(method + " has no sketch-mode score bound");
        };
        return "measured error against exact counts: |score - exact score| <= " + bound;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
