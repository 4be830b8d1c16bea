package io.driftwatch.cli;

import java.util.List;

/**
 * One thing a driftwatch process does, chosen on its command line: a job ({@code driftJob},
 * {@code canaryJob}, {@code reaperJob}, named by {@code --spring.batch.job.name}) or an operator's
 * command word ({@code tasks ...}). One command runs per process and its {@link Outcome} is the
 * process's exit code.
 */
public interface Command {

    /** The job name or command word that selects this command. */
    String name();

    /** Whether the command is chosen by its first word ({@code tasks list}) rather than by job name. */
    default boolean isWord() {
        return false;
    }

    /**
     * Runs the command with the words of the command line that are not Spring options (without the
     * command word itself).
     *
     * @throws UsageException for arguments that cannot be used (exit code 2)
     */
    Outcome run(List<String> args);
}
