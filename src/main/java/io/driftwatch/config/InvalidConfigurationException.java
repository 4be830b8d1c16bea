package io.driftwatch.config;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.ExitCodeGenerator;

import io.driftwatch.DriftwatchException;
import io.driftwatch.ExitCodes;

/**
 * Configuration that cannot be used, reported with every problem found (key, value, what is wrong,
 * the fix) before anything is written; the process exits with {@link ExitCodes#INVALID_CONFIGURATION}
 * and {@link ConfigurationFailureAnalyzer} prints the list instead of a stack trace.
 */
public abstract class InvalidConfigurationException extends DriftwatchException implements ExitCodeGenerator {

    /** @param what names the configuration, e.g. "driftwatch configuration" */
    protected InvalidConfigurationException(String what, List<?> problems) {
        super("Invalid " + what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "); nothing was written:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    }

    /** What to do: where the listed keys are set, and how to run again. */
    public abstract String action();

    @Override
    public int getExitCode() {
        return ExitCodes.INVALID_CONFIGURATION.code();
    }
}
