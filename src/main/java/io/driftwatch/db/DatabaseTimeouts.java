package io.driftwatch.db;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How long driftwatch waits for PostgreSQL before it gives up with exit code 5 (rerun the date), the
 * {@code driftwatch.database.*} keys. Without them the driver waits forever: a server that accepts the TCP
 * connection and never answers would hang the start, and a connection that dies without a reset would hang a
 * step. PT0S switches a timeout off.
 *
 * @param connectTimeout establishing the TCP connection (the driver's {@code connectTimeout})
 * @param loginTimeout   the whole connection set-up: TCP, TLS, authentication, until the server is ready
 *                       for queries (the driver's {@code loginTimeout})
 * @param socketTimeout  any single wait for the server's next bytes on an open connection, including the
 *                       wait for the first rows of the largest scan and the baseline's row count (the
 *                       driver's {@code socketTimeout}); the connection is closed when it expires
 */
public record DatabaseTimeouts(Duration connectTimeout, Duration loginTimeout, Duration socketTimeout) {

    public static final String PREFIX = "driftwatch.database";

    /** The driver's own defaults would be 10 s, none and none. */
    public static final DatabaseTimeouts DEFAULTS = new DatabaseTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofMinutes(30));

    public DatabaseTimeouts {
        check("connect-timeout", connectTimeout);
        check("login-timeout", loginTimeout);
        check("socket-timeout", socketTimeout);
    }

    /** The {@code driftwatch.database.*} keys of the environment, each defaulting to {@link #DEFAULTS}. */
    public static DatabaseTimeouts from(Environment environment) {
        Binder binder = Binder.get(environment);
        return new DatabaseTimeouts(
                binder.bind(PREFIX + ".connect-timeout", Duration.class).orElse(DEFAULTS.connectTimeout()),
                binder.bind(PREFIX + ".login-timeout", Duration.class).orElse(DEFAULTS.loginTimeout()),
                binder.bind(PREFIX + ".socket-timeout", Duration.class).orElse(DEFAULTS.socketTimeout()));
    }

    /** Whole seconds, rounded up, as the PostgreSQL driver takes them (0 = wait forever). */
    static String seconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return String.valueOf(seconds);
    }

    private static void check(String key, Duration value) {
        Objects.requireNonNull(value, PREFIX + "." + key);
        if (value.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must not be negative: " + value);
        }
    }
}
