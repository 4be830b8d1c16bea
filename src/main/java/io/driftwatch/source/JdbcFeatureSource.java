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

    /**
     * Whether the window (or the whole table, when {@code from} is null) holds at least one row. With an index led by
     * the timestamp column it asks for the window's earliest timestamp, which the index answers at once; a plain
     * {@code FETCH FIRST 1 ROWS} is planned as a sequential scan that reads every row stored before the window's
     * first one (on PostgreSQL, a whole baseline of the same table, night after night).
     */
    public boolean hasRows(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone) {
        Window window = window(monitor, table, from, to, zone);
        if (from != null && inspector.hasIndexLedBy(table, monitor.timestampColumn().name())) {
            return !jdbc.queryForList("SELECT MIN(" + monitor.timestampColumn().quoted() + ") FROM " + table.quoted()
                    + window.where(), Object.class, window.args()).stream().allMatch(java.util.Objects::isNull);
        }
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
        List<Monitor.Feature> features = monitor.features();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < features.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(features.get(i).column().quoted());
        }
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
            for (int i = 0; i < profiles.length; i++) {
                update(rs, i + 1, numeric[i], profiles[i]);
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
        Map<String, FeatureProfile> byName = new LinkedHashMap<>();
        for (int i = 0; i < profiles.length; i++) {
            byName.put(features.get(i).name(), profiles[i]);
        }
        return new WindowProfile(rows[0], byName);
    }

    /**
     * Profiles consecutive ranges of {@code table} in one pass: range {@code i} is {@code [boundaries[i],
     * boundaries[i + 1])} on the monitor's timestamp column. One query reads {@code [first, last)} and each row goes to
     * the range its timestamp falls in; profiles do not depend on the order rows arrive in, so the database reads the
     * rows as it likes. {@code progress} is told every million rows.
     */
    public List<WindowProfile> profileRanges(Monitor monitor, SqlIdentifier table, List<Instant> boundaries, ZoneId zone,
                                             Progress progress) {
        if (boundaries.size() < 2) {
            throw new IllegalArgumentException("ranges need at least two boundaries: " + boundaries);
        }
        Instant[] bounds = boundaries.toArray(Instant[]::new);
        for (int i = 1; i < bounds.length; i++) {
            if (!bounds[i - 1].isBefore(bounds[i])) {
                throw new IllegalArgumentException("range boundaries must ascend: " + boundaries);
            }
        }
        List<Monitor.Feature> features = monitor.features();
        StringBuilder sql = new StringBuilder("SELECT ").append(monitor.timestampColumn().quoted());
        for (Monitor.Feature feature : features) {
            sql.append(", ").append(feature.column().quoted());
        }
        Window window = window(monitor, table, bounds[0], bounds[bounds.length - 1], zone);
        sql.append(" FROM ").append(table.quoted()).append(window.where());
        ColumnInfo.TimeBinding binding = timestampColumn(monitor, table).timeBinding();
        int ranges = bounds.length - 1;
        boolean[] numeric = new boolean[features.size()];
        FeatureProfile[][] profiles = new FeatureProfile[ranges][features.size()];
        for (int f = 0; f < numeric.length; f++) {
            numeric[f] = features.get(f).type() == FeatureType.NUMERIC;
            for (int r = 0; r < ranges; r++) {
                profiles[r][f] = numeric[f] ? NumericProfile.create() : CategoricalProfile.create();
            }
        }
        long[] rows = new long[ranges];
        long[] total = {0};
        RowCallbackHandler handler = rs -> {
            Instant at = switch (binding) {
                case OFFSET -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                case UTC_LOCAL -> rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
                case DATE -> rs.getObject(1, java.time.LocalDate.class).atStartOfDay(zone).toInstant();
            };
            int found = java.util.Arrays.binarySearch(bounds, at);
            int range = Math.min(ranges - 1, Math.max(0, found >= 0 ? found : -found - 2));
            FeatureProfile[] target = profiles[range];
            for (int f = 0; f < target.length; f++) {
                update(rs, f + 2, numeric[f], target[f]);
            }
            rows[range]++;
            if (++total[0] % 1_000_000 == 0 && progress != null) {
                progress.rowsRead(total[0], -1);
            }
        };
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            if (statement.isWrapperFor(PGStatement.class)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            for (int i = 0; i < window.args().length; i++) {
                statement.setObject(i + 1, window.args()[i]);
            }
            return statement;
        }, handler);
        List<WindowProfile> result = new java.util.ArrayList<>(ranges);
        for (int r = 0; r < ranges; r++) {
            Map<String, FeatureProfile> byName = new LinkedHashMap<>();
            for (int f = 0; f < features.size(); f++) {
                byName.put(features.get(f).name(), profiles[r][f]);
            }
            result.add(new WindowProfile(rows[r], byName));
        }
        return result;
    }

    private static void update(ResultSet rs, int column, boolean numeric, FeatureProfile profile) throws SQLException {
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
