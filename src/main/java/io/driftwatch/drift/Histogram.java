package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline and current counts over one shared set of bins, built from two profiles of the same type by a
 * {@link Binning} (numeric) or over the union of categories (categorical).
 * <ul>
 *   <li>baseline quantiles and configured edges: edges e1 &lt; ... &lt; ek give bins (-inf, e1), [e1, e2), ...,
 *       [ek, +inf); value v lands in bin {@code searchsorted(edges, v, side='right')};</li>
 *   <li>Sturges: numpy's {@code histogram_bin_edges(concat(baseline, current), bins="sturges")} and
 *       {@code histogram(x, edges)}: bins [e0, e1), ..., [e(k-1), ek] with the last bin closed;</li>
 *   <li>values: one bin per distinct value of either window, ascending;</li>
 *   <li>categories: one bin per category of either window, ordered by baseline count descending, then category
 *       ascending; categories unseen in the baseline follow, sorted, each in its own bin.</li>
 * </ul>
 * Counts are differences of {@link NumericProfile#countBelow}, hence exact while both profiles are exact.
 *
 * @param binning        the convention name of the binning that was applied
 * @param labels         one label per bin: "[1.5, 2.25)" style intervals, a value, or the category itself
 * @param edges          numeric bin boundaries: the interior edges of open-ended binnings, all k+1 edges for
 *                       Sturges, empty for values and categories
 * @param baselineCounts baseline count per bin
 * @param currentCounts  current count per bin
 * @param exact          whether every count is exact (false when a profile is in sketch mode)
 */
record Histogram(String binning, List<String> labels, List<Double> edges, long[] baselineCounts,
                 long[] currentCounts, boolean exact) {

    static final String CATEGORICAL_BINNING = "categories";
    /** Evidently switches from value bins to Sturges above this many distinct baseline values. */
    static final int EVIDENTLY_MAX_VALUE_BINS = 20;

    Histogram {
        if (labels.size() != baselineCounts.length || labels.size() != currentCounts.length) {
            throw new IllegalArgumentException("histogram needs one label and two counts per bin but had "
                    + labels.size() + " labels, " + baselineCounts.length + " and " + currentCounts.length + " counts");
        }
        labels = List.copyOf(labels);
        edges = List.copyOf(edges);
    }

    /**
     * Why {@code binning} cannot bin these profiles honestly, or null: value bins need every distinct value, which a
     * sketch-mode profile no longer has.
     */
    static String unsupportedReason(FeatureProfile baseline, FeatureProfile current, Binning binning) {
        if (!(baseline instanceof NumericProfile b) || !(current instanceof NumericProfile c)) {
            return null;
        }
        if (resolve(b, binning).kind() == Binning.Kind.VALUES && !(b.isExact() && c.isExact())) {
            return "value bins need every distinct value, but a profile is in sketch mode (more distinct values than"
                    + " its exact cap); use baseline-quantiles or sturges binning";
        }
        return null;
    }

    /** Bins both profiles; they must have the same type, the baseline must not be empty, and binning be supported. */
    static Histogram of(FeatureProfile baseline, FeatureProfile current, Binning binning) {
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
            Binning resolved = resolve(b, binning);
            String prefix = binning.kind() == Binning.Kind.EVIDENTLY ? "evidently:" : "";
            Histogram histogram = switch (resolved.kind()) {
                case BASELINE_QUANTILES -> openEnded(b, c, quantileEdges(b, resolved.quantiles()));
                case EDGES -> openEnded(b, c, resolved.edges().stream().mapToDouble(Double::doubleValue).toArray());
                case STURGES -> sturges(b, c);
                case VALUES -> values(b, c);
                case EVIDENTLY -> throw new IllegalStateException("evidently binning resolves to sturges or values");
            };
            return histogram.named(prefix + resolved.conventionName());
        }
        if (baseline instanceof CategoricalProfile b && current instanceof CategoricalProfile c) {
            return categorical(b, c);
        }
        throw new IllegalArgumentException("cannot bin a " + baseline.type() + " baseline with a "
                + current.type() + " current profile");
    }

    /** The binning Evidently's rule picks for this baseline; other binnings are returned unchanged. */
    static Binning resolve(NumericProfile baseline, Binning binning) {
        if (binning.kind() != Binning.Kind.EVIDENTLY) {
            return binning;
        }
        boolean fewValues = baseline.isExact() && baseline.distinctCount() <= EVIDENTLY_MAX_VALUE_BINS;
        return fewValues ? Binning.values() : Binning.sturges();
    }

    /** The de-duplicated baseline quantiles at 1/n, ..., (n-1)/n of a non-empty baseline. */
    static double[] quantileEdges(NumericProfile baseline, int n) {
        if (baseline.count() == 0) {
            throw new IllegalArgumentException("quantile edges need a baseline with count > 0 but count was 0");
        }
        double[] quantiles = new double[n - 1];
        for (int i = 1; i < n; i++) {
            // i / (double) n rather than step * i: it yields the same doubles as the Python reference's i / n.
            quantiles[i - 1] = baseline.quantile(i / (double) n);
        }
        return distinctSorted(quantiles);
    }

    /**
     * numpy's {@code histogram_bin_edges(a, bins="sturges")} for the combined finite values of both profiles:
     * {@code width = (max - min) / (log2(N) + 1)}, {@code k = ceil((max - min) / width)} bins (1 if the range is
     * 0, when the range is widened to [v - 0.5, v + 0.5]), edges {@code min + i * ((max - min) / k)} with the last
     * edge exactly max. Where {@code max - min} overflows (numpy fails there), k is {@code ceil(log2(N) + 1)} and the
     * edges as {@code min / k * (k - i) + max / k * i}.
     */
    static double[] sturgesEdges(NumericProfile baseline, NumericProfile current) {
        long n = baseline.count() + current.count();
        double first = current.count() == 0 ? baseline.min()
                : baseline.count() == 0 ? current.min() : Math.min(baseline.min(), current.min());
        double last = current.count() == 0 ? baseline.max()
                : baseline.count() == 0 ? current.max() : Math.max(baseline.max(), current.max());
        double range = last - first;
        int bins = 1;
        if (range == 0.0) {
            first = first - 0.5;
            last = last + 0.5;
        } else if (Double.isFinite(range)) {
            double width = range / (log2(n) + 1.0);
            bins = (int) Math.ceil(range / width);
        } else {
            bins = (int) Math.ceil(log2(n) + 1.0); // what range / width amounts to, without dividing infinities
        }
        double delta = last - first;
        double step = delta / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = Double.isFinite(step) ? i * step + first : first / bins * (bins - i) + last / bins * i;
        }
        edges[bins] = last;
        return distinctSorted(edges);
    }

    /** log2 of a positive count, exact for powers of two (as the C library's log2 that numpy calls). */
    static double log2(long n) {
        if (Long.bitCount(n) == 1) {
            return Long.numberOfTrailingZeros(n);
        }
        // Split off the exponent so the rounding error of the fraction part stays far below one ulp of the result.
        int exponent = 63 - Long.numberOfLeadingZeros(n);
        double fraction = n / Math.scalb(1.0, exponent);
        return exponent + Math.log(fraction) / Math.log(2.0);
    }

    /** Baseline shares under {@code smoothing}. */
    double[] baselineShares(Smoothing smoothing) {
        return smoothing.shares(baselineCounts);
    }

    /** Current shares under {@code smoothing}. */
    double[] currentShares(Smoothing smoothing) {
        return smoothing.shares(currentCounts);
    }

    /** One JSON-ready map per bin: label, baseline_count, current_count, baseline_share, current_share (raw). */
    List<Map<String, Object>> binDetails() {
        double[] baselineShares = Smoothing.NONE.shares(baselineCounts);
        double[] currentShares = Smoothing.NONE.shares(currentCounts);
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

    private Histogram named(String name) {
        return new Histogram(name, labels, edges, baselineCounts, currentCounts, exact);
    }

    private static Histogram openEnded(NumericProfile baseline, NumericProfile current, double[] edges) {
        int bins = edges.length + 1;
        List<String> labels = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            String lower = i == 0 ? "(-inf" : "[" + format(edges[i - 1]);
            String upper = i == edges.length ? "+inf)" : format(edges[i]) + ")";
            labels.add(lower + ", " + upper);
        }
        return new Histogram("", labels, boxed(edges), openEndedCounts(baseline, edges),
                openEndedCounts(current, edges), baseline.isExact() && current.isExact());
    }

    private static long[] openEndedCounts(NumericProfile profile, double[] edges) {
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

    private static Histogram sturges(NumericProfile baseline, NumericProfile current) {
        double[] edges = sturgesEdges(baseline, current);
        int bins = edges.length - 1;
        List<String> labels = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            labels.add("[" + format(edges[i]) + ", " + format(edges[i + 1]) + (i == bins - 1 ? "]" : ")"));
        }
        return new Histogram("", labels, boxed(edges), closedCounts(baseline, edges), closedCounts(current, edges),
                baseline.isExact() && current.isExact());
    }

    // Every value lies within [edges[0], edges[k]], so the last, closed bin takes all values from edges[k-1] on.
    private static long[] closedCounts(NumericProfile profile, double[] edges) {
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        long below = 0;
        for (int i = 1; i < bins; i++) {
            long next = Math.max(below, profile.countBelow(edges[i]));
            counts[i - 1] = next - below;
            below = next;
        }
        counts[bins - 1] = Math.max(0, profile.count() - below);
        return counts;
    }

    private static Histogram values(NumericProfile baseline, NumericProfile current) {
        double[] union = distinctSorted(concat(baseline.distinctValues(), current.distinctValues()));
        List<String> labels = new ArrayList<>(union.length);
        for (double value : union) {
            labels.add(format(value));
        }
        return new Histogram("", labels, List.of(), valueCounts(baseline, union), valueCounts(current, union), true);
    }

    private static long[] valueCounts(NumericProfile profile, double[] union) {
        double[] values = profile.distinctValues();
        long[] multiplicities = profile.distinctValueCounts();
        long[] counts = new long[union.length];
        int j = 0;
        for (int i = 0; i < values.length; i++) {
            while (union[j] != values[i]) {
                j++;
            }
            counts[j] = multiplicities[i];
        }
        return counts;
    }

    private static Histogram categorical(CategoricalProfile baseline, CategoricalProfile current) {
        CategoricalProfile[] comparable = CategoricalProfile.comparable(baseline, current);
        List<String> categories = Categories.union(comparable[0], comparable[1]);
        long[] baselineCounts = new long[categories.size()];
        long[] currentCounts = new long[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            baselineCounts[i] = comparable[0].countOf(categories.get(i));
            currentCounts[i] = comparable[1].countOf(categories.get(i));
        }
        return new Histogram(CATEGORICAL_BINNING, categories, List.of(), baselineCounts, currentCounts,
                Categories.exact(baseline, current));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double[] distinctSorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (double v : sorted) {
            if (distinct == 0 || v != sorted[distinct - 1]) {
                sorted[distinct++] = v;
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    private static String format(double edge) {
        return Double.toString(edge);
    }
}
