package io.driftwatch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * H2: JSON as text, exact counts for estimates, generated keys, and the portable guarded claim.
 * Claim candidates are selected without locks; each is then taken by an UPDATE that repeats the
 * availability condition, so of two racing workers exactly one sees update count 1. A worker that
 * sees 0 lost the race and skips the row.
 */
final class H2Dialect implements Dialect {

    static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {
    }

    @Override
    public String vendor() {
        return "h2";
    }

    @Override
    public String jsonParameter() {
        // H2's JSON type double-encodes cast strings: JSON is stored as text.
        return "?";
    }

    @Override
    public long estimateRows(JdbcTemplate jdbc, String select, Object... args) {
        try {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM (" + select + ") AS w", Long.class, args);
            return count == null ? -1 : count;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public Optional<Long> insertReturningId(JdbcTemplate jdbc, ShippedStatement insert, Map<String, ?> values) {
        KeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(insert.sql(), new String[] {"id"});
            insert.bind(values).setValues(ps);
            return ps;
        }, keys);
        return inserted == 1 ? Optional.of(keys.getKeyAs(Long.class)) : Optional.empty();
    }

    @Override
    public <T> List<T> claim(JdbcTemplate jdbc, List<ShippedStatement> claim, Map<String, ?> values, Supplier<String> tokens,
                             RowMapper<T> rows) {
        if (claim.size() != 3) {
            throw new IllegalStateException(claim.get(0).file() + " must hold 3 statements (candidates, take, read back)"
                    + " but holds " + claim.size());
        }
        ShippedStatement candidates = claim.get(0);
        ShippedStatement take = claim.get(1);
        ShippedStatement readBack = claim.get(2);
        List<Long> ids = jdbc.query(candidates.sql(), candidates.bind(values), (rs, i) -> rs.getLong("id"));
        List<T> claimed = new ArrayList<>(ids.size());
        for (long id : ids) {
            Map<String, Object> row = new HashMap<>(values);
            row.put("id", id);
            row.put("lease_token", tokens.get());
            int updated = jdbc.update(take.sql(), take.bind(row));
            if (updated == 1) {
                // Empty only if the lease already expired and the reaper took the row back in between.
                claimed.addAll(jdbc.query(readBack.sql(), readBack.bind(row), rows));
            } else if (updated != 0) {
                throw new IllegalStateException("claiming row " + id + " updated " + updated
                        + " rows; the guarded update by primary key can only update 0 or 1");
            }
        }
        return claimed;
    }

    @Override
    public String toString() {
        return vendor();
    }

    @Override
    public SessionLock trySessionLock(Connection connection, long key) {
        return SessionLock.UNSUPPORTED;
    }

    @Override
    public void releaseSessionLock(Connection connection, long key) {
        // nothing was taken
    }

    @Override
    public Optional<String> missingGrant(java.sql.SQLException failure, String user) {
        // 90096: NOT_ENOUGH_RIGHTS_FOR_1, "Not enough rights for object "SCHEMA.TABLE"".
        if (failure.getErrorCode() != 90096 || failure.getMessage() == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rights for object \"([^\"]+)\"").matcher(failure.getMessage());
        return Optional.of("GRANT SELECT ON " + (m.find() ? m.group(1) : "<the table named in the error>") + " TO " + user);
    }
}
