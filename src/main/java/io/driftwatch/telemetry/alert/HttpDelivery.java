package io.driftwatch.telemetry.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * POSTs one request with retries: connection errors, timeouts, 408, 429 and 5xx are retried with
 * exponential backoff; other answers are final (2xx delivered, any other 4xx refused). Each sink has a
 * budget of time per process, retries and backoff included; a delivery never runs past what remains of
 * it, and once it is spent deliveries to that sink are not attempted at all (the caller keeps them owed
 * for the next run). A dead endpoint therefore costs a run at most the budget per sink.
 */
final class HttpDelivery {

    /** What one delivery came to. {@code attempts} is 0 when the sink's budget was already spent. */
    record Result(boolean delivered, int attempts, Integer statusCode, String error) {
        boolean attempted() {
            return attempts > 0;
        }
    }

    /** One failed attempt; {@code retryable} decides whether the retry policy tries again. */
    static final class AttemptFailure extends RuntimeException {
        private final Integer statusCode;
        private final boolean retryable;

        AttemptFailure(Integer statusCode, String message, boolean retryable, Throwable cause) {
            super(message, cause, false, false);
            this.statusCode = statusCode;
            this.retryable = retryable;
        }

        Integer statusCode() {
            return statusCode;
        }

        boolean retryable() {
            return retryable;
        }
    }

    private static final int MAX_ERROR_BODY = 300;

    private final HttpClient client;
    private final AlertSettings.Retry retry;
    private final Duration requestTimeout;
    private final Duration budget;
    private final Map<String, Long> spentNanos = new ConcurrentHashMap<>();

    HttpDelivery(HttpClient client, AlertSettings.Retry retry, Duration requestTimeout, Duration budget) {
        this.client = client;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.budget = budget;
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    Result post(String sink, AlertSink.Request request) {
        long remaining = budget.toNanos() - spentNanos.getOrDefault(sink, 0L);
        if (remaining < Duration.ofMillis(1).toNanos()) {
            return new Result(false, 0, null, "not attempted: the delivery budget of " + budget + " for " + sink
                    + " is spent in this process (the endpoint failed or was slow earlier); the next run sends it");
        }
        long deadline = System.nanoTime() + remaining;
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(retry.maxAttempts() - 1L)
                .delay(retry.initialBackoff())
                .multiplier(retry.multiplier())
                .maxDelay(retry.maxBackoff())
                .timeout(Duration.ofNanos(remaining))
                .predicate(t -> t instanceof AttemptFailure f && f.retryable())
                .build();
        long started = System.nanoTime();
        try {
            Integer status = new RetryTemplate(policy).execute(() -> {
                attempts.incrementAndGet();
                return attempt(request, deadline);
            });
            return new Result(true, attempts.get(), status, null);
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            Integer code = last instanceof AttemptFailure f ? f.statusCode() : null;
            String error = last == null ? e.getMessage() : last.getMessage();
            if (attempts.get() < retry.maxAttempts() && last instanceof AttemptFailure f && f.retryable()) {
                error += " (stopped after " + attempts.get() + " attempt(s): the delivery budget of " + budget + " for " + sink
                        + " ran out)";
            }
            return new Result(false, attempts.get(), code, error);
        } finally {
            spentNanos.merge(sink, System.nanoTime() - started, Long::sum);
        }
    }

    private int attempt(AlertSink.Request request, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AttemptFailure(null, "delivery budget spent before the request", false, null);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(Duration.ofNanos(Math.min(requestTimeout.toNanos(), left)))
                .header("Content-Type", "application/json")
                .header("User-Agent", "driftwatch")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AttemptFailure(null, "timed out: " + e.getMessage(), true, e);
        } catch (IOException e) {
            throw new AttemptFailure(null, "connection failed: " + describe(e), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailure(null, "interrupted while sending", false, e);
        }
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return code;
        }
        boolean retryable = code == 408 || code == 429 || code >= 500;
        String body = response.body() == null ? "" : response.body().strip();
        throw new AttemptFailure(code, "HTTP " + code + (body.isEmpty() ? "" : ": " + Alert.abbreviate(body, MAX_ERROR_BODY)),
                retryable, null);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
