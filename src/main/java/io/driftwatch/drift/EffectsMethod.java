package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Practically meaningful effects beyond sampling noise, configuration name {@code "effects"}, for numeric and
 * categorical features: the default selection's one row per feature.
 * <p>
 * Each effect has a floor (the smallest change that matters) and a noise bound (what chance reaches with probability
 * about {@value EffectSizes#ALPHA} when both windows come from one distribution, from both window sizes n and m):
 * <table>
 *   <caption>effects</caption>
 *   <tr><th>effect</th><th>floor</th><th>noise bound</th></tr>
 *   <tr><td>median shift, in baseline σ (min of the population std and IQR/1.349)</td><td>0.15 σ</td>
 *       <td>the baseline's rank band Q(½ ± δ), δ = z·sqrt(¼(1/n + 1/m))</td></tr>
 *   <tr><td>IQR ratio, |ln(IQR_c / IQR_b)|</td><td>ln 1.15</td><td>the IQRs the rank bands of the quartiles
 *       allow</td></tr>
 *   <tr><td>share below the baseline's p1, above its p99 (each)</td><td>1 point</td>
 *       <td>z·sqrt(q(1 − q)(1/n + 1/m)), q pooled</td></tr>
 *   <tr><td>KS distance (largest CDF gap)</td><td>0.1</td><td>c(α)·sqrt((n + m)/(nm))</td></tr>
 *   <tr><td>largest category share move</td><td>5 points</td><td>as the tails, z Bonferroni-corrected over the
 *       categories</td></tr>
 *   <tr><td>Jensen-Shannon distance (base 2)</td><td>0.1</td><td>2 ln 2 · (1/n + 1/m) · χ²(k − 1, 1 − α) / 8 in
 *       divergence (k categories)</td></tr>
 *   <tr><td>a category unseen in the baseline</td><td>1% of the current window</td><td>the count at which
 *       (m/(n + m))^count falls below α per unseen category</td></tr>
 *   <tr><td>missing share (NULL, NaN, ±Infinity over rows)</td><td>2 points</td><td>as the tails, over rows</td></tr>
 * </table>
 * Each effect's ratio is effect / max(floor, noise) (below 1 when the effect only reaches the noise bound); the score
 * is the largest ratio and the feature drifted when it is at least the threshold (default 1: some effect is at
 * least its floor and beyond its noise bound; 2 doubles every floor and bound). Details list every effect with its
 * size, floor, noise and ratio, and {@code largest_effect} names the largest in words. Value effects need a usable value in
 * both windows; the missing share is judged whenever both windows have rows. Exact for exact profiles; in sketch
 * mode quantiles, tail shares and the KS distance are sketch estimates and categories may be hash buckets.
 * Convention: {@code effects:ratio=max(effect/max(floor,noise)),alpha=1e-4}.
 */
final class EffectsMethod extends BuiltInMethod {

    static final String NAME = "effects";
    static final String CONVENTION = NAME + ":ratio=max(effect/max(floor,noise)),alpha=1e-4";

    EffectsMethod() {
        super(NAME, ALL_TYPES, ThresholdKind.SCORE_AT_LEAST, 1.0, CONVENTION);
    }

    @Override
    String insufficientDataReason(FeatureProfile baseline, FeatureProfile current, long minCount) {
        long baselineRows = MissingRateMethod.rows(baseline);
        long currentRows = MissingRateMethod.rows(current);
        if (baselineRows >= minCount && currentRows >= minCount && baselineRows > 0 && currentRows > 0) {
            return null;
        }
        return (baselineRows < Math.max(1, minCount) ? "baseline" : "current") + " window has fewer than "
                + Math.max(1, minCount) + " rows (baseline " + MethodSupport.describe(baseline) + "; current "
                + MethodSupport.describe(current) + ")";
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        List<EffectSizes.Effect> effects = new ArrayList<>();
        if (baseline.count() > 0 && current.count() > 0) {
            if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
                effects.addAll(EffectSizes.numeric(b, c));
            } else {
                effects.addAll(EffectSizes.categorical((CategoricalProfile) baseline, (CategoricalProfile) current));
            }
        } else {
            details.put("values", "not compared: a window has no usable values");
        }
        effects.add(EffectSizes.missing(baseline, current));
        addExactness(baseline, current, details);
        EffectSizes.Effect largest = effects.stream().max(Comparator.comparingDouble(EffectSizes.Effect::ratio))
                .orElseThrow();
        details.put("largest_effect", largest.describe());
        details.put("effects", effects.stream().map(EffectSizes.Effect::asDetails).toList());
        return verdict(CONVENTION, largest.ratio(), null, settings, details);
    }

    private static void addExactness(FeatureProfile baseline, FeatureProfile current, Map<String, Object> details) {
        if (baseline.type() == FeatureType.NUMERIC) {
            boolean exact = ((NumericProfile) baseline).isExact() && ((NumericProfile) current).isExact();
            details.put("exact", exact);
            if (!exact) {
                details.put("approximation", MethodSupport.approximation(baseline, current,
                        "quantiles, tail shares and the KS distance are estimates"));
            }
        } else {
            CategoricalProfile b = (CategoricalProfile) baseline;
            CategoricalProfile c = (CategoricalProfile) current;
            details.put("exact", Categories.exact(b, c));
            if (!Categories.exact(b, c)) {
                details.put("approximation", Categories.approximation(b, c));
            }
        }
    }
}
