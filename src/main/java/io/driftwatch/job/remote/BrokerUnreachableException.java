package io.driftwatch.job.remote;

import org.springframework.boot.ExitCodeGenerator;

import io.driftwatch.DriftwatchException;
import io.driftwatch.ExitCodes;

/**
 * With driftwatch.partitioning=remote the broker could not be reached (or refused the login) when the process
 * started: nothing was written, and the process exits {@link ExitCodes#BROKER_UNREACHABLE}.
 */
public final class BrokerUnreachableException extends DriftwatchException implements ExitCodeGenerator {

    BrokerUnreachableException(RemoteProperties remote, String role, Throwable cause) {
        super("Cannot reach the message broker (RabbitMQ) at " + remote.address() + " as user '" + remote.getUsername()
                + "': " + describe(cause) + ". driftwatch.partitioning=remote sends the partitions through it, so this "
                + role + " did not start and nothing was written. Start the broker or fix driftwatch.remote.host, .port,"
                + " .username, .password or .virtual-host; or run with driftwatch.partitioning=local (no broker).", cause);
    }

    private static String describe(Throwable cause) {
        Throwable deepest = cause;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String what = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        if (deepest instanceof java.net.ConnectException) {
            return "the connection was refused (" + what + ")";
        }
        if (deepest instanceof java.net.SocketTimeoutException) {
            return "no connection within driftwatch.remote.connect-timeout (" + what + ")";
        }
        if (what.contains("ACCESS_REFUSED") || what.contains("authentication")) {
            return "the login was refused (" + what + ")";
        }
        return what;
    }

    @Override
    public int getExitCode() {
        return ExitCodes.BROKER_UNREACHABLE.code();
    }
}
