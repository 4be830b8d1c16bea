package io.driftwatch.canary;

import java.util.List;

import io.driftwatch.config.InvalidConfigurationException;

/**
 * canaryJob's configuration or arguments cannot be used: thresholds out of range, table or column
 * names that are not plain identifiers or do not exist, versions with no rows. Found before any log is
 * read; nothing is written. Exit code 2.
 */
public class CanaryConfigurationException extends InvalidConfigurationException {

    private final List<CanaryProblem> problems;

    public CanaryConfigurationException(List<CanaryProblem> problems) {
        super("canaryJob configuration or arguments", problems);
        this.problems = List.copyOf(problems);
    }

    public List<CanaryProblem> problems() {
        return problems;
    }

    @Override
    public String action() {
        return "Fix the listed driftwatch.canary.* keys or canaryJob arguments and run canaryJob again.";
    }
}
