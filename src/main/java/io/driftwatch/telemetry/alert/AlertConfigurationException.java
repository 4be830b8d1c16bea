package io.driftwatch.telemetry.alert;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.ExitCodeGenerator;

import io.driftwatch.DriftwatchException;
import io.driftwatch.ExitCodes;

/**
 * The {@code driftwatch.alerts.*} configuration cannot be used. Thrown at startup, before any job runs,
 * so nothing has been written; the process exits with {@link ExitCodes#INVALID_CONFIGURATION}.
 */
public class AlertConfigurationException extends DriftwatchException implements ExitCodeGenerator {

    /** One wrong key: the value found, what is wrong, and how to fix it. */
    public record Problem(String key, String value, String problem, String fix) {
        @Override
        public String toString() {
            return key + " = " + (value == null ? "(not set)" : "'" + value + "'") + ": " + problem + ". Fix: " + fix;
        }
    }

    private final List<Problem> problems;

    public AlertConfigurationException(List<Problem> problems) {
        super("Invalid alert configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "); nothing was written:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public int getExitCode() {
        return ExitCodes.INVALID_CONFIGURATION.code();
    }
}
