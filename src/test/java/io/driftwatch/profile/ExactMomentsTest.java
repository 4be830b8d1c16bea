package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Exact sums: means and deviations against BigDecimal arithmetic on the same values, and order independence. */
class ExactMomentsTest {

    @Test
    void meanAndDeviationOfSmallIntegersAreTheTextbookValues() {
        ExactMoments moments = new ExactMoments();
        for (int i = 1; i <= 100; i++) {
            moments.add(i);
        }

        assertThat(moments.mean(100)).isEqualTo(50.5);
        assertThat(moments.populationStd(100)).isEqualTo(Math.sqrt(833.25));
        assertThat(new ExactMoments().mean(0)).isNaN();
    }

    @Test
    void sumsDoNotLoseWhatAFloatingPointSumCancels() {
        ExactMoments moments = new ExactMoments();
        for (double v : new double[]{1e300, 1, -1e300}) {
            moments.add(v);
        }

        assertThat(1e300 + 1 - 1e300).isZero(); // what a double sum gives
        assertThat(moments.mean(3)).isEqualTo(1.0 / 3);
    }

    @Test
    void meanAndDeviationMatchBigDecimalOnValuesOfEveryMagnitudeInAnyOrder() {
        Random random = new Random(5);
        double[] values = new double[5_000];
        for (int i = 0; i < values.length; i++) {
            double v = switch (i % 5) {
                case 0 -> random.nextGaussian() * 1e-300;
                case 1 -> random.nextGaussian() * 1e150;
                case 2 -> Double.MIN_VALUE * random.nextInt(1000);
                case 3 -> -random.nextDouble();
                default -> random.nextGaussian() * 1e6 + 3;
            };
            values[i] = v == 0.0 ? 0.0 : v;
        }
        ExactMoments forward = new ExactMoments();
        ExactMoments backward = new ExactMoments();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (int i = 0; i < values.length; i++) {
            forward.add(values[i]);
            backward.add(values[values.length - 1 - i]);
            BigDecimal v = new BigDecimal(values[i]);
            sum = sum.add(v);
            squares = squares.add(v.multiply(v));
        }
        BigDecimal n = BigDecimal.valueOf(values.length);
        MathContext context = new MathContext(60);
        double mean = sum.divide(n, context).doubleValue();
        double std = squares.multiply(n).subtract(sum.multiply(sum)).sqrt(context).divide(n, context).doubleValue();

        assertThat(forward.sum()).isEqualTo(backward.sum());
        assertThat(forward.sumOfSquares()).isEqualTo(backward.sumOfSquares());
        assertThat(forward.mean(values.length)).isCloseTo(mean, within(Math.ulp(mean)));
        assertThat(forward.populationStd(values.length)).isCloseTo(std, within(Math.ulp(std)));
    }

    @Test
    void multiplicitiesMergesAndRestoredSumsEqualValueByValueAdditions() {
        ExactMoments oneByOne = new ExactMoments();
        ExactMoments counted = new ExactMoments();
        ExactMoments merged = new ExactMoments();
        ExactMoments part = new ExactMoments();
        for (double v : new double[]{-2.5, 1e-310, 7e200}) {
            for (int i = 0; i < 3; i++) {
                oneByOne.add(v);
                part.add(v);
            }
            counted.add(v, 3);
        }
        merged.addAll(part);

        assertThat(counted.sum()).isEqualTo(oneByOne.sum());
        assertThat(counted.sumOfSquares()).isEqualTo(oneByOne.sumOfSquares());
        assertThat(merged.sum()).isEqualTo(oneByOne.sum());
        ExactMoments restored = ExactMoments.of(oneByOne.sum(), oneByOne.sumOfSquares());
        assertThat(restored.populationStd(9)).isEqualTo(oneByOne.populationStd(9)).isFinite();
        merged.addAll(merged);
        assertThat(merged.sum()).isEqualTo(oneByOne.sum().shiftLeft(1));
    }
}
