package io.driftwatch.canary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.canary.analysis.VersionAggregate;

/**
 * Reads {@code canary_metrics}: the periods of a model version inside the analysis window, combined
 * into one aggregate by {@link VersionAggregate.Builder} (inconsistent periods skipped and counted).
 */
public class JdbcCanaryMetricsSource {

    private static final String PERIODS = """
            SELECT requests, errors, labeled, correct, latency_mean_seconds, latency_p99_seconds
            FROM canary_metrics
            WHERE model = ? AND model_version = ? AND period_start >= ? AND period_end <= ?""";

    private static final String HAS_VERSION = """
            SELECT 1 FROM canary_metrics WHERE model = ? AND model_version = ? FETCH FIRST 1 ROWS ONLY""";

    private static final String VERSIONS = """
            SELECT DISTINCT model_version FROM canary_metrics WHERE model = ? ORDER BY model_version
            FETCH FIRST ? ROWS ONLY""";

    private final JdbcTemplate jdbc;

    public JdbcCanaryMetricsSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public VersionAggregate aggregate(String model, String version, Instant from, Instant to) {
        VersionAggregate.Builder aggregate = new VersionAggregate.Builder(version);
        jdbc.query(PERIODS, rs -> {
            aggregate.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getObject(5, Double.class),
                    rs.getObject(6, Double.class));
        }, model, version, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return aggregate.build();
    }

    /** Whether {@code canary_metrics} holds any period of this model version (at any time). */
    public boolean hasVersion(String model, String version) {
        return !jdbc.queryForList(HAS_VERSION, Integer.class, model, version).isEmpty();
    }

    /** Up to {@code limit} versions of the model in {@code canary_metrics}, in order. */
    public List<String> versions(String model, int limit) {
        return jdbc.queryForList(VERSIONS, String.class, model, limit);
    }
}
