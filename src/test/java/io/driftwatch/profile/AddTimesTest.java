package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AddTimesTest {

    @Test
    void addingAValueManyTimesAtOnceGivesTheProfileOfAddingItOneByOne() {
        for (int cap : new int[]{NumericProfile.DEFAULT_EXACT_DISTINCT_CAP, 8}) {
            SplittableRandom random = new SplittableRandom(7);
            NumericProfile once = NumericProfile.create(cap);
            NumericProfile oneByOne = NumericProfile.create(cap);
            for (double value : new double[]{3.5, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 1e300, 2, 3.5}) {
                long times = 1 + random.nextInt(40);
                once.add(value, times);
                for (long i = 0; i < times; i++) {
                    oneByOne.add(value);
                }
            }
            for (int i = 0; i < 30; i++) {
                double value = random.nextGaussian();
                once.add(value, 5);
                for (int k = 0; k < 5; k++) {
                    oneByOne.add(value);
                }
            }
            once.add(9, 0);

            assertThat(once.toBytes()).isEqualTo(oneByOne.toBytes());
            assertThat(once.count()).isEqualTo(oneByOne.count());
        }
    }

    @Test
    void categoricalCountsAValueManyTimesOrNullAsMissing() {
        CategoricalProfile once = CategoricalProfile.create(2);
        CategoricalProfile oneByOne = CategoricalProfile.create(2);
        for (String value : new String[]{"a", "b", null, "c", "a"}) {
            once.add(value, 3);
            for (int i = 0; i < 3; i++) {
                oneByOne.add(value);
            }
        }

        assertThat(once.toBytes()).isEqualTo(oneByOne.toBytes());
        assertThat(once.missing()).isEqualTo(3);
        assertThatIllegalArgumentException().isThrownBy(() -> once.add("a", -1));
        assertThatIllegalArgumentException().isThrownBy(() -> NumericProfile.create().add(1.0, -1));
    }
}
