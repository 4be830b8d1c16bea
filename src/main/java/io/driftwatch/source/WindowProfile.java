package io.driftwatch.source;

import java.util.LinkedHashMap;
import java.util.Map;

import io.driftwatch.profile.FeatureProfile;

/**
 * The profiles of every feature of one window, built in one pass, and how many rows were read; with
 * segments configured, also each segment's profiles by label ({@code country=DE}), from the same pass.
 */
public record WindowProfile(long rowsRead, Map<String, FeatureProfile> features, Map<String, Segment> segments) {

    /** A window of the whole population only. */
    public WindowProfile(long rowsRead, Map<String, FeatureProfile> features) {
        this(rowsRead, features, Map.of());
    }

    public WindowProfile {
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
        segments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    }

    /** One segment's rows and feature profiles in a window. */
    public record Segment(long rowsRead, Map<String, FeatureProfile> features) {
        public Segment {
            features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
        }
    }
}
