/**
 * Incident webhooks: dataset drift, retraining, failed runs and canary rollbacks forwarded to Prometheus
 * Alertmanager, PagerDuty Events v2 and generic JSON webhooks, one stable dedup key per problem, with the
 * state of every key and sink kept in {@code alert_state}.
 */
package io.driftwatch.telemetry.alert;
