package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Exact-then-sketch categorical profiles: memory bound, error bound, merges and serialization. */
class CategoricalSketchModeTest {

    private static final double EPSILON = 3.5 / CategoricalProfile.SKETCH_MAX_MAP_SIZE;

    /** 200,000 distinct IDs (once each) plus heavy categories: "h0" x 20,000, "h1" x 10,000, "h2" x 5,000. */
    private static void addIdsAndHeavy(CategoricalProfile profile, int from, int to) {
        for (int i = from; i < to; i++) {
            profile.add("id-" + i);
            if (i % 10 == 0) {
                profile.add("h0");
            }
            if (i % 20 == 0) {
                profile.add("h1");
            }
            if (i % 40 == 0) {
                profile.add("h2");
            }
        }
    }

    @Test
    void staysExactUpToTheCapThenSwitchesToASketch() {
        CategoricalProfile profile = CategoricalProfile.create(3);
        profile.add("a");
        profile.add("b");
        profile.add("c");
        assertThat(profile.isExact()).isTrue();
        assertThat(profile.maximumError()).isZero();

        profile.add("d");

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(4);
        // Nothing purged yet: the sketch still holds every count exactly.
        assertThat(profile.maximumError()).isZero();
        assertThat(profile.counts()).containsOnly(Map.entry("a", 1L), Map.entry("b", 1L), Map.entry("c", 1L),
                Map.entry("d", 1L));
        assertThat(CategoricalProfile.create().exactDistinctCap()).isEqualTo(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> CategoricalProfile.create(0));
    }

    @Test
    void highCardinalityColumnStaysBoundedAndHeavyCategoriesStayWithinTheBound() {
        CategoricalProfile profile = CategoricalProfile.create(1_000);
        addIdsAndHeavy(profile, 0, 200_000);
        profile.add(null);

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(235_000);
        assertThat(profile.missing()).isEqualTo(1);
        assertThat(profile.counts().size()).isLessThanOrEqualTo(CategoricalProfile.SKETCH_MAX_MAP_SIZE * 3 / 4 + 1);
        long maxError = profile.maximumError();
        assertThat(maxError).isPositive().isLessThanOrEqualTo((long) Math.ceil(EPSILON * profile.count()));
        assertThat(profile.countOf("h0")).isBetween(20_000 - maxError, 20_000L);
        assertThat(profile.countOf("h1")).isBetween(10_000 - maxError, 10_000L);
        assertThat(profile.countOf("h2")).isBetween(5_000 - maxError, 5_000L);
        assertThat(profile.counts().keySet()).startsWith(CategoricalProfile.OTHER, "h0", "h1", "h2");
        assertThat(profile.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(profile.count());
    }

    @Test
    void mergingTwoSketchesMatchesTheSketchOfTheConcatenationWithinTheBound() {
        CategoricalProfile first = CategoricalProfile.create(1_000);
        addIdsAndHeavy(first, 0, 100_000);
        CategoricalProfile second = CategoricalProfile.create(1_000);
        addIdsAndHeavy(second, 100_000, 200_000);
        CategoricalProfile whole = CategoricalProfile.create(1_000);
        addIdsAndHeavy(whole, 0, 200_000);

        first.merge(second);

        assertThat(first.isExact()).isFalse();
        assertThat(first.count()).isEqualTo(whole.count());
        long bound = first.maximumError() + whole.maximumError();
        assertThat(first.maximumError()).isLessThanOrEqualTo((long) Math.ceil(EPSILON * first.count()));
        for (String heavy : new String[]{"h0", "h1", "h2"}) {
            assertThat(Math.abs(first.countOf(heavy) - whole.countOf(heavy))).isLessThanOrEqualTo(bound);
        }
        assertThat(first.countOf("h0")).isBetween(20_000 - first.maximumError(), 20_000L);
        assertThat(second.count()).isEqualTo(117_500); // unchanged
    }

    @Test
    void mergesExactWithSketchAndExactsWhoseUnionExceedsTheCap() {
        CategoricalProfile exact = CategoricalProfile.create(3);
        exact.add("a");
        exact.add("a");
        exact.add("b");
        CategoricalProfile other = CategoricalProfile.create(3);
        other.add("c");
        other.add("d");
        other.add(null);

        CategoricalProfile union = CategoricalProfile.create(3);
        union.merge(exact);
        union.merge(other);
        assertThat(union.isExact()).isFalse();
        assertThat(union.count()).isEqualTo(5);
        assertThat(union.missing()).isEqualTo(1);
        assertThat(union.countOf("a")).isEqualTo(2);

        CategoricalProfile exactInto = CategoricalProfile.create(3);
        exactInto.add("a");
        exactInto.merge(union);
        assertThat(exactInto.isExact()).isFalse();
        assertThat(exactInto.countOf("a")).isEqualTo(3);
        assertThat(exactInto.count()).isEqualTo(6);

        union.merge(exact); // exact into a sketch
        assertThat(union.countOf("a")).isEqualTo(4);
        assertThat(union.count()).isEqualTo(8);

        union.merge(union); // a sketch merged with itself
        assertThat(union.countOf("a")).isEqualTo(8);
        assertThat(union.count()).isEqualTo(16);
        assertThat(union.missing()).isEqualTo(2);
    }

    @Test
    void roundTripPreservesCountsErrorAndCap() {
        CategoricalProfile profile = CategoricalProfile.create(1_000);
        addIdsAndHeavy(profile, 0, 50_000);
        profile.addMissing();

        CategoricalProfile copy = (CategoricalProfile) FeatureProfile.fromBytes(profile.toBytes());

        assertThat(copy.isExact()).isFalse();
        assertThat(copy.exactDistinctCap()).isEqualTo(1_000);
        assertThat(copy.count()).isEqualTo(profile.count());
        assertThat(copy.missing()).isEqualTo(1);
        assertThat(copy.maximumError()).isEqualTo(profile.maximumError()).isPositive();
        assertThat(copy.counts()).isEqualTo(profile.counts());
        assertThat(copy.toBytes()).isEqualTo(profile.toBytes());

        // Still a working sketch: more data keeps the bound.
        addIdsAndHeavy(copy, 50_000, 100_000);
        assertThat(copy.countOf("h0")).isBetween(10_000 - copy.maximumError(), 10_000L);
        assertThat(copy.maximumError()).isLessThanOrEqualTo((long) Math.ceil(EPSILON * copy.count()) + 1);
    }

    @Test
    void exactProfileWithANonDefaultCapRoundTripsItsCap() {
        CategoricalProfile profile = CategoricalProfile.create(7);
        profile.add("x");

        CategoricalProfile copy = (CategoricalProfile) FeatureProfile.fromBytes(profile.toBytes());

        assertThat(copy.isExact()).isTrue();
        assertThat(copy.exactDistinctCap()).isEqualTo(7);
        assertThat(copy.counts()).containsExactly(Map.entry("x", 1L));
    }
}
