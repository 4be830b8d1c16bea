package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
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
 * Checks the {@code effects} method against values computed independently with numpy/scipy by
 * {@code tools/reference/effects_reference.py} ({@code reference/effects_reference.json}): every effect's size, floor,
 * noise bound and ratio within 1e-9 relative, the score and the verdict.
 */
class EffectsReferenceTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final JsonNode REFERENCE = load();

    @TestFactory
    Stream<DynamicTest> effectsMatchNumpyAndScipy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fixture : REFERENCE.get("fixtures")) {
            tests.add(DynamicTest.dynamicTest(fixture.get("name").asString(), () -> {
                FeatureProfile[] pair = profiles(fixture);
                JsonNode expected = fixture.get("expected");

                DriftResult result = DriftMethods.standard().require("effects").compute(pair[0], pair[1], 1.0);

                assertThat(result.status()).isEqualTo(DriftStatus.OK);
                assertClose(result.score(), expected.get("score").asDouble(), "score");
                assertThat(result.drifted()).isEqualTo(expected.get("drifted").asBoolean());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> actual = (List<Map<String, Object>>) result.details().get("effects");
                assertThat(actual).extracting(e -> e.get("effect")).containsExactlyElementsOf(
                        expected.get("effects").valueStream().map(e -> e.get("effect").asString()).toList());
                for (int i = 0; i < actual.size(); i++) {
                    Map<String, Object> effect = actual.get(i);
                    JsonNode reference = expected.get("effects").get(i);
                    String name = reference.get("effect").asString();
                    assertClose(((Number) effect.get("size")).doubleValue(), reference.get("size").asDouble(),
                            name + " size");
                    assertClose(((Number) effect.get("floor")).doubleValue(), reference.get("floor").asDouble(),
                            name + " floor");
                    if (reference.get("noise").isNull()) {
                        assertThat(effect.get("noise")).as(name + " noise").isEqualTo("unbounded");
                    } else {
                        assertClose(((Number) effect.get("noise")).doubleValue(), reference.get("noise").asDouble(),
                                name + " noise");
                    }
                    assertClose(((Number) effect.get("ratio")).doubleValue(), reference.get("ratio").asDouble(),
                            name + " ratio");
                }
            }));
        }
        return tests.stream();
    }

    private static FeatureProfile[] profiles(JsonNode fixture) {
        if (fixture.get("type").asString().equals("numeric")) {
            NumericProfile baseline = NumericProfile.create();
            NumericProfile current = NumericProfile.create();
            fixture.get("baseline").forEach(v -> baseline.add(v.asDouble()));
            fixture.get("current").forEach(v -> current.add(v.asDouble()));
            baseline.add(Double.NaN, 0);
            for (int i = 0; i < fixture.get("baseline_missing").asInt(); i++) {
                baseline.addMissing();
            }
            for (int i = 0; i < fixture.get("current_missing").asInt(); i++) {
                current.addMissing();
            }
            return new FeatureProfile[]{baseline, current};
        }
        CategoricalProfile baseline = CategoricalProfile.create();
        CategoricalProfile current = CategoricalProfile.create();
        fixture.get("baseline").properties().forEach(e -> baseline.add(e.getKey(), e.getValue().asLong()));
        fixture.get("current").properties().forEach(e -> current.add(e.getKey(), e.getValue().asLong()));
        baseline.add(null, fixture.get("baseline_missing").asLong());
        current.add(null, fixture.get("current_missing").asLong());
        return new FeatureProfile[]{baseline, current};
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(RELATIVE_TOLERANCE * Math.max(1e-3, Math.abs(expected))));
    }

    private static JsonNode load() {
        try (InputStream in = EffectsReferenceTest.class.getResourceAsStream("/reference/effects_reference.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read reference/effects_reference.json", e);
        }
    }
}
