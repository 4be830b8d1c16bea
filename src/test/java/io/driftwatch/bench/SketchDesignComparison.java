package io.driftwatch.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.tdunning.math.stats.MergingDigest;
import io.driftwatch.profile.NumericProfile;

import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * The measurement behind the choice of the numeric sketch (docs/drift-methods.md, "Sketch mode"): for each candidate,
 * the rank error of its quantiles on 200,000 values of seven distributions, whether two orders of the same values give
 * the same quantiles, and its serialized size. Not a test; run with
 * {@code bench/jmh/run.sh} 's classpath: {@code java -cp ... io.driftwatch.bench.SketchDesignComparison}.
 * <p>
 * Candidates: the bucket sketch of {@link NumericProfile} (cap 1,000, so it is in sketch mode); DDSketch
 * (com.datadoghq:sketches-java, relative accuracy 1% with 2,048 bins and 0.1% with 4,096, lowest bins collapsing);
 * a t-digest of compression 600 fed value by value (the previous, order-dependent design); and a canonical t-digest
 * built from the bucket sketch, its buckets fed in ascending order.
 */
public final class SketchDesignComparison {

    private static final int N = 200_000;
    private static final int GRID = 1_000;

    private SketchDesignComparison() {
    }

    public static void main(String[] args) {
        String[] names = {"normal", "lognormal", "uniform", "exponential", "student_t3", "far N(1e6,1)",
                "wide lognormal s=3"};
        System.out.println("max (mean) rank error of quantiles at " + GRID + " probabilities; same quantiles for a"
                + " shuffled order?; bytes");
        for (int kind = 0; kind < names.length; kind++) {
            double[] values = draw(kind, new Random(kind + 1));
            double[] shuffled = values.clone();
            shuffle(shuffled, new Random(99));
            NumericProfile sorted = NumericProfile.create(NumericProfile.MAX_EXACT_DISTINCT_CAP);
            for (double v : values) {
                sorted.add(v);
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", names[kind]));
            NumericProfile bucket = bucketSketch(values);
            report(line, "bucket", sorted, bucket::quantile, bucketSketch(shuffled)::quantile, bucket.toBytes().length);
            for (double alpha : new double[]{0.01, 0.001}) {
                DDSketch dd = ddSketch(values, alpha);
                report(line, "dd" + alpha, sorted, dd::getValueAtQuantile, ddSketch(shuffled, alpha)::getValueAtQuantile,
                        dd.serializedSize());
            }
            MergingDigest digest = tDigest(values);
            report(line, "tdigest", sorted, digest::quantile, tDigest(shuffled)::quantile, digest.byteSize());
            MergingDigest canonical = canonicalDigest(bucket);
            report(line, "canonical-td", sorted, canonical::quantile, canonicalDigest(bucketSketch(shuffled))::quantile,
                    canonical.byteSize());
            System.out.println(line);
        }
    }

    private static void report(StringBuilder line, String name, NumericProfile exact, DoubleUnaryOperator quantile,
                               DoubleUnaryOperator shuffledQuantile, int bytes) {
        double max = 0;
        double sum = 0;
        boolean same = true;
        for (int i = 0; i < GRID; i++) {
            double p = (i + 0.5) / GRID;
            double estimate = quantile.applyAsDouble(p);
            same &= Double.doubleToLongBits(estimate) == Double.doubleToLongBits(shuffledQuantile.applyAsDouble(p));
            double below = exact.countBelow(estimate) / (double) exact.count();
            double atOrBelow = exact.countAtOrBelow(estimate) / (double) exact.count();
            double error = p < below ? below - p : p > atOrBelow ? p - atOrBelow : 0;
            max = Math.max(max, error);
            sum += error;
        }
        line.append(String.format(Locale.ROOT, " | %s %.5f (%.5f) %s %dB", name, max, sum / GRID,
                same ? "same" : "DIFFERS", bytes));
    }

    private static NumericProfile bucketSketch(double[] values) {
        NumericProfile profile = NumericProfile.create(1_000);
        for (double v : values) {
            profile.add(v);
        }
        return profile;
    }

    private static DDSketch ddSketch(double[] values, double alpha) {
        DDSketch sketch = DDSketches.collapsingLowestDense(alpha, alpha >= 0.01 ? 2_048 : 4_096);
        for (double v : values) {
            sketch.accept(v);
        }
        return sketch;
    }

    private static MergingDigest tDigest(double[] values) {
        MergingDigest digest = new MergingDigest(600);
        for (double v : values) {
            digest.add(v);
        }
        return digest;
    }

    /** A t-digest from the bucket sketch's quantiles at 4,096 evenly spaced ranks, fed in ascending order. */
    private static MergingDigest canonicalDigest(NumericProfile sketch) {
        MergingDigest digest = new MergingDigest(600);
        int points = 4_096;
        long weight = sketch.count() / points;
        for (int i = 0; i < points; i++) {
            digest.add(sketch.quantile((i + 0.5) / points), (int) Math.max(1, weight));
        }
        return digest;
    }

    private static double[] draw(int kind, Random random) {
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
            values[i] = switch (kind) {
                case 0 -> random.nextGaussian();
                case 1 -> Math.exp(random.nextGaussian() * 0.8);
                case 2 -> random.nextDouble();
                case 3 -> -Math.log(1 - random.nextDouble());
                case 4 -> random.nextGaussian() / Math.sqrt((Math.pow(random.nextGaussian(), 2)
                        + Math.pow(random.nextGaussian(), 2) + Math.pow(random.nextGaussian(), 2)) / 3);
                case 5 -> 1e6 + random.nextGaussian();
                default -> Math.exp(random.nextGaussian() * 3);
            };
        }
        return values;
    }

    private static void shuffle(double[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
