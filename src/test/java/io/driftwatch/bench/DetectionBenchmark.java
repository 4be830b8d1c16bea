package io.driftwatch.bench;

import io.driftwatch.drift.MethodSelection;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Operating characteristic of the method selections (not a test): for a grid of distributions × drift kinds and
 * sizes × window sizes, the share of seeded runs in which each selection flags the feature. Run by
 * {@code bench/detection/run.sh}; see docs/detection.md.
 * <p>
 * Windows are simulated cheaply: a distribution is a finite support (8,192 equiprobable quantiles of a continuous
 * distribution, the Poisson(3) probabilities, or Zipf(1) categories) and a window of exactly n rows draws
 * Binomial(n, missing share) NULLs and multinomial counts of the support for the rest (conditional binomials; the
 * normal approximation where an expected count is at least 30). Both windows have n rows; the baseline misses 1% of
 * them, so a 1,000-row window has about 990 usable values (the small-window regime of linf and evidently).
 * <p>
 * Options: {@code --full} (1,000 seeds per cell and 5,000 for no-drift cells, instead of 200 and 1,000),
 * {@code --sketch} (the default selection on the numeric cells with every window profiled both exactly and with an
 * exact cap of 1,024, so every window above it is a sketch: rates side by side, see {@link SketchDetectionComparison}),
 * {@code --seeds N}, {@code --sizes 100,1000}, {@code --only normal,cat5}, {@code --threads N}.
 */
public final class DetectionBenchmark {

    private static final int GRID = 8192;
    private static final double BASE_MISSING = 0.01;
    private static final MethodSelection.Mode[] MODES = {MethodSelection.Mode.EFFECTS, MethodSelection.Mode.LINF,
            MethodSelection.Mode.EVIDENTLY};

    /** A distribution's support and probabilities; categorical when {@code categories} is set. */
    record Support(double[] values, String[] categories, double[] probabilities) {
    }

    record Drift(String kind, double size, String label, boolean target) {
    }

    record Distribution(String name, boolean categorical) {
    }

    private DetectionBenchmark() {
    }

    public static void main(String[] args) {
        boolean full = false;
        boolean sketch = false;
        Integer seedsOption = null;
        int[] sizes = {100, 1_000, 10_000, 100_000, 1_000_000};
        List<String> only = null;
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> full = true;
                case "--sketch" -> sketch = true;
                case "--seeds" -> seedsOption = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--only" -> only = List.of(args[++i].split(","));
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; use --full, --sketch, --seeds N,"
                            + " --sizes 100,1000, --only normal,cat5, --threads N");
                    System.exit(2);
                }
            }
        }
        int driftSeeds = seedsOption != null ? seedsOption : full ? 1000 : 200;
        int quietSeeds = seedsOption != null ? seedsOption : full ? 5000 : 1000;
        List<Distribution> distributions = new ArrayList<>();
        for (String name : List.of("normal", "lognormal", "poisson", "t2", "cat2", "cat5", "cat50", "cat5000")) {
            if (only == null || only.contains(name)) {
                distributions.add(new Distribution(name, name.startsWith("cat")));
            }
        }
        if (sketch) {
            SketchDetectionComparison.run(distributions.stream().filter(d -> !d.categorical()).map(Distribution::name)
                    .toList(), sizes, driftSeeds, quietSeeds, threads);
            return;
        }
        boolean sketchMode = false;
        ForkJoinPool pool = new ForkJoinPool(threads);
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "# Detection benchmark: %d seeds per drift cell, %d per no-drift cell,"
                + " numeric profiles %s%n", driftSeeds, quietSeeds, sketch ? "in sketch mode (cap 1,024)" : "exact");
        System.out.println("| distribution | drift | rows per window | effects | linf | evidently |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        List<String> misses = new ArrayList<>();
        for (Distribution distribution : distributions) {
            Support baseline = baseline(distribution.name());
            for (Drift drift : drifts(distribution.categorical())) {
                Support current = drifted(distribution.name(), baseline, drift);
                double currentMissing = drift.kind().equals("missing") ? BASE_MISSING + drift.size() : BASE_MISSING;
                for (int n : sizes) {
                    int seeds = drift.kind().equals("none") ? quietSeeds : driftSeeds;
                    long cellSeed = (distribution.name() + "/" + drift.label() + "/" + n).hashCode() * 0x9E3779B97F4A7C15L;
                    int[] flagged = pool.submit(() -> IntStream.range(0, seeds).parallel().mapToObj(seed -> {
                        SplittableRandom random = new SplittableRandom(cellSeed + seed);
                        FeatureProfile b = window(baseline, n, BASE_MISSING, random, sketchMode);
                        FeatureProfile c = window(current, n, currentMissing, random, sketchMode);
                        int[] hits = new int[MODES.length];
                        for (int i = 0; i < MODES.length; i++) {
                            hits[i] = flags(MODES[i], b, c) ? 1 : 0;
                        }
                        return hits;
                    }).reduce(new int[MODES.length], DetectionBenchmark::add)).join();
                    double[] rates = new double[MODES.length];
                    for (int i = 0; i < MODES.length; i++) {
                        rates[i] = 100.0 * flagged[i] / seeds;
                    }
                    System.out.printf(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s |%n", distribution.name(),
                            drift.label(), n, rate(rates[0]), rate(rates[1]), rate(rates[2]));
                    if (drift.kind().equals("none") && rates[0] > (n >= 10_000 ? 0.1 : 1.0)) {
                        misses.add(distribution.name() + " no drift at " + n + ": false alarms " + rate(rates[0]));
                    }
                    if (drift.target() && n >= 10_000 && rates[0] < 95.0) {
                        misses.add(distribution.name() + " " + drift.label() + " at " + n + ": detection "
                                + rate(rates[0]));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nTargets (effects): %s%n", misses.isEmpty() ? "all met"
                : misses.size() + " missed");
        misses.forEach(m -> System.out.println("- " + m));
        System.out.printf(Locale.ROOT, "Took %.0f s on %d threads%n", (System.nanoTime() - started) / 1e9, threads);
        pool.shutdown();
    }

    private static int[] add(int[] a, int[] b) {
        int[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    private static String rate(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    static boolean flags(MethodSelection.Mode mode, FeatureProfile baseline, FeatureProfile current) {
        for (MethodSelection.Choice choice : MethodSelection.of(mode).select(baseline, current)) {
            if (choice.compute(baseline, current).drifted()) {
                return true;
            }
        }
        return false;
    }

    static List<Drift> drifts(boolean categorical) {
        List<Drift> drifts = new ArrayList<>();
        drifts.add(new Drift("none", 0, "no drift", false));
        if (categorical) {
            for (double points : new double[]{2, 5, 10, 20}) {
                drifts.add(new Drift("move", points / 100, String.format(Locale.ROOT, "share move %.0f pts", points),
                        points >= 10));
            }
            for (double share : new double[]{0.5, 1, 2, 5}) {
                drifts.add(new Drift("novel", share / 100, String.format(Locale.ROOT, "new category %s%%",
                        share == 0.5 ? "0.5" : String.format(Locale.ROOT, "%.0f", share)), share >= 2));
            }
        } else {
            for (double sigma : new double[]{0.1, 0.25, 0.5}) {
                drifts.add(new Drift("shift", sigma, String.format(Locale.ROOT, "shift %s σ", sigma), sigma >= 0.25));
            }
            for (double factor : new double[]{1.1, 1.25, 1.5}) {
                drifts.add(new Drift("spread", factor, String.format(Locale.ROOT, "spread ×%s", factor),
                        factor >= 1.25));
            }
            for (double mass : new double[]{1, 5}) {
                drifts.add(new Drift("tail", mass / 100, String.format(Locale.ROOT, "tail mass %.0f%%", mass), false));
            }
        }
        for (double points : new double[]{2, 5, 15}) {
            drifts.add(new Drift("missing", points / 100, String.format(Locale.ROOT, "missing +%.0f pts", points),
                    points >= 5));
        }
        return drifts;
    }

    static Support baseline(String name) {
        if (name.startsWith("cat")) {
            int k = Integer.parseInt(name.substring(3));
            String[] categories = new String[k];
            double[] p = new double[k];
            double total = 0;
            for (int i = 0; i < k; i++) {
                categories[i] = "c" + i;
                p[i] = 1.0 / (i + 1);
                total += p[i];
            }
            for (int i = 0; i < k; i++) {
                p[i] /= total;
            }
            return new Support(null, categories, p);
        }
        if (name.equals("poisson")) {
            PoissonDistribution poisson = PoissonDistribution.of(3);
            int max = 30;
            double[] values = new double[max + 1];
            double[] p = new double[max + 1];
            for (int x = 0; x <= max; x++) {
                values[x] = x;
                p[x] = poisson.probability(x);
            }
            return new Support(values, null, p);
        }
        ContinuousDistribution distribution = continuous(name);
        double[] values = new double[GRID];
        double[] p = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            values[j] = distribution.inverseCumulativeProbability((j + 0.5) / GRID);
            p[j] = 1.0 / GRID;
        }
        return new Support(values, null, p);
    }

    private static ContinuousDistribution continuous(String name) {
        return switch (name) {
            case "normal" -> NormalDistribution.of(0, 1);
            case "lognormal" -> LogNormalDistribution.of(0, 1);
            case "t2" -> TDistribution.of(2);
            default -> throw new IllegalArgumentException("unknown distribution " + name);
        };
    }

    /** σ for shifts: the standard deviation; for t(2), whose variance is infinite, IQR / 1.349. */
    static double sigma(String name) {
        return switch (name) {
            case "normal" -> 1;
            case "lognormal" -> Math.sqrt((Math.E - 1) * Math.E);
            case "t2" -> 2 * TDistribution.of(2).inverseCumulativeProbability(0.75) / 1.3489795003921634;
            case "poisson" -> Math.sqrt(3);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Support drifted(String name, Support baseline, Drift drift) {
        double[] p = baseline.probabilities().clone();
        switch (drift.kind()) {
            case "none", "missing" -> {
                return baseline;
            }
            case "move" -> {
                int second = p.length > 1 ? 1 : 0;
                double moved = Math.min(drift.size(), p[0]);
                p[0] -= moved;
                p[second] += moved;
                return new Support(null, baseline.categories(), p);
            }
            case "novel" -> {
                String[] categories = java.util.Arrays.copyOf(baseline.categories(), p.length + 1);
                categories[p.length] = "new";
                double[] q = new double[p.length + 1];
                for (int i = 0; i < p.length; i++) {
                    q[i] = p[i] * (1 - drift.size());
                }
                q[p.length] = drift.size();
                return new Support(null, categories, q);
            }
            default -> {
            }
        }
        double[] values = baseline.values().clone();
        if (name.equals("poisson")) {
            if (drift.kind().equals("shift")) {
                PoissonDistribution shifted = PoissonDistribution.of(3 + drift.size() * Math.sqrt(3));
                for (int x = 0; x < values.length; x++) {
                    p[x] = shifted.probability(x);
                }
                return new Support(values, null, p);
            }
            if (drift.kind().equals("spread")) {
                for (int x = 0; x < values.length; x++) {
                    values[x] = Math.round(3 + drift.size() * (values[x] - 3));
                }
                return new Support(values, null, p);
            }
            // tail: mass beyond the baseline p99 (7 for Poisson(3)) on 8, 9 and 10
            for (int x = 0; x < p.length; x++) {
                p[x] *= 1 - drift.size();
            }
            for (int x = 8; x <= 10; x++) {
                p[x] += drift.size() / 3;
            }
            return new Support(values, null, p);
        }
        double median = continuous(name).inverseCumulativeProbability(0.5);
        switch (drift.kind()) {
            case "shift" -> {
                double by = drift.size() * sigma(name);
                for (int j = 0; j < values.length; j++) {
                    values[j] += by;
                }
            }
            case "spread" -> {
                for (int j = 0; j < values.length; j++) {
                    values[j] = median + drift.size() * (values[j] - median);
                }
            }
            case "tail" -> {
                // the mass moves from everywhere to the quantiles of the baseline's top 1%
                int top = (int) Math.round(0.01 * GRID);
                for (int j = 0; j < p.length; j++) {
                    p[j] *= 1 - drift.size();
                }
                for (int j = GRID - top; j < GRID; j++) {
                    p[j] += drift.size() / top;
                }
            }
            default -> throw new IllegalArgumentException(drift.kind());
        }
        return new Support(values, null, p);
    }

    /** A window of exactly n rows: Binomial(n, missing) NULLs, the rest multinomial over the support. */
    static FeatureProfile window(Support support, int n, double missing, SplittableRandom random, boolean sketch) {
        long nulls = binomial(n, missing, random);
        long remaining = n - nulls;
        double[] p = support.probabilities();
        double left = 1.0;
        long[] counts = new long[p.length];
        for (int i = 0; i < p.length && remaining > 0; i++) {
            long count = i == p.length - 1 ? remaining : binomial(remaining, Math.min(1.0, p[i] / left), random);
            counts[i] = count;
            remaining -= count;
            left -= p[i];
            if (left <= 0) {
                left = Double.MIN_NORMAL;
            }
        }
        if (support.categories() != null) {
            CategoricalProfile profile = CategoricalProfile.create();
            for (int i = 0; i < p.length; i++) {
                profile.add(support.categories()[i], counts[i]);
            }
            profile.add(null, nulls);
            return profile;
        }
        NumericProfile profile = sketch ? NumericProfile.create(1024) : NumericProfile.create();
        for (int i = 0; i < p.length; i++) {
            profile.add(support.values()[i], counts[i]);
        }
        for (long k = 0; k < nulls; k++) {
            profile.addMissing();
        }
        return profile;
    }

    /** A binomial draw: inversion when the smaller expected count is below 30, the rounded normal approximation above. */
    static long binomial(long trials, double p, SplittableRandom random) {
        if (trials <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return trials;
        }
        if (p > 0.5) {
            return trials - binomial(trials, 1 - p, random);
        }
        double mean = trials * p;
        if (mean < 30) {
            double u = random.nextDouble();
            double q = 1 - p;
            double probability = Math.exp(trials * Math.log1p(-p));
            double cumulative = probability;
            long k = 0;
            while (u > cumulative && k < trials) {
                probability *= (double) (trials - k) / (k + 1) * p / q;
                k++;
                cumulative += probability;
                if (probability < 1e-300 && cumulative < u) {
                    break;
                }
            }
            return k;
        }
        long draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(random));
        return Math.max(0, Math.min(trials, draw));
    }

    private static double normal(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
