package io.driftwatch.source;

import io.driftwatch.db.Dialect;
import io.driftwatch.db.SqlIdentifier;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import io.driftwatch.DriftwatchException;
import io.driftwatch.config.Monitor;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

/**
 * Profiles a window of a feature table in one pass: one query selects every feature column of the
 * monitor, and each row updates every feature's profile. Memory is bounded by the profiles, not by
 * rows: the driver streams with a fetch size (on PostgreSQL this needs the surrounding transaction,
 * i.e. autocommit off, which the batch step provides).
 */
public class JdbcFeatureSource {

    /** Rows per round trip; large enough to amortise latency, small enough to keep driver memory flat. */
    static final int FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final JdbcSchemaInspector inspector;
    private final Dialect dialect;

    public JdbcFeatureSource(DataSource dataSource, Dialect dialect) {
        this.dialect = dialect;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.inspector = new JdbcSchemaInspector(dataSource);
    }

    /** Told every million rows of a window: rows read so far and about how many the window holds (-1 when unknown). */
    @FunctionalInterface
    public interface Progress {
        void rowsRead(long rows, long expectedRows);
    }

    /** The rows of a window: {@code [from, to)} on the monitor's timestamp column, or the whole table. */
    private record Window(String where, Object[] args) {
    }

    private Window window(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone) {
        if (from == null) {
            return new Window("", new Object[0]);
        }
        String ts = monitor.timestampColumn().quoted();
        ColumnInfo column = timestampColumn(monitor, table);
        return new Window(" WHERE " + ts + " >= ? AND " + ts + " < ?",
                new Object[] {column.bind(from, zone), column.bind(to, zone)});
    }

    /** Whether the window (or the whole table, when {@code from} is null) holds at least one row; reads one row at most. */
    public boolean hasRows(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone) {
        Window window = window(monitor, table, from, to, zone);
        return !jdbc.queryForList("SELECT 1 FROM " + table.quoted() + window.where() + " FETCH FIRST 1 ROWS ONLY",
                Integer.class, window.args()).isEmpty();
    }

    /**
     * About how many rows {@link #profile} will read, for progress lines: PostgreSQL's planner estimate
     * (no scan), an exact count elsewhere; -1 when unknown. Never fails the profile.
     */
    public long estimateRows(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone) {
        return estimateRows(table, window(monitor, table, from, to, zone));
    }

    private long estimateRows(SqlIdentifier table, Window window) {
        return dialect.estimateRows(jdbc, "SELECT 1 FROM " + table.quoted() + window.where(), window.args());
    }

    /**
     * Profiles {@code table} restricted to {@code [from, to)} on the monitor's timestamp column, or
     * the whole table when both bounds are null. A window that reaches a million rows is estimated
     * once, then, for {@code progress}; shorter ones cost no estimate at all.
     */
    public WindowProfile profile(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone,
                                 Progress progress) {
        return profile(monitor, table, from, to, zone, progress, List.of());
    }

    /**
     * As {@link #profile(Monitor, SqlIdentifier, Instant, Instant, ZoneId, Progress)}, and in the same pass each
     * segment of {@code plans}: the query selects the segment columns after the features.
     */
    public WindowProfile profile(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone,
                                 Progress progress, List<SegmentPlan> plans) {
        List<Monitor.Feature> features = monitor.features();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < features.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(features.get(i).column().quoted());
        }
        plans.forEach(p -> sql.append(", ").append(p.segmentation().column().quoted()));
        SegmentedPass segments = new SegmentedPass(features, plans, features.size() + 1);
        Window window = window(monitor, table, from, to, zone);
        sql.append(" FROM ").append(table.quoted()).append(window.where());
        Object[] args = window.args();
        FeatureProfile[] profiles = new FeatureProfile[features.size()];
        boolean[] numeric = new boolean[features.size()];
        for (int i = 0; i < profiles.length; i++) {
            numeric[i] = features.get(i).type() == FeatureType.NUMERIC;
            profiles[i] = numeric[i] ? NumericProfile.create() : CategoricalProfile.create();
        }
        long[] rows = {0};
        long[] expected = {Long.MIN_VALUE};
        RowCallbackHandler handler = rs -> {
            if (segments.isEmpty()) {
                for (int i = 0; i < profiles.length; i++) {
                    update(rs, i + 1, numeric[i], profiles[i]);
                }
            } else {
                // The population's profiles are the merge of the first segmentation's, after the pass.
                segments.add(rs, numeric);
            }
            if (++rows[0] % 1_000_000 == 0 && progress != null) {
                if (expected[0] == Long.MIN_VALUE) {
                    expected[0] = estimateRows(table, window);
                }
                progress.rowsRead(rows[0], expected[0]);
            }
        };
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            if (statement.isWrapperFor(PGStatement.class)) {
                // The window is read once with one statement: without this the driver transfers its first
                // executions as text, and parsing decimal text costs more than reading the rows.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, handler);
        if (!segments.isEmpty()) {
            segments.mergePopulation(profiles);
        }
        Map<String, FeatureProfile> byName = new LinkedHashMap<>();
        for (int i = 0; i < profiles.length; i++) {
            byName.put(features.get(i).name(), profiles[i]);
        }
        return new WindowProfile(rows[0], byName, segments.result());
    }

    static void update(ResultSet rs, int column, boolean numeric, FeatureProfile profile) throws SQLException {
        if (numeric) {
            double value = rs.getDouble(column);
            if (rs.wasNull()) {
                ((NumericProfile) profile).addMissing();
            } else {
                ((NumericProfile) profile).add(value);
            }
        } else {
            ((CategoricalProfile) profile).add(rs.getString(column));
        }
    }

    ColumnInfo timestampColumn(Monitor monitor, SqlIdentifier table) {
        Map<String, ColumnInfo> columns = inspector.columns(table);
        ColumnInfo ts = columns == null ? null : columns.get(monitor.timestampColumn().name());
        if (ts == null) {
            throw new DriftwatchException("Monitor '" + monitor.name() + "': table " + table + " has no timestamp column "
                    + monitor.timestampColumn() + " (it changed after validation?)");
        }
        return ts;
    }


}
