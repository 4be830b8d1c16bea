package io.driftwatch.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * The numbers behind a feature's distribution chart, computed from the run's stored profiles: shares of each window
 * on bins that both windows share.
 */
public final class ChartData {

    /** Bins of a numeric histogram. */
    public static final int NUMERIC_BINS = 20;
    /** Categories drawn as their own bars; the rest are pooled into {@link #OTHER}. */
    public static final int SHOWN_CATEGORIES = 12;
    /** The bar pooling the categories beyond {@link #SHOWN_CATEGORIES}. */
    public static final String OTHER = "(other)";
    /** Share of each window's tails folded into the first and last bins, so outliers do not squash the chart. */
    static final double TAIL = 0.01;

    private ChartData() {
    }

    /**
     * One bin of either chart.
     *
     * @param label    what the bin holds: a category, {@link #OTHER}, or an interval {@code [lo, hi)}
     * @param baseline share of the baseline window's usable values in the bin, in [0, 1]
     * @param current  share of the current window's usable values in the bin, in [0, 1]
     * @param unseen   whether the bin is a category the baseline never saw
     * @param pooled   how many categories the bin pools ({@link #OTHER}); 1 for any other bin
     */
    public record Bin(String label, double baseline, double current, boolean unseen, int pooled) {
        public Bin(String label, double baseline, double current, boolean unseen) {
            this(label, baseline, current, unseen, 1);
        }

        public Bin {
            if (pooled < 1) {
                throw new IllegalArgumentException("a bin pools at least one category: " + pooled);
            }
            if (!(baseline >= 0 && baseline <= 1 + 1e-9) || !(current >= 0 && current <= 1 + 1e-9)) {
                throw new IllegalArgumentException("shares must be within [0, 1]: " + label + " " + baseline + ", " + current);
            }
        }
    }

    /**
     * A numeric histogram on shared equal-width bins.
     *
     * @param edges      {@code bins + 1} ascending edges; the first and last bins also hold the values beyond them
     * @param bins       the bins, in edge order
     * @param foldedTail whether values outside the 1st-99th percentile range were folded into the end bins
     */
    public record Histogram(double[] edges, List<Bin> bins, boolean foldedTail) {
        public Histogram {
            edges = edges.clone();
            bins = List.copyOf(bins);
            if (edges.length != bins.size() + 1) {
                throw new IllegalArgumentException("a histogram of " + bins.size() + " bins needs " + (bins.size() + 1)
                        + " edges, got " + edges.length);
            }
        }
    }

    /**
     * Overlaid histogram of two numeric profiles: {@value #NUMERIC_BINS} equal-width bins over the range from the
     * lower of the windows' 1st percentiles to the higher of their 99th (or min to max when that is wider by less
     * than a bin), counts read from the profiles ({@link NumericProfile#countAtOrBelow}); null when either window has
     * no finite value.
     */
    public static Histogram histogram(NumericProfile baseline, NumericProfile current) {
        if (baseline.count() == 0 || current.count() == 0) {
            return null;
        }
        double min = Math.min(baseline.min(), current.min());
        double max = Math.max(baseline.max(), current.max());
        double lo = Math.min(baseline.quantile(TAIL), current.quantile(TAIL));
        double hi = Math.max(baseline.quantile(1 - TAIL), current.quantile(1 - TAIL));
        if (!(hi > lo)) {
            lo = min;
            hi = max;
        }
        if (!(hi > lo)) {
            double[] edges = {min, max};
            return new Histogram(edges, List.of(new Bin(label(min, max, true), 1, 1, false)), false);
        }
        double width = (hi - lo) / NUMERIC_BINS;
        if (lo - min < width && max - hi < width) {
            lo = min;
            hi = max;
            width = (hi - lo) / NUMERIC_BINS;
        }
        double[] edges = new double[NUMERIC_BINS + 1];
        for (int i = 0; i <= NUMERIC_BINS; i++) {
            edges[i] = i == NUMERIC_BINS ? hi : lo + i * width;
        }
        long[] b = counts(baseline, edges);
        long[] c = counts(current, edges);
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < NUMERIC_BINS; i++) {
            bins.add(new Bin(label(edges[i], edges[i + 1], i == NUMERIC_BINS - 1), (double) b[i] / baseline.count(),
                    (double) c[i] / current.count(), false));
        }
        return new Histogram(edges, bins, lo > min || hi < max);
    }

    /** Counts per bin; the first bin takes everything at or below its upper edge, the last everything above its lower. */
    static long[] counts(NumericProfile profile, double[] edges) {
        int n = edges.length - 1;
        long[] counts = new long[n];
        long below = 0;
        for (int i = 0; i < n; i++) {
            long upTo = i == n - 1 ? profile.count() : profile.countBelow(edges[i + 1]);
            counts[i] = Math.max(0, upTo - below);
            below = Math.max(below, upTo);
        }
        return counts;
    }

    /**
     * Category bars of two categorical profiles (put on common terms first when either is in sketch mode): the
     * {@value #SHOWN_CATEGORIES} categories with the largest share in either window, in order of that share, then
     * {@link #OTHER} pooling the rest when there are more. Unseen categories (none in the baseline) are marked.
     */
    public static List<Bin> categories(CategoricalProfile baseline, CategoricalProfile current) {
        CategoricalProfile[] pair = CategoricalProfile.comparable(baseline, current);
        CategoricalProfile b = pair[0];
        CategoricalProfile c = pair[1];
        Set<String> all = new LinkedHashSet<>(b.counts().keySet());
        all.addAll(c.counts().keySet());
        List<Bin> bins = new ArrayList<>();
        for (String category : all) {
            long inBaseline = b.counts().getOrDefault(category, 0L);
            bins.add(new Bin(category, share(inBaseline, b.count()), share(c.counts().getOrDefault(category, 0L), c.count()),
                    inBaseline == 0));
        }
        bins.sort(Comparator.comparingDouble((Bin bin) -> -Math.max(bin.baseline(), bin.current()))
                .thenComparing(Bin::label));
        if (bins.size() <= SHOWN_CATEGORIES + 1) {
            return bins;
        }
        List<Bin> shown = new ArrayList<>(bins.subList(0, SHOWN_CATEGORIES));
        double restBaseline = 0;
        double restCurrent = 0;
        for (Bin bin : bins.subList(SHOWN_CATEGORIES, bins.size())) {
            restBaseline += bin.baseline();
            restCurrent += bin.current();
        }
        shown.add(new Bin(OTHER, Math.min(1, restBaseline), Math.min(1, restCurrent), false,
                bins.size() - SHOWN_CATEGORIES));
        return shown;
    }

    /** Categories of the current window that the baseline never saw, among all of them (not only the drawn ones). */
    public static int unseenCount(CategoricalProfile baseline, CategoricalProfile current) {
        CategoricalProfile[] pair = CategoricalProfile.comparable(baseline, current);
        Map<String, Long> inBaseline = pair[0].counts();
        return (int) pair[1].counts().keySet().stream().filter(k -> !inBaseline.containsKey(k)).count();
    }

    private static double share(long n, long total) {
        return total == 0 ? 0 : (double) n / total;
    }

    private static String label(double lo, double hi, boolean closed) {
        return "[" + Format.number(lo) + ", " + Format.number(hi) + (closed ? "]" : ")");
    }
}
