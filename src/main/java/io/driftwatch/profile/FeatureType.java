package io.driftwatch.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of a monitored feature, which decides how it is profiled and which drift methods apply.
 * <p>
 * A <em>numeric</em> feature holds doubles; a <em>categorical</em> feature holds strings compared by equality.
 * The configuration spelling of each constant is its lower-case name ({@link #configName()}).
 */
public enum FeatureType {
    NUMERIC,
    CATEGORICAL;

    /** The spelling used in configuration files, e.g. {@code "numeric"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the configuration spelling, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the text is null or names no feature type; the message lists the allowed values
     */
    public static FeatureType parse(String text) {
        if (text != null) {
            String wanted = text.trim();
            for (FeatureType type : values()) {
                if (type.configName().equalsIgnoreCase(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("feature type must be one of " + allowed() + " but was "
                + (text == null ? "null" : "'" + text + "'"));
    }

    private static String allowed() {
        return Arrays.stream(values()).map(FeatureType::configName).collect(Collectors.joining(", ", "[", "]"));
    }
}
