package io.driftwatch.window;

import io.driftwatch.source.JdbcFeatureSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

import io.driftwatch.config.Monitor;

/**
 * Identifies a baseline's content without reading it: the SHA-256 of its definition (table, query or
 * files, time range, timestamp column, features with their types and columns, profile format) and of its
 * data (the user's {@code baseline.version} when given, else the row count and, for a time range, the
 * latest timestamp in it; for files their names, sizes and modification times). A baseline whose rows are
 * rewritten in place with the same count and timestamps must be given a {@code baseline.version} that
 * changes with it.
 */
public record BaselineFingerprint(String value, String definition, String data) {

    /**
     * Bumped whenever the profile or the way it is built changes meaning, so old cache entries are not reused (v4:
     * order-independent sketches, whose predecessors' bytes this build refuses).
     */
    static final String PROFILE_SEMANTICS = "profile-v4";

    public static BaselineFingerprint of(Monitor monitor, JdbcFeatureSource source, ZoneId zone) {
        Monitor.Baseline baseline = monitor.baseline();
        StringBuilder definition = new StringBuilder(PROFILE_SEMANTICS).append(';').append(baseline.relation().definition());
        if (baseline.isTimeRange()) {
            definition.append(";timestamp=").append(monitor.timestampColumn())
                    .append(";from=").append(baseline.from()).append(";to=").append(baseline.to());
        }
        for (Monitor.Feature f : monitor.features()) {
            definition.append(";feature=").append(f.name()).append(':').append(f.type()).append(':').append(f.column());
        }
        String data = baseline.version() != null ? "version=" + baseline.version() : source.baselineData(monitor, zone);
        return new BaselineFingerprint(sha256(definition + "\n" + data), definition.toString(), data);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
