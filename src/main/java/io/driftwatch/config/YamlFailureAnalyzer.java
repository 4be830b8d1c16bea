package io.driftwatch.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** A configuration file that is not valid YAML: the file, the line and column, and what the parser expected. No stack trace. */
class YamlFailureAnalyzer extends AbstractFailureAnalyzer<MarkedYAMLException> {

    private static final Pattern LOCATION = Pattern.compile("from location '([^']+)'");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MarkedYAMLException cause) {
        String file = "a configuration file";
        for (Throwable t = rootFailure; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : LOCATION.matcher(t.getMessage());
            if (m != null && m.find()) {
                file = m.group(1);
                break;
            }
        }
        Mark mark = cause.getProblemMark() != null ? cause.getProblemMark() : cause.getContextMark();
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = cause.getProblem() != null ? cause.getProblem() : cause.getMessage();
        String context = cause.getContext() == null ? "" : " (" + cause.getContext() + ")";
        return new FailureAnalysis("The configuration file " + file + " is not valid YAML" + where + ": " + problem + context,
                "Correct the YAML in " + file + " (indentation with spaces, a space after every colon, quotes around values"
                        + " with ': ' or '#'), then run the same command again. Exit code 2.", null);
    }
}
