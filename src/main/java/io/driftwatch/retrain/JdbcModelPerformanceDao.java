package io.driftwatch.retrain;

import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.report.ModelPerformance;

/** Reads the latest performance row of a model within a run's window from the configured table. */
public class JdbcModelPerformanceDao {

    private static final String LATEST = """
            SELECT metric_date, accuracy, latency_seconds FROM %s
            WHERE model = ? AND metric_date >= ? AND metric_date < ?
            ORDER BY metric_date DESC LIMIT 1""";

    private final JdbcTemplate jdbc;

    public JdbcModelPerformanceDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest row with {@code from <= metric_date < to}, or {@link ModelPerformance#MISSING}. */
    public ModelPerformance latest(SqlIdentifier table, String model, LocalDate from, LocalDate to) {
        return jdbc.query(LATEST.formatted(table.quoted()), (rs, i) -> new ModelPerformance(
                        rs.getObject("metric_date", LocalDate.class), rs.getObject("accuracy", Double.class),
                        rs.getObject("latency_seconds", Double.class)), model, from, to)
                .stream().findFirst().orElse(ModelPerformance.MISSING);
    }
}
