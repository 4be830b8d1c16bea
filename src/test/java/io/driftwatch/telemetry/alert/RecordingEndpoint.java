package io.driftwatch.telemetry.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real local HTTP endpoint (port 0) standing in for Alertmanager, PagerDuty or a webhook receiver: it
 * records every request and answers with scripted status codes, then its normal one.
 */
final class RecordingEndpoint implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final int normalStatus;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private Integer always;
    private volatile Duration delay;
    private volatile java.util.concurrent.CountDownLatch onRequest;
    private volatile java.util.concurrent.CountDownLatch holdUntil;
    private final List<Boolean> heldUntilReleased = new CopyOnWriteArrayList<>();

    private RecordingEndpoint(int normalStatus) {
        this.normalStatus = normalStatus;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Duration delay = this.delay;
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            java.util.concurrent.CountDownLatch arrived = onRequest;
            if (arrived != null) {
                arrived.countDown();
            }
            java.util.concurrent.CountDownLatch hold = holdUntil;
            if (hold != null) {
                try {
                    // Below the tests' request timeout, so the answer is never lost; what matters is whether
                    // the latch was released while this request was in flight.
                    heldUntilReleased.add(hold.await(4, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = next();
            byte[] answer = (status >= 300 ? "{\"status\":\"error\",\"message\":\"scripted failure\"}"
                    : "{\"status\":\"success\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** Starts an endpoint that normally answers {@code normalStatus}. */
    static RecordingEndpoint start(int normalStatus) {
        return new RecordingEndpoint(normalStatus);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests get these answers, in order; then the normal one again. */
    synchronized void script(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
    }

    /** Every request gets this answer until {@link #reset()}. */
    synchronized void alwaysAnswer(int status) {
        always = status;
    }

    /** Every answer comes this late (the client's timeout fires first). */
    void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    /** Counts {@code latch} down when a request arrives (before it is answered). */
    void countDownOnRequest(java.util.concurrent.CountDownLatch latch) {
        this.onRequest = latch;
    }

    /** Holds every answer until {@code latch} is released (at most 4 s); {@link #heldUntilReleased()} tells which were. */
    void holdAnswersUntil(java.util.concurrent.CountDownLatch latch) {
        this.holdUntil = latch;
    }

    /** Per held request: whether the latch was released while it waited. */
    List<Boolean> heldUntilReleased() {
        return List.copyOf(heldUntilReleased);
    }

    synchronized void reset() {
        script.clear();
        always = null;
        received.clear();
        onRequest = null;
        holdUntil = null;
        heldUntilReleased.clear();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private synchronized int next() {
        if (always != null) {
            return always;
        }
        Integer scripted = script.poll();
        return scripted == null ? normalStatus : scripted;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
