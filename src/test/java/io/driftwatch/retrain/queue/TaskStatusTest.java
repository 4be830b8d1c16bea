package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which statuses hold a dedupe key, how they are written into SQL and for people, and how operators spell them. */
class TaskStatusTest {

    @Test
    void theWaitingAndRunningStatusesAreOpenAndTheThreeEndingsFinal() {
        assertThat(TaskStatus.open()).containsExactly(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.RETRYABLE,
                TaskStatus.AWAITING_APPROVAL);
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(status.isFinal()).as(status.name()).isEqualTo(!TaskStatus.open().contains(status));
            assertThat(status.isOpen()).as(status.name()).isNotEqualTo(status.isFinal());
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(TaskStatus.open())))
                .containsExactly(TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED);
        assertThatThrownBy(() -> TaskStatus.open().add(TaskStatus.FAILED)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void statusesBecomeQuotedSqlLiterals() {
        assertThat(TaskStatus.sqlList(TaskStatus.open())).isEqualTo("'PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL'");
        assertThat(TaskStatus.sqlList(Set.of(TaskStatus.FAILED))).isEqualTo("'FAILED'");
    }

    @Test
    void statusesAreListedForPeopleWithOrBeforeTheLast() {
        assertThat(TaskStatus.describe(Set.of(TaskStatus.FAILED))).isEqualTo("FAILED");
        assertThat(TaskStatus.describe(EnumSet.of(TaskStatus.PENDING, TaskStatus.RETRYABLE))).isEqualTo("PENDING or RETRYABLE");
        assertThat(TaskStatus.describe(EnumSet.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.RETRYABLE)))
                .isEqualTo("PENDING, RUNNING or RETRYABLE");
    }

    @Test
    void operatorsMayWriteAStatusInAnyCaseAndAnUnknownOneNamesTheStatuses() {
        assertThat(TaskStatus.parse(" failed ")).isEqualTo(TaskStatus.FAILED);
        assertThat(TaskStatus.parse("Awaiting_Approval")).isEqualTo(TaskStatus.AWAITING_APPROVAL);
        assertThatThrownBy(() -> TaskStatus.parse("done")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown status 'done'; use one of [PENDING, RUNNING, RETRYABLE, AWAITING_APPROVAL, SUCCEEDED,"
                        + " FAILED, CANCELLED]");
        assertThatThrownBy(() -> TaskStatus.parse(null)).hasMessageStartingWith("Unknown status 'null'");
    }
}
