package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Exact-then-sketch categorical profiles: which categories are named, the buckets, merges and serialization. */
class CategoricalSketchModeTest {

    /** 200,000 distinct IDs (once each) plus heavy categories: "h0" x 20,000, "h1" x 10,000, "h2" x 5,000. */
    private static void addIdsAndHeavy(CategoricalProfile profile, Map<String, Long> truth, int from, int to) {
        for (int i = from; i < to; i++) {
            add(profile, truth, "id-" + i);
            if (i % 10 == 0) {
                add(profile, truth, "h0");
            }
            if (i % 20 == 0) {
                add(profile, truth, "h1");
            }
            if (i % 40 == 0) {
                add(profile, truth, "h2");
            }
        }
    }

    private static void add(CategoricalProfile profile, Map<String, Long> truth, String value) {
        profile.add(value);
        if (truth != null) {
            truth.merge(value, 1L, Long::sum);
        }
    }

    @Test
    void staysExactUpToTheCapThenNamesEveryCategoryWhileFewerThanTheNamedLimit() {
        CategoricalProfile profile = CategoricalProfile.create(3);
        profile.add("a");
        profile.add("b");
        profile.add("c");
        assertThat(profile.isExact()).isTrue();
        assertThat(profile.shareErrorBound()).isZero();

        profile.add("d");

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(4);
        assertThat(profile.shareErrorBound()).isZero();
        assertThat(profile.counts()).containsOnly(Map.entry("a", 1L), Map.entry("b", 1L), Map.entry("c", 1L),
                Map.entry("d", 1L));
        assertThat(CategoricalProfile.create().exactDistinctCap()).isEqualTo(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> CategoricalProfile.create(0));
    }

    @Test
    void namesTheCategoriesWithTheSmallestKeysExactlyAndBucketsTheRestExactly() {
        // given
        CategoricalProfile profile = CategoricalProfile.create(1_000);
        Map<String, Long> truth = new HashMap<>();
        addIdsAndHeavy(profile, truth, 0, 200_000);
        profile.add(null);

        // then: the named categories are the NAMED_CATEGORIES smallest keys of every category seen
        List<String> byKey = new ArrayList<>(truth.keySet());
        byKey.sort(CategoricalProfile::compareKeys);
        List<String> named = byKey.subList(0, CategoricalProfile.NAMED_CATEGORIES);
        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(235_000);
        assertThat(profile.missing()).isEqualTo(1);
        for (String category : named) {
            assertThat(profile.countOf(category)).as(category).isEqualTo(truth.get(category));
        }
        // and each bucket holds exactly the other categories that hash to it
        Map<String, Long> buckets = new HashMap<>();
        for (String category : byKey.subList(CategoricalProfile.NAMED_CATEGORIES, byKey.size())) {
            int bucket = (int) CategoricalProfile.hashKey(category) & (CategoricalProfile.BUCKETS - 1);
            buckets.merge(CategoricalProfile.bucketLabel(bucket), truth.get(category), Long::sum);
        }
        Map<String, Long> expected = new HashMap<>(buckets);
        named.forEach(category -> expected.put(category, truth.get(category)));
        assertThat(profile.counts()).isEqualTo(expected);
        assertThat(profile.counts().size()).isLessThanOrEqualTo(CategoricalProfile.NAMED_CATEGORIES
                + CategoricalProfile.BUCKETS);
        long largestBucket = buckets.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(profile.shareErrorBound()).isEqualTo((double) largestBucket / profile.count());
    }

    @Test
    void mergingTwoSketchesGivesTheSketchOfTheWholeBitForBit() {
        CategoricalProfile first = CategoricalProfile.create(1_000);
        addIdsAndHeavy(first, null, 0, 100_000);
        CategoricalProfile second = CategoricalProfile.create(1_000);
        addIdsAndHeavy(second, null, 100_000, 200_000);
        CategoricalProfile whole = CategoricalProfile.create(1_000);
        addIdsAndHeavy(whole, null, 0, 200_000);
        byte[] secondBefore = second.toBytes();

        first.merge(second);

        assertThat(first.toBytes()).isEqualTo(whole.toBytes());
        assertThat(first.counts()).isEqualTo(whole.counts());
        assertThat(second.toBytes()).isEqualTo(secondBefore); // unchanged
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
    void roundTripPreservesTheSketchAndItKeepsWorking() {
        CategoricalProfile profile = CategoricalProfile.create(1_000);
        addIdsAndHeavy(profile, null, 0, 50_000);
        profile.addMissing();

        CategoricalProfile copy = (CategoricalProfile) FeatureProfile.fromBytes(profile.toBytes());

        assertThat(copy.isExact()).isFalse();
        assertThat(copy.exactDistinctCap()).isEqualTo(1_000);
        assertThat(copy.count()).isEqualTo(profile.count());
        assertThat(copy.missing()).isEqualTo(1);
        assertThat(copy.counts()).isEqualTo(profile.counts());
        assertThat(copy.toBytes()).isEqualTo(profile.toBytes());

        // more data after the round trip gives what one pass would have
        addIdsAndHeavy(copy, null, 50_000, 100_000);
        addIdsAndHeavy(profile, null, 50_000, 100_000);
        assertThat(copy.toBytes()).isEqualTo(profile.toBytes());
    }

    @Test
    void comparableProfilesNameTheSameCategoriesAndKeepTheirTotals() {
        // given a sketch that saw many categories and an exact profile of a few hundred
        CategoricalProfile sketch = CategoricalProfile.create(1_000);
        addIdsAndHeavy(sketch, null, 0, 100_000);
        CategoricalProfile exact = CategoricalProfile.create();
        Map<String, Long> truth = new HashMap<>();
        addIdsAndHeavy(exact, truth, 0, 5_000);

        // when
        CategoricalProfile[] pair = CategoricalProfile.comparable(sketch, exact);

        // then both name exactly the categories up to the sketch's largest named key
        String largest = sketch.counts().keySet().stream().filter(k -> !k.startsWith("(hash bucket"))
                .max(CategoricalProfile::compareKeys).orElseThrow();
        for (Map.Entry<String, Long> entry : truth.entrySet()) {
            boolean named = CategoricalProfile.compareKeys(entry.getKey(), largest) <= 0;
            assertThat(pair[1].countOf(entry.getKey())).as(entry.getKey()).isEqualTo(named ? entry.getValue() : 0);
        }
        assertThat(pair[0].counts()).isEqualTo(sketch.counts());
        assertThat(pair[1].isExact()).isFalse();
        assertThat(pair[1].count()).isEqualTo(exact.count());
        assertThat(pair[1].counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(exact.count());
        assertThat(exact.isExact()).isTrue(); // the input is unchanged
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
