package io.driftwatch.retrain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.cli.Outcome;
import io.driftwatch.cli.UsageException;
import io.driftwatch.retrain.queue.RetrainingQueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.ExitCodes;

/**
 * The retraining guardrails in the nightly job, on a real database: five monitors over the same
 * drifting table, each with one guardrail (see application-policytest.yaml).
 */
@SpringBootTest
@ActiveProfiles("policytest")
abstract class AbstractRetrainingPolicyJobTests {

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;
    @Autowired JdbcTaskQueries taskQueries;
    @Autowired RetrainingQueue queue;

    SyntheticDriftGenerator generator;

    @BeforeEach
    void baseline() {
        generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable("loan_features");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM loan_features", Long.class) == 0) {
            generator.insert("loan_features", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
                    3_000, Set.of(), 1);
        }
    }

    @Test
    void eachGuardrailRecordsItsDecisionAndReasonOnTheRun() {
        jdbc.update("UPDATE retraining_task SET status = 'CANCELLED', finished_at = CURRENT_TIMESTAMP, lease_expires_at = NULL WHERE status IN"
                + " ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
        jdbc.update("DELETE FROM retraining_task WHERE status = 'SUCCEEDED'");
        LocalDate first = LocalDate.of(2026, 4, 2);
        LocalDate second = LocalDate.of(2026, 4, 3);
        nightWithDrift(first);
        assertThat(launcher.launch(first).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        // then: the first night
        assertThat(decision("min-rows", first)).isEqualTo("SKIPPED_MIN_ROWS");
        assertThat(reason("min-rows", first)).contains("3000 rows, fewer than min-rows 10000");
        assertThat(taskStatuses("model-min-rows")).doesNotContain("PENDING");
        assertThat(decision("open-task", first)).isEqualTo("ENQUEUED");
        assertThat(decision("approval", first)).isEqualTo("AWAITING_APPROVAL");
        assertThat(openTasks("model-approval")).containsExactly("AWAITING_APPROVAL");
        assertThat(decision("cooldown", first)).isEqualTo("ENQUEUED");
        assertThat(decision("rate-limit", first)).isEqualTo("ENQUEUED");

        // given: the cooldown and rate-limit models were retrained successfully (as a worker would record it)
        succeed("model-cooldown");
        succeed("model-rate-limit");
        nightWithDrift(second);

        assertThat(launcher.launch(second).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(decision("open-task", second)).isEqualTo("SKIPPED_OPEN_TASK");
        assertThat(reason("open-task", second)).contains("already has an open task").contains("PENDING");
        assertThat(openTasks("model-open-task")).containsExactly("PENDING");
        assertThat(decision("cooldown", second)).isEqualTo("SKIPPED_COOLDOWN");
        assertThat(reason("cooldown", second)).contains("within the cooldown PT168H");
        assertThat(decision("rate-limit", second)).isEqualTo("SKIPPED_RATE_LIMIT");
        assertThat(reason("rate-limit", second)).contains("limit is max-tasks 1");
        assertThat(decision("approval", second)).isEqualTo("SKIPPED_OPEN_TASK");
        assertThat(taskStatuses("model-cooldown")).containsOnlyOnce("SUCCEEDED").doesNotContain("PENDING");
        assertThat(taskStatuses("model-rate-limit")).containsOnlyOnce("SUCCEEDED").doesNotContain("PENDING");
        // every skip is also in the run's snapshot
        assertThat(jdbc.queryForObject("SELECT snapshot FROM drift_run WHERE monitor = 'cooldown' AND run_date = ?",
                String.class, second)).contains("SKIPPED_COOLDOWN");
    }

    @Test
    void operatorsApproveCancelAndRequeueTasksWithClearRefusals() {
        // given: no open task, then a night that leaves the approval model's task at the gate
        jdbc.update("UPDATE retraining_task SET status = 'CANCELLED', finished_at = CURRENT_TIMESTAMP, lease_expires_at = NULL WHERE status IN"
                + " ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
        LocalDate night = LocalDate.of(2026, 4, 9);
        // an earlier task of the same model, cancelled since
        long other = queue.enqueue(io.driftwatch.retrain.queue.NewTask.of("model-approval", "approval", night.minusDays(30),
                "earlier drift", "{}")).orElseThrow();
        queue.cancel(other);
        nightWithDrift(night);
        assertThat(launcher.launch(night).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        long gated = jdbc.queryForObject("SELECT id FROM retraining_task WHERE model = 'model-approval' AND run_date = ?",
                Long.class, night);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        io.driftwatch.cli.TasksCommand tasks = new io.driftwatch.cli.TasksCommand(taskQueries, queue,
                new io.driftwatch.cli.ConsolePrinter(new java.io.PrintStream(out, true)));

        assertThat(tasks.run(java.util.List.of("list", "status=AWAITING_APPROVAL")).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(out.toString()).contains(String.valueOf(gated)).contains("model-approval").contains("1 task");

        assertThat(tasks.run(java.util.List.of("approve", String.valueOf(gated))).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(status(gated)).isEqualTo("PENDING");
        assertThat(tasks.run(java.util.List.of("approve", String.valueOf(gated))))
                .isEqualTo(new Outcome(ExitCodes.INVALID_CONFIGURATION, "Cannot approve task " + gated
                        + ": it is PENDING; approve applies to tasks that are AWAITING_APPROVAL."));

        assertThat(tasks.run(java.util.List.of("cancel", String.valueOf(gated))).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(status(gated)).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT finished_at FROM retraining_task WHERE id = ?", Object.class, gated)).isNotNull();

        assertThat(tasks.run(java.util.List.of("requeue", String.valueOf(gated))).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForMap("SELECT status, attempts, finished_at FROM retraining_task WHERE id = ?", gated))
                .containsEntry("status", "PENDING").containsEntry("attempts", 0).containsEntry("finished_at", null);

        // a second open task of the same model cannot be requeued next to it
        assertThat(status(other)).isEqualTo("CANCELLED");
        Outcome refused = tasks.run(java.util.List.of("requeue", String.valueOf(other)));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(refused.message()).contains("already has an open task");
        assertThat(status(other)).isEqualTo("CANCELLED");

        assertThat(tasks.run(java.util.List.of("cancel", "999999")))
                .isEqualTo(new Outcome(ExitCodes.INVALID_CONFIGURATION, "No retraining task has id 999999."));
        assertThatThrownBy(() -> tasks.run(java.util.List.of("frobnicate"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("Usage: tasks list");
    }

    @Test
    void theNightlyJobReapsTasksWhoseWorkerDied() {
        jdbc.update("UPDATE retraining_task SET status = 'CANCELLED', finished_at = CURRENT_TIMESTAMP, lease_expires_at = NULL WHERE status IN"
                + " ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
        // a task claimed by a worker that died an hour ago: RUNNING with an expired lease
        jdbc.update("INSERT INTO retraining_task (model, monitor, run_date, reason, evidence, status, dedupe_key, attempts,"
                + " max_attempts, lease_owner, lease_token, lease_expires_at, heartbeat_at) VALUES ('model-dead-worker',"
                + " 'elsewhere', DATE '2026-04-01', 'test', '{}', 'RUNNING', 'retrain:model-dead-worker', 1, 5, 'worker-1',"
                + " 'token-1', ?, ?)", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).minusMinutes(5));
        LocalDate night = LocalDate.of(2026, 4, 12);
        nightWithDrift(night);

        assertThat(launcher.launch(night).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(jdbc.queryForMap("SELECT status, attempts FROM retraining_task WHERE model = 'model-dead-worker'"))
                .containsEntry("status", "RETRYABLE").containsEntry("attempts", 1);
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM retraining_task WHERE id = ?", String.class, id);
    }

    private void nightWithDrift(LocalDate runDate) {
        generator.insert("loan_features", runDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                runDate.atStartOfDay(ZoneOffset.UTC).toInstant(), 3_000, Set.of("income", "region"), runDate.getDayOfMonth());
    }

    private void succeed(String model) {
        assertThat(jdbc.update("UPDATE retraining_task SET status = 'SUCCEEDED', finished_at = ?, updated_at = ?"
                + " WHERE model = ? AND status = 'PENDING'", OffsetDateTime.now(ZoneOffset.UTC),
                OffsetDateTime.now(ZoneOffset.UTC), model)).isEqualTo(1);
    }

    private String decision(String monitor, LocalDate runDate) {
        return run(monitor, runDate).get("retraining_decision").toString();
    }

    private String reason(String monitor, LocalDate runDate) {
        return run(monitor, runDate).get("retraining_reason").toString();
    }

    private Map<String, Object> run(String monitor, LocalDate runDate) {
        return jdbc.queryForMap("SELECT * FROM drift_run WHERE monitor = ? AND run_date = ?", monitor, runDate);
    }

    private java.util.List<String> openTasks(String model) {
        return jdbc.queryForList("SELECT status FROM retraining_task WHERE model = ? AND status IN ('PENDING', 'RUNNING',"
                + " 'RETRYABLE', 'AWAITING_APPROVAL') ORDER BY id", String.class, model);
    }

    private java.util.List<String> taskStatuses(String model) {
        return jdbc.queryForList("SELECT status FROM retraining_task WHERE model = ? ORDER BY id", String.class, model);
    }
}
