package io.driftwatch.telemetry.alert;

import java.util.List;

import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.InvalidConfigurationException;

/**
 * The {@code driftwatch.alerts.*} configuration cannot be used. Thrown at startup, before any job runs,
 * so nothing has been written.
 */
public class AlertConfigurationException extends InvalidConfigurationException {

    private final List<ConfigurationProblem> problems;

    public AlertConfigurationException(List<ConfigurationProblem> problems) {
        super("alert configuration", problems);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    @Override
    public String action() {
        return "Fix the listed driftwatch.alerts.* keys (application.yaml, the ConfigMap or DRIFTWATCH_ALERTS_*"
                + " environment variables) and run again.";
    }
}
