package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class NumericProfileTest {

    private static final double[] PROBES = {0, 0.01, 0.1, 0.25, 1 / 3.0, 0.5, 0.7, 0.9, 0.99, 1};

    @Test
    void countsNanInfinityAndMissingWithoutBinningThem() {
        // given
        NumericProfile profile = NumericProfile.create();

        // when
        for (double v : new double[]{1, 2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3}) {
            profile.add(v);
        }
        profile.addMissing();

        // then
        assertThat(profile.count()).isEqualTo(3);
        assertThat(profile.nanCount()).isEqualTo(1);
        assertThat(profile.infiniteCount()).isEqualTo(2);
        assertThat(profile.missing()).isEqualTo(1);
        assertThat(profile.mean()).isEqualTo(2.0);
        assertThat(profile.max()).isEqualTo(3.0);
        assertThat(profile.countBelow(Double.POSITIVE_INFINITY)).isEqualTo(3);
        assertThat(profile.quantile(1.0)).isEqualTo(3.0);
        assertThat(profile.distinctCount()).isEqualTo(3);
    }

    @Test
    void treatsNegativeZeroAsZero() {
        // given
        NumericProfile profile = NumericProfile.create();

        // when
        profile.add(-0.0);
        profile.add(0.0);

        // then
        assertThat(profile.distinctCount()).isEqualTo(1);
        assertThat(profile.countBelow(0.0)).isZero();
        assertThat(profile.countBelow(Double.MIN_VALUE)).isEqualTo(2);
        assertThat(Double.doubleToRawLongBits(profile.min())).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(profile.quantile(0.5))).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void reportsNaNStatisticsWhenEmpty() {
        NumericProfile profile = NumericProfile.create();
        profile.addMissing();
        profile.add(Double.NaN);

        assertThat(profile.count()).isZero();
        assertThat(profile.mean()).isNaN();
        assertThat(profile.populationStd()).isNaN();
        assertThat(profile.min()).isNaN();
        assertThat(profile.max()).isNaN();
        assertThat(profile.quantile(0.5)).isNaN();
        assertThat(profile.countBelow(1.0)).isZero();
        assertThat(profile.isExact()).isTrue();
    }

    @Test
    void computesNumpyLinearQuantilesOverTheSortedMultiset() {
        // given the multiset {1, 2, 2, 3, 10}: np.quantile gives these values
        NumericProfile profile = profileOf(10, 2, 1, 3, 2);

        // then
        assertThat(profile.quantile(0.0)).isEqualTo(1.0);
        assertThat(profile.quantile(0.1)).isEqualTo(1.4);
        assertThat(profile.quantile(0.25)).isEqualTo(2.0);
        assertThat(profile.quantile(0.5)).isEqualTo(2.0);
        assertThat(profile.quantile(0.9)).isEqualTo(7.200000000000001);
        assertThat(profile.quantile(1.0)).isEqualTo(10.0);
        assertThat(profile.mean()).isEqualTo(3.6);
        assertThat(profile.populationStd()).isCloseTo(Math.sqrt(10.64), within(1e-15));
    }

    @Test
    void countsValuesStrictlyBelow() {
        NumericProfile profile = profileOf(1, 2, 2, 3);

        assertThat(profile.countBelow(1)).isZero();
        assertThat(profile.countBelow(2)).isEqualTo(1);
        assertThat(profile.countBelow(2.5)).isEqualTo(3);
        assertThat(profile.countBelow(3)).isEqualTo(3);
        assertThat(profile.countBelow(3.5)).isEqualTo(4);
        assertThat(profile.countBelow(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void mergeEqualsTheProfileOfTheConcatenation() {
        // given integer-valued data (many ties) with some non-finite and missing values, split unevenly
        Random random = new Random(7);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            values.add(i % 97 == 0 ? Double.NaN : i % 89 == 0 ? Double.NEGATIVE_INFINITY
                    : Math.floor(random.nextGaussian() * 20 + 100) / 4);
        }
        NumericProfile whole = NumericProfile.create();
        NumericProfile first = NumericProfile.create();
        NumericProfile second = NumericProfile.create();
        for (int i = 0; i < values.size(); i++) {
            whole.add(values.get(i));
            (i < 1_234 ? first : second).add(values.get(i));
            if (i % 500 == 0) {
                whole.addMissing();
                (i < 1_234 ? first : second).addMissing();
            }
        }

        // when
        first.merge(second);

        // then
        assertThat(first.isExact()).isTrue();
        assertSameProfile(first, whole);
    }

    @Test
    void mergingAnEmptyProfileChangesNothingAndMergingIntoEmptyCopies() {
        NumericProfile data = profileOf(1, 2, 3);
        NumericProfile empty = NumericProfile.create();

        empty.merge(data);
        data.merge(NumericProfile.create());

        assertSameProfile(empty, profileOf(1, 2, 3));
        assertSameProfile(data, profileOf(1, 2, 3));
    }

    @Test
    void mergingAProfileIntoItselfDoublesIt() {
        NumericProfile profile = profileOf(1, 2, 5);
        profile.addMissing();

        profile.merge(profile);

        NumericProfile doubled = profileOf(1, 2, 5, 1, 2, 5);
        doubled.addMissing();
        doubled.addMissing();
        assertSameProfile(profile, doubled);
    }

    @Test
    void switchesIrreversiblyToASketchAboveTheCap() {
        // given
        NumericProfile profile = NumericProfile.create(10);
        for (int i = 0; i < 10; i++) {
            profile.add(i);
        }
        assertThat(profile.isExact()).isTrue();
        assertThat(profile.distinctCount()).isEqualTo(10);

        // when
        profile.add(10);

        // then
        assertThat(profile.isExact()).isFalse();
        assertThat(profile.distinctCount()).isEqualTo(-1);
        assertThat(profile.count()).isEqualTo(11);
        assertThat(profile.mean()).isEqualTo(5.0);
        assertThat(profile.quantile(0.0)).isEqualTo(0.0);
        assertThat(profile.quantile(1.0)).isEqualTo(10.0);
        assertThat(profile.quantile(0.5)).isCloseTo(5.0, within(0.5));
        assertThat(profile.countBelow(0.0)).isZero();
        assertThat(profile.countBelow(10.5)).isEqualTo(11);
        profile.add(3);
        assertThat(profile.isExact()).isFalse();
    }

    @Test
    void keepsMemoryBoundedInSketchMode() {
        // given
        NumericProfile profile = NumericProfile.create(1_000);
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            profile.add(random.nextGaussian());
        }
        int sizeAfter20k = profile.toBytes().length;

        // when
        for (int i = 0; i < 500_000; i++) {
            profile.add(random.nextGaussian());
        }

        // then the serialized state (at most MAX_BUCKETS buckets and two sums) does not grow with rows
        assertThat(profile.count()).isEqualTo(520_000);
        assertThat(profile.toBytes().length).isLessThan(20_000).isLessThanOrEqualTo(2 * sizeAfter20k);
        assertThat(profile.quantile(0.5)).isCloseTo(0.0, within(0.01));
        assertThat(profile.countBelow(0.0)).isCloseTo(260_000L, within(2_000L));
    }

    @Test
    void mergesAcrossModesKeepingExactCountsAndMoments() {
        // given one sketched and one exact half of 0..1999
        NumericProfile sketched = NumericProfile.create(100);
        NumericProfile exact = NumericProfile.create(100);
        NumericProfile whole = NumericProfile.create(100);
        for (int i = 0; i < 2_000; i++) {
            (i < 1_950 ? sketched : exact).add(i);
            whole.add(i);
        }
        assertThat(exact.isExact()).isTrue();
        NumericProfile exactFirst = NumericProfile.create(100);
        exactFirst.merge(exact);

        // when
        sketched.merge(exact);
        exactFirst.merge(whole);

        // then
        assertThat(sketched.isExact()).isFalse();
        assertThat(sketched.count()).isEqualTo(2_000);
        assertThat(sketched.mean()).isCloseTo(999.5, within(1e-9));
        assertThat(sketched.populationStd()).isCloseTo(whole.populationStd(), within(1e-9));
        assertThat(sketched.countBelow(2_000)).isEqualTo(2_000);
        assertThat(sketched.quantile(0.5)).isCloseTo(999.5, within(5.0));
        assertThat(exactFirst.isExact()).isFalse();
        assertThat(exactFirst.count()).isEqualTo(2_050);
        assertThat(exactFirst.min()).isEqualTo(0.0);
        assertThat(exactFirst.max()).isEqualTo(1_999.0);
    }

    @Test
    void convertsToSketchWhenAMergeExceedsTheCap() {
        NumericProfile left = NumericProfile.create(5);
        NumericProfile right = NumericProfile.create(5);
        for (int i = 0; i < 4; i++) {
            left.add(i);
            right.add(10 + i);
        }

        left.merge(right);

        assertThat(left.isExact()).isFalse();
        assertThat(left.count()).isEqualTo(8);
        assertThat(right.isExact()).isTrue();
    }

    @Test
    void rejectsInvalidArgumentsNamingTheRuleAndValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> NumericProfile.create(0))
                .withMessageContaining("cap").withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> profileOf(1).quantile(1.5))
                .withMessageContaining("[0, 1]").withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> profileOf(1).quantile(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> profileOf(1).countBelow(Double.NaN))
                .withMessageContaining("NaN");
    }

    @Test
    void sketchModeGivesBitIdenticalProfilesForTheSameValuesInTheSameOrder() {
        // given two profiles fed the same 100,000 values, in sketch mode after 1,000 distinct values
        NumericProfile first = NumericProfile.create(1_000);
        NumericProfile second = NumericProfile.create(1_000);
        Random random = new Random(21);
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextGaussian();
            first.add(v);
            second.add(v);
        }

        // then
        assertThat(first.isExact()).isFalse();
        assertThat(first.toBytes()).isEqualTo(second.toBytes());
        assertThat(first.quantile(0.3)).isEqualTo(second.quantile(0.3));
    }

    @Test
    void sketchModeEstimatesCountsAndQuantilesOfAColumnJustPastTheCap() {
        // given 10 distinct values, then 3,000 more
        NumericProfile profile = NumericProfile.create(10);
        for (int i = 0; i < 3_011; i++) {
            profile.add(i);
        }

        // then
        assertThat(profile.isExact()).isFalse();
        assertThat(profile.countBelow(1_505.5)).isCloseTo(1_506L, within(15L));
        assertThat(profile.quantile(0.9)).isCloseTo(2_709.0, within(15.0));
        assertThat(profile.countAtOrBelow(3_010)).isEqualTo(3_011);
        NumericProfile copy = (NumericProfile) FeatureProfile.fromBytes(profile.toBytes());
        assertThat(copy.count()).isEqualTo(3_011); // the count is the buckets' total
        assertThat(copy.quantile(0.9)).isCloseTo(2_709.0, within(15.0));
    }

    @Test
    void mergingSketchesGivesTheSketchOfTheWhole() {
        // given two sketched parts dealt from one column, and a sketched profile of the whole
        NumericProfile left = NumericProfile.create(100);
        NumericProfile right = NumericProfile.create(100);
        NumericProfile whole = NumericProfile.create(100);
        Random random = new Random(4);
        for (int i = 0; i < 50_000; i++) {
            double v = random.nextGaussian();
            (i % 3 == 0 ? left : right).add(v);
            whole.add(v);
        }

        // when
        left.merge(right);

        // then
        assertThat(left.count()).isEqualTo(50_000);
        assertThat(right.count()).isEqualTo(50_000 - 16_667);
        assertThat(((NumericProfile) FeatureProfile.fromBytes(left.toBytes())).count()).isEqualTo(50_000);
        for (double p : new double[]{0.01, 0.1, 0.5, 0.9, 0.99}) {
            assertThat(left.quantile(p)).as("quantile %s", p).isCloseTo(whole.quantile(p), within(0.01));
        }
        assertThat(left.countBelow(0.0)).isCloseTo(whole.countBelow(0.0), within(100L));
        assertThat(left.toBytes()).isEqualTo(whole.toBytes());
    }

    @Test
    void convertsRepeatedExtremesKeepingExactMinMaxAndCounts() {
        // given an exact table whose smallest and largest values repeat, then a conversion
        NumericProfile profile = NumericProfile.create(10);
        for (int i = 0; i < 5; i++) {
            profile.add(0);
            profile.add(100);
        }
        for (int i = 1; i <= 9; i++) {
            profile.add(i);
        }
        NumericProfile exactSource = profileOf(-1, -1, -1);

        // when
        for (int i = 0; i < 20_000; i++) {
            profile.add(50 + i % 41);
        }
        profile.merge(exactSource);

        // then
        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(20_022);
        assertThat(profile.min()).isEqualTo(-1.0);
        assertThat(profile.countBelow(0)).isCloseTo(3L, within(5L));
        assertThat(profile.quantile(1.0)).isEqualTo(100.0);
        assertThat(((NumericProfile) FeatureProfile.fromBytes(profile.toBytes())).count()).isEqualTo(20_022);
    }

    static NumericProfile profileOf(double... values) {
        NumericProfile profile = NumericProfile.create();
        for (double value : values) {
            profile.add(value);
        }
        return profile;
    }

    private static void assertSameProfile(NumericProfile actual, NumericProfile expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.missing()).isEqualTo(expected.missing());
        assertThat(actual.nanCount()).isEqualTo(expected.nanCount());
        assertThat(actual.infiniteCount()).isEqualTo(expected.infiniteCount());
        assertThat(actual.min()).isEqualTo(expected.min());
        assertThat(actual.max()).isEqualTo(expected.max());
        assertThat(actual.mean()).isCloseTo(expected.mean(), within(1e-12 * Math.abs(expected.mean())));
        assertThat(actual.populationStd())
                .isCloseTo(expected.populationStd(), within(1e-12 * expected.populationStd()));
        assertThat(actual.distinctCount()).isEqualTo(expected.distinctCount());
        for (double p : PROBES) {
            assertThat(actual.quantile(p)).as("quantile %s", p).isEqualTo(expected.quantile(p));
        }
        for (double x = expected.min() - 1; x <= expected.max() + 1; x += 0.125) {
            assertThat(actual.countBelow(x)).as("countBelow %s", x).isEqualTo(expected.countBelow(x));
        }
    }

    @Test
    void exposesTheExactDistributionAndCountsAtOrBelow() {
        NumericProfile profile = profileOf(3, 1, 3, 2, 3);

        assertThat(profile.distinctValues()).containsExactly(1.0, 2.0, 3.0);
        assertThat(profile.distinctValueCounts()).containsExactly(1L, 1L, 3L);
        assertThat(profile.countAtOrBelow(0.5)).isZero();
        assertThat(profile.countAtOrBelow(1.0)).isEqualTo(1);
        assertThat(profile.countAtOrBelow(2.5)).isEqualTo(2);
        assertThat(profile.countAtOrBelow(3.0)).isEqualTo(5);
        assertThat(profile.countBelow(3.0)).isEqualTo(2);
    }

    @Test
    void refusesExactValuesInSketchModeButStillEstimatesCounts() {
        NumericProfile profile = NumericProfile.create(10);
        for (int i = 1; i <= 1000; i++) {
            profile.add(i);
        }

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.countAtOrBelow(500.0)).isCloseTo(500L, within(5L));
        assertThat(profile.countAtOrBelow(1000.0)).isEqualTo(1000);
        assertThat(profile.countAtOrBelow(0.5)).isZero();
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(profile::distinctValues)
                .withMessageContaining("only known in exact mode");
    }

    @Test
    void keepsTheStandardDeviationFiniteWhereSquaredDeviationsOverflow() {
        // given values around 1e300 whose squared deviations overflow a double
        NumericProfile profile = profileOf(-2e300, 0, 2e300, 2e300);

        // then: sqrt of the mean of 4e600, 0, 4e600, 4e600 after subtracting the mean 5e299
        double expected = 1e300 * Math.sqrt((6.25 + 0.25 + 2.25 + 2.25) / 4.0);
        assertThat(profile.populationStd()).isCloseTo(expected, within(expected * 1e-12));
    }
}
