package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CategoricalProfileTest {

    @Test
    void countsNullAsMissingAndTheEmptyStringAsACategory() {
        CategoricalProfile profile = profileOf("a", null, "", "a");
        profile.addMissing();

        assertThat(profile.count()).isEqualTo(3);
        assertThat(profile.missing()).isEqualTo(2);
        assertThat(profile.counts()).containsExactly(Map.entry("a", 2L), Map.entry("", 1L));
        assertThat(profile.countOf("zzz")).isZero();
    }

    @Test
    void ordersCountsByCountDescendingThenValue() {
        CategoricalProfile profile = profileOf("b", "c", "a", "c", "b", "d", "c");

        assertThat(profile.counts().keySet()).containsExactly("c", "b", "a", "d");
        assertThatThrownBy(() -> profile.counts().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mergeEqualsTheProfileOfTheConcatenation() {
        CategoricalProfile left = profileOf("a", "b", null);
        CategoricalProfile right = profileOf("b", "c", "c", null);

        left.merge(right);

        CategoricalProfile whole = profileOf("a", "b", null, "b", "c", "c", null);
        assertThat(left.counts()).containsExactlyEntriesOf(whole.counts());
        assertThat(left.count()).isEqualTo(whole.count());
        assertThat(left.missing()).isEqualTo(whole.missing());
        assertThat(right.counts()).containsExactly(Map.entry("c", 2L), Map.entry("b", 1L));
    }

    @Test
    void mergingAProfileIntoItselfDoublesIt() {
        CategoricalProfile profile = profileOf("a", null, "b", "a");

        profile.merge(profile);

        assertThat(profile.counts()).containsExactly(Map.entry("a", 4L), Map.entry("b", 2L));
        assertThat(profile.missing()).isEqualTo(2);
    }

    static CategoricalProfile profileOf(String... values) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (String value : values) {
            profile.add(value);
        }
        return profile;
    }
}
