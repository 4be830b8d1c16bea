package io.driftwatch.window;

import java.time.Duration;
import java.time.ZoneId;

import io.driftwatch.config.Relation;
import io.driftwatch.source.JdbcFeatureSource;

import io.driftwatch.config.Monitor;

/**
 * Identifies a baseline's content without reading it: the SHA-256 of its definition (table, query or
 * files, time range, timestamp column, features with their types and columns, profile format) and of its
 * data (the user's {@code baseline.version} when given, else the row count and, for a time range, the
 * latest timestamp in it; for files their names, sizes and modification times). A time range of a table is
 * counted bucket by bucket, so that an index on the timestamp column answers it without reading rows; a
 * whole-table or query baseline is counted with {@code COUNT(*)}, which reads it: give such a baseline a
 * {@code baseline.version}. A baseline whose rows are rewritten in place with the same count and
 * timestamps must be given a {@code baseline.version} that changes with it.
 */
public record BaselineFingerprint(String value, String definition, String data) {

    /**
     * Bumped whenever the profile or the way it is built changes meaning, so old cache entries are not reused (v4:
     * order-independent sketches, whose predecessors' bytes this build refuses).
     */
    static final String PROFILE_SEMANTICS = "profile-v4";

    static BaselineFingerprint of(Monitor monitor, JdbcFeatureSource source, RangeFingerprint ranges, Duration width,
                                  ZoneId zone) {
        Monitor.Baseline baseline = monitor.baseline();
        String definition = definition(monitor);
        String data;
        if (baseline.version() != null) {
            data = "version=" + baseline.version();
        } else if (baseline.isTimeRange() && baseline.relation() instanceof Relation.Table table) {
            // Counted bucket by bucket: one query over the whole range is a sequential scan of it on PostgreSQL even
            // with an index, while each bucket's count and maximum come from the index (see RangeFingerprint); the
            // buckets' counts go to the database together, in one statement.
            RangeFingerprint.Data total = new RangeFingerprint.Data(0, null, null);
            for (RangeFingerprint.Data chunk : ranges.of(monitor, table.name(), null,
                    Bucket.chunks(baseline.from(), baseline.to(), width))) {
                total = total.plus(chunk);
            }
            // the latest timestamp as an instant in UTC, not in the JVM's default zone (RangeFingerprint.Data#text)
            data = total.text();
        } else {
            data = source.baselineData(monitor, zone);
        }
        return of(definition, data);
    }

    /** The fingerprint of a definition and data, e.g. today's definition with the data a cached baseline was built from. */
    static BaselineFingerprint of(String definition, String data) {
        return new BaselineFingerprint(sha256(definition + "\n" + data), definition, data);
    }

    /** The definition part: table, query or files, time range, timestamp column, features, profile format. */
    static String definition(Monitor monitor) {
        Monitor.Baseline baseline = monitor.baseline();
        StringBuilder definition = new StringBuilder(PROFILE_SEMANTICS).append(';').append(baseline.relation().definition());
        if (baseline.isTimeRange()) {
            definition.append(";timestamp=").append(monitor.timestampColumn())
                    .append(";from=").append(baseline.from()).append(";to=").append(baseline.to());
        }
        for (Monitor.Feature f : monitor.features()) {
            definition.append(";feature=").append(f.name()).append(':').append(f.type()).append(':').append(f.column());
        }
        return definition.toString();
    }

    private static String sha256(String text) {
        return RangeFingerprint.sha256(text);
    }
}
