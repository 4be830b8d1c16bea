package io.driftwatch.telemetry.alert;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** One incident tool: how an observation becomes its HTTP request, and how often it wants to hear it. */
interface AlertSink {

    /** The request one delivery POSTs (JSON body). */
    record Request(URI uri, Map<String, String> headers, byte[] body) {
    }

    /** {@code alertmanager}, {@code pagerduty} or {@code webhook}: the {@code sink} column and metric tag. */
    String name();

    /**
     * Null when the sink hears transitions only. Otherwise a problem that keeps firing is sent again by
     * the observation of every new run date, and by any other observation once this long has passed since
     * its last accepted delivery; a duplicate observation (a concurrent run, the same canary verdict) is
     * not re-sent. Alertmanager forgets an alert at its endsAt unless it is sent again.
     */
    java.time.Duration refreshEvery();

    /**
     * @param openedAt when the incident opened (the state row's opened_at)
     * @param now      when the request is built
     */
    Request request(Alert alert, Instant openedAt, Instant now);
}
