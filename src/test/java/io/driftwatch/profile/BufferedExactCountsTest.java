package io.driftwatch.profile;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values added one at a time are buffered and sorted into the exact table only when read or when they may pass the
 * cap: the table, and the profile around it, must be the same as hashing every value (added with a multiplicity,
 * which always hashes) and as a plain count of the values.
 */
class BufferedExactCountsTest {

    @Test
    void readsBetweenAddsSeeEveryValueBufferedSoFar() {
        SplittableRandom random = new SplittableRandom(11);
        ExactCounts buffered = new ExactCounts();
        ExactCounts hashed = new ExactCounts();
        TreeMap<Double, Long> reference = new TreeMap<>();
        for (int i = 1; i <= 20_000; i++) {
            // Repeats and new values mixed, so each compaction merges into values already counted.
            double value = random.nextInt(3) == 0 ? random.nextDouble() : random.nextInt(500) / 4.0;
            buffered.add(value);
            hashed.add(value, 1);
            reference.merge(value, 1L, Long::sum);
            if (i % 1_237 == 0 || i == 20_000) {
                assertSame(buffered, reference);
                assertThat(buffered.countBelow(60.0)).isEqualTo(hashed.countBelow(60.0));
                assertThat(buffered.quantile(0.3, i)).isEqualTo(hashed.quantile(0.3, i));
            }
        }
        assertThat(buffered.sortedValues()).isEqualTo(hashed.sortedValues());
        buffered.hashed();
        buffered.add(0.25);
        buffered.add(1e9, 3);
        reference.merge(0.25, 1L, Long::sum);
        reference.merge(1e9, 3L, Long::sum);
        assertSame(buffered, reference);
    }

    @Test
    void addingOneByOneGivesTheProfileOfHashingEveryValue() {
        SplittableRandom random = new SplittableRandom(5);
        int cap = 1_000;
        // Mostly distinct (sketch past the cap), repeating within the cap (stays exact, hashed from the cap on), and
        // exactly the cap's distinct values followed by repeats of them.
        double[][] inputs = new double[3][];
        inputs[0] = new double[30_000];
        inputs[1] = new double[30_000];
        inputs[2] = new double[30_000];
        for (int i = 0; i < 30_000; i++) {
            inputs[0][i] = random.nextGaussian() * 10 + 100;
            inputs[1][i] = Math.round(random.nextGaussian() * 100) / 10.0;
            inputs[2][i] = i < cap ? i : random.nextInt(cap);
        }
        for (double[] values : inputs) {
            NumericProfile oneByOne = NumericProfile.create(cap);
            NumericProfile withMultiplicity = NumericProfile.create(cap);
            NumericProfile readAlong = NumericProfile.create(cap);
            for (int i = 0; i < values.length; i++) {
                oneByOne.add(values[i]);
                withMultiplicity.add(values[i], 1);
                readAlong.add(values[i]);
                if (i % 997 == 0) {
                    assertThat(readAlong.isExact()).isEqualTo(withMultiplicity.isExact());
                    assertThat(readAlong.quantile(0.5)).isEqualTo(withMultiplicity.quantile(0.5));
                }
            }
            long distinct = java.util.Arrays.stream(values).distinct().count();
            assertThat(oneByOne.isExact()).isEqualTo(distinct <= cap);
            assertThat(oneByOne.distinctCount()).isEqualTo(distinct <= cap ? distinct : -1);
            assertThat(oneByOne.toBytes()).isEqualTo(withMultiplicity.toBytes());
            assertThat(readAlong.toBytes()).isEqualTo(withMultiplicity.toBytes());
        }
    }

    private static void assertSame(ExactCounts counts, TreeMap<Double, Long> reference) {
        double[] values = counts.sortedValues();
        long[] multiplicities = counts.sortedCounts();
        assertThat(counts.size()).isEqualTo(reference.size());
        int i = 0;
        for (Map.Entry<Double, Long> entry : reference.entrySet()) {
            assertThat(values[i]).isEqualTo(entry.getKey());
            assertThat(multiplicities[i]).as("count of %s", entry.getKey()).isEqualTo(entry.getValue());
            i++;
        }
    }
}
