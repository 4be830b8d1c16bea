package io.driftwatch.support;

import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The RabbitMQ broker of this machine (127.0.0.1:5672, guest/guest) for the remote partitioning tests. Outside CI the
 * tests are skipped with a message when it does not answer; under CI ({@code CI=true}) they run and fail, since
 * .ci/run starts the broker. Each test uses a queue of its own, so parallel runs never take each other's partitions.
 */
public final class LocalRabbitMQ {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;

    private LocalRabbitMQ() {
    }

    /** Why the broker tests cannot run here, or null when they can (always null under CI: they are required). */
    public static String skipReason() {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return null;
        }
        CachingConnectionFactory factory = factory();
        try {
            factory.createConnection().close();
            return null;
        } catch (RuntimeException e) {
            return "RabbitMQ tests skipped: no broker at " + HOST + ":" + PORT + " (" + e.getMessage()
                    + "); start it with `rabbitmq-server -detached` (.ci/run does)";
        } finally {
            factory.destroy();
        }
    }

    /** A queue name no other test uses. */
    public static String uniqueQueue(String prefix) {
        return "driftwatch.test." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Deletes a test's queue (and whatever stale requests it still holds). */
    public static void deleteQueue(String queue) {
        CachingConnectionFactory factory = factory();
        try {
            new RabbitAdmin(factory).deleteQueue(queue);
        } catch (RuntimeException e) {
            // the broker is gone; nothing to clean up
        } finally {
            factory.destroy();
        }
    }

    private static CachingConnectionFactory factory() {
        CachingConnectionFactory factory = new CachingConnectionFactory(HOST, PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(5000);
        return factory;
    }
}
