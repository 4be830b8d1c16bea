package io.driftwatch.profile;

import java.util.Arrays;

/**
 * An exact multiset of finite doubles stored as distinct value -> multiplicity, with order statistics.
 * <p>
 * Open addressing over two primitive arrays keeps an entry at about 32 bytes, against roughly 80 for a boxed
 * {@code HashMap<Double, long[]>}; that matters because a profile may hold up to its cap of distinct values per
 * feature and window. A multiplicity of zero marks an empty slot, which works because stored multiplicities are
 * always positive. Callers pass only finite values with -0.0 already folded into 0.0.
 */
final class ExactCounts {

    private static final int MIN_CAPACITY = 16;

    private double[] keys;
    private long[] counts;
    private int size;

    // Sorted view for quantiles and ranks, rebuilt lazily because rows usually arrive long before anyone asks.
    private double[] sortedValues;
    private long[] cumulativeCounts;

    ExactCounts() {
        keys = new double[MIN_CAPACITY];
        counts = new long[MIN_CAPACITY];
    }

    /** Number of distinct values. */
    int size() {
        return size;
    }

    void add(double value, long multiplicity) {
        if (multiplicity <= 0) {
            throw new IllegalArgumentException("multiplicity must be positive but was " + multiplicity);
        }
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
        // Copy the source arrays first so that adding a table to itself does not read what it is writing.
        double[] otherKeys = other.keys.clone();
        long[] otherCounts = other.counts.clone();
        for (int i = 0; i < otherKeys.length; i++) {
            if (otherCounts[i] != 0) {
                add(otherKeys[i], otherCounts[i]);
            }
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
