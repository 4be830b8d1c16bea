package io.driftwatch.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import io.driftwatch.DriftwatchException;

/**
 * The few places where driftwatch's SQL differs between PostgreSQL and H2. Everything else is
 * written in the subset both accept ({@code INSERT ... ON CONFLICT DO NOTHING}, {@code MERGE},
 * {@code TIMESTAMP WITH TIME ZONE}).
 */
public enum Dialect {
    /** Production database: JSON columns are jsonb, so JSON parameters are cast. */
    POSTGRESQL("CAST(? AS jsonb)"),
    /** Embedded default: JSON is stored as text (H2's JSON type double-encodes cast strings). */
    H2("?");

    private final String jsonParameter;

    Dialect(String jsonParameter) {
        this.jsonParameter = jsonParameter;
    }

    /** The placeholder for a JSON text parameter. */
    public String jsonParameter() {
        return jsonParameter;
    }

    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            if (product.contains("h2")) {
                return H2;
            }
            throw new DriftwatchException("Unsupported database '" + product
                    + "': driftwatch runs on PostgreSQL (production) or H2 (embedded). Point spring.datasource.url at one of them.");
        } catch (SQLException e) {
            throw new DriftwatchException("Cannot connect to the database to detect its type: " + e.getMessage()
                    + ". Check spring.datasource.url, username and password.", e);
        }
    }
}
