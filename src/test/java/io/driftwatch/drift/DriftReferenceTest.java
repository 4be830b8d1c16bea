package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks every method against values computed independently with numpy/scipy by
 * {@code tools/reference/drift_reference.py} (see that script to regenerate {@code reference/drift_reference.json}).
 */
class DriftReferenceTest {

    private static final double RELATIVE_TOLERANCE = 1e-12;
    private static final JsonNode REFERENCE = load();
    private final DriftMethods methods = DriftMethods.standard();

    @TestFactory
    Stream<DynamicTest> numericDatasetsMatchNumpyAndScipy() {
        return values(REFERENCE.get("numeric")).stream().map(dataset -> DynamicTest.dynamicTest(
                dataset.get("name").asString(), () -> checkNumeric(dataset)));
    }

    @TestFactory
    Stream<DynamicTest> categoricalDatasetsMatchNumpyAndScipy() {
        return values(REFERENCE.get("categorical")).stream().map(dataset -> DynamicTest.dynamicTest(
                dataset.get("name").asString(), () -> checkCategorical(dataset)));
    }

    @TestFactory
    Stream<DynamicTest> smoothingMatchesTheReferenceImplementation() {
        return values(REFERENCE.get("smoothing")).stream().map(item -> DynamicTest.dynamicTest(
                item.get("input").toString(), () -> {
                    double[] input = doubles(item.get("input"));
                    double[] expected = doubles(item.get("expected"));

                    double[] smoothed = Smoothing.EVIDENTLY.apply(input);

                    assertThat(smoothed).containsExactly(expected);
                }));
    }

    private void checkNumeric(JsonNode dataset) {
        // given
        JsonNode expected = dataset.get("expected");
        NumericProfile baseline = numericProfile(dataset.get("baseline"));
        NumericProfile current = numericProfile(dataset.get("current"));
        assertThat(baseline.isExact()).isTrue();
        assertThat(baseline.count()).isEqualTo(expected.get("baseline_count").asLong());
        assertThat(current.count()).isEqualTo(expected.get("current_count").asLong());
        assertThat(baseline.missing()).isEqualTo(expected.get("baseline_missing").asLong());
        assertThat(current.nanCount()).isEqualTo(expected.get("current_nan").asLong());
        assertThat(baseline.infiniteCount()).isEqualTo(expected.get("baseline_infinite").asLong());
        for (Map.Entry<String, JsonNode> probe : expected.get("baseline_quantiles").properties()) {
            assertThat(baseline.quantile(Double.parseDouble(probe.getKey())))
                    .as("quantile %s", probe.getKey()).isEqualTo(probe.getValue().asDouble());
        }
        assertRelativelyClose(baseline.mean(), expected.get("baseline_mean").asDouble(), "baseline mean");
        assertRelativelyClose(current.mean(), expected.get("current_mean").asDouble(), "current mean");
        assertRelativelyClose(baseline.populationStd(), expected.get("baseline_std").asDouble(), "baseline std");

        // when
        DriftResult psi = methods.require("psi").compute(baseline, current, 0.1);
        DriftResult kl = methods.require("kl").compute(baseline, current, 0.1);
        DriftResult meanShift = methods.require("mean_shift").compute(baseline, current, 0.2);

        // then
        for (DriftResult result : List.of(psi, kl)) {
            assertThat(result.status()).isEqualTo(DriftStatus.OK);
            assertThat(result.details().get("edges")).isEqualTo(asList(expected.get("edges")));
            assertThat(binCounts(result, "baseline_count")).isEqualTo(longs(expected.get("baseline_bin_counts")));
            assertThat(binCounts(result, "current_count")).isEqualTo(longs(expected.get("current_bin_counts")));
            assertThat(result.details()).containsEntry("exact", true)
                    .containsEntry("baseline_missing", expected.get("baseline_missing").asLong())
                    .containsEntry("current_missing", expected.get("current_missing").asLong())
                    .containsEntry("baseline_nan", expected.get("baseline_nan").asLong())
                    .containsEntry("current_infinite", expected.get("current_infinite").asLong());
        }
        assertRelativelyClose(psi.score(), expected.get("psi").asDouble(), "psi");
        assertRelativelyClose(kl.score(), expected.get("kl").asDouble(), "kl");
        JsonNode expectedShift = expected.get("mean_shift");
        assertThat(meanShift.status().name()).isEqualTo(expectedShift.get("status").asString());
        if (meanShift.status() == DriftStatus.OK) {
            assertRelativelyClose(meanShift.score(), expectedShift.get("score").asDouble(), "mean shift");
        } else {
            assertThat(meanShift.drifted()).isEqualTo(expectedShift.get("drifted").asBoolean());
        }
    }

    private void checkCategorical(JsonNode dataset) {
        // given
        JsonNode expected = dataset.get("expected");
        CategoricalProfile baseline = categoricalProfile(dataset.get("baseline"));
        CategoricalProfile current = categoricalProfile(dataset.get("current"));
        assertThat(current.missing()).isEqualTo(expected.get("current_missing").asLong());

        // when
        DriftResult psi = methods.require("psi").compute(baseline, current, 0.1);
        DriftResult kl = methods.require("kl").compute(baseline, current, 0.1);

        // then
        for (DriftResult result : List.of(psi, kl)) {
            assertThat(result.status()).isEqualTo(DriftStatus.OK);
            assertThat(bins(result).stream().map(bin -> bin.get("label")).toList())
                    .isEqualTo(asList(expected.get("labels")));
            assertThat(binCounts(result, "baseline_count")).isEqualTo(longs(expected.get("baseline_bin_counts")));
            assertThat(binCounts(result, "current_count")).isEqualTo(longs(expected.get("current_bin_counts")));
            assertThat(result.details()).containsEntry("baseline_count", expected.get("baseline_count").asLong())
                    .doesNotContainKey("edges");
        }
        assertRelativelyClose(psi.score(), expected.get("psi").asDouble(), "psi");
        assertRelativelyClose(kl.score(), expected.get("kl").asDouble(), "kl");
    }

    private static void assertRelativelyClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(RELATIVE_TOLERANCE * Math.abs(expected)));
    }

    private static NumericProfile numericProfile(JsonNode values) {
        NumericProfile profile = NumericProfile.create();
        for (JsonNode value : values) {
            if (value.isNull()) {
                profile.addMissing();
            } else if (value.isString()) {
                profile.add(Double.parseDouble(value.asString())); // "NaN", "Infinity", "-Infinity"
            } else {
                profile.add(value.asDouble());
            }
        }
        return profile;
    }

    private static CategoricalProfile categoricalProfile(JsonNode values) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (JsonNode value : values) {
            profile.add(value.isNull() ? null : value.asString());
        }
        return profile;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bins(DriftResult result) {
        return (List<Map<String, Object>>) result.details().get("bins");
    }

    private static List<Long> binCounts(DriftResult result, String key) {
        return bins(result).stream().map(bin -> (Long) bin.get(key)).toList();
    }

    private static List<Object> asList(JsonNode array) {
        List<Object> list = new ArrayList<>();
        for (JsonNode node : array) {
            list.add(node.isNumber() ? (Object) node.asDouble() : node.asString());
        }
        return list;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> list = new ArrayList<>();
        for (JsonNode node : array) {
            list.add(node.asLong());
        }
        return list;
    }

    private static double[] doubles(JsonNode array) {
        return values(array).stream().mapToDouble(JsonNode::asDouble).toArray();
    }

    private static List<JsonNode> values(JsonNode array) {
        return new ArrayList<>(array.values());
    }

    private static JsonNode load() {
        try (InputStream in = DriftReferenceTest.class.getResourceAsStream("/reference/drift_reference.json")) {
            if (in == null) {
                throw new IllegalStateException("reference/drift_reference.json is missing from the test classpath");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
