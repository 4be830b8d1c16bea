package io.driftwatch.config;

import java.util.List;

/** Keys under {@code driftwatch.} that nothing reads (usually misspelt); found before anything starts. */
public class UnknownConfigurationKeyException extends InvalidConfigurationException {

    public UnknownConfigurationKeyException(List<ConfigurationProblem> problems) {
        super("driftwatch configuration", problems);
    }

    @Override
    public String action() {
        return "Correct or remove the listed keys where they are set (docs/configuration.md lists every key), then run the"
                + " same command again.";
    }
}
