package io.driftwatch.retrain.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** PostgreSQL: the claim is one statement (materialized SKIP LOCKED CTE + UPDATE ... RETURNING). */
final class PostgresQueueDialect implements QueueDialect {

    private static final ShippedStatement CLAIM = ShippedSql.loadOne("claim.postgresql.sql");
    private static final ShippedStatement ENQUEUE = ShippedSql.loadOne("enqueue.postgresql.sql");

    @Override
    public List<ClaimedTask> claim(JdbcTemplate jdbc, String worker, int limit, double leaseSeconds) {
        return jdbc.query(CLAIM.sql(), CLAIM.bind(Map.of("limit", limit, "worker", worker, "lease_seconds", leaseSeconds)),
                JdbcRetrainingQueue.CLAIMED_TASK);
    }

    @Override
    public Optional<Long> enqueue(JdbcTemplate jdbc, NewTask task) {
        List<Long> ids = jdbc.query(ENQUEUE.sql(), ENQUEUE.bind(JdbcRetrainingQueue.enqueueValues(task)),
                (rs, i) -> rs.getLong("id"));
        return ids.stream().findFirst();
    }
}
