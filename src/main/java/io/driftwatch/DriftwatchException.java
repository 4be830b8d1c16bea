package io.driftwatch;

/**
 * Root of every failure that driftwatch reports on purpose. Subclasses carry the identifiers an
 * operator needs (monitor, key, value) and a message that says what to do next.
 */
public class DriftwatchException extends RuntimeException {

    public DriftwatchException(String message) {
        super(message);
    }

    public DriftwatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
