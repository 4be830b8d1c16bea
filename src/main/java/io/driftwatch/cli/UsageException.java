package io.driftwatch.cli;

import io.driftwatch.DriftwatchException;

/** Arguments on the command line that cannot be used; the message says what to write instead. Exit code 2. */
public class UsageException extends DriftwatchException {

    public UsageException(String message) {
        super(message);
    }
}
