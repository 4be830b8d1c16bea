package io.driftwatch.profile;

import java.util.Arrays;

/**
 * The distribution of a sketch-mode {@link NumericProfile}: counts of values per bucket, where a bucket is every
 * double whose order-preserving 64-bit key shares its top {@code 64 - shift} bits. With {@code shift <= 52} a bucket
 * lies within one binade and spans a relative width of {@code 2^(shift - 52)}; coarser buckets span whole binades.
 * <p>
 * <b>Uniform collapse.</b> The shift is the smallest one, at least {@link #MIN_SHIFT}, at which the values occupy at
 * most {@link #MAX_BUCKETS} buckets: whenever a new bucket would exceed that, every bucket is merged with its
 * neighbour (the shift grows by one) until it fits again, as UDDSketch does (Epicoco et al., 2020). Because the number
 * of occupied buckets only grows as values arrive, the shift and every count are functions of the multiset of values
 * alone: any order, any slicing and any merge order give the same state, and a merge equals one pass. Resolution
 * adapts to the data: values within a narrow range get fine buckets wherever they lie (1,000,000 ± 5 gets buckets of
 * about 0.001), values spread over many binades coarser ones.
 * <p>
 * Estimates interpolate linearly in key space within a bucket (linearly in value within a binade), clamped to the
 * profile's exact min and max, so a count below {@code x} is off by at most the count of the bucket holding {@code x}
 * ({@link #largestBucket()} bounds it for every {@code x}). Not thread-safe.
 */
final class BucketSketch {

    /** Most occupied buckets; beyond, buckets are merged pairwise. */
    static final int MAX_BUCKETS = 4_096;
    /** Finest shift: buckets of 2 adjacent doubles. */
    static final int MIN_SHIFT = 1;

    private static final int CAPACITY = 2 * Integer.highestOneBit(MAX_BUCKETS) * 2;

    private long[] ids = new long[CAPACITY];
    private long[] counts = new long[CAPACITY];
    private int size;
    private int shift = MIN_SHIFT;
    private long total;

    // Ascending view for reads, rebuilt lazily.
    private long[] sortedIds;
    private long[] cumulative;

    /** The order-preserving key of a double: unsigned key order is numeric order (-0.0 must be folded first). */
    static long key(double value) {
        long bits = Double.doubleToRawLongBits(value);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((~key >> 63) | Long.MIN_VALUE));
    }

    int shift() {
        return shift;
    }

    long total() {
        return total;
    }

    int bucketCount() {
        return size;
    }

    /** Adds {@code n} copies of a finite value other than -0.0. */
    void add(double value, long n) {
        addId(key(value) >>> shift, n);
    }

    /** Adds one finite value other than -0.0: the hot path. */
    void add(double value) {
        long id = key(value) >>> shift;
        int mask = ids.length - 1;
        int slot = mix(id) & mask;
        while (counts[slot] != 0) {
            if (ids[slot] == id) {
                counts[slot]++;
                total++;
                return;
            }
            slot = (slot + 1) & mask;
        }
        insert(slot, id, 1);
    }

    /** Adds every bucket of {@code other}; the result is the sketch of both inputs' values. */
    void addAll(BucketSketch other) {
        long[] otherIds = other.ids.clone();
        long[] otherCounts = other.counts.clone();
        int otherShift = other.shift;
        while (shift < otherShift) {
            coarsen();
        }
        for (int i = 0; i < otherIds.length; i++) {
            if (otherCounts[i] != 0) {
                addId(otherIds[i] >>> (shift - otherShift), otherCounts[i]);
            }
        }
    }

    /**
     * A sketch of an ascending multiset at the shift its values need, built directly rather than by collapsing from
     * {@link #MIN_SHIFT}: the number of buckets at a shift is one more than the number of adjacent pairs whose keys
     * differ above it.
     */
    static BucketSketch of(double[] ascending, long[] multiplicities) {
        int[] highestDifferingBit = new int[64];
        for (int i = 1; i < ascending.length; i++) {
            highestDifferingBit[63 - Long.numberOfLeadingZeros(key(ascending[i - 1]) ^ key(ascending[i]))]++;
        }
        BucketSketch sketch = new BucketSketch();
        int buckets = ascending.length;
        for (int bit = 0; bit < MIN_SHIFT; bit++) {
            buckets -= highestDifferingBit[bit];
        }
        while (buckets > MAX_BUCKETS) {
            // Adjacent values whose keys differ only below the new shift now share a bucket.
            buckets -= highestDifferingBit[sketch.shift];
            sketch.shift++;
        }
        for (int i = 0; i < ascending.length; i++) {
            sketch.add(ascending[i], multiplicities[i]);
        }
        return sketch;
    }

    /** Rebuilds a sketch from decoded ascending ids and positive counts at {@code shift}. */
    static BucketSketch restore(int shift, long[] ascendingIds, long[] bucketCounts) {
        BucketSketch sketch = new BucketSketch();
        sketch.shift = shift;
        for (int i = 0; i < ascendingIds.length; i++) {
            sketch.addId(ascendingIds[i], bucketCounts[i]);
        }
        return sketch;
    }

    /** Occupied bucket ids in ascending order; the array must not be modified. */
    long[] sortedIds() {
        ensureSorted();
        return sortedIds;
    }

    /** Counts aligned with {@link #sortedIds()}, as a fresh array. */
    long[] sortedCounts() {
        ensureSorted();
        long[] result = new long[cumulative.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        return result;
    }

    /** The largest bucket count: no count-below estimate is off by more. */
    long largestBucket() {
        long largest = 0;
        for (long count : counts) {
            largest = Math.max(largest, count);
        }
        return largest;
    }

    /**
     * Estimated number of values below {@code x}, for {@code min < x <= max} of the values: whole buckets below, plus
     * the share of {@code x}'s bucket before it, interpolating in key space over the part of the bucket within
     * [min, max].
     */
    double countBelow(double x, double min, double max) {
        ensureSorted();
        long xKey = key(x == 0.0 ? 0.0 : x);
        long xId = xKey >>> shift;
        int index = Arrays.binarySearch(sortedIds, xId);
        int bucket = index >= 0 ? index : -index - 1;
        double below = bucket == 0 ? 0 : cumulative[bucket - 1];
        if (index < 0) {
            return below;
        }
        long first = Math.max(0, offset(key(min), xId));
        long last = Math.min(bucketWidth() - 1, offset(key(max), xId));
        long at = offset(xKey, xId);
        if (last <= first) {
            return at > first ? cumulative[bucket] : below;
        }
        double share = Math.min(1.0, Math.max(0.0, (double) (at - first) / (double) (last - first)));
        return below + share * (cumulative[bucket] - below);
    }

    /**
     * The value below which an estimated {@code rank} of the values lie ({@code 0 < rank < total}), the inverse of
     * {@link #countBelow}, clamped to [min, max].
     */
    double valueAtRank(double rank, double min, double max) {
        ensureSorted();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < rank) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int bucket = low;
        long id = sortedIds[bucket];
        double before = bucket == 0 ? 0 : cumulative[bucket - 1];
        double share = (rank - before) / (cumulative[bucket] - before);
        long first = Math.max(0, offset(key(min), id));
        long last = Math.min(bucketWidth() - 1, offset(key(max), id));
        long offset = first + Math.round(share * (double) Math.max(0, last - first));
        double estimate = value((id << shift) + offset);
        return Math.max(min, Math.min(max, estimate));
    }

    private long bucketWidth() {
        return shift == 63 ? Long.MAX_VALUE : 1L << shift;
    }

    /** Offset of {@code key} from the first key of bucket {@code id}, clamped to [-1, width] for keys outside it. */
    private long offset(long key, long id) {
        long bucketOf = key >>> shift;
        if (bucketOf < id) {
            return -1;
        }
        if (bucketOf > id) {
            return bucketWidth();
        }
        return key - (id << shift);
    }

    private void addId(long id, long n) {
        int mask = ids.length - 1;
        int slot = mix(id) & mask;
        while (counts[slot] != 0) {
            if (ids[slot] == id) {
                counts[slot] += n;
                total += n;
                sortedIds = null;
                return;
            }
            slot = (slot + 1) & mask;
        }
        insert(slot, id, n);
    }

    private void insert(int slot, long id, long n) {
        ids[slot] = id;
        counts[slot] = n;
        total += n;
        size++;
        sortedIds = null;
        while (size > MAX_BUCKETS) {
            coarsen();
        }
    }

    /** Merges every bucket with its neighbour: the shift grows by one. */
    private void coarsen() {
        long[] oldIds = ids;
        long[] oldCounts = counts;
        ids = new long[oldIds.length];
        counts = new long[oldCounts.length];
        size = 0;
        shift++;
        int mask = ids.length - 1;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldCounts[i] != 0) {
                long id = oldIds[i] >>> 1;
                int slot = mix(id) & mask;
                while (counts[slot] != 0 && ids[slot] != id) {
                    slot = (slot + 1) & mask;
                }
                if (counts[slot] == 0) {
                    ids[slot] = id;
                    size++;
                }
                counts[slot] += oldCounts[i];
            }
        }
        sortedIds = null;
    }

    private void ensureSorted() {
        if (sortedIds != null) {
            return;
        }
        long[] sorted = new long[size];
        int next = 0;
        for (int i = 0; i < ids.length; i++) {
            if (counts[i] != 0) {
                sorted[next++] = ids[i];
            }
        }
        Arrays.sort(sorted); // ids are non-negative since the shift is at least 1
        long[] running = new long[size];
        long sum = 0;
        int mask = ids.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = mix(sorted[i]) & mask;
            while (ids[slot] != sorted[i] || counts[slot] == 0) {
                slot = (slot + 1) & mask;
            }
            sum += counts[slot];
            running[i] = sum;
        }
        sortedIds = sorted;
        cumulative = running;
    }

    // Bucket ids of nearby values differ in low bits only: spread them before masking (the murmur3 finalizer).
    private static int mix(long id) {
        long h = id;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
