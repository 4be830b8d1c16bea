package io.driftwatch.canary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.canary.analysis.ShadowPair;
import io.driftwatch.canary.analysis.VersionSample;
import io.driftwatch.db.SqlIdentifier;

/**
 * Reads a model version's requests in a time window from the prediction log. Table and column
 * names come from configuration: they are checked as plain identifiers and quoted.
 */
public class JdbcPredictionLogSource {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String requestId;
    private final String model;
    private final String version;
    private final String timestamp;
    private final String latency;
    private final String error;
    private final String score;
    private final String correct;

    public JdbcPredictionLogSource(JdbcTemplate jdbc, CanaryProperties p) {
        this.jdbc = jdbc;
        this.table = SqlIdentifier.parse(p.getTable()).quoted();
        this.requestId = SqlIdentifier.parse(p.getRequestIdColumn()).quoted();
        this.model = SqlIdentifier.parse(p.getModelColumn()).quoted();
        this.version = SqlIdentifier.parse(p.getVersionColumn()).quoted();
        this.timestamp = SqlIdentifier.parse(p.getTimestampColumn()).quoted();
        this.latency = SqlIdentifier.parse(p.getLatencyColumn()).quoted();
        this.error = SqlIdentifier.parse(p.getErrorColumn()).quoted();
        this.score = SqlIdentifier.parse(p.getScoreColumn()).quoted();
        this.correct = SqlIdentifier.parse(p.getCorrectColumn()).quoted();
    }

    /** Every request of {@code modelName}/{@code versionName} with {@code from <= timestamp < to}. */
    public VersionSample sample(String modelName, String versionName, Instant from, Instant to) {
        List<Double> latencies = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        long[] counts = new long[4]; // requests, errors, labeled, correct
        String sql = "SELECT " + latency + ", " + error + ", " + score + ", " + correct + " FROM " + table + " WHERE " + model
                + " = ? AND " + version + " = ? AND " + timestamp + " >= ? AND " + timestamp + " < ?";
        jdbc.query(sql, rs -> {
            counts[0]++;
            double l = rs.getDouble(1);
            if (!rs.wasNull()) {
                latencies.add(l);
            }
            if (rs.getBoolean(2)) {
                counts[1]++;
            }
            double s = rs.getDouble(3);
            if (!rs.wasNull()) {
                scores.add(s);
            }
            boolean c = rs.getBoolean(4);
            if (!rs.wasNull()) {
                counts[2]++;
                counts[3] += c ? 1 : 0;
            }
        }, modelName, versionName, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return new VersionSample(versionName, toArray(latencies), counts[0], counts[1], counts[2], counts[3], toArray(scores));
    }

    /** Requests scored by both versions (joined by request id) in the window, for shadow analysis. */
    public List<ShadowPair> pairs(String modelName, String production, String candidate, Instant from, Instant to) {
        String sql = "SELECT p." + score + ", c." + score + ", p." + latency + ", c." + latency + ", p." + error + ", c." + error
                + " FROM " + table + " p JOIN " + table + " c ON c." + requestId + " = p." + requestId + " AND c." + model
                + " = p." + model + " WHERE p." + model + " = ? AND p." + version + " = ? AND c." + version + " = ? AND p."
                + timestamp + " >= ? AND p." + timestamp + " < ? AND p." + score + " IS NOT NULL AND c." + score
                + " IS NOT NULL AND p." + latency + " IS NOT NULL AND c." + latency + " IS NOT NULL";
        return jdbc.query(sql, (rs, i) -> new ShadowPair(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getBoolean(5), rs.getBoolean(6)),
                modelName, production, candidate, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    private static double[] toArray(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
