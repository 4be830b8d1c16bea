package io.driftwatch.telemetry.alert;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/** The three sinks of a test class as real local HTTP servers, and the properties that point driftwatch at them. */
final class LocalSinks implements AutoCloseable {

    static final String ROUTING_KEY = "test-routing-key-0123456789abcdef";
    static final String WEBHOOK_TOKEN = "Bearer webhook-test-token";
    static final String GENERATOR_URL = "http://grafana.example.test/d/driftwatch";

    final RecordingEndpoint alertmanager = RecordingEndpoint.start(200);
    final RecordingEndpoint pagerduty = RecordingEndpoint.start(202);
    final RecordingEndpoint webhook = RecordingEndpoint.start(200);

    void register(DynamicPropertyRegistry registry) {
        registry.add("driftwatch.alerts.alertmanager.url", alertmanager::url);
        registry.add("driftwatch.alerts.alertmanager.generator-url", () -> GENERATOR_URL);
        registry.add("driftwatch.alerts.pagerduty.url", () -> pagerduty.url() + "/v2/enqueue");
        registry.add("driftwatch.alerts.pagerduty.routing-key", () -> ROUTING_KEY);
        registry.add("driftwatch.alerts.webhook.url", () -> webhook.url() + "/hooks/driftwatch");
        registry.add("driftwatch.alerts.webhook.headers.Authorization", () -> WEBHOOK_TOKEN);
        // Millisecond backoffs keep retries fast; the number of attempts is what the tests check.
        registry.add("driftwatch.alerts.retry.initial-backoff", () -> "1ms");
        registry.add("driftwatch.alerts.retry.max-backoff", () -> "4ms");
        registry.add("driftwatch.alerts.connect-timeout", () -> "2s");
        registry.add("driftwatch.alerts.request-timeout", () -> "5s");
    }

    void reset() {
        alertmanager.reset();
        pagerduty.reset();
        webhook.reset();
    }

    /** Alertmanager's alerts (one per request) with this dedup key label. */
    List<JsonNode> alertmanagerAlerts(String dedupKey) {
        return alertmanager.received().stream().map(RecordingEndpoint.Received::json)
                .filter(a -> a.get(0).get("labels").get("dedup_key").asString().equals(dedupKey)).map(a -> a.get(0)).toList();
    }

    List<JsonNode> pagerdutyEvents(String dedupKey) {
        return pagerduty.received().stream().map(RecordingEndpoint.Received::json)
                .filter(e -> e.get("dedup_key").asString().equals(dedupKey)).toList();
    }

    List<JsonNode> webhookMessages(String dedupKey) {
        return webhook.received().stream().map(RecordingEndpoint.Received::json)
                .filter(m -> m.get("dedup_key").asString().equals(dedupKey)).toList();
    }

    @Override
    public void close() {
        alertmanager.close();
        pagerduty.close();
        webhook.close();
    }
}
