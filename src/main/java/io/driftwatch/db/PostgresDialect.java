package io.driftwatch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** PostgreSQL: jsonb, planner estimates, {@code RETURNING}, and a one-statement claim. */
final class PostgresDialect implements Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");
    private static final Pattern PERMISSION_DENIED = Pattern.compile(
            "permission denied for (table|view|materialized view|foreign table|sequence|schema|function) (\\S+)");

    private PostgresDialect() {
    }

    @Override
    public String vendor() {
        return "postgresql";
    }

    @Override
    public String jsonParameter() {
        return "CAST(? AS jsonb)";
    }

    @Override
    public long estimateRows(JdbcTemplate jdbc, String select, Object... args) {
        try {
            String plan = jdbc.queryForObject("EXPLAIN (FORMAT JSON) " + select, String.class, args);
            Matcher m = PLAN_ROWS.matcher(plan == null ? "" : plan);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public Optional<Long> insertReturningId(JdbcTemplate jdbc, ShippedStatement insert, Map<String, ?> values) {
        return jdbc.query(insert.sql(), insert.bind(values), (rs, i) -> rs.getLong("id")).stream().findFirst();
    }

    @Override
    public <T> List<T> claim(JdbcTemplate jdbc, List<ShippedStatement> claim, Map<String, ?> values, Supplier<String> tokens,
                             RowMapper<T> rows) {
        if (claim.size() != 1) {
            throw new IllegalStateException("the PostgreSQL claim is one statement, but " + claim.get(0).file() + " holds "
                    + claim.size());
        }
        // The statement draws its own lease tokens (gen_random_uuid()), one per row.
        return jdbc.query(claim.get(0).sql(), claim.get(0).bind(values), rows);
    }

    @Override
    public String toString() {
        return vendor();
    }

    @Override
    public SessionLock trySessionLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet taken = lock.executeQuery()) {
                taken.next();
                return taken.getBoolean(1) ? SessionLock.TAKEN : SessionLock.HELD_ELSEWHERE;
            }
        }
    }

    @Override
    public void releaseSessionLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.executeQuery().close();
        }
    }

    @Override
    public Optional<String> missingGrant(java.sql.SQLException failure, String user) {
        if (!"42501".equals(failure.getSQLState()) || failure.getMessage() == null) {
            return Optional.empty();
        }
        Matcher m = PERMISSION_DENIED.matcher(failure.getMessage());
        if (!m.find()) {
            return Optional.of("GRANT SELECT ON <the table named in the error> TO " + user);
        }
        String object = m.group(2);
        return Optional.of(switch (m.group(1)) {
            case "schema" -> "GRANT USAGE ON SCHEMA " + object + " TO " + user;
            case "function" -> "GRANT EXECUTE ON FUNCTION " + object + " TO " + user;
            default -> "GRANT SELECT ON " + object + " TO " + user;
        });
    }
}
