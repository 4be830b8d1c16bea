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
import org.apache.datasketches.frequencies.ItemsSketch;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * Feature values per second that a profile absorbs in the JVM alone (no database): numeric values
 * with few distinct values (exact mode), continuous values (sketch mode after the cap), categorical
 * strings from 12 categories (exact mode) and from 200,000 (sketch mode). Run with bench/jmh/run.sh;
 * not part of the tests.
 * <p>
 * References for the sketch modes, the update paths of earlier builds, to compare within one run
 * (the machine's speed varies between runs, their ratios much less):
 * {@code numericSketchTDigestBuffered} is the order-dependent sketch mode that the bucket sketch
 * replaced (Welford moments, values buffered and fed to a t-digest of compression 600 in sorted
 * runs, see {@link TDigestSketchReference}); {@code numericSketchPerValueDigest} the one before it,
 * one {@code MergingDigest.add} per value; {@code categoricalSketchFrequentItems} the order-dependent
 * DataSketches frequent-items sketch that the hashed sketch replaced.
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
    String[] identifiers;
    NumericProfile exactProfile;
    NumericProfile sketchProfile;
    PerValueDigest perValueDigest;
    BufferedDigest bufferedDigest;
    CategoricalProfile categoricalProfile;
    CategoricalProfile categoricalSketchProfile;
    FrequentItems frequentItems;

    @Setup(Level.Trial)
    public void values() {
        SplittableRandom random = new SplittableRandom(42);
        rounded = new double[BATCH];
        continuous = new double[BATCH];
        categories = new String[BATCH];
        identifiers = new String[BATCH];
        String[] ids = new String[200_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "id-" + i;
        }
        String[] pool = new String[12];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "category-" + i;
        }
        for (int i = 0; i < BATCH; i++) {
            double normal = gaussian(random);
            rounded[i] = Math.round((100 + 10 * normal) * 10) / 10.0;
            continuous[i] = 100 + 10 * normal;
            categories[i] = pool[(int) (Math.abs(normal) * 4) % pool.length];
            identifiers[i] = ids[random.nextInt(ids.length)];
        }
    }

    @Setup(Level.Iteration)
    public void profiles() {
        exactProfile = NumericProfile.create();
        sketchProfile = NumericProfile.create();
        perValueDigest = new PerValueDigest();
        bufferedDigest = new BufferedDigest();
        categoricalProfile = CategoricalProfile.create();
        categoricalSketchProfile = CategoricalProfile.create();
        frequentItems = new FrequentItems();
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
    public BufferedDigest numericSketchTDigestBuffered() {
        for (double v : continuous) {
            bufferedDigest.add(v);
        }
        return bufferedDigest;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public CategoricalProfile categoricalSketch() {
        for (String v : identifiers) {
            categoricalSketchProfile.add(v);
        }
        return categoricalSketchProfile;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public FrequentItems categoricalSketchFrequentItems() {
        for (String v : identifiers) {
            frequentItems.add(v);
        }
        return frequentItems;
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
     * The sketch-mode update of {@link NumericProfile} before sketches became order-independent: the
     * same checks and Welford moments, then the value handed to a t-digest by {@link #toDigest}.
     */
    abstract static class OrderDependentNumericSketch {
        private long count;
        private long nanCount;
        private long infiniteCount;
        private double mean;
        private double m2;
        private double min = Double.NaN;
        private double max = Double.NaN;

        final void add(double value) {
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
            toDigest(v);
        }

        abstract void toDigest(double value);
    }

    /** Values buffered and fed to a t-digest of compression 600 in sorted runs (the previous design). */
    public static final class BufferedDigest extends OrderDependentNumericSketch {
        private final MergingDigest digest = new MergingDigest(600, 2_050);
        private final TDigestSketchReference pending = new TDigestSketchReference();

        @Override
        void toDigest(double value) {
            if (pending.add(value)) {
                pending.drainInto(digest, 600);
            }
        }
    }

    /** One {@code MergingDigest.add} per value (the design before it). */
    public static final class PerValueDigest extends OrderDependentNumericSketch {
        private final MergingDigest digest = new MergingDigest(600);

        @Override
        void toDigest(double value) {
            digest.add(value);
        }
    }

    /** The sketch-mode update of {@code CategoricalProfile} before it became order-independent. */
    public static final class FrequentItems {
        private final ItemsSketch<String> sketch = new ItemsSketch<>(4_096);
        private long count;
        private long missing;

        void add(String value) {
            if (value == null) {
                missing++;
                return;
            }
            sketch.update(value);
            count++;
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
