package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two-proportion Z-test for binary features, configuration name {@code "z"}, as Evidently's {@code z}: the category
 * tested is the first of the union of both windows' categories in sorted order (code-point order for strings,
 * numeric order for the distinct values of an exact numeric profile); with p1, p2 the baseline and current shares of
 * all <em>other</em> values and P the pooled share, z = (p1 − p2) / sqrt(P (1 − P) (1/n1 + 1/n2)) (Evidently's
 * operations). The two-sided p-value is 2·sf(|z|) of commons-statistics' standard normal (Evidently computes
 * 2·(1 − cdf(|z|)), which rounds to 0 below about 1e-16; the two agree to 1e-9 above 1e-7).
 * <p>
 * Score: |z| (details carry the signed {@code z} and the {@code category}). Drifted when p &lt; threshold (default
 * 0.05). On a feature with more than two categories it tests the first category against all others, as Evidently
 * does. Both windows holding the same single value: p = 1, score 0 (Evidently's rule). A sketch-mode profile (numeric
 * or categorical) is {@link DriftStatus#UNSUPPORTED}. Convention: {@code z:two-proportion,pooled,category=first-sorted}.
 */
final class ZTestMethod extends BuiltInMethod {

    static final String NAME = "z";
    static final String CONVENTION = NAME + ":two-proportion,pooled,category=first-sorted";

    ZTestMethod() {
        super(NAME, ALL_TYPES, ThresholdKind.P_VALUE_BELOW, 0.05, CONVENTION);
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        long n1 = baseline.count();
        long n2 = current.count();
        long first1;
        long first2;
        Object category;
        int distinct;
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
            if (!(b.isExact() && c.isExact())) {
                details.put("exact", false);
                return DriftResult.unsupported(NAME, CONVENTION, settings.threshold(), "a profile is in sketch mode,"
                        + " so the count of each value is unknown; the z-test needs exact value counts", details);
            }
            double smallest = Math.min(b.min(), c.min());
            category = smallest;
            first1 = b.countAtOrBelow(smallest);
            first2 = c.countAtOrBelow(smallest);
            distinct = Histogram.of(b, c, Binning.values()).labels().size();
        } else {
            CategoricalProfile b = (CategoricalProfile) baseline;
            CategoricalProfile c = (CategoricalProfile) current;
            if (!Categories.exact(b, c)) {
                details.put("exact", false);
                return DriftResult.unsupported(NAME, CONVENTION, settings.threshold(), "a profile is in sketch mode,"
                        + " so category counts are estimates; the z-test needs exact category counts", details);
            }
            List<String> categories = new ArrayList<>(Categories.union(b, c));
            categories.sort(Categories.CODE_POINT_ORDER);
            category = categories.get(0);
            first1 = b.countOf((String) category);
            first2 = c.countOf((String) category);
            distinct = categories.size();
        }
        details.put("exact", true);
        details.put("category", category);
        details.put("categories", distinct);
        if (distinct == 1) {
            details.put("z", 0.0);
            return verdict(CONVENTION, 0.0, 1.0, settings, details);
        }
        // Evidently's proportions_diff_z_stat_ind, operation for operation (values other than the category count 1).
        double p1 = (double) (n1 - first1) / n1;
        double p2 = (double) (n2 - first2) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double p = MethodSupport.twoSidedNormalPValue(z);
        details.put("z", z);
        return verdict(CONVENTION, Math.abs(z), p, settings, details);
    }
}
