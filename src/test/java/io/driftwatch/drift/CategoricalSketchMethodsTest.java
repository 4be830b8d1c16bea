package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Drift methods on sketch-mode categorical profiles: estimates for histogram methods, UNSUPPORTED for exact tests. */
class CategoricalSketchMethodsTest {

    private static final List<String> HISTOGRAM_METHODS = List.of("psi", "kl", "js", "js_divergence", "hellinger",
            "linf");

    private final DriftMethods methods = DriftMethods.standard();

    private static CategoricalProfile profile(int cap, int ids, String... heavy) {
        CategoricalProfile profile = CategoricalProfile.create(cap);
        for (int i = 0; i < ids; i++) {
            profile.add("id-" + i);
            profile.add(heavy[i % heavy.length]);
        }
        return profile;
    }

    @Test
    void histogramMethodsReportEstimatesWithTheBoundOnASketchedProfile() {
        CategoricalProfile baseline = profile(1_000, 50_000, "a", "a", "b", "c");
        CategoricalProfile current = profile(CategoricalProfile.DEFAULT_EXACT_DISTINCT_CAP, 2_000, "a", "b", "b", "c");
        assertThat(baseline.isExact()).isFalse();
        assertThat(current.isExact()).isTrue();

        for (String name : HISTOGRAM_METHODS) {
            DriftResult result = methods.require(name).compute(baseline, current, 0.1);
            assertThat(result.status()).as(name).isIn(DriftStatus.OK, DriftStatus.UNDEFINED);
            assertThat(result.details()).as(name).containsEntry("exact", false);
            assertThat((String) result.details().get("approximation")).as(name)
                    .contains("the baseline profile is in sketch mode")
                    .contains("n=" + baseline.count() + ", share error bound")
                    .contains(CategoricalProfile.BUCKETS + " hash buckets");
        }
    }

    @Test
    void exactCountTestsAreUnsupportedOnASketchedProfile() {
        CategoricalProfile baseline = profile(CategoricalProfile.DEFAULT_EXACT_DISTINCT_CAP, 100, "a", "b");
        CategoricalProfile current = profile(10, 100, "a", "b");
        assertThat(current.isExact()).isFalse();

        for (String name : List.of("chisquare", "z")) {
            DriftResult result = methods.require(name).compute(baseline, current, 0.05);
            assertThat(result.status()).as(name).isEqualTo(DriftStatus.UNSUPPORTED);
            assertThat(result.drifted()).as(name).isFalse();
            assertThat(result.details()).as(name).containsEntry("exact", false);
        }
        assertThat(methods.require("missing_rate").compute(baseline, current, 0.05).status())
                .isEqualTo(DriftStatus.OK);
    }

    @Test
    void aSketchThatNamesEveryCategoryScoresLikeTheExactProfile() {
        // Cap 3 with 5 categories: sketch mode, but every category is named, so every bin is the exact one.
        CategoricalProfile exactBaseline = CategoricalProfile.create();
        CategoricalProfile sketchBaseline = CategoricalProfile.create(3);
        CategoricalProfile current = CategoricalProfile.create();
        String[] values = {"a", "a", "a", "b", "b", "c", "d", "e", "e", "e", "e"};
        for (String value : values) {
            exactBaseline.add(value);
            sketchBaseline.add(value);
        }
        for (String value : new String[]{"a", "b", "b", "b", "c", "d", "d", "e"}) {
            current.add(value);
        }
        assertThat(sketchBaseline.isExact()).isFalse();
        assertThat(sketchBaseline.shareErrorBound()).isZero();

        for (String name : HISTOGRAM_METHODS) {
            DriftResult exact = methods.require(name).compute(exactBaseline, current, 0.1);
            DriftResult sketched = methods.require(name).compute(sketchBaseline, current, 0.1);
            assertThat(exact.details()).as(name).containsEntry("exact", true).doesNotContainKey("approximation");
            assertThat(sketched.details()).as(name).containsEntry("exact", false);
            assertThat(sketched.score()).as(name).isCloseTo(exact.score(), within(1e-12));
        }
    }
}
