package io.driftwatch.canary;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.canary.analysis.VersionAggregate;

/**
 * Reads {@code canary_metrics}: the periods of a model version inside the analysis window, combined
 * into one aggregate: counts add up, the mean latency is request-weighted, and the p99 is the
 * largest period p99 (an upper bound: percentiles of periods cannot be combined exactly).
 */
public class JdbcCanaryMetricsSource {

    private static final String AGGREGATE = """
            SELECT COALESCE(SUM(requests), 0), COALESCE(SUM(errors), 0), COALESCE(SUM(labeled), 0), COALESCE(SUM(correct), 0),
                   SUM(latency_mean_seconds * requests) / NULLIF(SUM(CASE WHEN latency_mean_seconds IS NULL THEN 0
                                                                         ELSE requests END), 0),
                   MAX(latency_p99_seconds)
            FROM canary_metrics
            WHERE model = ? AND model_version = ? AND period_start >= ? AND period_end <= ?""";

    private final JdbcTemplate jdbc;

    public JdbcCanaryMetricsSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public VersionAggregate aggregate(String model, String version, Instant from, Instant to) {
        return jdbc.queryForObject(AGGREGATE, (rs, i) -> new VersionAggregate(version, rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getObject(5, Double.class), rs.getObject(6, Double.class)),
                model, version, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }
}
