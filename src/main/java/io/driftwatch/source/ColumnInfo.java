package io.driftwatch.source;

import io.driftwatch.db.SqlIdentifier;

import java.sql.Types;
import java.util.Locale;

/** A column as the database describes it (JDBC type code and database type name). */
public record ColumnInfo(String name, int jdbcType, String typeName) {

    public boolean isNumeric() {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }

    public boolean isTemporal() {
        return jdbcType == Types.DATE || jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE;
    }

    /** How window bounds must be bound to compare correctly with this column. */
    public TimeBinding timeBinding() {
        String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (jdbcType == Types.DATE) {
            return TimeBinding.DATE;
        }
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || type.contains("tz") || type.contains("time zone")) {
            return TimeBinding.OFFSET;
        }
        return TimeBinding.UTC_LOCAL;
    }

    /** The bound as this column compares with it (see {@link TimeBinding}). */
    public Object bind(java.time.Instant instant, java.time.ZoneId zone) {
        return switch (timeBinding()) {
            case OFFSET -> instant.atOffset(java.time.ZoneOffset.UTC);
            case UTC_LOCAL -> java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
            case DATE -> instant.atZone(zone).toLocalDate();
        };
    }

    /**
     * This column's value at {@code index} of {@code rs} in a form whose text does not depend on the JVM's default
     * zone: for a timestamp with time zone, or without one (UTC wall-clock time by contract), the Instant; for a date,
     * the LocalDate; null for SQL NULL; any other column as the driver gives it. ({@code getObject} gives a
     * {@code java.sql.Timestamp}, which prints in the JVM's zone, and whose instant for a column without zone is
     * taken in that zone.)
     */
    public Object value(java.sql.ResultSet rs, int index) throws java.sql.SQLException {
        if (!isTemporal()) {
            return rs.getObject(index);
        }
        return switch (timeBinding()) {
            case OFFSET -> {
                java.time.OffsetDateTime value = rs.getObject(index, java.time.OffsetDateTime.class);
                yield value == null ? null : value.toInstant();
            }
            case UTC_LOCAL -> {
                java.time.LocalDateTime value = rs.getObject(index, java.time.LocalDateTime.class);
                yield value == null ? null : value.toInstant(java.time.ZoneOffset.UTC);
            }
            case DATE -> rs.getObject(index, java.time.LocalDate.class);
        };
    }

    /** Window bounds are instants; each column type needs them in its own shape. */
    public enum TimeBinding {
        /** {@code timestamp with time zone}: bound as an OffsetDateTime in UTC. */
        OFFSET,
        /** {@code timestamp} without zone: holds UTC wall-clock time by contract; bound as a LocalDateTime in UTC. */
        UTC_LOCAL,
        /** {@code date}: bound as the LocalDate of the bound in the configured zone. */
        DATE
    }
}
