package io.driftwatch.source;

import io.driftwatch.db.SqlIdentifier;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;

import io.driftwatch.DriftwatchException;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.Relation;
import io.driftwatch.profile.FeatureType;

/**
 * Checks monitors against the databases before any work: each source and baseline (a table, a query or
 * files) can be read by driftwatch, has its columns with the exact spelling configured, numeric features are
 * numeric columns, timestamps are temporal; and the performance table (in the report database) has the
 * expected shape.
 */
public class JdbcSchemaInspector {

    private final DataSource dataSource;
    private JdbcFeatureSource features;

    /** Checks monitors whose features live in the report database ({@code dataSource}). */
    public JdbcSchemaInspector(DataSource dataSource) {
        this(dataSource, null);
    }

    /** Checks monitors whose tables, queries and files {@code features} reads; performance tables in {@code dataSource}. */
    public JdbcSchemaInspector(DataSource dataSource, JdbcFeatureSource features) {
        this.dataSource = dataSource;
        this.features = features;
    }

    private synchronized JdbcFeatureSource features() {
        if (features == null) {
            features = new JdbcFeatureSource(dataSource, io.driftwatch.db.Dialect.of(dataSource));
        }
        return features;
    }

    /** Every problem found for the monitor; empty when it can run. */
    public List<ConfigurationProblem> check(Monitor monitor) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        String m = monitor.name();
        Map<String, ColumnInfo> source = features().readableColumns(monitor, monitor.source(), "source", problems);
        if (source != null) {
            Optional<ColumnInfo> ts = checkColumn(source, monitor.timestampColumn().name(), m, "source.timestamp-column",
                    monitor.source(), problems);
            ts.filter(c -> !c.isTemporal())
                    .ifPresent(c -> problems.add(new ConfigurationProblem(m, "source.timestamp-column", c.name(),
                            "column is of type " + c.typeName() + ", not a date or timestamp",
                            "name a DATE or TIMESTAMP column that says when each row was scored")));
            // Every row of a day has the same date: a window of hours would read the whole day, or nothing.
            ts.filter(c -> c.isTemporal() && c.timeBinding() == ColumnInfo.TimeBinding.DATE
                            && !monitor.window().equals(java.time.Duration.ofDays(monitor.window().toDaysPart())))
                    .ifPresent(c -> problems.add(new ConfigurationProblem(m, "window", monitor.window().toString(),
                            "source.timestamp-column " + c.name() + " is a DATE, which cannot cut a window that is not"
                                    + " whole days: every row of a day has the same date",
                            "use a window of whole days (P1D, P7D), or a TIMESTAMP column as the timestamp column")));
            checkFeatures(monitor, source, monitor.source(), "source." + monitor.source().key(), problems);
        }
        Relation baselineRelation = monitor.baseline().relation();
        if (!baselineRelation.equals(monitor.source())) {
            Map<String, ColumnInfo> baseline = features().readableColumns(monitor, baselineRelation, "baseline", problems);
            if (baseline != null) {
                if (monitor.baseline().isTimeRange()) {
                    checkColumn(baseline, monitor.timestampColumn().name(), m, "source.timestamp-column", baselineRelation,
                            problems);
                }
                checkFeatures(monitor, baseline, baselineRelation, "baseline." + baselineRelation.key(), problems);
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            DatabaseMetaData meta = connection.getMetaData();
            Map<String, ColumnInfo> perf = columns(connection, meta, monitor.performanceTable(), m, "performance-table", problems);
            if (perf != null) {
                for (String c : List.of("model", "metric_date", "accuracy", "latency_seconds")) {
                    checkColumn(perf, c, m, "performance-table", new Relation.Table(monitor.performanceTable()), problems);
                }
            }
            return problems;
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot read the database schema for monitor '" + monitor.name() + "': "
                    + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Columns of the table keyed by exact name, or null with the problem (under {@code key}) recorded when it is missing. */
    Map<String, ColumnInfo> catalogColumns(SqlIdentifier table, String monitor, String key, List<ConfigurationProblem> problems) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return columns(connection, connection.getMetaData(), table, monitor, key, problems);
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot read the columns of " + table + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Columns of the table keyed by exact name, or null (with a problem recorded) when the table is missing. */
    public Map<String, ColumnInfo> columns(SqlIdentifier table) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return columns(connection, connection.getMetaData(), table, "?", "table", new ArrayList<>());
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot read the columns of " + table + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Whether an index of the table has {@code column} as its first column, so that a count and maximum over a
     * range of it can be answered from the index without reading the table's rows.
     */
    public boolean hasIndexLedBy(SqlIdentifier table, String column) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String current = table.schema() != null ? table.schema() : connection.getSchema();
            for (String schema : table.schema() != null ? List.of(current) : searchPath(connection, meta, current)) {
                if (readColumns(meta, schema, table.name()).isEmpty()) {
                    continue;
                }
                try (ResultSet rs = meta.getIndexInfo(null, schema, table.name(), false, true)) {
                    while (rs.next()) {
                        if (rs.getShort("ORDINAL_POSITION") == 1 && column.equals(rs.getString("COLUMN_NAME"))) {
                            return true;
                        }
                    }
                }
                return false;
            }
            return false;
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot read the indexes of " + table + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void checkFeatures(Monitor monitor, Map<String, ColumnInfo> columns, Relation table, String tableKey,
                               List<ConfigurationProblem> problems) {
        for (int i = 0; i < monitor.segments().size(); i++) {
            checkColumn(columns, monitor.segments().get(i).column().name(), monitor.name(), "segments[" + i + "].column",
                    table, problems);
        }
        for (Monitor.Feature feature : monitor.features()) {
            checkColumn(columns, feature.column().name(), monitor.name(), "features[" + feature.name() + "]", table, problems)
                    .filter(c -> feature.type() == FeatureType.NUMERIC && !c.isNumeric())
                    .ifPresent(c -> problems.add(new ConfigurationProblem(monitor.name(), "features[" + feature.name() + "].type",
                            "numeric", "column " + c.name() + " of " + describe(table) + " is of type " + c.typeName()
                                    + ", not numeric",
                            "declare it type: categorical, or point the feature at a numeric column (numbers stored"
                                    + " as text: CAST them in a source.query)")));
        }
    }

    private Optional<ColumnInfo> checkColumn(Map<String, ColumnInfo> columns, String column, String monitor, String key,
                                             Relation table, List<ConfigurationProblem> problems) {
        ColumnInfo info = columns.get(column);
        if (info != null) {
            return Optional.of(info);
        }
        String sameIgnoringCase = columns.keySet().stream().filter(c -> c.equalsIgnoreCase(column)).findFirst().orElse(null);
        problems.add(new ConfigurationProblem(monitor, key, column, describe(table) + " has no column " + column,
                sameIgnoringCase != null ? "the column is spelled '" + sameIgnoringCase + "' in the database; use that spelling"
                        : "use one of its columns: " + String.join(", ", columns.keySet())));
        return Optional.empty();
    }

    /** How a relation is named in a problem: "table x", "the query", "the files /data/*.parquet". */
    static String describe(Relation relation) {
        if (relation instanceof Relation.Table table) {
            return "table " + table.name();
        }
        return relation instanceof Relation.Query ? "the query's result" : "the files " + relation.label();
    }

    Map<String, ColumnInfo> columns(Connection connection, DatabaseMetaData meta, SqlIdentifier table, String monitor,
                                            String key, List<ConfigurationProblem> problems) throws SQLException {
        String schema = table.schema() != null ? table.schema() : connection.getSchema();
        // An unqualified table is found as the database finds it: along the search path (driftwatch.schema comes
        // first there, with the connection's own schemas after it).
        for (String candidate : table.schema() != null ? List.of(schema) : searchPath(connection, meta, schema)) {
            Map<String, ColumnInfo> columns = readColumns(meta, candidate, table.name());
            if (!columns.isEmpty()) {
                return columns;
            }
        }
        String hint = "create the table or correct the name";
        for (String candidate : tablesIgnoringCase(meta, schema, table.name())) {
            hint = "the table is spelled '" + candidate + "' in the database; use that spelling";
        }
        problems.add(new ConfigurationProblem(monitor, key, table.toString(),
                "table " + table + " does not exist" + (table.schema() == null ? " in schema " + schema : ""), hint));
        return null;
    }

    /** The schemas an unqualified name resolves in, in order: PostgreSQL's search path, else the current schema. */
    private static List<String> searchPath(Connection connection, DatabaseMetaData meta, String current) throws SQLException {
        if (!meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            return List.of(current);
        }
        List<String> schemas = new ArrayList<>();
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT unnest(current_schemas(false))")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas.isEmpty() ? List.of(current) : schemas;
    }

    private static Map<String, ColumnInfo> readColumns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        String escape = meta.getSearchStringEscape();
        try (ResultSet rs = meta.getColumns(null, escapePattern(schema, escape), escapePattern(table, escape), "%")) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME")) && (schema == null || schema.equals(rs.getString("TABLE_SCHEM")))) {
                    columns.put(rs.getString("COLUMN_NAME"),
                            new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
                }
            }
        }
        return columns;
    }

    private static List<String> tablesIgnoringCase(DatabaseMetaData meta, String schema, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, escapePattern(schema, meta.getSearchStringEscape()), "%", null)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String escapePattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
