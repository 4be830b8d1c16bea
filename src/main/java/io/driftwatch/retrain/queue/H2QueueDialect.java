package io.driftwatch.retrain.queue;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * H2: the portable guarded claim. Candidates are selected without locks; each is then taken by an
 * UPDATE that repeats the availability condition, so of two racing workers exactly one sees update
 * count 1. A worker that sees 0 lost the race and skips the row.
 */
final class H2QueueDialect implements QueueDialect {

    private static final List<ShippedStatement> CLAIM = ShippedSql.load("claim.h2.sql");
    private static final ShippedStatement CANDIDATES = CLAIM.get(0);
    private static final ShippedStatement TAKE = CLAIM.get(1);
    private static final ShippedStatement READ_BACK = CLAIM.get(2);
    private static final ShippedStatement ENQUEUE = ShippedSql.loadOne("enqueue.h2.sql");

    static {
        if (CLAIM.size() != 3) {
            throw new IllegalStateException("claim.h2.sql must hold 3 statements (candidates, take, read back) but holds "
                    + CLAIM.size());
        }
    }

    @Override
    public List<ClaimedTask> claim(JdbcTemplate jdbc, String worker, int limit, double leaseSeconds) {
        List<Long> candidates = jdbc.query(CANDIDATES.sql(), CANDIDATES.bind(Map.of("limit", limit)),
                (rs, i) -> rs.getLong("id"));
        List<ClaimedTask> claimed = new ArrayList<>(candidates.size());
        for (long id : candidates) {
            // Random, not derived from time or worker: a token must never be guessable or reused.
            Map<String, Object> values = Map.of("id", id, "worker", worker, "lease_token", UUID.randomUUID().toString(),
                    "lease_seconds", leaseSeconds);
            int updated = jdbc.update(TAKE.sql(), TAKE.bind(values));
            if (updated == 1) {
                // Empty only if the lease already expired and the reaper took the task back in between.
                claimed.addAll(jdbc.query(READ_BACK.sql(), READ_BACK.bind(values), JdbcRetrainingQueue.CLAIMED_TASK));
            } else if (updated != 0) {
                throw new IllegalStateException("claiming retraining task " + id + " updated " + updated
                        + " rows; the guarded update by primary key can only update 0 or 1");
            }
        }
        return claimed;
    }

    @Override
    public Optional<Long> enqueue(JdbcTemplate jdbc, NewTask task) {
        KeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(ENQUEUE.sql(), new String[] {"id"});
            ENQUEUE.bind(JdbcRetrainingQueue.enqueueValues(task)).setValues(ps);
            return ps;
        }, keys);
        return inserted == 1 ? Optional.of(keys.getKeyAs(Long.class)) : Optional.empty();
    }
}
