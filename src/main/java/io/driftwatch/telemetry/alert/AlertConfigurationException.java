package io.driftwatch.telemetry.alert;

import java.util.List;

import io.driftwatch.config.InvalidConfigurationException;

/**
 * The {@code driftwatch.alerts.*} configuration cannot be used. Thrown at startup, before any job runs,
 * so nothing has been written.
 */
public class AlertConfigurationException extends InvalidConfigurationException {

    /** One wrong key: the value found, what is wrong, and how to fix it. */
    public record Problem(String key, String value, String problem, String fix) {
        @Override
        public String toString() {
            return key + " = " + (value == null ? "(not set)" : "'" + value + "'") + ": " + problem + ". Fix: " + fix;
        }
    }

    private final List<Problem> problems;

    public AlertConfigurationException(List<Problem> problems) {
        super("alert configuration", problems);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String action() {
        return "Fix the listed driftwatch.alerts.* keys (application.yaml, the ConfigMap or DRIFTWATCH_ALERTS_*"
                + " environment variables) and run again.";
    }
}
