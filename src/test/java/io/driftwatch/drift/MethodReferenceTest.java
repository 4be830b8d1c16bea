package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks every method, the Evidently selection and the multiple-testing corrections against values computed
 * independently with numpy/scipy by {@code tools/reference/methods_reference.py} (see that script to regenerate
 * {@code reference/methods_reference.json}). Scores agree within 1e-9 relative; edges and bin counts exactly;
 * p-values within 1e-9 relative or 1e-14 absolute, because scipy and commons-statistics compute them with different
 * (each exact) algorithms whose rounding differs near 0.
 */
class MethodReferenceTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final double P_VALUE_ABSOLUTE_TOLERANCE = 1e-14;
    private static final JsonNode REFERENCE = load("methods_reference.json");
    /** Edge distributions (tiny variance, negative values, near the largest double, odd categories): edge_reference.py. */
    private static final JsonNode EDGES = load("edge_reference.json");
    private static final Map<String, String> EVIDENTLY_NAMES = Map.of("ks", "ks", "chisquare", "chisquare", "z", "z",
            "wasserstein", "wasserstein_norm", "jensenshannon", "js");

    private final DriftMethods methods = DriftMethods.standard();

    @TestFactory
    Stream<DynamicNode> numericFixturesMatchNumpyAndScipy() {
        return fixtures(REFERENCE, "numeric", MethodReferenceTest::numericProfiles);
    }

    @TestFactory
    Stream<DynamicNode> categoricalFixturesMatchNumpyAndScipy() {
        return fixtures(REFERENCE, "categorical", MethodReferenceTest::categoricalProfiles);
    }

    @TestFactory
    Stream<DynamicNode> numericEdgeDistributionsMatchNumpyAndScipy() {
        return fixtures(EDGES, "numeric", MethodReferenceTest::numericProfiles);
    }

    @TestFactory
    Stream<DynamicNode> categoricalEdgeCasesMatchNumpyAndScipy() {
        return fixtures(EDGES, "categorical", MethodReferenceTest::categoricalProfiles);
    }

    @TestFactory
    Stream<DynamicTest> multipleTestingMatchesScipy() {
        return values(REFERENCE.get("multiple_testing")).stream().map(item -> DynamicTest.dynamicTest(
                item.get("p").toString(), () -> {
                    double[] p = doubles(item.get("p"));

                    double[] bh = MultipleTesting.benjaminiHochberg(p);
                    double[] bonferroni = MultipleTesting.bonferroni(p);

                    assertClose(bh, doubles(item.get("benjamini_hochberg")));
                    assertClose(bonferroni, doubles(item.get("bonferroni")));
                }));
    }

    private Stream<DynamicNode> fixtures(JsonNode document, String kind, Function<JsonNode, FeatureProfile[]> profiles) {
        return values(document.get(kind)).stream().map(fixture -> {
            FeatureProfile[] pair = profiles.apply(fixture);
            List<DynamicNode> tests = new ArrayList<>();
            for (Map.Entry<String, JsonNode> method : fixture.get("expected").properties()) {
                tests.add(DynamicTest.dynamicTest(method.getKey(), () -> {
                    DriftResult result = methods.require(method.getKey()).compute(pair[0], pair[1],
                            methods.require(method.getKey()).defaultThreshold());
                    assertMatches(result, method.getValue(), method.getKey());
                }));
            }
            if (fixture.has("variants")) {
                for (JsonNode variant : fixture.get("variants")) {
                    String name = variant.get("method").asString() + " " + variant.get("binning") + " "
                            + variant.get("smoothing").asString() + " log " + variant.get("log_base").asString();
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        DriftMethod method = methods.require(variant.get("method").asString());
                        MethodSettings settings = MethodSettings.defaults(method)
                                .withBinning(binning(variant.get("binning")))
                                .withSmoothing(Smoothing.parse(variant.get("smoothing").asString()))
                                .withLogBase(LogBase.parse(variant.get("log_base").asString()));
                        DriftResult result = method.compute(pair[0], pair[1], settings);
                        assertMatches(result, variant.get("expected"), name);
                    }));
                }
            }
            if (fixture.has("evidently")) {
                tests.add(DynamicTest.dynamicTest("evidently selection", () -> checkEvidently(pair,
                        fixture.get("evidently"))));
            }
            return DynamicContainer.dynamicContainer(fixture.get("name").asString(), tests);
        });
    }

    private static void checkEvidently(FeatureProfile[] pair, JsonNode expected) {
        // when
        List<MethodSelection.Choice> choices = MethodSelection.of(MethodSelection.Mode.EVIDENTLY)
                .select(pair[0], pair[1]);
        DriftResult result = choices.get(0).compute(pair[0], pair[1]);

        // then
        assertThat(choices).hasSize(1);
        assertThat(choices.get(0).method()).isEqualTo(EVIDENTLY_NAMES.get(expected.get("stattest").asString()));
        if (expected.has("p_value")) {
            assertPValue(result.pValue(), expected.get("p_value").asDouble(), "Evidently p-value");
        } else {
            assertRelativelyClose(result.score(), expected.get("score").asDouble(), "Evidently score");
        }
        assertThat(result.drifted()).as("Evidently verdict").isEqualTo(expected.get("drifted").asBoolean());
    }

    private static void assertMatches(DriftResult result, JsonNode expected, String what) {
        assertThat(result.status().name()).as(what + " status: " + result.details().get("reason"))
                .isEqualTo(expected.get("status").asString());
        if (expected.has("score")) {
            assertRelativelyClose(result.score(), expected.get("score").asDouble(), what + " score");
        }
        if (expected.has("p_value")) {
            assertPValue(result.pValue(), expected.get("p_value").asDouble(), what + " p-value");
        }
        if (expected.has("drifted")) {
            assertThat(result.drifted()).as(what + " drifted").isEqualTo(expected.get("drifted").asBoolean());
        }
        if (expected.has("edges")) {
            assertThat(result.details().get("edges")).as(what + " edges").isEqualTo(asList(expected.get("edges")));
        }
        if (expected.has("baseline_bin_counts")) {
            assertThat(binCounts(result, "baseline_count")).as(what + " baseline counts")
                    .isEqualTo(longs(expected.get("baseline_bin_counts")));
            assertThat(binCounts(result, "current_count")).as(what + " current counts")
                    .isEqualTo(longs(expected.get("current_bin_counts")));
        }
        if (expected.has("binning")) {
            assertThat(result.convention()).as(what + " convention")
                    .contains("bins=" + expected.get("binning").asString() + ",");
        }
        if (expected.has("z")) {
            assertRelativelyClose((Double) result.details().get("z"), expected.get("z").asDouble(), what + " z");
            JsonNode category = expected.get("category");
            assertThat(result.details().get("category")).as(what + " category")
                    .isEqualTo(category.isNumber() ? (Object) category.asDouble() : category.asString());
        }
        if (expected.has("unseen_count")) {
            assertThat(result.details()).containsEntry("unseen_count", expected.get("unseen_count").asLong());
        }
        if (expected.has("baseline_missing_share")) {
            assertRelativelyClose((Double) result.details().get("current_missing_share"),
                    expected.get("current_missing_share").asDouble(), what + " current share");
        }
    }

    private static Binning binning(JsonNode node) {
        return switch (node.get("kind").asString()) {
            case "baseline_quantiles" -> Binning.baselineQuantiles(node.get("bins").asInt());
            case "sturges" -> Binning.sturges();
            case "values" -> Binning.values();
            case "evidently" -> Binning.evidently();
            case "edges" -> Binning.edges(values(node.get("edges")).stream().map(JsonNode::asDouble).toList());
            default -> throw new IllegalArgumentException("unknown binning " + node);
        };
    }

    private static void assertRelativelyClose(Double actual, double expected, String what) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(expected, within(RELATIVE_TOLERANCE * Math.abs(expected)));
    }

    private static void assertPValue(Double actual, double expected, String what) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(expected,
                within(Math.max(RELATIVE_TOLERANCE * Math.abs(expected), P_VALUE_ABSOLUTE_TOLERANCE)));
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(1e-15));
        }
    }

    private static FeatureProfile[] numericProfiles(JsonNode fixture) {
        if (fixture.has("baseline_counts")) {
            return new FeatureProfile[]{countedProfile(fixture.get("baseline_counts")),
                    countedProfile(fixture.get("current_counts"))};
        }
        return new FeatureProfile[]{numericProfile(fixture.get("baseline")), numericProfile(fixture.get("current"))};
    }

    private static NumericProfile countedProfile(JsonNode pairs) {
        NumericProfile profile = NumericProfile.create();
        for (JsonNode pair : pairs) {
            for (long i = 0; i < pair.get(1).asLong(); i++) {
                profile.add(pair.get(0).asDouble());
            }
        }
        return profile;
    }

    private static FeatureProfile[] categoricalProfiles(JsonNode fixture) {
        return new FeatureProfile[]{
                categoricalProfile(fixture.get("baseline"), fixture.get("baseline_missing").asInt()),
                categoricalProfile(fixture.get("current"), fixture.get("current_missing").asInt())};
    }

    static NumericProfile numericProfile(JsonNode values) {
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

    private static CategoricalProfile categoricalProfile(JsonNode counts, int missing) {
        CategoricalProfile profile = CategoricalProfile.create();
        for (Map.Entry<String, JsonNode> entry : counts.properties()) {
            for (int i = 0; i < entry.getValue().asInt(); i++) {
                profile.add(entry.getKey());
            }
        }
        for (int i = 0; i < missing; i++) {
            profile.addMissing();
        }
        return profile;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> binCounts(DriftResult result, String key) {
        return ((List<Map<String, Object>>) result.details().get("bins")).stream().map(bin -> (Long) bin.get(key))
                .toList();
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

    private static JsonNode load(String file) {
        try (InputStream in = MethodReferenceTest.class.getResourceAsStream("/reference/" + file)) {
            if (in == null) {
                throw new IllegalStateException("reference/" + file + " is missing from the test classpath");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
