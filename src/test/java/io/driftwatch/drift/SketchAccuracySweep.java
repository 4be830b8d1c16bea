package io.driftwatch.drift;

import io.driftwatch.profile.NumericProfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The measurement behind {@link SketchErrorBounds}' score bounds (a benchmark, not a test: it takes a few minutes).
 * Run with {@code bench/accuracy/run.sh}; it exits with status 1 if any comparison exceeds its bound, or any rank
 * estimate its profile's rank error bound.
 * <p>
 * 200,000 values per side; 5 distributions (normal, lognormal, uniform, exponential, Student t with 3 degrees of
 * freedom; PSI and KL skip Student t, as documented) x 6 shifts (0 to 1 scale unit) x 5 seeds; cap 1,000; baseline,
 * current or both sketched and read back from bytes, compared with exact profiles of the same data. For each method it
 * prints the error as a share of its bound: worst (and where), median, 90th and 99th percentile, how many comparisons
 * exceed the bound, and the largest absolute error among comparisons whose exact score is below 0.5; then the range
 * of the profiles' rank error bounds.
 */
public final class SketchAccuracySweep {


    private static final double[] SHIFTS = {0, 0.1, 0.25, 0.5, 0.75, 1.0};
    private static final String[] DISTRIBUTIONS = {"normal", "lognormal", "uniform", "exponential", "student_t"};
    private static final String[] METHODS = {"psi", "kl", "js", "js_divergence", "hellinger", "wasserstein_norm",
            "linf"};

    private SketchAccuracySweep() {
    }

    public static void main(String[] args) {
        DriftMethods methods = DriftMethods.standard();
        List<List<Double>> shares = new ArrayList<>();
        String[] worstAt = new String[METHODS.length];
        double[] worst = new double[METHODS.length];
        double[] worstBelowHalf = new double[METHODS.length]; // largest absolute error where the exact score < 0.5
        double lowestRankBound = 1;
        double highestRankBound = 0;
        long rankViolations = 0;
        long over = 0;
        for (int m = 0; m < METHODS.length; m++) {
            shares.add(new ArrayList<>());
        }
        for (int kind = 0; kind < DISTRIBUTIONS.length; kind++) {
            for (double shift : SHIFTS) {
                for (int seed = 1; seed <= 5; seed++) {
                    // the trials of SketchModeAccuracyTest
                    SketchModeAccuracyTest.Windows w = SketchModeAccuracyTest.windows(DISTRIBUTIONS[kind], shift, seed,
                            true);
                    NumericProfile baselineExact = w.baselineExact();
                    NumericProfile baselineSketch = w.baselineSketch();
                    NumericProfile currentExact = w.currentExact();
                    NumericProfile currentSketch = w.currentSketch();
                    for (NumericProfile[] sides : new NumericProfile[][]{{baselineExact, baselineSketch},
                            {currentExact, currentSketch}}) {
                        double rankBound = SketchErrorBounds.numericRankError(sides[1]);
                        lowestRankBound = Math.min(lowestRankBound, rankBound);
                        highestRankBound = Math.max(highestRankBound, rankBound);
                        for (int i = 1; i < 1_000; i++) {
                            double x = sides[0].quantile(i / 1_000.0);
                            if (Math.abs(sides[1].countBelow(x) - sides[0].countBelow(x))
                                    > rankBound * sides[0].count() + 1) {
                                rankViolations++;
                            }
                        }
                    }
                    NumericProfile[][] pairs = {{baselineSketch, currentSketch}, {baselineSketch, currentExact},
                            {baselineExact, currentSketch}};
                    for (int m = 0; m < METHODS.length; m++) {
                        boolean decilesOnly = m < 2;
                        if (decilesOnly && kind == 4) {
                            continue;
                        }
                        DriftMethod method = methods.require(METHODS[m]);
                        Binning[] binnings = decilesOnly ? new Binning[]{null}
                                : new Binning[]{Binning.BASELINE_DECILES, Binning.sturges()};
                        for (Binning binning : binnings) {
                            MethodSettings settings = binning == null ? MethodSettings.defaults(method)
                                    : MethodSettings.defaults(method).withBinning(binning);
                            double exact = method.compute(baselineExact, currentExact, settings).score();
                            double bound = SketchErrorBounds.scoreError(METHODS[m], exact, 1.0);
                            for (NumericProfile[] pair : pairs) {
                                double error = Math.abs(method.compute(pair[0], pair[1], settings).score() - exact);
                                double share = error / bound;
                                if (exact < 0.5) {
                                    worstBelowHalf[m] = Math.max(worstBelowHalf[m], error);
                                }
                                shares.get(m).add(share);
                                if (share > worst[m]) {
                                    worst[m] = share;
                                    worstAt[m] = DISTRIBUTIONS[kind] + ", shift " + shift + ", seed " + seed
                                            + (binning == null ? "" : ", " + binning.conventionName());
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("sketch-mode error as a share of the bound (profiles read back from bytes)");
        for (int m = 0; m < METHODS.length; m++) {
            List<Double> sorted = shares.get(m);
            Collections.sort(sorted);
            long methodOver = sorted.stream().filter(share -> share > 1).count();
            over += methodOver;
            System.out.printf("%-16s worst %5.0f%% (%s); median %.1f%%, p90 %.1f%%, p99 %.1f%%; over the bound %d of %d;"
                            + " largest error where the exact score < 0.5: %.5f%n",
                    METHODS[m], 100 * worst[m], worstAt[m], 100 * sorted.get(sorted.size() / 2),
                    100 * sorted.get(sorted.size() * 9 / 10), 100 * sorted.get(sorted.size() * 99 / 100), methodOver,
                    sorted.size(), worstBelowHalf[m]);
        }
        System.out.printf("profile rank error bounds %.5f to %.5f; rank estimates beyond them: %d%n", lowestRankBound,
                highestRankBound, rankViolations);
        if (over > 0 || rankViolations > 0) {
            System.exit(1);
        }
    }
}
