package io.driftwatch.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    /** A queue's messages as {@code rabbitmqctl list_queues} counts them: waiting, and delivered but not acknowledged. */
    public record Depth(int ready, int unacknowledged) {
    }

    /**
     * Why the broker of this machine cannot be restarted by a test ({@code rabbitmqctl} missing or not allowed to
     * control the node), or null when it can.
     */
    public static String restartSkipReason() {
        try {
            Ctl status = rabbitmqctl(Duration.ofSeconds(60), "status");
            return status.exit() == 0 ? null : "rabbitmqctl status failed (" + status.exit() + "): " + status.output();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IOException e) {
            return "no rabbitmqctl to restart the broker of this machine (" + e.getMessage() + ")";
        }
    }

    /**
     * Stops the broker's application and starts it again ({@code rabbitmqctl stop_app}, {@code start_app}): every
     * connection is closed, durable queues and persistent messages survive. The node's process keeps running, and
     * the application is started again whatever happened while it was stopped.
     */
    public static void restart() throws IOException, InterruptedException {
        try {
            Ctl stop = rabbitmqctl(Duration.ofMinutes(2), "stop_app");
            if (stop.exit() != 0) {
                throw new IllegalStateException("rabbitmqctl stop_app failed: " + stop.output());
            }
        } finally {
            Ctl start = rabbitmqctl(Duration.ofMinutes(2), "start_app");
            if (start.exit() != 0) {
                throw new IllegalStateException("rabbitmqctl start_app failed: " + start.output());
            }
        }
    }

    /**
     * Limits the queue (a policy named after it, applied also to a queue declared later) to {@code messages}: the
     * broker refuses further publishes with a negative confirm (overflow {@code reject-publish}).
     */
    public static void limitLength(String queue, int messages) throws IOException, InterruptedException {
        Ctl set = rabbitmqctl(Duration.ofSeconds(60), "set_policy", "--apply-to", "queues", queue,
                "^" + queue.replace(".", "\\.") + "$", "{\"max-length\":" + messages + ",\"overflow\":\"reject-publish\"}");
        if (set.exit() != 0) {
            throw new IllegalStateException("rabbitmqctl set_policy failed: " + set.output());
        }
    }

    /** Removes the policy of {@link #limitLength}. */
    public static void unlimit(String queue) throws IOException, InterruptedException {
        Ctl clear = rabbitmqctl(Duration.ofSeconds(60), "clear_policy", queue);
        if (clear.exit() != 0) {
            throw new IllegalStateException("rabbitmqctl clear_policy failed: " + clear.output());
        }
    }

    /** The queue's depth now; null when the broker has no such queue. */
    public static Depth depth(String queue) throws IOException, InterruptedException {
        Ctl list = rabbitmqctl(Duration.ofSeconds(60), "list_queues", "-q", "--no-table-headers", "name", "messages_ready",
                "messages_unacknowledged");
        if (list.exit() != 0) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + list.output());
        }
        for (String line : list.output().lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 3 && columns[0].equals(queue)) {
                return new Depth(Integer.parseInt(columns[1]), Integer.parseInt(columns[2]));
            }
        }
        return null;
    }

    /** Waits until the queue has {@code expected} depth; returns the last depth read (which differs on time-out). */
    public static Depth awaitDepth(String queue, Depth expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Depth depth = depth(queue);
        while (!expected.equals(depth) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            depth = depth(queue);
        }
        return depth;
    }

    private record Ctl(int exit, String output) {
    }

    private static Ctl rabbitmqctl(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("rabbitmqctl", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " did not end within " + timeout);
            }
            return new Ctl(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
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
