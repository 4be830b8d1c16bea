package io.driftwatch.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.demo.SyntheticDriftGenerator;

/**
 * The {@code loan_features} table that nightly-job tests run on: a January baseline, written once per
 * database, and the window of each night with the features that should drift.
 */
public final class LoanNights {

    public static final String TABLE = "loan_features";
    private static final Instant BASELINE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant BASELINE_TO = Instant.parse("2026-02-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final SyntheticDriftGenerator generator;
    private final int rows;

    /** Creates the table if needed and writes the baseline ({@code rows} rows of seed {@code baselineSeed}) once. */
    public LoanNights(JdbcTemplate jdbc, int rows, long baselineSeed) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable(TABLE);
        Long baselineRows = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE scored_at < ?", Long.class,
                BASELINE_TO.atOffset(ZoneOffset.UTC));
        if (baselineRows == 0) {
            generator.insert(TABLE, BASELINE_FROM, BASELINE_TO, rows, Set.of(), baselineSeed);
        }
    }

    /** The day before {@code runDate}: the window that night's run reads, with {@code shifted} features drifting. */
    public void window(LocalDate runDate, Set<String> shifted, long seed) {
        generator.insert(TABLE, runDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                runDate.atStartOfDay(ZoneOffset.UTC).toInstant(), rows, shifted, seed);
    }

    /** The model's accuracy and latency on the day before {@code runDate}. */
    public void performance(String model, LocalDate runDate, double accuracy, double latencySeconds) {
        jdbc.update("INSERT INTO model_performance (model, metric_date, accuracy, latency_seconds) VALUES (?, ?, ?, ?)",
                model, runDate.minusDays(1), accuracy, latencySeconds);
    }
}
