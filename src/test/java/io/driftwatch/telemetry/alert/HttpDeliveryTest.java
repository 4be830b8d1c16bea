package io.driftwatch.telemetry.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries and the delivery budget against a real local HTTP endpoint. */
class HttpDeliveryTest {

    private static final AlertSettings.Retry FAST = new AlertSettings.Retry(4, Duration.ofMillis(1), 2, Duration.ofMillis(4));
    private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    private final RecordingEndpoint endpoint = RecordingEndpoint.start(202);

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetriedUntilAccepted() {
        endpoint.script(429, 503, 408);

        HttpDelivery.Result result = delivery(Duration.ofSeconds(30)).post("pagerduty", request(endpoint.url()));

        assertThat(result).isEqualTo(new HttpDelivery.Result(true, 4, 202, null));
        assertThat(endpoint.received()).hasSize(4).allSatisfy(r -> {
            assertThat(r.body()).isEqualTo("{\"x\":1}");
            assertThat(r.header("X-Test")).isEqualTo("yes");
        });
    }

    @Test
    void aClientErrorIsFinalAfterOneRequest() {
        endpoint.alwaysAnswer(404);

        HttpDelivery.Result result = delivery(Duration.ofSeconds(30)).post("webhook", request(endpoint.url()));

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.statusCode()).isEqualTo(404);
        assertThat(result.error()).startsWith("HTTP 404: {\"status\":\"error\"");
        assertThat(endpoint.received()).hasSize(1);
    }

    @Test
    void aServerThatKeepsFailingGetsMaxAttemptsRequests() {
        endpoint.alwaysAnswer(502);

        HttpDelivery.Result result = delivery(Duration.ofSeconds(30)).post("alertmanager", request(endpoint.url()));

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.statusCode()).isEqualTo(502);
        assertThat(endpoint.received()).hasSize(4);
    }

    @Test
    void aRefusedConnectionIsRetriedAndReportedWithoutAStatus() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        HttpDelivery.Result result = delivery(Duration.ofSeconds(30)).post("webhook", request("http://127.0.0.1:" + closedPort));

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).startsWith("connection failed: ConnectException");
    }

    @Test
    void aSlowEndpointSpendsTheSinksBudgetAndLaterDeliveriesAreNotAttempted() {
        RecordingEndpoint slow = RecordingEndpoint.start(200);
        slow.delayAnswers(Duration.ofSeconds(2));
        try {
            HttpDelivery delivery = delivery(Duration.ofMillis(200));

            HttpDelivery.Result first = delivery.post("webhook", request(slow.url()));
            HttpDelivery.Result second = delivery.post("webhook", request(slow.url()));
            HttpDelivery.Result otherSink = delivery.post("pagerduty", request(endpoint.url()));

            assertThat(first.delivered()).isFalse();
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.error()).startsWith("timed out");
            assertThat(second.attempted()).isFalse();
            assertThat(second.error()).startsWith("not attempted: the delivery budget of PT0.2S for webhook is spent");
            assertThat(otherSink.delivered()).isTrue();
        } finally {
            slow.close();
        }
    }

    private static HttpDelivery delivery(Duration budget) {
        return new HttpDelivery(HttpDelivery.client(Duration.ofSeconds(2)), FAST, Duration.ofSeconds(5), budget);
    }

    private static AlertSink.Request request(String url) {
        return new AlertSink.Request(URI.create(url + "/in"), Map.of("X-Test", "yes"), BODY);
    }
}
