package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;

import io.driftwatch.db.ShippedSql;
import io.driftwatch.db.ShippedStatement;

/**
 * The queue contract under bad input, as a poller in any language meets it: the shipped statements are run
 * directly (not through the Java client, which checks its arguments first) with NULL, out-of-range and negative
 * arguments, and must refuse them with an error that says which argument is wrong, changing nothing. The schema's
 * check constraints refuse what the statements would have let through. Run against each database by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractQueueContractTests {

    private static final Duration LONG_LEASE = Duration.ofMinutes(5);

    QueueDatabase db;
    RetrainingQueue queue;

    abstract QueueDatabase openDatabase();

    @BeforeAll
    void open() {
        db = openDatabase();
        queue = db.queue();
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyQueue() {
        db.deleteAllTasks();
    }

    @AfterEach
    void tableContractHolds() {
        assertThat(db.contractViolations()).isEmpty();
    }

    static Stream<Arguments> badClaims() {
        return Stream.of(
                Arguments.of("limit NULL", args("limit", null), "claim needs limit between 1 and 1000, got NULL"),
                Arguments.of("limit 0", args("limit", 0), "claim needs limit between 1 and 1000, got 0"),
                Arguments.of("limit 5000", args("limit", 5000), "claim needs limit between 1 and 1000, got 5000"),
                Arguments.of("worker NULL", args("worker", null), "claim needs worker, a name of 1 to 200 characters, got NULL"),
                Arguments.of("worker blank", args("worker", " "), "claim needs worker, a name of 1 to 200 characters, got ' '"),
                Arguments.of("lease NULL", args("lease_seconds", null), "claim needs lease_seconds > 0, got NULL"),
                Arguments.of("lease 0", args("lease_seconds", 0.0), "claim needs lease_seconds > 0, got 0"),
                Arguments.of("lease negative", args("lease_seconds", -30.0), "claim needs lease_seconds > 0, got -30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClaims")
    void theShippedClaimRejectsABadArgumentAndClaimsNothing(String name, Map<String, Object> bad, String message) {
        List<Long> ids = db.givenTasks(3);
        Map<String, Object> values = new HashMap<>(Map.of("limit", 10, "worker", "w", "lease_seconds", 300.0));
        values.putAll(bad);

        assertThatThrownBy(() -> db.dialect.claim(db.jdbc, ShippedSql.load("queue/claim." + db.dialect.vendor() + ".sql"),
                values, () -> UUID.randomUUID().toString(), JdbcRetrainingQueue.CLAIMED_TASK))
                .hasMessageContaining("driftwatch queue: " + message);
        assertThat(db.count("status = 'PENDING' AND attempts = 0")).as("nothing claimed").isEqualTo(ids.size());
    }

    @Test
    void theShippedClaimChecksItsArgumentsEvenWhenNothingIsAvailable() {
        Map<String, Object> values = new HashMap<>(Map.of("limit", 10, "worker", "w"));
        values.put("lease_seconds", null);

        assertThatThrownBy(() -> db.dialect.claim(db.jdbc, ShippedSql.load("queue/claim." + db.dialect.vendor() + ".sql"),
                values, () -> UUID.randomUUID().toString(), JdbcRetrainingQueue.CLAIMED_TASK))
                .hasMessageContaining("driftwatch queue: claim needs lease_seconds > 0, got NULL");
    }

    @ParameterizedTest(name = "lease_seconds {0}")
    @MethodSource("nonPositive")
    void theShippedHeartbeatRejectsANullZeroOrNegativeLeaseAndKeepsTheLease(Double lease) {
        ClaimedTask task = claimOne();
        Map<String, Object> before = db.row(task.id());

        assertThatThrownBy(() -> run("queue/heartbeat.sql", fenceOf(task, "lease_seconds", lease)))
                .hasMessageContaining("driftwatch queue: heartbeat needs lease_seconds > 0, got "
                        + (lease == null ? "NULL" : ""));
        assertThat(db.row(task.id())).isEqualTo(before);
    }

    static Stream<Double> nonPositive() {
        return Stream.of(null, 0.0, -60.0);
    }

    @ParameterizedTest(name = "delay_seconds {0}")
    @MethodSource("nullOrNegative")
    void theShippedReleaseRejectsANullOrNegativeDelay(Double delay) {
        ClaimedTask task = claimOne();
        Map<String, Object> before = db.row(task.id());

        assertThatThrownBy(() -> run("queue/release.sql", fenceOf(task, "delay_seconds", delay)))
                .hasMessageContaining("driftwatch queue: release needs delay_seconds >= 0, got");
        assertThat(db.row(task.id())).isEqualTo(before);
    }

    static Stream<Double> nullOrNegative() {
        return Stream.of(null, -1.0);
    }

    @Test
    void theShippedFailRejectsANullRetryableInsteadOfDeadLettering() {
        ClaimedTask task = claimOne();
        Map<String, Object> values = fenceOf(task, "retryable", null);
        values.put("error", "boom");
        values.put("retry_delay_seconds", 60.0);

        assertThatThrownBy(() -> query(failFile(), values))
                .hasMessageContaining("driftwatch queue: fail needs retryable true or false, got NULL");
        assertThat(db.status(task.id())).isEqualTo(TaskStatus.RUNNING);
    }

    @ParameterizedTest(name = "retry_delay_seconds {0}")
    @MethodSource("nullOrNegative")
    void theShippedFailRejectsANullOrNegativeRetryDelay(Double delay) {
        ClaimedTask task = claimOne();
        Map<String, Object> values = fenceOf(task, "retryable", true);
        values.put("error", "boom");
        values.put("retry_delay_seconds", delay);

        assertThatThrownBy(() -> query(failFile(), values))
                .hasMessageContaining("driftwatch queue: fail needs retry_delay_seconds >= 0 for a retryable failure, got");
        assertThat(db.status(task.id())).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void theShippedFailReturnsTheStateItLeftTheTaskIn() {
        ClaimedTask first = claimOne();
        Map<String, Object> transient_ = fenceOf(first, "retryable", true);
        transient_.put("error", "feature store down");
        transient_.put("retry_delay_seconds", 60.0);

        List<Map<String, Object>> retrying = query(failFile(), transient_);

        assertThat(retrying).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("status", "RETRYABLE").containsEntry("attempts", 1).containsEntry("max_attempts", 5)
                .containsEntry("last_error", "feature store down").containsEntry("finished_at", null)
                .containsKey("available_at"));

        db.makeAvailableNow(first.id());
        ClaimedTask second = queue.claim("w", 1, LONG_LEASE).get(0);
        Map<String, Object> permanent = fenceOf(second, "retryable", false);
        permanent.put("error", "model missing");
        permanent.put("retry_delay_seconds", null);

        List<Map<String, Object>> dead = query(failFile(), permanent);

        assertThat(dead).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("status", "FAILED").containsEntry("attempts", 2)
                    .containsEntry("last_error", "model missing");
            assertThat(row.get("finished_at")).isNotNull();
        });
        assertThat(query(failFile(), permanent)).as("a stale token changes nothing and returns no row").isEmpty();
    }

    @Test
    void aReapedTaskKeepsItsPlaceInLine() throws Exception {
        List<Long> ids = db.givenTasks(3);
        ClaimedTask oldest = queue.claim("doomed", 1, Duration.ofMillis(200)).get(0);
        db.expireLease(oldest.id());
        assertThat(queue.reap()).isEqualTo(new ReapResult(1, 0));

        ClaimedTask next = queue.claim("healthy", 1, LONG_LEASE).get(0);

        assertThat(oldest.id()).isEqualTo(ids.get(0));
        assertThat(next.id()).as("the reaped task is claimed before the tasks enqueued after it").isEqualTo(oldest.id());
        assertThat(next.attempts()).isEqualTo(2);
    }

    static Stream<Arguments> brokenInvariants() {
        return Stream.of(
                Arguments.of("RUNNING without a lease expiry", "lease_expires_at = NULL", "retraining_task_lease_ck"),
                Arguments.of("RUNNING without an owner", "lease_owner = NULL", "retraining_task_running_owner_ck"),
                Arguments.of("RUNNING with a blank owner", "lease_owner = ' '", "retraining_task_running_owner_ck"),
                Arguments.of("RUNNING without a token", "lease_token = NULL", "retraining_task_running_owner_ck"),
                Arguments.of("RUNNING with a negative lease",
                        "lease_expires_at = heartbeat_at - INTERVAL '1' SECOND", "retraining_task_running_lease_ck"),
                Arguments.of("RUNNING with no attempt counted", "attempts = 0", "retraining_task_running_attempts_ck"),
                Arguments.of("PENDING with a lease expiry", "status = 'PENDING'", "retraining_task_lease_ck"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInvariants")
    void theSchemaRefusesATaskThatBreaksAnInvariant(String name, String assignment, String constraint) {
        ClaimedTask task = claimOne();

        assertThatThrownBy(() -> db.jdbc.update("UPDATE retraining_task SET " + assignment + " WHERE id = ?", task.id()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining(constraint);
        assertThat(db.status(task.id())).isEqualTo(TaskStatus.RUNNING);
    }

    private ClaimedTask claimOne() {
        db.givenTasks(1);
        return queue.claim("w", 1, LONG_LEASE).get(0);
    }

    private String failFile() {
        return "queue/fail." + db.dialect.vendor() + ".sql";
    }

    private static Map<String, Object> args(String name, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(name, value);
        return map;
    }

    private static Map<String, Object> fenceOf(ClaimedTask task, String name, Object value) {
        Map<String, Object> values = args(name, value);
        values.put("id", task.id());
        values.put("lease_token", task.leaseToken());
        return values;
    }

    private int run(String file, Map<String, Object> values) {
        ShippedStatement statement = ShippedSql.loadOne(file);
        return db.jdbc.update(statement.sql(), statement.bind(values));
    }

    private List<Map<String, Object>> query(String file, Map<String, Object> values) {
        ShippedStatement statement = ShippedSql.loadOne(file);
        return db.jdbc.query(statement.sql(), statement.bind(values), (rs, i) -> {
            Map<String, Object> row = new HashMap<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.put(rs.getMetaData().getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), rs.getObject(c));
            }
            return row;
        });
    }
}
