package io.driftwatch.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an unreachable database at startup as one sentence naming the host and the setting, not a stack trace. */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        return new FailureAnalysis(cause.getMessage(), "Rerun the same runDate once the database answers (the CronJob's"
                + " retry does). Exit code " + cause.getExitCode() + ".", cause);
    }
}
