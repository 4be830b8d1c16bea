package io.driftwatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Places where a fault test of the packaged jar holds the process, so that it can deliver a signal at
 * exactly that moment instead of after a guessed sleep. Off unless the JVM is started with
 * {@code -Ddriftwatch.test.pause-at=NAME -Ddriftwatch.test.pause-until=FILE}: the process then logs
 * {@code Paused at NAME} and waits at that place until FILE exists (at most {@link #LIMIT}). JVM system
 * properties on purpose: they are not configuration keys, and a product's command line never sets them.
 */
public final class PausePoint {

    private static final Logger log = LoggerFactory.getLogger(PausePoint.class);

    static final String AT = "driftwatch.test.pause-at";
    static final String UNTIL = "driftwatch.test.pause-until";
    /** A test that never releases the pause does not hang the process forever. */
    static final Duration LIMIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 20;

    private PausePoint() {
    }

    /** Holds the calling thread at {@code name} when a test asked for it; returns at once otherwise. */
    public static void reached(String name) {
        String at = System.getProperty(AT);
        String until = System.getProperty(UNTIL);
        if (at == null || until == null || !at.equals(name)) {
            return;
        }
        Path release = Path.of(until);
        log.warn("Paused at {} until {} exists ({})", name, release, AT);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try {
            while (!Files.exists(release) && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("Released at {}", name);
    }

    /** A step listener that pauses after the step's work, before its final status is recorded: {@code after STEP}. */
    static StepExecutionListener afterStep() {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                reached("after " + stepExecution.getStepName());
                return null;
            }
        };
    }
}
