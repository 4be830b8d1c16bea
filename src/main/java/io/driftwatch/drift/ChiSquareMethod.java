package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chi-square goodness-of-fit test of the current counts against the baseline frequencies, configuration name
 * {@code "chisquare"}, exactly as Evidently's {@code chisquare}:
 * {@code scipy.stats.chisquare(f_obs=current_counts, f_exp=baseline_counts * n_current / n_baseline)} over the union
 * of both windows' categories (for numeric features: of their distinct values, exact-mode profiles only), with
 * k − 1 degrees of freedom for k categories; the p-value comes from commons-statistics' {@link ChiSquareTest}.
 * This is not the contingency-table test (NannyML, alibi-detect): the baseline is taken as the truth.
 * <p>
 * Score: the chi-square statistic. Drifted when p &lt; threshold (default 0.05). Convention:
 * {@code chisquare:goodness-of-fit,expected=baseline-share*current-count,bins=categories} (or {@code bins=values}).
 * <p>
 * Edge cases, each stated:
 * <ul>
 *   <li>a current category the baseline never saw has expected count 0: under the baseline frequencies it is
 *       impossible, so the statistic is +∞ and p = 0 (what scipy and Evidently compute, and whylogs reports):
 *       {@link DriftStatus#UNDEFINED}, drifted, p-value 0, with the unseen categories and their count in details;</li>
 *   <li>a category the current window lost (observed 0) is an ordinary, finite term;</li>
 *   <li>one category in both windows: identical distributions, score 0 and p = 1 (scipy would give NaN);</li>
 *   <li>a sketch-mode profile, numeric or categorical: {@link DriftStatus#UNSUPPORTED} (its exact counts are no
 *       longer known).</li>
 * </ul>
 * Large windows make every small shift significant; prefer a distance (js, linf) there.
 */
final class ChiSquareMethod extends BuiltInMethod {

    static final String NAME = "chisquare";

    ChiSquareMethod() {
        super(NAME, ALL_TYPES, ThresholdKind.P_VALUE_BELOW, 0.05, null);
    }

    @Override
    String convention(FeatureType type, MethodSettings settings) {
        return NAME + ":goodness-of-fit,expected=baseline-share*current-count,bins="
                + (type == FeatureType.NUMERIC ? "values" : Histogram.CATEGORICAL_BINNING);
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        String convention = convention(baseline.type(), settings);
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c
                && !(b.isExact() && c.isExact())) {
            details.put("exact", false);
            return DriftResult.unsupported(NAME, convention, settings.threshold(), "a profile is in sketch mode, so"
                    + " the count of each value is unknown; chisquare on a numeric feature needs exact value counts",
                    details);
        }
        if (baseline instanceof CategoricalProfile b && current instanceof CategoricalProfile c
                && !Categories.exact(b, c)) {
            details.put("exact", false);
            return DriftResult.unsupported(NAME, convention, settings.threshold(), "a profile is in sketch mode, so"
                    + " category counts are estimates (rare categories pooled); chisquare needs exact category counts",
                    details);
        }
        Histogram histogram = Histogram.of(baseline, current, Binning.values());
        long[] expectedCounts = histogram.baselineCounts();
        long[] observed = histogram.currentCounts();
        double scale = (double) current.count() / baseline.count();
        List<String> unseen = new ArrayList<>();
        long unseenCount = 0;
        double[] expected = new double[observed.length];
        List<Map<String, Object>> bins = new ArrayList<>();
        for (int i = 0; i < observed.length; i++) {
            expected[i] = expectedCounts[i] * scale;
            if (expectedCounts[i] == 0) {
                unseen.add(histogram.labels().get(i));
                unseenCount += observed[i];
            }
            if (bins.size() < BinnedMethod.MAX_LISTED_BINS) {
                Map<String, Object> bin = new LinkedHashMap<>();
                bin.put("label", histogram.labels().get(i));
                bin.put("observed", observed[i]);
                bin.put("expected", expected[i]);
                bins.add(bin);
            }
        }
        details.put("exact", true);
        details.put("degrees_of_freedom", observed.length - 1);
        details.put("bins", bins);
        if (!unseen.isEmpty()) {
            details.put("unseen_categories", unseen.subList(0, Math.min(unseen.size(), BinnedMethod.MAX_LISTED_BINS)));
            details.put("unseen_count", unseenCount);
            return DriftResult.undefined(NAME, convention, settings.threshold(), 0.0, true, unseenCount
                    + " current values fall in " + unseen.size() + " categories the baseline never saw; under the"
                    + " baseline frequencies they are impossible, so the statistic is infinite and p = 0", details);
        }
        if (observed.length == 1) {
            return verdict(convention, 0.0, 1.0, settings, details);
        }
        SignificanceResult result = ChiSquareTest.withDefaults().test(expected, observed);
        return verdict(convention, result.getStatistic(), result.getPValue(), settings, details);
    }
}
