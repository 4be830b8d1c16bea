package io.driftwatch.profile;

import com.tdunning.math.stats.MergingDigest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SketchBufferTest {

    /** One run handed to the digest. */
    private record Run(double mean, int weight) {
    }

    @Test
    void handsOverEveryValueInAscendingRunsWithExactEndsAndMeans() {
        // given a full batch of values of both signs and many magnitudes, with ties
        Random random = new Random(5);
        double[] values = new double[SketchBuffer.CAPACITY];
        for (int i = 0; i < values.length; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextGaussian();
                case 1 -> -Math.exp(random.nextGaussian() * 30);
                case 2 -> Math.round(random.nextGaussian() * 3);
                default -> random.nextDouble() * Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1);
            };
            values[i] = v == 0.0 ? 0.0 : v;
        }
        values[17] = Double.MIN_VALUE;
        values[18] = -Double.MIN_VALUE;
        SketchBuffer buffer = new SketchBuffer();
        boolean full = false;
        for (double v : values) {
            full = buffer.add(v);
        }

        // when
        List<Run> runs = drain(buffer, 1e6);

        // then
        assertThat(full).isTrue();
        assertThat(buffer.size()).isZero();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int start = 0;
        for (Run run : runs) {
            double first = sorted[start];
            double last = sorted[start + run.weight() - 1];
            assertThat(run.mean()).isBetween(first, last);
            if (first == last) {
                assertThat(run.mean()).isEqualTo(first);
            }
            start += run.weight();
        }
        assertThat(start).isEqualTo(values.length);
        assertThat(runs.get(0)).isEqualTo(new Run(sorted[0], 1));
        assertThat(runs.get(runs.size() - 1)).isEqualTo(new Run(sorted[sorted.length - 1], 1));
        assertThat(runs.size()).isLessThan(values.length / 3);
    }

    @Test
    void keepsRunsBelowAQuarterOfTheDigestsSmallestCentroidAtTheirPlace() {
        // given
        SketchBuffer buffer = new SketchBuffer();
        Random random = new Random(9);
        for (int i = 0; i < SketchBuffer.CAPACITY; i++) {
            buffer.add(random.nextDouble());
        }
        double totalWeight = 50_000;

        // when
        List<Run> runs = drain(buffer, totalWeight);

        // then: a run with b values below and a values above holds at most min(b, a) / (8 * K_2 normalizer)
        double normalizer = com.tdunning.math.stats.ScaleFunction.K_2.normalizer(
                NumericProfile.SKETCH_WORKING_COMPRESSION, totalWeight);
        int below = 0;
        for (Run run : runs) {
            int above = SketchBuffer.CAPACITY - below - run.weight();
            if (run.weight() > 1) {
                assertThat((double) run.weight()).isLessThanOrEqualTo(Math.min(below, above) / (8 * normalizer));
            }
            below += run.weight();
        }
        assertThat(runs.stream().limit(8 * (long) normalizer).allMatch(run -> run.weight() == 1)).isTrue();
    }

    @Test
    void givesAllSingletonsToASmallDigest() {
        SketchBuffer buffer = new SketchBuffer();
        for (int i = 100; i >= 1; i--) {
            buffer.add(i);
        }

        List<Run> runs = drain(buffer, 100);

        assertThat(runs).hasSize(100).allMatch(run -> run.weight() == 1);
        assertThat(runs.get(0).mean()).isEqualTo(1.0);
        assertThat(runs.get(99).mean()).isEqualTo(100.0);
    }

    @Test
    void drainingAnEmptyBufferHandsOverNothing() {
        assertThat(drain(new SketchBuffer(), 10)).isEmpty();
    }

    @Test
    void theDigestBufferSizeGivesTheDocumentedWorkingCompression() throws ReflectiveOperationException {
        // MergingDigest 3.3 keeps its working ("two-level") compression private; the run sizes rely on its value.
        MergingDigest digest = new MergingDigest(NumericProfile.SKETCH_COMPRESSION, NumericProfile.SKETCH_DIGEST_BUFFER);
        Field working = MergingDigest.class.getDeclaredField("compression");
        working.setAccessible(true);

        assertThat(working.getDouble(digest)).isEqualTo(NumericProfile.SKETCH_WORKING_COMPRESSION);
        // Working and stored compression are the same: a profile read back from its bytes keeps its resolution.
        assertThat(digest.compression()).isEqualTo(NumericProfile.SKETCH_WORKING_COMPRESSION);
        // A digest decoded from bytes gets t-digest's default buffer and works at a finer compression; runs sized
        // for ours stay below the centroid sizes it allows.
        assertThat(working.getDouble(new MergingDigest(NumericProfile.SKETCH_COMPRESSION)))
                .isGreaterThanOrEqualTo(NumericProfile.SKETCH_WORKING_COMPRESSION);
    }

    private static List<Run> drain(SketchBuffer buffer, double totalWeight) {
        List<Run> runs = new ArrayList<>();
        buffer.drain(totalWeight, NumericProfile.SKETCH_WORKING_COMPRESSION,
                (mean, weight) -> runs.add(new Run(mean, weight)));
        return runs;
    }
}
