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
 * {@code Paused at NAME} and waits at that place until FILE exists (at most {@link #LIMIT}). With
 * {@code -Ddriftwatch.test.halt-at=NAME} the JVM halts at that place instead ({@link #haltIfAsked}), as a crash
 * or the OOM killer would end it. JVM system properties on purpose: they are not configuration keys, and a
 * product's command line never sets them.
 */
public final class PausePoint {

    private static final Logger log = LoggerFactory.getLogger(PausePoint.class);

    static final String AT = "driftwatch.test.pause-at";
    static final String UNTIL = "driftwatch.test.pause-until";
    static final String HALT_AT = "driftwatch.test.halt-at";
    /** The exit code of a JVM halted at {@link #HALT_AT} (128 + SIGABRT, as a crashed JVM's). */
    public static final int HALT_CODE = 134;
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

    /**
     * Ends the JVM at once at {@code name} when a test asked for it: {@link Runtime#halt}, so no shutdown hook,
     * no rollback message and no acknowledgement is sent, as when the process crashes or is killed for its memory.
     */
    public static void haltIfAsked(String name) {
        if (name.equals(System.getProperty(HALT_AT))) {
            log.error("Halting the JVM at {} ({})", name, HALT_AT);
            Runtime.getRuntime().halt(HALT_CODE);
        }
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
