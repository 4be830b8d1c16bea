package io.driftwatch.config;

import org.springframework.boot.ExitCodeGenerator;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import io.driftwatch.DriftwatchException;
import io.driftwatch.ExitCodes;

/** A configuration file that is not valid YAML: the file, the line and column, what the parser expected. Exit code 2. */
public class InvalidYamlException extends DriftwatchException implements ExitCodeGenerator {

    public InvalidYamlException(String file, MarkedYAMLException cause) {
        super("The configuration file " + file + " is not valid YAML" + where(cause) + ": "
                + (cause.getProblem() != null ? cause.getProblem() : cause.getMessage())
                + (cause.getContext() == null ? "" : " (" + cause.getContext() + ")"), cause);
    }

    private static String where(MarkedYAMLException cause) {
        Mark mark = cause.getProblemMark() != null ? cause.getProblemMark() : cause.getContextMark();
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    @Override
    public int getExitCode() {
        return ExitCodes.INVALID_CONFIGURATION.code();
    }
}
