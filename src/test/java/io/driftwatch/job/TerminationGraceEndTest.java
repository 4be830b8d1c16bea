package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** What the graceful-stop hook asks of a step that waits for other processes as the grace runs out. */
class TerminationGraceEndTest {

    /** A step's action with a lead of three seconds, counting its runs. */
    private static final class Waiting implements Termination.GraceEnd {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public Duration lead() {
            return Duration.ofSeconds(3);
        }

        @Override
        public void stopWaiting() {
            runs.incrementAndGet();
        }
    }

    @Test
    void theActionRunsOnceWhenTheGraceLeftIsWithinItsLeadAndNotBefore() {
        Waiting step = new Waiting();
        Termination.whenGraceEnds(step);
        try {
            assertThat(Termination.graceEnding(Duration.ofMillis(3_001))).isFalse();
            assertThat(step.runs).hasValue(0);
            assertThat(Termination.graceEndPending()).as("the hook keeps waiting for the step").isTrue();

            assertThat(Termination.graceEnding(Duration.ofSeconds(3))).isTrue();
            assertThat(Termination.graceEndPending()).isFalse();
            assertThat(Termination.graceEnding(Duration.ZERO)).isFalse();
            assertThat(step.runs).hasValue(1);
        } finally {
            Termination.graceEndPassed(step);
        }
    }

    @Test
    void aStepThatNoLongerWaitsIsNotAskedAndDoesNotForgetAnotherStepsAction() {
        Waiting ended = new Waiting();
        Waiting current = new Waiting();
        Termination.whenGraceEnds(ended);
        Termination.graceEndPassed(ended);
        assertThat(Termination.graceEnding(Duration.ZERO)).isFalse();
        assertThat(ended.runs).hasValue(0);

        Termination.whenGraceEnds(current);
        try {
            Termination.graceEndPassed(ended);
            assertThat(Termination.graceEnding(Duration.ZERO)).isTrue();
            assertThat(current.runs).hasValue(1);
        } finally {
            Termination.graceEndPassed(current);
        }
    }

    @Test
    void anActionThatFailsStillCountsAsRunAndIsForgotten() {
        Termination.GraceEnd failing = new Termination.GraceEnd() {
            @Override
            public Duration lead() {
                return Duration.ofSeconds(1);
            }

            @Override
            public void stopWaiting() {
                throw new IllegalStateException("the database is gone");
            }
        };
        Termination.whenGraceEnds(failing);
        try {
            assertThat(Termination.graceEnding(Duration.ZERO)).isTrue();
            assertThat(Termination.graceEnding(Duration.ZERO)).isFalse();
        } finally {
            Termination.graceEndPassed(failing);
        }
    }
}
