package io.driftwatch.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.tdunning.math.stats.MergingDigest;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * Feature values per second that a profile absorbs in the JVM alone (no database): numeric values
 * with few distinct values (exact mode), continuous values (t-digest sketch mode after the cap),
 * and categorical strings. Run with bench/jmh/run.sh; not part of the tests.
 * <p>
 * {@code numericSketchPerValueDigest} is the reference for {@code numericSketch}: the same moments
 * plus one {@code MergingDigest.add} per value, which is how sketch mode worked before values were
 * buffered and fed to the digest in sorted runs. Compare the two within one run: the machine's
 * speed varies between runs, their ratio much less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ProfileUpdateBenchmark {

    static final int BATCH = 1_000_000;

    double[] rounded;
    double[] continuous;
    String[] categories;
    NumericProfile exactProfile;
    NumericProfile sketchProfile;
    PerValueDigest perValueDigest;
    CategoricalProfile categoricalProfile;

    @Setup(Level.Trial)
    public void values() {
        SplittableRandom random = new SplittableRandom(42);
        rounded = new double[BATCH];
        continuous = new double[BATCH];
        categories = new String[BATCH];
        String[] pool = new String[12];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "category-" + i;
        }
        for (int i = 0; i < BATCH; i++) {
            double normal = gaussian(random);
            rounded[i] = Math.round((100 + 10 * normal) * 10) / 10.0;
            continuous[i] = 100 + 10 * normal;
            categories[i] = pool[(int) (Math.abs(normal) * 4) % pool.length];
        }
    }

    @Setup(Level.Iteration)
    public void profiles() {
        exactProfile = NumericProfile.create();
        sketchProfile = NumericProfile.create();
        perValueDigest = new PerValueDigest();
        categoricalProfile = CategoricalProfile.create();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public NumericProfile numericExact() {
        for (double v : rounded) {
            exactProfile.add(v);
        }
        return exactProfile;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public NumericProfile numericSketch() {
        for (double v : continuous) {
            sketchProfile.add(v);
        }
        return sketchProfile;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public PerValueDigest numericSketchPerValueDigest() {
        for (double v : continuous) {
            perValueDigest.add(v);
        }
        return perValueDigest;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public CategoricalProfile categorical() {
        for (String v : categories) {
            categoricalProfile.add(v);
        }
        return categoricalProfile;
    }

    /**
     * The sketch-mode update of {@link NumericProfile} as it was with one digest insertion per value:
     * the same checks and Welford moments, then {@code MergingDigest.add(v)}. Starts in sketch mode,
     * so it skips the exact phase that the profile goes through for its first 16,384 distinct values.
     */
    public static final class PerValueDigest {
        private final MergingDigest digest = new MergingDigest(NumericProfile.SKETCH_COMPRESSION);
        private long count;
        private long nanCount;
        private long infiniteCount;
        private double mean;
        private double m2;
        private double min = Double.NaN;
        private double max = Double.NaN;

        void add(double value) {
            if (Double.isNaN(value)) {
                nanCount++;
                return;
            }
            if (Double.isInfinite(value)) {
                infiniteCount++;
                return;
            }
            double v = value == 0.0 ? 0.0 : value;
            count++;
            double delta = v - mean;
            mean += delta / count;
            m2 += delta * (v - mean);
            min = count == 1 ? v : Math.min(min, v);
            max = count == 1 ? v : Math.max(max, v);
            digest.add(v);
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
