package io.driftwatch.bench;

import com.tdunning.math.stats.MergingDigest;
import com.tdunning.math.stats.ScaleFunction;

import java.util.Arrays;

/**
 * The benchmark's reference of the previous, order-dependent sketch mode (kept only to compare update throughput
 * within one JMH run): values waiting to enter a t-digest, fed to it in sorted batches.
 * <p>
 * Why: {@link MergingDigest#add(double)} costs about 90 ns a value, nearly all of it the index quicksort of its merge
 * buffer, repeated every ~1,600 values. This buffer collects up to {@link #CAPACITY} values, sorts them with an LSD
 * radix sort over order-preserving integer keys (about 13 ns a value, against about 50 for {@link Arrays#sort} of
 * random doubles on the same machine), and hands the digest far fewer, weighted points:
 * <ul>
 *   <li>each point is a <em>run</em> of adjacent values of the sorted batch, entered as its mean with its length as
 *       weight; a run of equal values enters as exactly that value;</li>
 *   <li>a run that has {@code below} values of the batch under it and {@code above} values over it holds at most
 *       {@code max(1, min(below, above) / (2 * SAFETY * normalizer))} values, where {@code normalizer} is t-digest's
 *       K_2 normalizer (the scale function {@code MergingDigest} uses) for the digest's working compression and its
 *       total weight after the batch. Every value of the run has at least {@code below} values under it and
 *       {@code above} over it in the digest too, so the K_2 weight limit there is at least
 *       {@code min(below, above) / (2 * normalizer)}: a run holds at most 1/{@value #SAFETY} of the smallest centroid
 *       the digest may form at that place. The smallest and largest values of every batch (about 50 at each end
 *       for 200,000 values) enter one by one, so the digest's min and max stay exact and its tails keep singleton
 *       centroids.</li>
 * </ul>
 * The same values in the same order gave the same digest, but another order or slicing gave another one.
 */
final class TDigestSketchReference {

    /** Values buffered before a batch is sorted and fed to the digest. */
    static final int CAPACITY = 8_192;
    /** How many times smaller than the digest's smallest permitted centroid a run must stay. */
    static final int SAFETY = 4;

    private static final int RADIX_BITS = 8;
    private static final int BUCKETS = 1 << RADIX_BITS;
    private static final int PASSES = Long.SIZE / RADIX_BITS;

    /** Receives the runs of a drained batch in ascending order. */
    interface RunSink {
        void accept(double mean, int weight);
    }

    private final long[] keys = new long[CAPACITY];
    private long[] scratch;  // allocated on the first drain, like offsets
    private int[] offsets;
    private int size;

    /** Buffers a finite value other than -0.0; returns true when the buffer is full and must be drained. */
    boolean add(double value) {
        long bits = Double.doubleToRawLongBits(value);
        // Flip every bit of a negative and the sign bit of a positive: unsigned key order is then numeric order.
        keys[size++] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        return size == CAPACITY;
    }

    /** Number of values waiting. */
    int size() {
        return size;
    }

    /**
     * Feeds the buffered values to {@code digest} as weighted runs and empties the buffer.
     *
     * @param workingCompression the compression {@code digest} merges with while values arrive (at least its public
     *                           compression); a larger value gives shorter runs
     */
    void drainInto(MergingDigest digest, double workingCompression) {
        drain((double) digest.size() + size, workingCompression, digest::add);
    }

    /** Sorts the buffered values, passes them to {@code sink} as runs sized for a digest of {@code totalWeight}. */
    void drain(double totalWeight, double workingCompression, RunSink sink) {
        int n = size;
        if (n == 0) {
            return;
        }
        long[] sorted = radixSort(n);
        double normalizer = ScaleFunction.K_2.normalizer(workingCompression, totalWeight);
        double divisor = 2.0 * SAFETY * normalizer;
        int start = 0;
        while (start < n) {
            // The largest w with w <= start / divisor and w <= (n - start - w) / divisor.
            double limit = Math.min(start / divisor, (n - start) / (divisor + 1));
            int weight = limit >= 2 ? (int) Math.min(limit, n - start) : 1;
            sink.accept(runMean(sorted, start, weight), weight);
            start += weight;
        }
        size = 0;
    }

    private static double runMean(long[] sorted, int start, int weight) {
        double first = decode(sorted[start]);
        if (weight == 1) {
            return first;
        }
        double last = decode(sorted[start + weight - 1]);
        if (first == last) {
            return first;
        }
        // Offsets from the first value keep the terms small; rescale if they overflow (values near ±Double.MAX_VALUE).
        double offsetSum = 0;
        for (int i = start + 1; i < start + weight; i++) {
            offsetSum += decode(sorted[i]) - first;
        }
        double mean = first + offsetSum / weight;
        if (!Double.isFinite(mean)) {
            mean = 0;
            for (int i = start; i < start + weight; i++) {
                mean += decode(sorted[i]) / weight;
            }
        }
        return Math.max(first, Math.min(last, mean));
    }

    private static double decode(long key) {
        return Double.longBitsToDouble(key ^ ((~key >> 63) | Long.MIN_VALUE));
    }

    /** Stable LSD radix sort of {@code keys[0, n)} by bytes, skipping bytes that all keys share. */
    private long[] radixSort(int n) {
        if (scratch == null) {
            scratch = new long[CAPACITY];
            offsets = new int[PASSES * BUCKETS];
        }
        int[] counts = offsets;
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass * BUCKETS + (int) ((key >>> (pass * RADIX_BITS)) & (BUCKETS - 1))]++;
            }
        }
        long[] source = keys;
        long[] target = scratch;
        for (int pass = 0; pass < PASSES; pass++) {
            int base = pass * BUCKETS;
            int shift = pass * RADIX_BITS;
            if (counts[base + (int) ((source[0] >>> shift) & (BUCKETS - 1))] == n) {
                continue;
            }
            int running = 0;
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                int count = counts[base + bucket];
                counts[base + bucket] = running;
                running += count;
            }
            for (int i = 0; i < n; i++) {
                long key = source[i];
                target[counts[base + (int) ((key >>> shift) & (BUCKETS - 1))]++] = key;
            }
            long[] swap = source;
            source = target;
            target = swap;
        }
        return source;
    }
}
