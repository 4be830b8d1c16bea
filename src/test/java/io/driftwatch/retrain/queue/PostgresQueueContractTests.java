package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.driftwatch.db.ShippedSql;
import io.driftwatch.db.ShippedStatement;
import io.driftwatch.support.RequiresPostgres;

/** The queue contract under bad input on real PostgreSQL (a fresh schema, migrated by Flyway). */
@RequiresPostgres
class PostgresQueueContractTests extends AbstractQueueContractTests {

    @Override
    QueueDatabase openDatabase() {
        return QueueDatabase.postgres();
    }

    /**
     * A long-lived poller's statements end up server-prepared with a generic plan, where the arguments are not
     * constants the planner can fold: the checks still run, even when nothing matches.
     */
    @Test
    void theChecksHoldUnderServerPreparedGenericPlans() {
        String url = db.jdbcUrl() + "&prepareThreshold=1&options=-c%20plan_cache_mode%3Dforce_generic_plan";
        SingleConnectionDataSource single = new SingleConnectionDataSource(url, true);
        try {
            JdbcTemplate poller = new JdbcTemplate(single);
            ShippedStatement claim = ShippedSql.loadOne("queue/claim.postgresql.sql");
            ShippedStatement heartbeat = ShippedSql.loadOne("queue/heartbeat.sql");
            Map<String, Object> good = new HashMap<>(Map.of("limit", 1, "worker", "w", "lease_seconds", 300.0));
            Map<String, Object> lost = new HashMap<>(Map.of("id", -1L, "lease_token", "gone", "lease_seconds", 300.0));
            for (int i = 0; i < 6; i++) { // past the driver's and the server's thresholds for reusing a plan
                poller.query(claim.sql(), claim.bind(good), (rs, n) -> rs.getLong("id"));
                poller.update(heartbeat.sql(), heartbeat.bind(lost));
            }
            good.put("limit", 5000);
            lost.put("lease_seconds", null);

            assertThatThrownBy(() -> poller.query(claim.sql(), claim.bind(good), (rs, n) -> rs.getLong("id")))
                    .hasMessageContaining("driftwatch queue: claim needs limit between 1 and 1000, got 5000");
            assertThatThrownBy(() -> poller.update(heartbeat.sql(), heartbeat.bind(lost)))
                    .as("checked before the fence, even for a task nobody holds")
                    .hasMessageContaining("driftwatch queue: heartbeat needs lease_seconds > 0, got NULL");
        } finally {
            single.destroy();
        }
    }
}
