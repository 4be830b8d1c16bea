package io.driftwatch.job.remote;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an unreachable broker at startup as one sentence naming the address and the settings, not a stack trace. */
class BrokerUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<BrokerUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BrokerUnreachableException cause) {
        return new FailureAnalysis(cause.getMessage(), "Run the same command again once the broker answers. Exit code "
                + cause.getExitCode() + ".", cause);
    }
}
