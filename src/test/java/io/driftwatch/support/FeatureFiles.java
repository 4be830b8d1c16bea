package io.driftwatch.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Parquet and CSV feature files written by DuckDB itself: the rows of a feature table (the shape
 * {@link io.driftwatch.demo.SyntheticDriftGenerator} writes) in a time range, appended to an in-memory DuckDB
 * table and written with {@code COPY ... TO}. Timestamps become {@code TIMESTAMP} in UTC, as training
 * snapshots usually store them.
 */
public final class FeatureFiles {

    private FeatureFiles() {
    }

    /** Writes the rows of {@code table} in {@code [from, to)} to {@code file}: Parquet or CSV by its ending. */
    public static void write(JdbcTemplate database, String table, Instant from, Instant to, Path file) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE rows (scored_at TIMESTAMP, income DOUBLE, age INTEGER, credit_score DOUBLE,"
                    + " debt_ratio DOUBLE, region VARCHAR, channel VARCHAR)");
            try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender("main", "rows")) {
                database.query("SELECT scored_at, income, age, credit_score, debt_ratio, region, channel FROM " + table
                        + " WHERE scored_at >= ? AND scored_at < ? ORDER BY scored_at", rs -> {
                    try {
                        appender.beginRow();
                        appender.append(LocalDateTime.ofInstant(rs.getObject(1, OffsetDateTime.class).toInstant(), ZoneOffset.UTC));
                        appender.append((Double) rs.getObject(2, Double.class));
                        appender.append((Integer) rs.getObject(3, Integer.class));
                        appender.append((Double) rs.getObject(4, Double.class));
                        appender.append((Double) rs.getObject(5, Double.class));
                        appender.append(rs.getString(6));
                        appender.append(rs.getString(7));
                        appender.endRow();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
            }
            boolean parquet = file.toString().endsWith(".parquet");
            s.execute("COPY rows TO '" + file.toString().replace("'", "''") + "' "
                    + (parquet ? "(FORMAT parquet, ROW_GROUP_SIZE 1000)" : "(FORMAT csv, HEADER true)"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
