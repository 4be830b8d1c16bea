package io.driftwatch.source;

import java.util.LinkedHashMap;
import java.util.Map;

import io.driftwatch.profile.FeatureProfile;

/** The profiles of every feature of one window, built in one pass, and how many rows were read. */
public record WindowProfile(long rowsRead, Map<String, FeatureProfile> features) {
    public WindowProfile {
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
