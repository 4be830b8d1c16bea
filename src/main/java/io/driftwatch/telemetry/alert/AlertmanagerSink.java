package io.driftwatch.telemetry.alert;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus Alertmanager, API v2: {@code POST /api/v2/alerts} with a one-element array. Alertmanager
 * identifies an alert by its labels, so the labels hold only what names the problem (alertname, problem,
 * dedup_key, monitor, model, severity); the changing text goes into the annotations. A firing alert ends
 * {@code resolve-after} after it was sent, so it expires by itself if driftwatch stops running; a resolve
 * is the same alert with endsAt = now.
 */
final class AlertmanagerSink implements AlertSink {

    private final URI uri;
    private final Map<String, String> headers;
    private final Duration resolveAfter;
    private final String generatorUrl;
    private final JsonMapper json;

    AlertmanagerSink(URI uri, Map<String, String> headers, Duration resolveAfter, String generatorUrl, JsonMapper json) {
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.resolveAfter = resolveAfter;
        this.generatorUrl = generatorUrl;
        this.json = json;
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public Duration refreshEvery() {
        // Half of endsAt's lead: a nightly run refreshes well before the alert would expire.
        return resolveAfter.dividedBy(2);
    }

    @Override
    public Request request(Alert alert, Instant openedAt, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.problem().alertName());
        labels.put("problem", alert.problem().id());
        labels.put("severity", alert.severity().value());
        labels.put("dedup_key", alert.dedupKey());
        if (alert.monitor() != null) {
            labels.put("monitor", alert.monitor());
        }
        if (alert.model() != null) {
            labels.put("model", alert.model());
        }
        labels.putAll(alert.labels());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.summary());
        annotations.put("description", alert.description());
        if (alert.runDate() != null) {
            annotations.put("run_date", alert.runDate().toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("labels", labels);
        body.put("annotations", annotations);
        body.put("startsAt", openedAt.toString());
        body.put("endsAt", (alert.firing() ? now.plus(resolveAfter) : now).toString());
        if (generatorUrl != null) {
            body.put("generatorURL", generatorUrl);
        }
        return new Request(uri, headers, json.writeValueAsBytes(List.of(body)));
    }
}
