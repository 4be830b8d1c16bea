package io.driftwatch.telemetry.alert;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A generic JSON webhook: one message when a problem starts firing and one when it clears. The
 * {@code text} field makes the same body a valid Slack (or Mattermost, Teams-connector) incoming-webhook
 * message; the other fields are for programs.
 */
final class WebhookSink implements AlertSink {

    private final URI uri;
    private final Map<String, String> headers;
    private final JsonMapper json;

    WebhookSink(URI uri, Map<String, String> headers, JsonMapper json) {
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public java.time.Duration refreshEvery() {
        return null;
    }

    @Override
    public Request request(Alert alert, Instant openedAt, Instant now) {
        String status = alert.firing() ? "firing" : "resolved";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "[" + status.toUpperCase(java.util.Locale.ROOT) + "] [" + alert.severity().value() + "] "
                + alert.summary() + " (" + alert.dedupKey() + ")");
        body.put("status", status);
        body.put("problem", alert.problem().id());
        body.put("dedup_key", alert.dedupKey());
        body.put("monitor", alert.monitor());
        body.put("model", alert.model());
        body.putAll(alert.labels());
        body.put("severity", alert.severity().value());
        body.put("summary", alert.summary());
        body.put("description", alert.description());
        body.put("run_date", alert.runDate() == null ? null : alert.runDate().toString());
        body.put("opened_at", openedAt.toString());
        body.put("details", alert.details());
        return new Request(uri, headers, json.writeValueAsBytes(body));
    }
}
