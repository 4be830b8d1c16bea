package io.driftwatch.profile;

import java.util.Arrays;

/**
 * An exact multiset of finite doubles stored as distinct value -> multiplicity, with order statistics.
 * <p>
 * Two representations, the same multiset. <em>Buffered</em> (where every table starts): values added one at a time
 * are appended to a plain array, and sorted and run-length merged into the ascending distinct values only when
 * someone reads them or when they may exceed the caller's cap ({@link #sizeBound()}). Appending writes memory in
 * sequence, so a profile that sees mostly distinct values (a continuous feature, which will turn into a sketch at its
 * cap anyway) costs one sort instead of one hash-table probe per value, and many tables (a feature in each of many
 * segments) can be filled side by side without their working sets competing for the CPU cache. <em>Hashed</em>: open
 * addressing over two primitive arrays (about 32 bytes per distinct value, against roughly 80 for a boxed
 * {@code HashMap<Double, long[]>}), taken once values turn out to repeat ({@link #hashed()}), for added
 * multiplicities, and for merges; a multiplicity of zero marks an empty slot. Callers pass only finite values with
 * -0.0 already folded into 0.0.
 */
final class ExactCounts {

    private static final int MIN_CAPACITY = 16;

    // Hashed: the table (null while buffered).
    private double[] keys;
    private long[] counts;
    private int size;

    // Buffered: values appended since the last compaction (null once hashed).
    private double[] pending = new double[MIN_CAPACITY];
    private int pendingCount;

    // Ascending distinct values and running counts: while buffered the compacted multiset itself, once hashed a view
    // rebuilt lazily because rows usually arrive long before anyone asks.
    private double[] sortedValues = new double[0];
    private long[] cumulativeCounts = new long[0];

    /** Number of distinct values. */
    int size() {
        compact();
        return size;
    }

    /** At least {@link #size()}, without sorting what is buffered: the distinct values plus the values buffered. */
    int sizeBound() {
        return size + pendingCount;
    }

    /** Adds one value: appended while buffered. */
    void add(double value) {
        if (pending == null) {
            add(value, 1);
            return;
        }
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingCount++] = value;
    }

    void add(double value, long multiplicity) {
        if (multiplicity <= 0) {
            throw new IllegalArgumentException("multiplicity must be positive but was " + multiplicity);
        }
        hashed();
        int slot = slotOf(value);
        if (counts[slot] == 0) {
            keys[slot] = value;
            size++;
        }
        counts[slot] += multiplicity;
        sortedValues = null;
        cumulativeCounts = null;
        // Grow after inserting so a slot index never refers to a stale table; load factor stays at most one half.
        if (size * 2 > keys.length) {
            rehash(keys.length * 2);
        }
    }

    void addAll(ExactCounts other) {
        // Read the source's sorted view first so that adding a table to itself does not read what it is writing.
        double[] otherValues = other.sortedValues().clone();
        long[] otherCounts = other.sortedCounts();
        for (int i = 0; i < otherValues.length; i++) {
            add(otherValues[i], otherCounts[i]);
        }
    }

    /** Switches to the hash table (if buffered), for values that repeat; the multiset is unchanged. */
    void hashed() {
        if (pending == null) {
            return;
        }
        compact();
        double[] values = sortedValues;
        long[] cumulative = cumulativeCounts;
        pending = null;
        int capacity = MIN_CAPACITY;
        while (capacity < 2 * size + 2) {
            capacity *= 2;
        }
        keys = new double[capacity];
        counts = new long[capacity];
        for (int i = 0; i < values.length; i++) {
            int slot = slotOf(values[i]);
            keys[slot] = values[i];
            counts[slot] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
    }

    /** Sorts what is buffered and merges it into the ascending distinct values. */
    private void compact() {
        if (pendingCount == 0) {
            return;
        }
        double[] buffered = pending;
        int n = pendingCount;
        Arrays.sort(buffered, 0, n);
        double[] oldValues = sortedValues;
        long[] oldCumulative = cumulativeCounts;
        double[] values = new double[oldValues.length + n];
        long[] cumulative = new long[oldValues.length + n];
        int out = 0;
        int i = 0;
        int j = 0;
        long running = 0;
        while (i < oldValues.length || j < n) {
            double value;
            long multiplicity = 0;
            if (j == n || (i < oldValues.length && oldValues[i] <= buffered[j])) {
                value = oldValues[i];
            } else {
                value = buffered[j];
            }
            if (i < oldValues.length && oldValues[i] == value) {
                multiplicity += oldCumulative[i] - (i == 0 ? 0 : oldCumulative[i - 1]);
                i++;
            }
            while (j < n && buffered[j] == value) {
                multiplicity++;
                j++;
            }
            running += multiplicity;
            values[out] = value;
            cumulative[out++] = running;
        }
        sortedValues = out == values.length ? values : Arrays.copyOf(values, out);
        cumulativeCounts = out == cumulative.length ? cumulative : Arrays.copyOf(cumulative, out);
        size = out;
        pendingCount = 0;
        if (pending.length > MIN_CAPACITY * 64) {
            pending = new double[MIN_CAPACITY];
        }
    }

    /** Distinct values in ascending order; the array must not be modified. */
    double[] sortedValues() {
        ensureSorted();
        return sortedValues;
    }

    /** Multiplicities aligned with {@link #sortedValues()}, as a fresh array. */
    long[] sortedCounts() {
        ensureSorted();
        long[] result = new long[cumulativeCounts.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = cumulativeCounts[i] - (i == 0 ? 0 : cumulativeCounts[i - 1]);
        }
        return result;
    }

    /** Number of stored values strictly below {@code x}. */
    long countBelow(double x) {
        ensureSorted();
        int firstNotBelow = lowerBound(sortedValues, x);
        return firstNotBelow == 0 ? 0 : cumulativeCounts[firstNotBelow - 1];
    }

    /** Number of stored values less than or equal to {@code x}. */
    long countAtOrBelow(double x) {
        ensureSorted();
        int firstAbove = upperBound(sortedValues, x);
        return firstAbove == 0 ? 0 : cumulativeCounts[firstAbove - 1];
    }

    /**
     * Population standard deviation computed in two passes over the distinct values after dividing them by the largest
     * magnitude, so that it stays finite where squaring the raw deviations would overflow. NaN when empty.
     */
    double scaledPopulationStd(long n) {
        ensureSorted();
        if (n == 0) {
            return Double.NaN;
        }
        double scale = Math.max(Math.abs(sortedValues[0]), Math.abs(sortedValues[size - 1]));
        if (scale == 0.0) {
            return 0.0;
        }
        long[] multiplicities = sortedCounts();
        double mean = 0.0;
        for (int i = 0; i < size; i++) {
            mean += (sortedValues[i] / scale) * ((double) multiplicities[i] / n);
        }
        double variance = 0.0;
        for (int i = 0; i < size; i++) {
            double deviation = sortedValues[i] / scale - mean;
            variance += deviation * deviation * ((double) multiplicities[i] / n);
        }
        return scale * Math.sqrt(variance);
    }

    /**
     * The {@code p}-quantile with numpy's default "linear" method, reproduced operation for operation so that edges
     * match {@code np.quantile} bit for bit: {@code h = (n-1)p}, neighbours at {@code floor(h)} and
     * {@code floor(h)+1}, and numpy's two-sided lerp, which interpolates from the upper neighbour when the weight is
     * at least one half.
     */
    double quantile(double p, long n) {
        double h = (double) (n - 1) * p;
        double below;
        double above;
        double gamma;
        if (h >= n - 1) {
            below = valueAtRank(n - 1);
            above = below;
            gamma = 0.0;
        } else {
            long previous = (long) Math.floor(h);
            below = valueAtRank(previous);
            above = valueAtRank(previous + 1);
            gamma = h - previous;
        }
        double difference = above - below;
        return gamma >= 0.5 ? above - difference * (1 - gamma) : below + difference * gamma;
    }

    /** The value at 0-based position {@code rank} of the sorted multiset. */
    private double valueAtRank(long rank) {
        ensureSorted();
        int low = 0;
        int high = cumulativeCounts.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulativeCounts[middle] > rank) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return sortedValues[low];
    }

    private void ensureSorted() {
        if (pending != null) {
            compact();
            return;
        }
        if (sortedValues != null) {
            return;
        }
        double[] values = new double[size];
        int next = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                values[next++] = keys[i];
            }
        }
        Arrays.sort(values);
        long[] cumulative = new long[size];
        long running = 0;
        for (int i = 0; i < size; i++) {
            running += counts[slotOf(values[i])];
            cumulative[i] = running;
        }
        sortedValues = values;
        cumulativeCounts = cumulative;
    }

    private static int lowerBound(double[] sorted, double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < x) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static int upperBound(double[] sorted, double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= x) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int slotOf(double value) {
        long bits = Double.doubleToLongBits(value);
        int mask = keys.length - 1;
        int slot = mix(bits) & mask;
        while (counts[slot] != 0 && Double.doubleToLongBits(keys[slot]) != bits) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash(int capacity) {
        double[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new double[capacity];
        counts = new long[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    // Integer-valued doubles differ only in high bits, so spread them before masking (the murmur3 finalizer).
    private static int mix(long bits) {
        long h = bits;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
