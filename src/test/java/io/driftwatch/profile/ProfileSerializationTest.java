package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProfileSerializationTest {

    @Test
    void roundTripsAnExactNumericProfile() {
        // given
        NumericProfile profile = NumericProfile.create(50);
        for (double v : new double[]{3.5, -1, 3.5, -0.0, 1e300, Double.NaN, Double.POSITIVE_INFINITY}) {
            profile.add(v);
        }
        profile.addMissing();

        // when
        NumericProfile copy = (NumericProfile) FeatureProfile.fromBytes(profile.toBytes());

        // then
        assertThat(copy.isExact()).isTrue();
        assertThat(copy.exactDistinctCap()).isEqualTo(50);
        assertThat(copy.count()).isEqualTo(5);
        assertThat(copy.missing()).isEqualTo(1);
        assertThat(copy.nanCount()).isEqualTo(1);
        assertThat(copy.infiniteCount()).isEqualTo(1);
        assertThat(copy.mean()).isEqualTo(profile.mean());
        assertThat(copy.populationStd()).isEqualTo(profile.populationStd());
        assertThat(copy.quantile(0.3)).isEqualTo(profile.quantile(0.3));
        assertThat(copy.countBelow(3.5)).isEqualTo(2);
        assertThat(copy.toBytes()).isEqualTo(profile.toBytes());
    }

    @Test
    void roundTripsASketchedNumericProfile() {
        // given
        NumericProfile profile = NumericProfile.create(100);
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            profile.add(random.nextGaussian());
        }

        // when
        NumericProfile copy = (NumericProfile) FeatureProfile.fromBytes(profile.toBytes());

        // then
        assertThat(copy.isExact()).isFalse();
        assertThat(copy.count()).isEqualTo(10_000);
        assertThat(copy.min()).isEqualTo(profile.min());
        assertThat(copy.mean()).isEqualTo(profile.mean());
        for (double p : new double[]{0.1, 0.5, 0.9}) {
            assertThat(copy.quantile(p)).isEqualTo(profile.quantile(p));
        }
        assertThat(copy.countBelow(0.5)).isEqualTo(profile.countBelow(0.5));
        assertThat(copy.toBytes()).isEqualTo(profile.toBytes());
    }

    @Test
    void roundTripsEmptyProfiles() {
        NumericProfile numeric = NumericProfile.create();
        numeric.addMissing();
        CategoricalProfile categorical = CategoricalProfile.create();

        NumericProfile numericCopy = (NumericProfile) FeatureProfile.fromBytes(numeric.toBytes());
        CategoricalProfile categoricalCopy = (CategoricalProfile) FeatureProfile.fromBytes(categorical.toBytes());

        assertThat(numericCopy.count()).isZero();
        assertThat(numericCopy.missing()).isEqualTo(1);
        assertThat(numericCopy.mean()).isNaN();
        assertThat(categoricalCopy.counts()).isEmpty();
    }

    @Test
    void roundTripsACategoricalProfileWithUnicodeAndLongValues() {
        // given
        String longValue = "x".repeat(70_000);
        CategoricalProfile profile = CategoricalProfile.create();
        for (String v : new String[]{"b", "ünïcødé 🙂", "b", longValue, null, ""}) {
            profile.add(v);
        }

        // when
        CategoricalProfile copy = (CategoricalProfile) FeatureProfile.fromBytes(profile.toBytes());

        // then
        assertThat(copy.type()).isEqualTo(FeatureType.CATEGORICAL);
        assertThat(copy.counts()).containsExactlyEntriesOf(profile.counts());
        assertThat(copy.missing()).isEqualTo(1);
        assertThat(copy.toBytes()).isEqualTo(profile.toBytes());
    }

    @Test
    void rejectsAnUnknownFormatVersionWithAClearMessage() {
        byte[] bytes = NumericProfileTest.profileOf(1, 2).toBytes();
        bytes[5] = 9; // the low byte of the version short that follows the 4-byte magic

        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(bytes))
                .withMessage("unsupported profile format version 9; this build reads versions 1, 2 (categorical only) and 3");
    }

    @Test
    void rejectsBytesThatAreNotAValidProfile() {
        byte[] valid = NumericProfileTest.profileOf(1, 2).toBytes();
        byte[] badMagic = valid.clone();
        badMagic[0] = 0;
        byte[] badType = valid.clone();
        badType[6] = 7;
        byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);

        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(badMagic))
                .withMessageContaining("magic");
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(badType))
                .withMessageContaining("type byte").withMessageContaining("7");
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(truncated))
                .withMessageContaining("truncated");
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(trailing))
                .withMessageContaining("trailing");
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(new byte[0]))
                .withMessageContaining("truncated");
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(null));
    }
}
