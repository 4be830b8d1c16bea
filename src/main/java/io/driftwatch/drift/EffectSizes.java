package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effect sizes behind {@code effects}, each with its floor (the smallest effect that matters) and its noise bound
 * (the largest value sampling noise reaches with probability about 1e-4 when both windows come from one
 * distribution, from both window sizes and, for categories, the cardinality). See {@link EffectsMethod}.
 */
final class EffectSizes {

    /** Per-effect false-alarm level the noise bounds aim at. */
    static final double ALPHA = 1e-4;
    /** Normal quantile for two-sided ALPHA (about 3.89), used by the rank bands and share bounds. */
    static final double Z = NormalDistribution.of(0, 1).inverseSurvivalProbability(ALPHA / 2);
    /** Kolmogorov's c(α) for the two-sample KS bound c·sqrt((n+m)/(nm)): sqrt(−ln(α/2)/2). */
    static final double KS_C = Math.sqrt(-Math.log(ALPHA / 2) / 2);
    /** Largest ratio of the exact Jensen-Shannon divergence to its quadratic approximation (disjoint cells). */
    private static final double JS_SPARSE_FACTOR = 2 * Math.log(2);
    /** Ratios are capped so that a score stays finite (a constant baseline gives a zero scale). */
    private static final double MAX_RATIO = 1e6;
    private static final double NORMAL_IQR = 1.3489795003921634;

    /** Default floors. */
    static final double MEDIAN_FLOOR_SIGMA = 0.15;
    static final double IQR_FLOOR_LOG = Math.log(1.15);
    static final double TAIL_FLOOR = 0.01;
    static final double KS_FLOOR = 0.1;
    static final double SHARE_FLOOR = 0.05;
    static final double JS_FLOOR = 0.1;
    static final double NOVEL_FLOOR = 0.008;
    static final double MISSING_FLOOR = 0.015;

    private EffectSizes() {
    }

    /**
     * One effect: drifted-worthy when {@code effect} is at least {@code floor} and strictly beyond {@code noise}.
     *
     * @param name  short name, e.g. {@code median_shift}
     * @param text  the effect in words, e.g. {@code median shift 0.45 σ}
     * @param unit  the unit of effect, floor and noise, e.g. {@code σ}
     */
    record Effect(String name, double effect, double floor, double noise, String text, String unit) {

        /** effect / max(floor, noise), strictly below 1 when the effect only reaches the noise bound. */
        double ratio() {
            if (!(effect > 0) || Double.isNaN(noise)) {
                return 0.0;
            }
            double bar = Math.max(floor, Math.nextUp(noise));
            return bar > 0 ? Math.min(MAX_RATIO, effect / bar) : MAX_RATIO;
        }

        /** e.g. {@code median shift 0.45 σ (floor 0.15 σ, noise bound 0.031 σ)}. */
        String describe() {
            return text + " (floor " + ThresholdKind.compact(floor) + unit + ", noise bound "
                    + (Double.isInfinite(noise) ? "unbounded" : ThresholdKind.compact(noise) + unit) + ")";
        }

        Map<String, Object> asDetails() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("effect", name);
            map.put("size", effect);
            map.put("floor", floor);
            map.put("noise", Double.isInfinite(noise) ? "unbounded" : noise);
            map.put("ratio", ratio());
            return map;
        }
    }

    /** The missing share (NULL, NaN, ±Infinity over rows), for both types. */
    static Effect missing(FeatureProfile baseline, FeatureProfile current) {
        long n = MissingRateMethod.rows(baseline);
        long m = MissingRateMethod.rows(current);
        double b = (double) (n - baseline.count()) / n;
        double c = (double) (m - current.count()) / m;
        double pooled = (b * n + c * m) / (n + m);
        double noise = Z * Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
        return new Effect("missing_share", Math.abs(c - b), MISSING_FLOOR, noise, String.format(Locale.ROOT,
                "missing share %.1f%% -> %.1f%%", 100 * b, 100 * c), "");
    }

    /** Median and IQR moves, tail shares beyond the baseline's 1st/99th percentiles, and the KS distance. */
    static List<Effect> numeric(NumericProfile baseline, NumericProfile current) {
        long n = baseline.count();
        long m = current.count();
        double inverse = 1.0 / n + 1.0 / m;
        List<Effect> effects = new ArrayList<>();
        double q1 = baseline.quantile(0.25);
        double q3 = baseline.quantile(0.75);
        double iqr = q3 - q1;
        double std = baseline.populationStd();
        double scale = iqr > 0 ? Math.min(std, iqr / NORMAL_IQR) : std;
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = Math.max(Double.MIN_NORMAL, 1e-9 * Math.max(1.0, Math.abs(baseline.quantile(0.5))));
        }
        // median: strictly outside the baseline's rank band [Q(.5 − δ), Q(.5 + δ)] counts
        double median = baseline.quantile(0.5);
        double move = current.quantile(0.5) - median;
        double delta = Z * Math.sqrt(0.25 * inverse);
        double band = move >= 0 ? upper(baseline, 0.5, delta) - median : median - lower(baseline, 0.5, delta);
        effects.add(new Effect("median_shift", Math.abs(move) / scale, MEDIAN_FLOOR_SIGMA, band / scale,
                String.format(Locale.ROOT, "median shift %s σ", ThresholdKind.compact(move / scale)), " σ"));
        // IQR: log ratio against the band of IQRs the baseline's rank bands allow
        if (iqr > 0) {
            double currentIqr = current.quantile(0.75) - current.quantile(0.25);
            double d = Z * Math.sqrt(0.1875 * inverse);
            double logRatio = currentIqr > 0 ? Math.log(currentIqr / iqr) : Double.NEGATIVE_INFINITY;
            double noise;
            if (logRatio >= 0) {
                double widest = upper(baseline, 0.75, d) - lower(baseline, 0.25, d);
                noise = Math.log(widest / iqr);
            } else {
                double narrowest = lower(baseline, 0.75, d) - upper(baseline, 0.25, d);
                noise = narrowest > 0 ? Math.log(iqr / narrowest) : Double.POSITIVE_INFINITY;
            }
            double size = Double.isInfinite(logRatio) ? MAX_RATIO : Math.abs(logRatio);
            effects.add(new Effect("iqr_ratio", size, IQR_FLOOR_LOG, noise, String.format(Locale.ROOT,
                    "IQR ×%s", ThresholdKind.compact(currentIqr / iqr)), " (log ratio)"));
        }
        // tails: share strictly below the baseline's p1 and strictly above its p99
        double low = baseline.quantile(0.01);
        double high = baseline.quantile(0.99);
        effects.add(tail("lower_tail", "below baseline p1", (double) baseline.countBelow(low) / n,
                (double) current.countBelow(low) / m, n, m));
        effects.add(tail("upper_tail", "above baseline p99", (double) (n - baseline.countAtOrBelow(high)) / n,
                (double) (m - current.countAtOrBelow(high)) / m, n, m));
        // shape: KS distance with the two-sample critical value
        EmpiricalCdfs cdfs = EmpiricalCdfs.of(baseline, current);
        double d = cdfs.maxCdfDifference();
        effects.add(new Effect("ks_distance", d, KS_FLOOR, KS_C * Math.sqrt(inverse),
                "largest CDF gap " + ThresholdKind.compact(d), ""));
        return effects;
    }

    private static Effect tail(String name, String where, double b, double c, long n, long m) {
        double pooled = (b * n + c * m) / (n + m);
        double noise = Z * Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
        return new Effect(name, Math.abs(c - b), TAIL_FLOOR, noise, String.format(Locale.ROOT,
                "share %s %.1f%% -> %.1f%%", where, 100 * b, 100 * c), "");
    }

    /** Q(p + δ), or +∞ when p + δ leaves (0, 1): beyond the baseline's range is no evidence then. */
    private static double upper(NumericProfile profile, double p, double delta) {
        return p + delta >= 1 ? Double.POSITIVE_INFINITY : profile.quantile(p + delta);
    }

    private static double lower(NumericProfile profile, double p, double delta) {
        return p - delta <= 0 ? Double.NEGATIVE_INFINITY : profile.quantile(p - delta);
    }

    /** Largest share move, Jensen-Shannon distance and categories unseen in the baseline. */
    static List<Effect> categorical(CategoricalProfile baseline, CategoricalProfile current) {
        CategoricalProfile[] comparable = CategoricalProfile.comparable(baseline, current);
        List<String> bins = Categories.union(comparable[0], comparable[1]);
        long n = baseline.count();
        long m = current.count();
        double inverse = 1.0 / n + 1.0 / m;
        int k = bins.size();
        double zShare = NormalDistribution.of(0, 1).inverseSurvivalProbability(ALPHA / (2.0 * Math.max(1, k)));
        String moved = null;
        double bestRatio = -1;
        double[] best = {0, 0, 0};
        double divergence = 0;
        List<String> novel = new ArrayList<>();
        for (String bin : bins) {
            double b = (double) comparable[0].countOf(bin) / n;
            double c = (double) comparable[1].countOf(bin) / m;
            double pooled = (b * n + c * m) / (n + m);
            double noise = zShare * Math.sqrt(pooled * (1 - pooled) * inverse);
            double ratio = Math.abs(c - b) / Math.max(SHARE_FLOOR, Math.nextUp(noise));
            if (ratio > bestRatio) {
                bestRatio = ratio;
                moved = bin;
                best = new double[]{b, c, noise};
            }
            double mid = (b + c) / 2;
            divergence += (b > 0 ? b * Math.log(b / mid) : 0) + (c > 0 ? c * Math.log(c / mid) : 0);
            if (b == 0 && c > 0) {
                novel.add(bin);
            }
        }
        Effect share = new Effect("share_move", Math.abs(best[1] - best[0]), SHARE_FLOOR, best[2], String.format(
                Locale.ROOT, "share of '%s' %.1f%% -> %.1f%%", moved, 100 * best[0], 100 * best[1]), "");
        List<Effect> effects = new ArrayList<>();
        effects.add(share);
        double jsd = Math.max(0, divergence / 2);
        double chi = k > 1 ? ChiSquaredDistribution.of(k - 1).inverseSurvivalProbability(ALPHA) : 0;
        double noiseDivergence = JS_SPARSE_FACTOR * inverse * chi / 8;
        double distance = Math.sqrt(jsd / Math.log(2));
        effects.add(new Effect("js_distance", distance, JS_FLOOR, Math.sqrt(noiseDivergence / Math.log(2)),
                "Jensen-Shannon distance (base 2) " + ThresholdKind.compact(distance), ""));
        if (!novel.isEmpty()) {
            // conditional on its total count, a category with one share in both windows falls only in the current
            // window with probability (m / (n + m))^count; Bonferroni over the unseen categories
            double perCategory = Math.log(ALPHA / novel.size()) / Math.log((double) m / (n + m));
            double noise = (Math.ceil(perCategory) - 0.5) / m;
            String largest = novel.get(0);
            for (String bin : novel) {
                if (comparable[1].countOf(bin) > comparable[1].countOf(largest)) {
                    largest = bin;
                }
            }
            double c = (double) comparable[1].countOf(largest) / m;
            effects.add(new Effect("new_category", c, NOVEL_FLOOR, noise, String.format(Locale.ROOT,
                    "new category '%s' at %.1f%%", largest, 100 * c), ""));
        }
        return effects;
    }
}
