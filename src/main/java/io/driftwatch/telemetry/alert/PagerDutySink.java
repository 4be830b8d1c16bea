package io.driftwatch.telemetry.alert;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty Events API v2: a {@code trigger} when a problem starts firing and a {@code resolve} when it
 * clears, both with the problem's dedup key, so PagerDuty keeps one incident per problem. A problem that
 * keeps firing is not triggered again: once someone resolved the incident by hand, a nightly trigger
 * would open a new one for the same, already known, problem.
 */
final class PagerDutySink implements AlertSink {

    /** PagerDuty's limit for dedup_key; longer keys are shortened to a prefix and a hash. */
    static final int MAX_DEDUP_KEY = 255;

    private final URI uri;
    private final String routingKey;
    private final String source;
    private final String clientUrl;
    private final JsonMapper json;

    PagerDutySink(URI uri, String routingKey, String source, String clientUrl, JsonMapper json) {
        this.uri = uri;
        this.routingKey = routingKey;
        this.source = source;
        this.clientUrl = clientUrl;
        this.json = json;
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public java.time.Duration refreshEvery() {
        return null;
    }

    @Override
    public Request request(Alert alert, Instant openedAt, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", alert.firing() ? "trigger" : "resolve");
        body.put("dedup_key", dedupKey(alert.dedupKey()));
        if (alert.firing()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", alert.summary());
            payload.put("source", source);
            payload.put("severity", alert.severity().value());
            payload.put("timestamp", openedAt.toString());
            payload.put("component", alert.monitor() != null ? alert.monitor() : alert.model() != null ? alert.model() : "driftJob");
            if (alert.model() != null) {
                payload.put("group", alert.model());
            }
            payload.put("class", alert.problem().id());
            Map<String, Object> details = new LinkedHashMap<>(alert.details());
            details.put("description", alert.description());
            details.putAll(alert.labels());
            payload.put("custom_details", details);
            body.put("payload", payload);
            body.put("client", "driftwatch");
            if (clientUrl != null) {
                body.put("client_url", clientUrl);
            }
        }
        return new Request(uri, Map.of(), json.writeValueAsBytes(body));
    }

    static String dedupKey(String key) {
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String suffix = "#" + HexFormat.of().formatHex(hash, 0, 16);
            return key.substring(0, MAX_DEDUP_KEY - suffix.length()) + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
