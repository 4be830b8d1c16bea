package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.db.Dialect;

/** The value types and argument checks of the queue API; no database is touched. */
class QueueValuesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void aNewTaskDefaultsToTheJobsDedupeKeyPriorityZeroAndFiveAttempts() {
        NewTask task = NewTask.of("credit-risk", "loans", DAY, "drift", "{}");

        assertThat(task.dedupeKey()).isEqualTo("retrain:credit-risk");
        assertThat(task.priority()).isZero();
        assertThat(task.maxAttempts()).isEqualTo(5);
        assertThat(task.runId()).isNull();
        assertThat(task.withDedupeKey("model:credit-risk").withPriority(3).withMaxAttempts(2).withRunId(7L))
                .isEqualTo(new NewTask("credit-risk", "loans", 7L, DAY, "drift", "{}", 3, "model:credit-risk", 2));
    }

    @Test
    void theDocumentsSayTheDedupeKeyTheJavaClientAndTheNightlyJobUse() throws IOException {
        String key = NewTask.of("<model>", "loans", DAY, "drift", "{}").dedupeKey();

        assertThat(key).isEqualTo(NewTask.modelKey("<model>")).isEqualTo("retrain:<model>");
        for (Path doc : List.of(Path.of("docs/queue-protocol.md"), Path.of("docs/how-it-works.md"))) {
            assertThat(Files.readString(doc)).as(doc.toString()).contains("`" + key + "`")
                    .doesNotContain("monitor/run_date");
        }
    }

    @Test
    void aNewTaskRejectsWhatTheTableCannotHold() {
        assertThatThrownBy(() -> NewTask.of(" ", "loans", DAY, "drift", "{}")).hasMessage("model must not be blank");
        assertThatThrownBy(() -> NewTask.of("m", "loans", DAY, "r".repeat(2001), "{}"))
                .hasMessage("reason must be at most 2000 characters, but had 2001");
        assertThatThrownBy(() -> NewTask.of("m", "loans", DAY, "drift", "{}").withMaxAttempts(0))
                .hasMessage("maxAttempts must be in [1, 1000]: 0");
    }

    @Test
    void aClaimedTaskMustCarryItsLeaseToken() {
        assertThatThrownBy(() -> new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 1, 5, "", Instant.EPOCH))
                .hasMessage("a claimed task must carry its lease token; task 4 had none");
        assertThat(new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 5, 5, "t", Instant.EPOCH).isLastAttempt()).isTrue();
    }

    @Test
    void aNewTaskTakesEachLimitOfTheTableAndRefusesOneMore() {
        NewTask task = NewTask.of("m".repeat(200), "l".repeat(200), DAY, "r".repeat(2000), "{}")
                .withDedupeKey("k".repeat(400)).withMaxAttempts(1000);

        assertThat(task.model()).hasSize(200);
        assertThat(task.withMaxAttempts(1).maxAttempts()).isOne();
        assertThatThrownBy(() -> NewTask.of("m".repeat(201), "loans", DAY, "drift", "{}"))
                .hasMessage("model must be at most 200 characters, but had 201");
        assertThatThrownBy(() -> NewTask.of("m", "l".repeat(201), DAY, "drift", "{}"))
                .hasMessage("monitor must be at most 200 characters, but had 201");
        assertThatThrownBy(() -> task.withDedupeKey("k".repeat(401)))
                .hasMessage("dedupeKey must be at most 400 characters, but had 401");
        assertThatThrownBy(() -> task.withMaxAttempts(1001)).hasMessage("maxAttempts must be in [1, 1000]: 1001");
        assertThatThrownBy(() -> NewTask.of("m", "loans", null, "drift", "{}")).isInstanceOf(NullPointerException.class)
                .hasMessage("runDate");
        assertThatThrownBy(() -> NewTask.of("m", "loans", DAY, "drift", " ")).hasMessage("evidence must not be blank");
        assertThatThrownBy(() -> task.withDedupeKey(null)).hasMessage("dedupeKey must not be blank");
    }

    @Test
    void anApprovalGateIsKeptByEveryCopy() {
        NewTask gated = NewTask.of("m", "loans", DAY, "drift", "{}").withApprovalGate(true);

        assertThat(gated.awaitingApproval()).isTrue();
        assertThat(gated.withPriority(2).withMaxAttempts(3).withDedupeKey("k").withRunId(1L).awaitingApproval()).isTrue();
        assertThat(gated.withApprovalGate(false).awaitingApproval()).isFalse();
    }

    @Test
    void aClaimedTaskCountsItsAttemptsFromOne() {
        ClaimedTask first = new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 1, 1, "t", Instant.EPOCH);

        assertThat(first.isLastAttempt()).as("one allowed attempt, used").isTrue();
        assertThat(new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 1, 5, "t", Instant.EPOCH).isLastAttempt()).isFalse();
        assertThat(new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 4, 5, "t", Instant.EPOCH).isLastAttempt()).isFalse();
        assertThatThrownBy(() -> new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 0, 5, "t", Instant.EPOCH))
                .hasMessage("a claimed task has attempts >= 1 and max attempts >= 1, but task 4 had attempts=0, maxAttempts=5");
        assertThatThrownBy(() -> new ClaimedTask(4, "m", "loans", DAY, "r", "{}", 0, 1, 0, "t", Instant.EPOCH))
                .hasMessageEndingWith("attempts=1, maxAttempts=0");
    }

    @Test
    void aReaperPassCountsWhatItRetriedAndFailed() {
        assertThat(new ReapResult(2, 3).total()).isEqualTo(5);
        assertThat(new ReapResult(0, 0).total()).isZero();
        assertThatThrownBy(() -> new ReapResult(-1, 0)).hasMessage("reaped counts must be non-negative: retried=-1, failed=0");
        assertThatThrownBy(() -> new ReapResult(0, -1)).hasMessage("reaped counts must be non-negative: retried=0, failed=-1");
    }

    @Test
    void claimRejectsBadArgumentsBeforeTouchingTheDatabase() {
        RetrainingQueue queue = RetrainingQueue.create(new DriverManagerDataSource("jdbc:unused:"), Dialect.h2());

        assertThatThrownBy(() -> queue.claim("", 1, Duration.ofMinutes(1))).hasMessageStartingWith("worker must be 1..200");
        assertThatThrownBy(() -> queue.claim("w", 0, Duration.ofMinutes(1))).hasMessage("claim limit must be in [1, 1000]: 0");
        assertThatThrownBy(() -> queue.claim("w", 1, Duration.ZERO)).hasMessage("lease must be positive: PT0S");
        assertThatThrownBy(() -> queue.release(new ClaimedTask(1, "m", "l", DAY, "r", "{}", 0, 1, 5, "t", Instant.EPOCH),
                Duration.ofSeconds(-1))).hasMessage("release delay must not be negative: PT-1S");
    }
}
