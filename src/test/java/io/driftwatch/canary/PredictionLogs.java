package io.driftwatch.canary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/** Writes synthetic prediction-log rows with known latency, error and accuracy for one model version. */
public final class PredictionLogs {

    private PredictionLogs() {
    }

    public static void insert(JdbcTemplate jdbc, String model, String version, Instant from, Instant to, int requests,
                              double latencyMean, double errorRate, double accuracy, long seed) {
        insert(jdbc, model, version, version + "-" + seed + "-", from, to, requests, latencyMean, errorRate, accuracy, seed, 0);
    }

    /**
     * Rows whose request ids start with {@code requestPrefix}: two versions written with the same prefix
     * scored the same requests (shadow mode). {@code scoreShift} moves every score.
     */
    public static void insert(JdbcTemplate jdbc, String model, String version, String requestPrefix, Instant from, Instant to,
                              int requests, double latencyMean, double errorRate, double accuracy, long seed,
                              double scoreShift) {
        Random random = new Random(seed);
        long span = to.toEpochMilli() - from.toEpochMilli();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            double latency = Math.max(0.001, latencyMean + 0.02 * random.nextGaussian());
            boolean error = random.nextDouble() < errorRate;
            double score = Math.min(1, Math.max(0, 0.6 + 0.15 * random.nextGaussian() + scoreShift));
            Boolean correct = error ? null : random.nextDouble() < accuracy;
            rows.add(new Object[] {requestPrefix + i, model, version,
                    Instant.ofEpochMilli(from.toEpochMilli() + span * i / requests).atOffset(ZoneOffset.UTC), latency, error,
                    score, correct});
        }
        jdbc.batchUpdate("INSERT INTO prediction_log (request_id, model, model_version, logged_at, latency_seconds, is_error,"
                + " score, correct) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
}
