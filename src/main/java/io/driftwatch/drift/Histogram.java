package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Baseline and current counts over one shared set of bins, built from two profiles of the same type as defined on
 * {@link PsiMethod} ("baseline-deciles" for numeric, "categories" for categorical features).
 *
 * @param binning        the convention name of the binning
 * @param labels         one label per bin: "[1.5, 2.25)" style intervals or the category itself
 * @param edges          interior edges (numeric only; empty for categories)
 * @param baselineCounts baseline count per bin
 * @param currentCounts  current count per bin
 * @param exact          whether every count is exact (false when a numeric profile is in sketch mode)
 */
record Histogram(String binning, List<String> labels, List<Double> edges, long[] baselineCounts,
                 long[] currentCounts, boolean exact) {

    static final String NUMERIC_BINNING = "baseline-deciles";
    static final String CATEGORICAL_BINNING = "categories";

    Histogram {
        if (labels.size() != baselineCounts.length || labels.size() != currentCounts.length) {
            throw new IllegalArgumentException("histogram needs one label and two counts per bin but had "
                    + labels.size() + " labels, " + baselineCounts.length + " and " + currentCounts.length + " counts");
        }
        labels = List.copyOf(labels);
        edges = List.copyOf(edges);
    }

    /** Bins both profiles; they must have the same type and the baseline must not be empty. */
    static Histogram of(FeatureProfile baseline, FeatureProfile current) {
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
            return numeric(b, c);
        }
        if (baseline instanceof CategoricalProfile b && current instanceof CategoricalProfile c) {
            return categorical(b, c);
        }
        throw new IllegalArgumentException("cannot bin a " + baseline.type() + " baseline with a "
                + current.type() + " current profile");
    }

    /** The decile edges of a non-empty baseline, as described on this type. */
    static double[] decileEdges(NumericProfile baseline) {
        if (baseline.count() == 0) {
            throw new IllegalArgumentException("decile edges need a baseline with count > 0 but count was 0");
        }
        double[] quantiles = new double[9];
        for (int i = 1; i <= 9; i++) {
            // i / 10.0 rather than 0.1 * i: it yields the same doubles as the Python reference's i / 10.
            quantiles[i - 1] = baseline.quantile(i / 10.0);
        }
        Arrays.sort(quantiles);
        int distinct = 0;
        for (double q : quantiles) {
            if (distinct == 0 || q != quantiles[distinct - 1]) {
                quantiles[distinct++] = q;
            }
        }
        return Arrays.copyOf(quantiles, distinct);
    }

    private static Histogram numeric(NumericProfile baseline, NumericProfile current) {
        double[] edges = decileEdges(baseline);
        int bins = edges.length + 1;
        List<String> labels = new ArrayList<>(bins);
        List<Double> edgeList = new ArrayList<>(edges.length);
        for (double edge : edges) {
            edgeList.add(edge);
        }
        for (int i = 0; i < bins; i++) {
            String lower = i == 0 ? "(-inf" : "[" + format(edges[i - 1]);
            String upper = i == edges.length ? "+inf)" : format(edges[i]) + ")";
            labels.add(lower + ", " + upper);
        }
        return new Histogram(NUMERIC_BINNING, labels, edgeList, numericCounts(baseline, edges),
                numericCounts(current, edges), baseline.isExact() && current.isExact());
    }

    private static long[] numericCounts(NumericProfile profile, double[] edges) {
        long[] counts = new long[edges.length + 1];
        long below = 0;
        for (int i = 0; i < edges.length; i++) {
            // max() keeps sketch-mode estimates monotone even if the digest's cdf wobbles.
            long next = Math.max(below, profile.countBelow(edges[i]));
            counts[i] = next - below;
            below = next;
        }
        counts[edges.length] = Math.max(0, profile.count() - below);
        return counts;
    }

    private static Histogram categorical(CategoricalProfile baseline, CategoricalProfile current) {
        // counts() is already ordered by count desc, then value; unseen categories follow sorted by value.
        Set<String> categories = new LinkedHashSet<>(baseline.counts().keySet());
        List<String> unseen = new ArrayList<>();
        for (String category : current.counts().keySet()) {
            if (!categories.contains(category)) {
                unseen.add(category);
            }
        }
        Collections.sort(unseen);
        categories.addAll(unseen);
        long[] baselineCounts = new long[categories.size()];
        long[] currentCounts = new long[categories.size()];
        int i = 0;
        for (String category : categories) {
            baselineCounts[i] = baseline.countOf(category);
            currentCounts[i] = current.countOf(category);
            i++;
        }
        return new Histogram(CATEGORICAL_BINNING, new ArrayList<>(categories), List.of(), baselineCounts,
                currentCounts, true);
    }

    /** Baseline shares: count per bin divided by the baseline total. */
    double[] baselineShares() {
        return shares(baselineCounts);
    }

    /** Current shares: count per bin divided by the current total. */
    double[] currentShares() {
        return shares(currentCounts);
    }

    /** One JSON-ready map per bin: label, baseline_count, current_count, baseline_share, current_share. */
    List<Map<String, Object>> binDetails() {
        double[] baselineShares = baselineShares();
        double[] currentShares = currentShares();
        List<Map<String, Object>> bins = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("label", labels.get(i));
            bin.put("baseline_count", baselineCounts[i]);
            bin.put("current_count", currentCounts[i]);
            bin.put("baseline_share", baselineShares[i]);
            bin.put("current_share", currentShares[i]);
            bins.add(bin);
        }
        return bins;
    }

    private static double[] shares(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0.0 : (double) counts[i] / total;
        }
        return shares;
    }

    private static String format(double edge) {
        return Double.toString(edge);
    }
}
