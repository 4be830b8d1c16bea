package io.driftwatch.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import io.driftwatch.DriftwatchException;

/**
 * Every place where driftwatch's SQL differs between PostgreSQL and H2, behind one strategy (one
 * implementation per database). Everything else is written in the subset both accept
 * ({@code INSERT ... ON CONFLICT DO NOTHING}, {@code MERGE}, {@code TIMESTAMP WITH TIME ZONE}).
 */
public interface Dialect {

    /** PostgreSQL, the production database. */
    static Dialect postgresql() {
        return PostgresDialect.INSTANCE;
    }

    /** H2, the embedded default. */
    static Dialect h2() {
        return H2Dialect.INSTANCE;
    }

    /**
     * The dialect of the database behind {@code dataSource}.
     *
     * @throws DriftwatchException when the database is neither PostgreSQL nor H2, or cannot be reached
     */
    static Dialect of(DataSource dataSource) {
        return of(dataSource, DatabaseTimeouts.DEFAULTS);
    }

    /**
     * The dialect of the database behind {@code dataSource}; {@code timeouts} are named when it cannot be reached.
     *
     * @throws DatabaseUnreachableException when the database cannot be reached (exit code 5)
     */
    static Dialect of(DataSource dataSource, DatabaseTimeouts timeouts) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return postgresql();
            }
            if (product.contains("h2")) {
                return h2();
            }
            throw new DriftwatchException("Unsupported database '" + product
                    + "': driftwatch runs on PostgreSQL (production) or H2 (embedded). Point spring.datasource.url at one of them.");
        } catch (SQLException e) {
            DatabaseUnreachableException unreachable = DatabaseUnreachableException.of(e,
                    dataSource instanceof com.zaxxer.hikari.HikariDataSource pool ? pool.getJdbcUrl() : null, timeouts);
            if (unreachable != null) {
                throw unreachable;
            }
            throw new DriftwatchException("Cannot connect to the database to detect its type: " + e.getMessage()
                    + ". Check spring.datasource.url, username and password.", e);
        }
    }

    /**
     * The database's name as Flyway spells it ({@code postgresql}, {@code h2}): the folder of its
     * migrations ({@code sql/<vendor>/}) and the suffix of its own shipped statements
     * ({@code sql/queries/queue/claim.<vendor>.sql}).
     */
    String vendor();

    /** The placeholder for a JSON text parameter: jsonb on PostgreSQL, text on H2. */
    String jsonParameter();

    /**
     * About how many rows {@code select} returns, without running it where the database can tell
     * (PostgreSQL's planner estimate); an exact count elsewhere; -1 when unknown.
     */
    long estimateRows(JdbcTemplate jdbc, String select, Object... args);

    /**
     * Runs the vendor's shipped insert and returns the new row's id, or empty when the insert did
     * nothing (a conflict it was told to ignore). PostgreSQL's statement ends in {@code RETURNING id};
     * H2 reads the id through JDBC generated keys.
     */
    Optional<Long> insertReturningId(JdbcTemplate jdbc, ShippedStatement insert, Map<String, ?> values);

    /**
     * Claims rows with the vendor's shipped claim statements ({@code claim.<vendor>.sql}): PostgreSQL
     * claims and returns them in one {@code FOR UPDATE SKIP LOCKED ... RETURNING} statement; H2 selects
     * candidates, takes each with a guarded update (a lost race updates nothing and skips the row) and
     * reads the taken row back. {@code values} binds the statements' parameters except the lease token,
     * which {@code tokens} supplies fresh per row where the statements ask for one.
     */
    <T> List<T> claim(JdbcTemplate jdbc, List<ShippedStatement> claim, Map<String, ?> values, Supplier<String> tokens,
                      RowMapper<T> rows);

    /** What {@link #trySessionLock} found. */
    enum SessionLock {
        /** Taken by this session: no other session holds it until this one releases it or ends. */
        TAKEN,
        /** Held by another session, which is therefore alive (the database would have released it otherwise). */
        HELD_ELSEWHERE,
        /** The database has no locks that end with their session (H2): nothing proves another process alive or gone. */
        UNSUPPORTED
    }

    /**
     * Tries to take the lock {@code key} for the session of {@code connection}, a lock the database itself
     * releases when the session ends: when its process exits or dies, or its backend is terminated
     * (PostgreSQL's session-level advisory lock). Released by {@link #releaseSessionLock}.
     */
    SessionLock trySessionLock(Connection connection, long key) throws SQLException;

    /** Releases a lock that {@link #trySessionLock} took on the same connection. */
    void releaseSessionLock(Connection connection, long key) throws SQLException;

    /**
     * The GRANT that would let {@code user} run a read that failed with {@code failure}, or empty when the
     * failure is not a missing privilege: PostgreSQL's SQLSTATE 42501 ("permission denied for table x"),
     * H2's "Not enough rights for object".
     */
    Optional<String> missingGrant(java.sql.SQLException failure, String user);
}
