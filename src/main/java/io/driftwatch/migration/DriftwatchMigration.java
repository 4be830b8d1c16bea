package io.driftwatch.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.driftwatch.DriftwatchException;
import io.driftwatch.db.Dialect;

/**
 * Runs driftwatch's Flyway migrations on a database that may already hold tables. Before anything is created it
 * checks the target schema: a table users fill ({@link TableShape#ADOPTABLE}) that already exists is adopted when it
 * has the documented columns, and reported with the missing or mistyped ones otherwise; a table that belongs to
 * driftwatch ({@link TableShape#OWNED}) but exists before its migration ran is reported as a name conflict. A
 * migration that fails anyway is reported with the object it tripped over. Every report exits 2.
 *
 * <p>V2 and V5 create the adoptable tables with {@code CREATE TABLE IF NOT EXISTS}; databases migrated before
 * that edit recorded the previous checksums, which are accepted and updated here (only those exact values).
 */
@Component
public class DriftwatchMigration implements FlywayMigrationStrategy {

    /** The checksums V2 and V5 had before their user tables became CREATE TABLE IF NOT EXISTS. */
    private static final Map<String, Map<String, Integer>> EDITED = Map.of(
            "h2", Map.of("2", -1624752973, "5", 244937419),
            "postgresql", Map.of("2", -883546908, "5", 1544157391));

    @Override
    public void migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        String vendor = Dialect.of(dataSource).vendor();
        String schema = targetSchema(flyway, dataSource);
        acceptEditedChecksums(flyway, vendor, schema);
        Set<String> pending = pending(flyway);
        List<String> problems = existingTableProblems(dataSource, schema, pending);
        // Another process starting on the same new schema may have committed its migrations between the two reads
        // above: its tables are then not conflicts. Read what is pending again until both reads agree.
        for (Set<String> now = pending(flyway); !problems.isEmpty() && !now.equals(pending); now = pending(flyway)) {
            pending = now;
            problems = existingTableProblems(dataSource, schema, pending);
        }
        if (!problems.isEmpty()) {
            throw new DatabaseSchemaException(problems, "Nothing was created. Fix the listed tables, or give driftwatch a"
                    + " schema of its own (driftwatch.schema, docs/configuration.md#database), and start again.", null);
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw failed(e, vendor, schema);
        }
    }

    /** The versions of the migrations not applied yet. */
    private static Set<String> pending(Flyway flyway) {
        Set<String> pending = new HashSet<>();
        Arrays.stream(flyway.info().pending()).filter(m -> m.getVersion() != null)
                .forEach(m -> pending.add(m.getVersion().getVersion()));
        return pending;
    }

    /** The schema driftwatch's tables go to: Flyway's default schema, its first schema, or the connection's. */
    static String targetSchema(Flyway flyway, DataSource dataSource) {
        String configured = flyway.getConfiguration().getDefaultSchema();
        if (configured == null && flyway.getConfiguration().getSchemas().length > 0) {
            configured = flyway.getConfiguration().getSchemas()[0];
        }
        if (configured != null) {
            return configured;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.getSchema();
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot read the database's current schema: " + e.getMessage()
                    + ". Check spring.datasource.url, username and password.", e);
        }
    }

    private static void acceptEditedChecksums(Flyway flyway, String vendor, String schema) {
        Map<String, Integer> edited = EDITED.getOrDefault(vendor, Map.of());
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        for (MigrationInfo applied : flyway.info().applied()) {
            if (applied.getVersion() == null || applied.getChecksum() == null) {
                continue;
            }
            Integer old = edited.get(applied.getVersion().getVersion());
            if (old != null && old.intValue() == applied.getChecksum()) {
                int current = MigrationChecksum.of(resource("db/" + vendor + "/" + applied.getScript()));
                jdbc.update("UPDATE " + quote(schema) + "." + quote(flyway.getConfiguration().getTable())
                        + " SET checksum = ? WHERE version = ? AND checksum = ?", current,
                        applied.getVersion().getVersion(), old);
            }
        }
    }

    private static List<String> existingTableProblems(DataSource dataSource, String schema, Set<String> pending) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (TableShape shape : TableShape.ADOPTABLE) {
                Map<String, Integer> types = new LinkedHashMap<>();
                Map<String, String> typeNames = new LinkedHashMap<>();
                if (pending.contains(shape.createdBy()) && readColumns(meta, schema, shape.table(), types, typeNames)) {
                    List<String> wrong = shape.mismatches(types, typeNames);
                    if (!wrong.isEmpty()) {
                        problems.add("table " + schema + "." + shape.table() + " already exists with another shape than"
                                + " driftwatch reads (docs/tables.md#" + shape.table() + "): " + String.join("; ", wrong)
                                + ". Fix: alter it to the documented columns (it is then adopted as it is, rows"
                                + " included), or rename it and name it in the monitors' configuration");
                    }
                }
            }
            for (Map.Entry<String, String> owned : TableShape.OWNED.entrySet()) {
                if (pending.contains(owned.getValue())
                        && readColumns(meta, schema, owned.getKey(), new LinkedHashMap<>(), new LinkedHashMap<>())) {
                    problems.add("table " + schema + "." + owned.getKey() + " already exists, but it is driftwatch's to"
                            + " create (migration V" + owned.getValue() + " has not run here). Fix: set driftwatch.schema"
                            + " to a schema of its own (e.g. driftwatch), or rename your table");
                }
            }
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot inspect schema " + schema + " before migrating: " + e.getMessage(), e);
        }
        problems.sort(null);
        return problems;
    }

    /** Reads a table's (or view's) columns; false when there is no such table in the schema. */
    private static boolean readColumns(DatabaseMetaData meta, String schema, String table, Map<String, Integer> types,
                                       Map<String, String> typeNames) throws SQLException {
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                types.put(column, rs.getInt("DATA_TYPE"));
                typeNames.put(column, rs.getString("TYPE_NAME"));
            }
        }
        return !types.isEmpty();
    }

    private static DatabaseSchemaException failed(FlywayException e, String vendor, String schema) {
        String script = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (script == null && t instanceof FlywayMigrateException migrate && migrate.getMigration() != null) {
                script = migrate.getMigration().getScript();
            }
            root = t;
        }
        String what = script != null ? "migration " + script + " failed in schema " + schema
                : "Flyway could not migrate schema " + schema;
        String reason = root instanceof SQLException ? root.getMessage().strip() : details(e.getMessage());
        String undone = "postgresql".equals(vendor)
                ? "Nothing was applied: the pending migrations run in one transaction (Flyway's group) and were"
                        + " rolled back, flyway_schema_history included."
                : "H2 cannot roll DDL back: start from an empty database.";
        return new DatabaseSchemaException(List.of(what + ": " + reason), undone + " Fix: rename or drop the object"
                + " named above, or give driftwatch a schema of its own (driftwatch.schema, docs/configuration.md#database),"
                + " and start again.", e);
    }

    /** Flyway's multi-line message on one line, without its advertising. */
    private static String details(String message) {
        if (message == null) {
            return "(no message)";
        }
        String joined = Arrays.stream(message.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("Need more flexibility") && !l.startsWith("http"))
                .collect(Collectors.joining(" "));
        return joined.length() > 1000 ? joined.substring(0, 1000) + " ..." : joined;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String resource(String path) {
        try (InputStream in = DriftwatchMigration.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
