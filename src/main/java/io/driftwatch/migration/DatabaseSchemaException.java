package io.driftwatch.migration;

import java.util.List;

import io.driftwatch.config.InvalidConfigurationException;

/**
 * The database cannot take driftwatch's tables as it is: a table users fill has another shape than documented,
 * a name driftwatch needs is taken, or a migration failed. Exit code 2; the message names the table and the fix.
 */
public class DatabaseSchemaException extends InvalidConfigurationException {

    private final String action;

    DatabaseSchemaException(List<String> problems, String action, Throwable cause) {
        super("database schema for driftwatch", problems);
        this.action = action;
        if (cause != null) {
            initCause(cause);
        }
    }

    @Override
    public String action() {
        return action;
    }
}
