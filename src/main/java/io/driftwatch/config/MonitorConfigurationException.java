package io.driftwatch.config;

import java.util.List;

/**
 * The monitor configuration cannot be used, either as written or against the database. Nothing
 * has been written when this is thrown; fix the listed keys and run again with the same run date.
 */
public class MonitorConfigurationException extends InvalidConfigurationException {

    private final List<ConfigurationProblem> problems;

    public MonitorConfigurationException(List<ConfigurationProblem> problems) {
        super("driftwatch configuration", problems);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    @Override
    public String action() {
        return "Fix the listed keys in driftwatch's configuration (application.yaml or the monitors ConfigMap) and run"
                + " again with the same runDate.";
    }
}
