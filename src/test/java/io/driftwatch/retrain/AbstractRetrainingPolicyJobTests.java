package io.driftwatch.retrain;

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
import io.driftwatch.job.DriftJobLauncher;
import io.driftwatch.job.ExitCodes;

/**
 * The retraining guardrails in the nightly job, on a real database: five monitors over the same
 * drifting table, each with one guardrail (see application-policytest.yaml).
 */
@SpringBootTest
@ActiveProfiles("policytest")
abstract class AbstractRetrainingPolicyJobTests {

    @Autowired DriftJobLauncher launcher;
    @Autowired JdbcTemplate jdbc;

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
        LocalDate first = LocalDate.of(2026, 4, 2);
        LocalDate second = LocalDate.of(2026, 4, 3);
        nightWithDrift(first);
        assertThat(launcher.launch(first).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        // then: the first night
        assertThat(decision("min-rows", first)).isEqualTo("SKIPPED_MIN_ROWS");
        assertThat(reason("min-rows", first)).contains("3000 rows, fewer than min-rows 10000");
        assertThat(taskStatuses("model-min-rows")).isEmpty();
        assertThat(decision("open-task", first)).isEqualTo("ENQUEUED");
        assertThat(decision("approval", first)).isEqualTo("AWAITING_APPROVAL");
        assertThat(taskStatuses("model-approval")).containsExactly("AWAITING_APPROVAL");
        assertThat(decision("cooldown", first)).isEqualTo("ENQUEUED");
        assertThat(decision("rate-limit", first)).isEqualTo("ENQUEUED");

        // given: the cooldown and rate-limit models were retrained successfully (as a worker would record it)
        succeed("model-cooldown");
        succeed("model-rate-limit");
        nightWithDrift(second);

        assertThat(launcher.launch(second).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(decision("open-task", second)).isEqualTo("SKIPPED_OPEN_TASK");
        assertThat(reason("open-task", second)).contains("already has an open task").contains("PENDING");
        assertThat(taskStatuses("model-open-task")).containsExactly("PENDING");
        assertThat(decision("cooldown", second)).isEqualTo("SKIPPED_COOLDOWN");
        assertThat(reason("cooldown", second)).contains("within the cooldown PT168H");
        assertThat(decision("rate-limit", second)).isEqualTo("SKIPPED_RATE_LIMIT");
        assertThat(reason("rate-limit", second)).contains("limit is max-tasks 1");
        assertThat(decision("approval", second)).isEqualTo("SKIPPED_OPEN_TASK");
        assertThat(taskStatuses("model-cooldown")).containsExactly("SUCCEEDED");
        assertThat(taskStatuses("model-rate-limit")).containsExactly("SUCCEEDED");
        // every skip is also in the run's snapshot
        assertThat(jdbc.queryForObject("SELECT snapshot FROM drift_run WHERE monitor = 'cooldown' AND run_date = ?",
                String.class, second)).contains("SKIPPED_COOLDOWN");
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

    private java.util.List<String> taskStatuses(String model) {
        return jdbc.queryForList("SELECT status FROM retraining_task WHERE model = ? ORDER BY id", String.class, model);
    }
}
