package io.driftwatch.job;

/**
 * Whether this process was asked to terminate (SIGTERM) while a job ran. The JVM then exits with
 * {@link #EXIT_CODE} whatever the command's own exit code, so the console reports that code.
 */
public final class Termination {

    /** The exit code of a JVM ended by SIGTERM (128 + 15). */
    public static final int EXIT_CODE = 143;

    private static volatile boolean requested;

    private Termination() {
    }

    /** Records that the process is terminating (the graceful-stop hook of a job, or a worker's). */
    public static void markRequested() {
        requested = true;
    }

    /** Whether a termination signal arrived while a job was running. */
    public static boolean requested() {
        return requested;
    }
}
