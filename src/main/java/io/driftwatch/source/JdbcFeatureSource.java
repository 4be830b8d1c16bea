package io.driftwatch.source;

import io.driftwatch.db.Dialect;
import io.driftwatch.db.SqlIdentifier;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import io.driftwatch.DriftwatchException;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.Relation;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

/**
 * Profiles a window of a monitor's rows (a table or a query on the feature database, or files through
 * DuckDB) in one pass: one query selects every feature column of the monitor, and each row updates every
 * feature's profile. Memory is bounded by the profiles, not by
 * rows: the driver streams with a fetch size (on PostgreSQL this needs the surrounding transaction,
 * i.e. autocommit off, which the batch step provides).
 */
public class JdbcFeatureSource {

    /** Rows per round trip; large enough to amortise latency, small enough to keep driver memory flat. */
    static final int FETCH_SIZE = 10_000;

    private final FeatureDatabase features;
    private final JdbcTemplate jdbc;
    private final JdbcSchemaInspector inspector;
    private final DuckDbFiles files = new DuckDbFiles();

    /** Reads features from the report database itself. */
    public JdbcFeatureSource(DataSource dataSource, Dialect dialect) {
        this(FeatureDatabase.sameAs(dataSource, dialect));
    }

    /** Reads tables and queries from {@code features}, files through DuckDB. */
    public JdbcFeatureSource(FeatureDatabase features) {
        this.features = features;
        this.jdbc = new JdbcTemplate(features.dataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.inspector = new JdbcSchemaInspector(features.dataSource());
    }

    /** Told every million rows of a window: rows read so far and about how many the window holds (-1 when unknown). */
    @FunctionalInterface
    public interface Progress {
        void rowsRead(long rows, long expectedRows);
    }

    /**
     * The rows of a relation: the connection that reads them, the FROM item (a table, the user's query as a
     * subquery, or DuckDB's file reader) and how that engine asks for one row.
     */
    record Rows(JdbcTemplate jdbc, String from, String firstRowOnly, boolean inFeatureDatabase) {
    }

    Rows rows(Relation relation) {
        if (relation instanceof Relation.Table table) {
            return new Rows(jdbc, table.name().quoted(), " FETCH FIRST 1 ROWS ONLY", true);
        }
        if (relation instanceof Relation.Query query) {
            // On lines of their own: a trailing "--" comment in the query must not swallow the closing parenthesis.
            return new Rows(jdbc, "(\n" + query.sql() + "\n) AS driftwatch_source", " FETCH FIRST 1 ROWS ONLY", true);
        }
        return new Rows(files.jdbc(), DuckDbFiles.from((Relation.Files) relation), " LIMIT 1", false);
    }

    /** Runs a read of {@code rows}: in the feature database's read-only transaction, or on DuckDB as it is. */
    <T> T read(Rows rows, Supplier<T> read) {
        return rows.inFeatureDatabase() ? features.read(read) : read.get();
    }

    /**
     * The rows of a window: {@code [from, to)} on the monitor's timestamp column, or all rows. The predicate
     * compares the bare column with bounds bound in the column's own type, so that it stays sargable: PostgreSQL
     * pushes it into a query's subquery down to the base table's index, DuckDB to Parquet row-group statistics.
     */
    record Window(String where, Object[] args) {
    }

    Window window(Monitor monitor, Relation relation, Instant from, Instant to, ZoneId zone) {
        if (from == null) {
            return new Window("", new Object[0]);
        }
        String ts = monitor.timestampColumn().quoted();
        ColumnInfo column = timestampColumn(monitor, relation);
        return new Window(" WHERE " + ts + " >= ? AND " + ts + " < ?",
                new Object[] {column.bind(from, zone), column.bind(to, zone)});
    }

    /**
     * Whether the window (or the whole relation, when {@code from} is null) holds at least one row; reads one row at
     * most. For a table with an index led by the timestamp column it asks for the window's earliest timestamp, which
     * the index answers at once; a plain {@code FETCH FIRST 1 ROWS} is planned as a sequential scan that reads every
     * row stored before the window's first one (on PostgreSQL, a whole baseline of the same table, night after night).
     */
    public boolean hasRows(Monitor monitor, Relation relation, Instant from, Instant to, ZoneId zone) {
        Rows rows = rows(relation);
        return read(rows, () -> {
            Window window = window(monitor, relation, from, to, zone);
            if (from != null && relation instanceof Relation.Table table
                    && inspector.hasIndexLedBy(table.name(), monitor.timestampColumn().name())) {
                return !rows.jdbc().queryForList("SELECT MIN(" + monitor.timestampColumn().quoted() + ") FROM "
                        + rows.from() + window.where(), Object.class, window.args()).stream()
                        .allMatch(java.util.Objects::isNull);
            }
            return !rows.jdbc().queryForList("SELECT 1 FROM " + rows.from() + window.where() + rows.firstRowOnly(),
                    Integer.class, window.args()).isEmpty();
        });
    }

    /** Whether a window of a table holds rows (see {@link #hasRows(Monitor, Relation, Instant, Instant, ZoneId)}). */
    public boolean hasRows(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone) {
        return hasRows(monitor, new Relation.Table(table), from, to, zone);
    }

    /**
     * About how many rows {@link #profile} will read, for progress lines: PostgreSQL's planner estimate
     * (no scan), an exact count elsewhere; -1 when unknown (files). Never fails the profile.
     */
    public long estimateRows(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone) {
        return estimateRows(monitor, new Relation.Table(table), from, to, zone);
    }

    /** About how many rows {@link #profile} will read (see the table variant); -1 for files. */
    public long estimateRows(Monitor monitor, Relation relation, Instant from, Instant to, ZoneId zone) {
        Rows rows = rows(relation);
        return read(rows, () -> estimateRows(rows, window(monitor, relation, from, to, zone)));
    }

    private long estimateRows(Rows rows, Window window) {
        return rows.inFeatureDatabase()
                ? features.dialect().estimateRows(rows.jdbc(), "SELECT 1 FROM " + rows.from() + window.where(), window.args())
                : -1;
    }

    /**
     * The FROM item of {@code relation} under the alias {@code alias}, the engine that reads it, and whether two
     * relations can meet in one statement (both in the feature database, or both files).
     */
    record Aliased(Rows rows, String from) {
        boolean sameEngineAs(Aliased other) {
            return rows.inFeatureDatabase() == other.rows.inFeatureDatabase();
        }

        String limit(long n) {
            return rows.inFeatureDatabase() ? " FETCH FIRST " + n + " ROWS ONLY" : " LIMIT " + n;
        }
    }

    Aliased aliased(Relation relation, String alias) {
        Rows rows = rows(relation);
        String from = rows.from();
        if (relation instanceof Relation.Query) {
            from = from.substring(0, from.lastIndexOf(" AS ")) + " AS " + alias;
        } else {
            from = from + " " + alias;
        }
        return new Aliased(rows, from);
    }

    /** The window predicate of {@code relation} on the column qualified by {@code alias}, as " AND …" with its arguments. */
    Map.Entry<String, Object[]> windowCondition(Monitor monitor, Relation relation, String alias, Instant from, Instant to,
                                                ZoneId zone) {
        if (from == null) {
            return Map.entry("", new Object[0]);
        }
        String ts = alias + "." + monitor.timestampColumn().quoted();
        ColumnInfo column = read(rows(relation), () -> timestampColumn(monitor, relation));
        return Map.entry(" AND " + ts + " >= ? AND " + ts + " < ?",
                new Object[] {column.bind(from, zone), column.bind(to, zone)});
    }

    /** Runs {@code sql} on the engine of {@code rows} (the feature database read-only, or DuckDB), each row to {@code handler}. */
    void query(Aliased rows, String sql, Object[] args, RowCallbackHandler handler) {
        read(rows.rows(), () -> {
            rows.rows().jdbc().query(sql, handler, args);
            return null;
        });
    }

    /**
     * What identifies the baseline's rows without profiling them: its row count and latest timestamp (a time
     * range) or its row count (all of a table or query); for files, their names, sizes and modification times.
     */
    public String baselineData(Monitor monitor, ZoneId zone) {
        Monitor.Baseline baseline = monitor.baseline();
        if (baseline.relation() instanceof Relation.Files f) {
            return files.fingerprint(f);
        }
        Rows rows = rows(baseline.relation());
        return read(rows, () -> {
            if (baseline.isTimeRange()) {
                Window window = window(monitor, baseline.relation(), baseline.from(), baseline.to(), zone);
                ColumnInfo ts = timestampColumn(monitor, baseline.relation());
                // the latest timestamp as an instant in UTC, not in the JVM's default zone
                return rows.jdbc().queryForObject("SELECT COUNT(*), MAX(" + monitor.timestampColumn().quoted() + ") FROM "
                        + rows.from() + window.where(), (rs, i) -> "rows=" + rs.getLong(1) + ";latest=" + ts.value(rs, 2),
                        window.args());
            }
            return "rows=" + rows.jdbc().queryForObject("SELECT COUNT(*) FROM " + rows.from(), Long.class);
        });
    }

    /** Profiles a window of a table (see {@link #profile(Monitor, Relation, Instant, Instant, ZoneId, Progress)}). */
    public WindowProfile profile(Monitor monitor, SqlIdentifier table, Instant from, Instant to, ZoneId zone,
                                 Progress progress) {
        return profile(monitor, new Relation.Table(table), from, to, zone, progress);
    }

    /**
     * Profiles {@code relation} restricted to {@code [from, to)} on the monitor's timestamp column, or
     * all of it when both bounds are null. A window that reaches a million rows is estimated
     * once, then, for {@code progress}; shorter ones cost no estimate at all.
     */
    public WindowProfile profile(Monitor monitor, Relation relation, Instant from, Instant to, ZoneId zone,
                                 Progress progress) {
        return profile(monitor, relation, from, to, zone, progress, List.of());
    }

    /**
     * As {@link #profile(Monitor, Relation, Instant, Instant, ZoneId, Progress)}, and in the same pass each
     * segment of {@code plans}: the statement selects the segment columns after the features.
     */
    public WindowProfile profile(Monitor monitor, Relation relation, Instant from, Instant to, ZoneId zone,
                                 Progress progress, List<SegmentPlan> plans) {
        Rows rows = rows(relation);
        return read(rows, () -> profile(monitor, relation, rows, from, to, zone, progress, plans));
    }

    private WindowProfile profile(Monitor monitor, Relation relation, Rows source, Instant from, Instant to, ZoneId zone,
                                  Progress progress, List<SegmentPlan> plans) {
        List<Monitor.Feature> features = monitor.features();
        Window window = window(monitor, relation, from, to, zone);
        String sql = select(monitor, source, window, plans);
        SegmentedPass segments = new SegmentedPass(features, plans, features.size() + 1);
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
                    expected[0] = estimateRows(source, window);
                }
                progress.rowsRead(rows[0], expected[0]);
            }
        };
        source.jdbc().query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
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

    /** The one statement that reads a window: every feature column in the monitor's order, then the segment columns. */
    private static String select(Monitor monitor, Rows source, Window window, List<SegmentPlan> plans) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Monitor.Feature> features = monitor.features();
        for (int i = 0; i < features.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(features.get(i).column().quoted());
        }
        plans.forEach(p -> sql.append(", ").append(p.segmentation().column().quoted()));
        return sql.append(" FROM ").append(source.from()).append(window.where()).toString();
    }

    /** The statement {@link #profile} runs for a window of {@code relation}, and its bound arguments (for plans in tests). */
    Map.Entry<String, Object[]> profileStatement(Monitor monitor, Relation relation, Instant from, Instant to, ZoneId zone) {
        Rows rows = rows(relation);
        Window window = read(rows, () -> window(monitor, relation, from, to, zone));
        return Map.entry(select(monitor, rows, window, List.of()), window.args());
    }

    /**
     * Profiles consecutive ranges of {@code table} in one pass: range {@code i} is {@code [boundaries[i],
     * boundaries[i + 1])} on the monitor's timestamp column (see {@link RangePass}).
     */
    public List<WindowProfile> profileRanges(Monitor monitor, SqlIdentifier table, List<Instant> boundaries, ZoneId zone,
                                             Progress progress) {
        return new RangePass(this).profile(monitor, table, boundaries, zone, progress);
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
            ((CategoricalProfile) profile).add(category(rs.getString(column)));
        }
    }

    /**
     * A category as profiled: U+0000, which files can hold but PostgreSQL can store in neither text nor jsonb (where
     * labels and explanations go), is read as U+FFFD.
     */
    static String category(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    ColumnInfo timestampColumn(Monitor monitor, Relation relation) {
        Map<String, ColumnInfo> columns = columns(relation);
        ColumnInfo ts = columns == null ? null : columns.get(monitor.timestampColumn().name());
        if (ts == null) {
            throw new DriftwatchException("Monitor '" + monitor.name() + "': " + relation.label() + " has no timestamp column "
                    + monitor.timestampColumn() + " (it changed after validation?)");
        }
        return ts;
    }

    /**
     * The columns of a relation keyed by exact name: a table's from the database's catalog, a query's and
     * files' from the metadata of their result (the query is planned, not run); null when a table is missing.
     */
    Map<String, ColumnInfo> columns(Relation relation) {
        if (relation instanceof Relation.Table table) {
            return inspector.columns(table.name());
        }
        Rows rows = rows(relation);
        return read(rows, () -> probe(rows));
    }


    /**
     * The columns of a source or baseline as driftwatch's feature connection can read them, or null with the
     * problem recorded: a missing table (with its spelling in the database), a privilege the connection lacks
     * (with the GRANT to add), a query the database rejects, files that do not exist or cannot be read.
     */
    Map<String, ColumnInfo> readableColumns(Monitor monitor, Relation relation, String side,
                                            List<ConfigurationProblem> problems) {
        String key = side + "." + relation.key();
        if (relation instanceof Relation.Files f) {
            String problem = files.problem(f);
            if (problem != null) {
                problems.add(new ConfigurationProblem(monitor.name(), key, f.pattern(), problem,
                        "point " + key + " at Parquet or CSV files this process can read (a path or a glob such as"
                                + " /data/features/*.parquet)"));
                return null;
            }
        }
        Rows rows = rows(relation);
        Map<String, ColumnInfo> result;
        try {
            result = rows.inFeatureDatabase() ? features.check(() -> probe(rows)) : probe(rows);
        } catch (org.springframework.transaction.CannotCreateTransactionException
                 | org.springframework.jdbc.CannotGetJdbcConnectionException e) {
            problems.add(new ConfigurationProblem(monitor.name(), "driftwatch.features.datasource.url",
                    null, "driftwatch cannot connect to the feature database: " + DuckDbFiles.firstLine(e),
                    "check driftwatch.features.datasource.url, username and password (unset url: the report database)"));
            return null;
        } catch (DataAccessException e) {
            ConfigurationProblem problem = unreadable(monitor, relation, key, rows, e);
            // A table that is missing is reported with its spelling in the database, unless a grant is what is missing.
            if (relation instanceof Relation.Table table && !problem.problem().contains("may not read it")
                    && inspector.catalogColumns(table.name(), monitor.name(), key, problems) == null) {
                return null;
            }
            problems.add(problem);
            return null;
        }
        // A table's columns as the catalog spells them (the probe's labels may be folded by the driver).
        return relation instanceof Relation.Table table ? inspector.catalogColumns(table.name(), monitor.name(), key, problems)
                : result;
    }

    private ConfigurationProblem unreadable(Monitor monitor, Relation relation, String key, Rows rows,
                                                                 RuntimeException e) {
        String value = relation instanceof Relation.Files f ? f.pattern() : relation.label();
        String message = DuckDbFiles.firstLine(e);
        SQLException sql = null;
        for (Throwable t = e; t != null && sql == null; t = t.getCause() == t ? null : t.getCause()) {
            sql = t instanceof SQLException s ? s : null;
        }
        if (rows.inFeatureDatabase() && sql != null) {
            String user = features.check(() -> rows.jdbc().execute(
                    (ConnectionCallback<String>) c -> c.getMetaData().getUserName()));
            Optional<String> grant = features.dialect().missingGrant(sql, user);
            if (grant.isPresent()) {
                return new ConfigurationProblem(monitor.name(), key, value, "driftwatch's feature"
                        + " connection (user " + user + ") may not read it: " + message, "have the owner run "
                        + grant.get() + " (driftwatch needs SELECT only), or point " + key + " at what it may read");
            }
        }
        return new ConfigurationProblem(monitor.name(), key, value,
                (relation instanceof Relation.Query ? "the feature database rejects the query: "
                        : relation instanceof Relation.Files ? "DuckDB cannot read the files: " : "the table cannot be read: ")
                        + message,
                relation instanceof Relation.Query ? "correct the query (run it in a SQL client to see where it fails)"
                        : "correct " + key);
    }

    /** The columns of the relation's result, from a query that is planned but returns no row. */
    private static Map<String, ColumnInfo> probe(Rows rows) {
        return rows.jdbc().query("SELECT * FROM " + rows.from() + " WHERE 1 = 0", rs -> {
            Map<String, ColumnInfo> columns = new LinkedHashMap<>();
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnLabel(i), new ColumnInfo(meta.getColumnLabel(i), meta.getColumnType(i),
                        meta.getColumnTypeName(i)));
            }
            return columns;
        });
    }
}
