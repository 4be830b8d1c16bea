package io.driftwatch.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a configuration error as the list of problems and their fixes, not as a stack trace. */
class MonitorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MonitorConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MonitorConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the listed keys in driftwatch's configuration (application.yaml or the monitors ConfigMap) and run"
                        + " again with the same runDate. Exit code " + MonitorConfigurationException.EXIT_CODE + ".",
                cause);
    }
}
