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
