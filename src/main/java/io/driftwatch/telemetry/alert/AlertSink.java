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
     * Whether a problem that keeps firing is sent again on every observation, not only on transitions.
     * Alertmanager forgets an alert at its endsAt unless it is sent again.
     */
    boolean resendWhileFiring();

    /**
     * @param openedAt when the incident opened (the state row's opened_at)
     * @param now      when the request is built
     */
    Request request(Alert alert, Instant openedAt, Instant now);
}
