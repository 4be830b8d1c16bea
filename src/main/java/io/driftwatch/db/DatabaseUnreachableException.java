package io.driftwatch.db;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.boot.ExitCodeGenerator;

import io.driftwatch.DriftwatchException;
import io.driftwatch.ExitCodes;

/**
 * The database could not be reached, or stopped answering within a {@link DatabaseTimeouts timeout}: a fault
 * of the night, not of the configuration, so the process exits {@link ExitCodes#FAILED} (rerun the date). The
 * message names the host and the setting that expired.
 */
public final class DatabaseUnreachableException extends DriftwatchException implements ExitCodeGenerator {

    private DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} is, or is caused by, a lost or impossible database connection. */
    public static boolean isConnectionFailure(Throwable failure) {
        return connectionFailure(failure) != null;
    }

    /**
     * The connection failure in {@code failure}'s causes, described for an operator, or null when {@code failure}
     * is something else.
     *
     * @param jdbcUrl the datasource's URL (the host is named from it), or null
     */
    public static DatabaseUnreachableException of(Throwable failure, String jdbcUrl, DatabaseTimeouts timeouts) {
        Throwable cause = connectionFailure(failure);
        if (cause == null) {
            return null;
        }
        String where = "the database at " + host(jdbcUrl);
        String what = deepest(cause).getMessage();
        String why;
        if (what != null && what.contains("Connection attempt timed out")) {
            why = "it did not complete the connection (TLS, authentication) within driftwatch.database.login-timeout ("
                    + timeouts.loginTimeout() + ")";
        } else if (what != null && what.contains("connect timed out")) {
            why = "no TCP connection within driftwatch.database.connect-timeout (" + timeouts.connectTimeout() + ")";
        } else if (what != null && what.contains("Read timed out")) {
            why = "it did not answer within driftwatch.database.socket-timeout (" + timeouts.socketTimeout() + ")";
        } else if (cause instanceof SQLTransientConnectionException && what != null && what.contains("request timed out")) {
            why = "no pooled connection became free within spring.datasource.hikari.connection-timeout (" + what + ")";
        } else if (deepest(cause) instanceof ConnectException) {
            why = "the connection was refused (" + what + ")";
        } else {
            why = "the connection failed or was lost (" + what + ")";
        }
        return new DatabaseUnreachableException("Cannot use " + where + ": " + why + ". Check that spring.datasource.url"
                + " points at a running PostgreSQL that driftwatch can reach; if the server is only slow, raise the"
                + " setting named. Rerun the same runDate (exit code " + ExitCodes.FAILED.code() + ").", failure);
    }

    /** {@code host:port} of a JDBC URL, or the URL itself when it has no {@code //host} part. */
    static String host(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "spring.datasource.url";
        }
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return jdbcUrl;
        }
        int end = jdbcUrl.length();
        for (char c : new char[] {'/', '?'}) {
            int at = jdbcUrl.indexOf(c, start + 2);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return jdbcUrl.substring(start + 2, end);
    }

    private static Throwable connectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return t;
            }
            // HikariCP reports a connection the server has closed without an SQLState
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return t;
            }
            if (t instanceof SocketTimeoutException || t instanceof ConnectException
                    || t instanceof java.net.SocketException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Throwable deepest(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest;
    }

    @Override
    public int getExitCode() {
        return ExitCodes.FAILED.code();
    }
}
