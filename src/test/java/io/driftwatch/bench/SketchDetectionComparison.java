package io.driftwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import io.driftwatch.drift.MethodSelection;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * The default selection's decisions in sketch mode against exact mode on the same windows (not a test), for
 * {@code bench/detection/run.sh --sketch}: every seeded window pair of {@link DetectionBenchmark}'s numeric cells is
 * profiled twice from the same draw, exactly and with an exact cap of 1,024 (so a window with more distinct values is
 * a sketch), and judged by {@code effects} both ways. Prints each cell's detection (or false-alarm) rate in both
 * modes, their difference and the share of window pairs whose decision differs, and checks the target of
 * docs/detection.md: sketch mode within 1 point of exact mode in every cell. Categorical profiles are not affected
 * by the numeric cap and are left out; so are window sizes at which no profile reaches the cap.
 */
final class SketchDetectionComparison {

    static final int SKETCH_CAP = 1024;

    private SketchDetectionComparison() {
    }

    static void run(List<String> distributions, int[] sizes, int driftSeeds, int quietSeeds, int threads) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "# Sketch mode against exact mode, effects (the default): %d seeds per drift cell,"
                + " %d per no-drift cell, numeric exact cap %,d in sketch mode%n", driftSeeds, quietSeeds, SKETCH_CAP);
        System.out.println("| distribution | drift | rows per window | exact | sketch | difference | decisions differing |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        List<String> misses = new ArrayList<>();
        double worst = 0;
        int cells = 0;
        for (String name : distributions) {
            DetectionBenchmark.Support baseline = DetectionBenchmark.baseline(name);
            for (DetectionBenchmark.Drift drift : DetectionBenchmark.drifts(false)) {
                DetectionBenchmark.Support current = DetectionBenchmark.drifted(name, baseline, drift);
                double currentMissing = drift.kind().equals("missing") ? 0.01 + drift.size() : 0.01;
                for (int n : sizes) {
                    int seeds = drift.kind().equals("none") ? quietSeeds : driftSeeds;
                    long cellSeed = (name + "/" + drift.label() + "/" + n).hashCode() * 0x9E3779B97F4A7C15L;
                    // [exact flags, sketch flags, differing decisions, pairs with a sketched window]
                    int[] counts = pool.submit(() -> IntStream.range(0, seeds).parallel().mapToObj(seed -> {
                        boolean[] decisions = new boolean[2];
                        boolean sketched = false;
                        for (int mode = 0; mode < 2; mode++) {
                            SplittableRandom random = new SplittableRandom(cellSeed + seed);
                            FeatureProfile b = DetectionBenchmark.window(baseline, n, 0.01, random, mode == 1);
                            FeatureProfile c = DetectionBenchmark.window(current, n, currentMissing, random, mode == 1);
                            decisions[mode] = DetectionBenchmark.flags(MethodSelection.Mode.EFFECTS, b, c);
                            sketched |= mode == 1 && (!((NumericProfile) b).isExact() || !((NumericProfile) c).isExact());
                        }
                        return new int[] {decisions[0] ? 1 : 0, decisions[1] ? 1 : 0, decisions[0] != decisions[1] ? 1 : 0,
                                sketched ? 1 : 0};
                    }).reduce(new int[4], SketchDetectionComparison::add)).join();
                    if (counts[3] == 0) {
                        continue;
                    }
                    double exact = 100.0 * counts[0] / seeds;
                    double sketch = 100.0 * counts[1] / seeds;
                    double differing = 100.0 * counts[2] / seeds;
                    worst = Math.max(worst, Math.abs(sketch - exact));
                    cells++;
                    System.out.printf(Locale.ROOT, "| %s | %s | %,d | %.1f%% | %.1f%% | %+.1f | %.1f%% |%n", name,
                            drift.label(), n, exact, sketch, sketch - exact, differing);
                    if (Math.abs(sketch - exact) > 1.0) {
                        misses.add(name + " " + drift.label() + " at " + n + ": exact " + exact + "%, sketch " + sketch + "%");
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nSketch within 1 point of exact: %s (%d cells, largest difference %.1f points)%n",
                misses.isEmpty() ? "met" : misses.size() + " cells missed", cells, worst);
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
}
