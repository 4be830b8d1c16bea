package io.driftwatch.telemetry.alert;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.driftwatch.ExitCodes;

/** Prints an alert configuration error as the list of keys and their fixes, not as a stack trace. */
class AlertConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<AlertConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AlertConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the listed driftwatch.alerts.* keys (application.yaml, the ConfigMap or DRIFTWATCH_ALERTS_*"
                        + " environment variables) and run again. Exit code " + ExitCodes.INVALID_CONFIGURATION.code() + ".",
                cause);
    }
}
