package io.driftwatch.config;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.ExitCodeGenerator;

import io.driftwatch.DriftwatchException;
import io.driftwatch.ExitCodes;

/**
 * The monitor configuration cannot be used, either as written or against the database. Nothing
 * has been written when this is thrown; fix the listed keys and run again with the same run date.
 */
public class MonitorConfigurationException extends DriftwatchException implements ExitCodeGenerator {

    /** Exit code of a configuration error (see {@code io.driftwatch.ExitCodes}). */
    public static final int EXIT_CODE = 2;

    private final List<ConfigurationProblem> problems;

    public MonitorConfigurationException(List<ConfigurationProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    @Override
    public int getExitCode() {
        return EXIT_CODE;
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigurationProblem> problems) {
        return "Invalid driftwatch configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "); nothing was written:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
