package io.driftwatch.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A configuration file that is not valid YAML, reported as the file, line, column and problem; no stack trace. */
class YamlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidYamlException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidYamlException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the YAML at that place (indent with spaces, one space after"
                + " each colon, quote values holding ': ' or ' #'), then run the same command again. Exit code 2.", null);
    }
}
