package io.driftwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo night as {@code tools/reference/demo_reference.py} judges it: the demo's rows reproduced from their
 * definition and each feature's {@code effects} score computed with numpy and scipy. Features that driftwatch judges
 * on sketch-mode profiles (income: more distinct values than the exact cap) have an interval for rank errors up to
 * {@link #epsilon()}; the others one value.
 */
public final class DemoReference {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final JsonNode ROOT = read();

    private DemoReference() {
    }

    private static JsonNode read() {
        try (InputStream in = DemoReference.class.getResourceAsStream("/reference/demo_reference.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature's reference entry (score, score_low, score_high, drifted, shares or medians). */
    public static JsonNode feature(String name) {
        JsonNode feature = ROOT.path("features").path(name);
        assertThat(feature.isMissingNode()).as("demo reference has feature %s", name).isFalse();
        return feature;
    }

    /** Whether the reference flags the feature. */
    public static boolean drifted(String name) {
        return feature(name).path("drifted").asBoolean();
    }

    /** The largest rank error of a sketch-mode profile the reference interval allows. */
    public static double epsilon() {
        return ROOT.path("epsilon").asDouble();
    }

    /** A feature's share of one category in the baseline or current window of the demo's data. */
    public static double share(String feature, String category, boolean current) {
        return feature(feature).path(current ? "current_shares" : "baseline_shares").path(category).asDouble();
    }

    /**
     * Asserts that {@code score}, as driftwatch reported it for the demo's {@code feature} with the {@code effects}
     * method, is the reference's: within 1e-9 for exact profiles, within the rank-error interval for sketched ones,
     * widened by {@code printed} (half a unit of the last printed digit; 0 for unrounded values).
     */
    public static void assertEffectsScore(String featureName, double score, double printed) {
        JsonNode f = feature(featureName);
        double low = f.path("score_low").asDouble();
        double high = f.path("score_high").asDouble();
        double tolerance = RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(high)) + printed;
        if (low == high) {
            assertThat(score).as("effects score of %s", featureName).isCloseTo(low, within(tolerance));
        } else {
            assertThat(score).as("effects score of %s (sketch mode)", featureName).isBetween(low - tolerance,
                    high + tolerance);
        }
    }
}
