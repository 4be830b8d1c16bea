package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.List;
import java.util.Map;

/**
 * L-infinity distance, configuration name {@code "linf"}, for numeric and categorical features: the largest
 * difference between the two distributions, as an effect size with a fixed threshold.
 * <ul>
 *   <li>numeric: max_x |F_baseline(x) − F_current(x)| over the empirical CDFs of the finite values, which is the KS
 *       statistic D (SageMaker Model Monitor's / Deequ's numeric "LInfinity", computed there from KLL sketches).
 *       Exact for exact profiles; in sketch mode bucket-sketch CDFs on a quantile grid, within the measured bound
 *       {@link SketchErrorBounds#lInfinity()}. TFDV's L∞ is categorical only (numeric features score 0 there, TFDV #147).</li>
 *   <li>categorical: max_i |b_i − c_i| over the category shares of the union of both windows (TFDV/Vertex's
 *       default categorical comparator and SageMaker's categorical "LInfinity"). Exact for exact profiles; with a
 *       sketch-mode categorical profile, over the bins of {@link CategoricalProfile#comparable} (named categories
 *       and hash buckets, every count exact), so the location may be a bucket.</li>
 * </ul>
 * Range [0, 1], symmetric. Default threshold 0.1 (SageMaker's default for both types; Vertex's backend default is
 * 0.3, TFDV has none); drifted when the distance is at or above the threshold. Unlike a KS p-value it does not
 * shrink with the sample size, so large windows do not raise false alarms. Conventions: {@code linf:cdf} (numeric)
 * and {@code linf:shares,bins=categories} (categorical). Details: count details, {@code exact},
 * {@code approximation} (sketch mode) and {@code location} (the value or category where the maximum is reached).
 */
final class LInfinityMethod extends BuiltInMethod {

    static final String NAME = "linf";

    LInfinityMethod() {
        super(NAME, ALL_TYPES, ThresholdKind.SCORE_AT_LEAST, 0.1, null);
    }

    @Override
    String convention(FeatureType type, MethodSettings settings) {
        return type == FeatureType.NUMERIC ? NAME + ":cdf" : NAME + ":shares,bins=" + Histogram.CATEGORICAL_BINNING;
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        String convention = convention(baseline.type(), settings);
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
            EmpiricalCdfs cdfs = EmpiricalCdfs.of(b, c);
            details.put("exact", cdfs.exact());
            if (!cdfs.exact()) {
                details.put("approximation", MethodSupport.approximation(b, c, SketchErrorBounds.note(NAME)));
            }
            double score;
            try {
                KolmogorovSmirnovMethod.Statistic statistic = KolmogorovSmirnovMethod.Statistic.of(cdfs);
                score = statistic.d();
                if (score > 0) {
                    details.put("location", statistic.location());
                }
            } catch (ArithmeticException sizesOverflowALong) {
                score = cdfs.maxCdfDifference();
            }
            return verdict(convention, score, null, settings, details);
        }
        CategoricalProfile b = (CategoricalProfile) baseline;
        CategoricalProfile c = (CategoricalProfile) current;
        CategoricalProfile[] comparable = CategoricalProfile.comparable(b, c);
        List<String> categories = Categories.union(comparable[0], comparable[1]);
        double best = 0.0;
        String location = null;
        for (String category : categories) {
            double difference = Math.abs((double) comparable[0].countOf(category) / b.count()
                    - (double) comparable[1].countOf(category) / c.count());
            if (difference > best) {
                best = difference;
                location = category;
            }
        }
        details.put("exact", Categories.exact(b, c));
        if (!Categories.exact(b, c)) {
            details.put("approximation", Categories.approximation(b, c));
        }
        if (location != null) {
            details.put("location", location);
        }
        return verdict(convention, best, null, settings, details);
    }
}
