package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** What a worker whose lease was lost is told: which write, which attempt, where the task is now, and what to do. */
class LeaseLostExceptionTest {

    private static final ClaimedTask MINE = new ClaimedTask(9, "credit-risk", "loans", LocalDate.of(2026, 3, 2), "drift", "{}",
            0, 2, 5, "tok-2", Instant.EPOCH);

    private static TaskState state(TaskStatus status, String owner, int attempts, String lastError) {
        return new TaskState(9, status, attempts, 5, owner, "other", null, Instant.EPOCH, null, lastError);
    }

    @Test
    void aTaskRunningUnderAnotherLeaseNamesItsWorker() {
        LeaseLostException e = new LeaseLostException(LeaseLostException.Operation.HEARTBEAT, MINE,
                state(TaskStatus.RUNNING, "worker-b", 3, null));

        assertThat(e.getMessage()).isEqualTo("heartbeat of retraining task 9 changed nothing: attempt 2 no longer holds the"
                + " lease (token tok-2); the task is RUNNING under another lease, held by worker 'worker-b' (attempt 3): this"
                + " lease expired and the reaper handed the task on. Stop working on this task and do not retry the write;"
                + " heartbeat more often than the lease length if this was a live worker.");
        assertThat(e.taskId()).isEqualTo(9);
        assertThat(e.leaseToken()).isEqualTo("tok-2");
        assertThat(e.operation()).isEqualTo(LeaseLostException.Operation.HEARTBEAT);
        assertThat(e.currentStatus()).contains(TaskStatus.RUNNING);
    }

    @Test
    void aTaskInAnotherStatusNamesItsAttemptsAndLastError() {
        LeaseLostException failed = new LeaseLostException(LeaseLostException.Operation.COMPLETE, MINE,
                state(TaskStatus.FAILED, null, 5, "lease expired"));
        LeaseLostException cancelled = new LeaseLostException(LeaseLostException.Operation.FAIL, MINE,
                state(TaskStatus.CANCELLED, null, 2, null));

        assertThat(failed.getMessage()).startsWith("complete of retraining task 9 changed nothing:")
                .contains("; the task is FAILED (attempt 5 of 5, last error: lease expired). Stop working");
        assertThat(cancelled.getMessage()).startsWith("fail of retraining task 9")
                .contains("; the task is CANCELLED (attempt 2 of 5). Stop working");
        assertThat(cancelled.currentStatus()).contains(TaskStatus.CANCELLED);
    }

    @Test
    void aTaskThatNoLongerExistsHasNoStatus() {
        LeaseLostException e = new LeaseLostException(LeaseLostException.Operation.RELEASE, MINE, null);

        assertThat(e.getMessage()).startsWith("release of retraining task 9 changed nothing")
                .contains("; the task no longer exists. Stop working");
        assertThat(e.currentStatus()).isEmpty();
    }
}
