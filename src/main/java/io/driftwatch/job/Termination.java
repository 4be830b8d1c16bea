package io.driftwatch.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's answer to SIGTERM and SIGINT, and the exit code its closing line states. A SIGTERM while a job
 * runs ends the JVM with {@link #EXIT_CODE} once the job has stopped (the graceful-stop hook waits for it), and
 * the closing line says 143; a SIGINT (Ctrl-C) does the same with {@link #INTERRUPT_EXIT_CODE}, 130. A signal
 * after the closing line was printed ends the JVM with the code that line states: the signals are handled here
 * ({@link #handleSignals()}) instead of by the JVM's default handler, which would exit 143 or 130 whatever was
 * printed. Which of the two a signal meets is decided under one lock with the choice of the printed code
 * ({@link #closingCode}), so the line and the process always agree.
 */
public final class Termination {

    private static final Logger log = LoggerFactory.getLogger(Termination.class);

    /** The exit code of a JVM ended by SIGTERM (128 + 15). */
    public static final int EXIT_CODE = 143;
    /** The exit code of a JVM ended by SIGINT (128 + 2). */
    public static final int INTERRUPT_EXIT_CODE = 130;

    private static final Object LOCK = new Object();

    /** Guarded by {@link #LOCK}. */
    private static boolean requested;
    /** The exit code of the termination requested; guarded by {@link #LOCK}. */
    private static int requestedCode = EXIT_CODE;
    /** The code the closing line states, once chosen; guarded by {@link #LOCK}. */
    private static Integer closingCode;
    /** Lets the running job's graceful-stop hook go; guarded by {@link #LOCK}. */
    private static Runnable stopHookRelease;

    private static boolean handling;

    /** What the running job does when the grace after a termination request is about to end; guarded by {@link #LOCK}. */
    private static GraceEnd graceEnd;

    /**
     * What a step that waits for other processes does when the grace after a termination request
     * ({@code driftwatch.shutdown-grace}) is about to end and the job has not stopped: a remote manager step stops
     * waiting for the partitions that no worker ended, so that the job still ends STOPPED within the grace and the
     * process prints its closing line.
     */
    public interface GraceEnd {

        /** How long before the end of the grace {@link #stopWaiting()} is to run, for the job to end in time. */
        Duration lead();

        /** Stops the wait; the job then ends within {@link #lead()}. */
        void stopWaiting();
    }

    private Termination() {
    }

    /** Records that the process is terminating (the graceful-stop hook of a job, or a worker's). */
    public static void markRequested() {
        synchronized (LOCK) {
            requested = true;
        }
    }

    /** The signal that asked the process to terminate: {@code SIGINT}, else {@code SIGTERM}. */
    public static String requestedBy() {
        synchronized (LOCK) {
            return requestedCode == INTERRUPT_EXIT_CODE ? "SIGINT" : "SIGTERM";
        }
    }

    /** Whether a termination signal arrived before the closing line's code was chosen. */
    public static boolean requested() {
        synchronized (LOCK) {
            return requested;
        }
    }

    /**
     * Handles SIGTERM and SIGINT from now on: before the closing line's code is chosen a signal exits
     * {@link #EXIT_CODE} (SIGTERM) or {@link #INTERRUPT_EXIT_CODE} (SIGINT), and the shutdown hooks then stop a
     * running job and wait for it; after, it exits with the printed code. Where the runtime does not let a
     * program handle a signal, the JVM's own handling stays (exit 143 or 130 always).
     */
    public static synchronized void handleSignals() {
        if (handling) {
            return;
        }
        handle("TERM", EXIT_CODE);
        handle("INT", INTERRUPT_EXIT_CODE);
        handling = true;
    }

    private static void handle(String name, int exitCode) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                int code;
                synchronized (LOCK) {
                    if (closingCode == null && !requested) {
                        requested = true;
                        requestedCode = exitCode;
                    }
                    code = closingCode != null ? closingCode : requestedCode;
                }
                log.warn("Termination requested (SIG{}); the process exits {}", signal.getName(), code);
                System.exit(code);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.debug("SIG{} is left to the JVM's default handling: {}", name, e.toString());
        }
    }

    /**
     * Chooses the code the closing line states and the process exits with: the signal's code (143 or 130) when
     * a termination was requested, else {@code commandCode}. A signal from now on exits with it.
     */
    public static int closingCode(int commandCode) {
        synchronized (LOCK) {
            closingCode = requested ? requestedCode : commandCode;
            return closingCode;
        }
    }

    /** Registers what lets the graceful-stop hook of the job now running go ({@link GracefulStop}). */
    static void stopHookInstalled(Runnable release) {
        synchronized (LOCK) {
            stopHookRelease = release;
        }
    }

    /** Registers what the running step does when the grace is about to end ({@link GraceEnd}). */
    public static void whenGraceEnds(GraceEnd action) {
        synchronized (LOCK) {
            graceEnd = action;
        }
    }

    /** The step that registered {@code action} no longer waits: nothing is to be done at the grace's end. */
    public static void graceEndPassed(GraceEnd action) {
        synchronized (LOCK) {
            if (graceEnd == action) {
                graceEnd = null;
            }
        }
    }

    /** Whether a step waits for other processes and would still stop waiting at the end of the grace. */
    static boolean graceEndPending() {
        synchronized (LOCK) {
            return graceEnd != null;
        }
    }

    /**
     * Called while the graceful-stop hook waits, with the time left of the grace: runs the registered
     * {@link GraceEnd} once that time is within its lead, and forgets it. Whether it ran.
     */
    static boolean graceEnding(Duration left) {
        GraceEnd action;
        synchronized (LOCK) {
            action = graceEnd;
            if (action == null || left.compareTo(action.lead()) > 0) {
                return false;
            }
            graceEnd = null;
        }
        try {
            action.stopWaiting();
        } catch (RuntimeException e) {
            log.warn("Could not stop waiting at the end of the grace: {}", e.toString());
        }
        return true;
    }

    /**
     * The job has ended, even if its own end could not be recorded (its listeners did not run): the
     * graceful-stop hook is released, so that the JVM's exit does not wait for a job that is no longer running.
     */
    public static void jobEnded() {
        Runnable release;
        synchronized (LOCK) {
            release = stopHookRelease;
            stopHookRelease = null;
        }
        if (release != null) {
            release.run();
        }
    }
}
