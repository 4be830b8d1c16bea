package io.driftwatch.window;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.source.ColumnInfo;
import io.driftwatch.source.JdbcSchemaInspector;

/**
 * What identifies the data of a time range of a table without reading its rows: the row count and the latest
 * timestamp in the range, plus the maximum of a version (updated-at) column when the monitor names one. Rows that
 * arrive late, or are deleted, change the count or the latest timestamp; rows rewritten in place change only the
 * version column, which is why one can be configured.
 * <p>
 * Each range is counted with its own {@code COUNT(*), MAX(ts)} query bounded on the timestamp column: with an index
 * led by that column the database answers from the index alone (PostgreSQL: an index-only scan, whose heap fetches
 * are zero once the table is vacuumed). A single query over a range that covers most of a table is answered by a
 * sequential scan instead, which is why long ranges are counted bucket by bucket. Without such an index every count
 * reads the range's rows; that is logged once per table with the index to create.
 */
final class RangeFingerprint {

    private static final Logger log = LoggerFactory.getLogger(RangeFingerprint.class);

    /** Ranges counted by one statement: a year of daily buckets in four statements, not 365. */
    static final int RANGES_PER_STATEMENT = 100;

    /** The data of one range: row count, latest timestamp and latest version (null when none is configured). */
    record Data(long rows, Object latest, Object version) {

        /**
         * The text that goes into a bucket's fingerprint and {@code bucket_profile.data}: instants in UTC, so that it
         * does not depend on the JVM's default zone (a {@code java.sql.Timestamp} prints in it).
         */
        String text() {
            return "rows=" + rows + ";latest=" + render(latest) + (version == null ? "" : ";version=" + render(version));
        }

        private static String render(Object value) {
            if (value instanceof java.sql.Timestamp t) {
                return t.toInstant().toString();
            }
            if (value instanceof java.time.OffsetDateTime t) {
                return t.toInstant().toString();
            }
            return String.valueOf(value);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Data plus(Data other) {
            return new Data(rows + other.rows, max((Comparable) latest, (Comparable) other.latest),
                    max((Comparable) version, (Comparable) other.version));
        }

        private static <T extends Comparable<T>> T max(T a, T b) {
            return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
        }
    }

    private final JdbcTemplate jdbc;
    private final JdbcSchemaInspector inspector;
    private final ZoneId zone;
    /** Whether each table has an index led by its timestamp column; a missing one is logged once. */
    private final Map<String, Boolean> indexed = new ConcurrentHashMap<>();

    RangeFingerprint(JdbcTemplate jdbc, JdbcSchemaInspector inspector, ZoneId zone) {
        this.jdbc = jdbc;
        this.inspector = inspector;
        this.zone = zone;
    }

    /** The data of {@code [range.from, range.to)} of {@code table} on the monitor's timestamp column. */
    Data of(Monitor monitor, SqlIdentifier table, SqlIdentifier versionColumn, Bucket range) {
        return of(monitor, table, versionColumn, List.of(range)).get(0);
    }

    /**
     * The data of each of {@code ranges}, in their order: the table's columns are read once, and up to
     * {@value #RANGES_PER_STATEMENT} ranges are counted by one statement (a {@code UNION ALL} of the one-range count,
     * so that each range is still answered by the index alone), not one statement each.
     */
    List<Data> of(Monitor monitor, SqlIdentifier table, SqlIdentifier versionColumn, List<Bucket> ranges) {
        Map<String, ColumnInfo> columns = inspector.columns(table);
        ColumnInfo ts = columns.get(monitor.timestampColumn().name());
        if (versionColumn != null && !columns.containsKey(versionColumn.name())) {
            throw new MonitorConfigurationException(List.of(new ConfigurationProblem(monitor.name(),
                    "source.version-column", versionColumn.name(), "table " + table + " has no column "
                    + versionColumn.name(), "name a column of " + table + " that changes whenever a row is written, or"
                    + " remove source.version-column")));
        }
        ColumnInfo version = versionColumn == null ? null : columns.get(versionColumn.name());
        List<Data> data = new ArrayList<>(ranges.size());
        for (int at = 0; at < ranges.size(); at += RANGES_PER_STATEMENT) {
            List<Bucket> group = ranges.subList(at, Math.min(ranges.size(), at + RANGES_PER_STATEMENT));
            Object[] args = new Object[2 * group.size()];
            for (int i = 0; i < group.size(); i++) {
                args[2 * i] = ts.bind(group.get(i).from(), zone);
                args[2 * i + 1] = ts.bind(group.get(i).to(), zone);
            }
            Data[] counted = new Data[group.size()];
            jdbc.query(group.size() == 1 ? sql(monitor, table, versionColumn) : sql(monitor, table, versionColumn,
                    group.size()), rs -> {
                int i = group.size() == 1 ? 0 : rs.getInt(1);
                int first = group.size() == 1 ? 1 : 2;
                // zone-independent values (Instant, LocalDate): their text goes into fingerprints
                counted[i] = new Data(rs.getLong(first), ts.value(rs, first + 1),
                        version == null ? null : version.value(rs, first + 2));
            }, args);
            data.addAll(Arrays.asList(counted));
        }
        return data;
    }

    /** The count of a range: bounded on the timestamp column, so that an index led by it answers it alone. */
    static String sql(Monitor monitor, SqlIdentifier table, SqlIdentifier versionColumn) {
        return "SELECT " + aggregates(monitor, versionColumn) + " FROM " + table.quoted() + " WHERE "
                + monitor.timestampColumn().quoted() + " >= ? AND " + monitor.timestampColumn().quoted() + " < ?";
    }

    /** The counts of {@code ranges} ranges in one statement: each range's count as its own branch, numbered from 0. */
    static String sql(Monitor monitor, SqlIdentifier table, SqlIdentifier versionColumn, int ranges) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < ranges; i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", ")
                    .append(sql(monitor, table, versionColumn).substring("SELECT ".length()));
        }
        return sql.append(" ORDER BY 1").toString();
    }

    private static String aggregates(Monitor monitor, SqlIdentifier versionColumn) {
        String column = monitor.timestampColumn().quoted();
        return "COUNT(*), MAX(" + column + ")" + (versionColumn == null ? "" : ", MAX(" + versionColumn.quoted() + ")");
    }

    /**
     * Whether counting a range of {@code table} reads its rows: true, with a warning naming the index to create, when
     * no index is led by the timestamp column.
     */
    boolean readsRows(Monitor monitor, SqlIdentifier table) {
        String key = table + "." + monitor.timestampColumn().name();
        return !indexed.computeIfAbsent(key, k -> {
            boolean indexed = inspector.hasIndexLedBy(table, monitor.timestampColumn().name());
            if (!indexed) {
                log.warn("Monitor {}: table {} has no index led by {}, so each bucket's fingerprint (its row count and"
                        + " latest timestamp) reads the bucket's rows. Create one to answer it from the index: CREATE"
                        + " INDEX ON {} ({})", monitor.name(), table, monitor.timestampColumn(), table,
                        monitor.timestampColumn());
            }
            return indexed;
        });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
