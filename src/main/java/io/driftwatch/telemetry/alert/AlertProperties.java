package io.driftwatch.telemetry.alert;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code driftwatch.alerts.*} exactly as written; {@link AlertSettings#from} validates it. Every sink is
 * off until its address (PagerDuty: its routing key) is set; every problem is on by default.
 */
@ConfigurationProperties("driftwatch.alerts")
public class AlertProperties {

    /** Prometheus Alertmanager sink. */
    private Alertmanager alertmanager = new Alertmanager();
    /** PagerDuty Events API v2 sink. */
    private Pagerduty pagerduty = new Pagerduty();
    /** Generic JSON webhook sink (Slack-compatible). */
    private Webhook webhook = new Webhook();
    /**
     * Which problems are forwarded. Named notify-on, not on: YAML 1.1 (SnakeYAML) reads an unquoted
     * {@code on:} key as the boolean true.
     */
    private NotifyOn notifyOn = new NotifyOn();
    /** Severity of each problem: critical, error, warning or info. */
    private Severities severity = new Severities();
    /** Retries of one delivery. */
    private Retry retry = new Retry();
    /** Time to open a TCP connection to a sink. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** Time for one request to be answered (per attempt). */
    private Duration requestTimeout = Duration.ofSeconds(10);
    /**
     * Time one process may spend delivering to one sink, retries and backoff included. Once spent, the
     * remaining deliveries to that sink are recorded PENDING and sent by the next run.
     */
    private Duration deliveryBudget = Duration.ofSeconds(60);

    public Alertmanager getAlertmanager() { return alertmanager; }
    public void setAlertmanager(Alertmanager alertmanager) { this.alertmanager = alertmanager; }
    public Pagerduty getPagerduty() { return pagerduty; }
    public void setPagerduty(Pagerduty pagerduty) { this.pagerduty = pagerduty; }
    public Webhook getWebhook() { return webhook; }
    public void setWebhook(Webhook webhook) { this.webhook = webhook; }
    public NotifyOn getNotifyOn() { return notifyOn; }
    public void setNotifyOn(NotifyOn notifyOn) { this.notifyOn = notifyOn; }
    public Severities getSeverity() { return severity; }
    public void setSeverity(Severities severity) { this.severity = severity; }
    public Retry getRetry() { return retry; }
    public void setRetry(Retry retry) { this.retry = retry; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
    public Duration getDeliveryBudget() { return deliveryBudget; }
    public void setDeliveryBudget(Duration deliveryBudget) { this.deliveryBudget = deliveryBudget; }

    /** Prometheus Alertmanager (API v2). */
    public static class Alertmanager {
        /** Base URL, e.g. http://alertmanager:9093; alerts are POSTed to {url}/api/v2/alerts. Unset: off. */
        private String url;
        /** A firing alert expires this long after it was last sent unless the next run sends it again. */
        private Duration resolveAfter = Duration.ofHours(36);
        /** Link shown as the alert's source (generatorURL), e.g. a dashboard. */
        private String generatorUrl;
        /** Extra request headers, e.g. Authorization. */
        private Map<String, String> headers = new LinkedHashMap<>();

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public Duration getResolveAfter() { return resolveAfter; }
        public void setResolveAfter(Duration resolveAfter) { this.resolveAfter = resolveAfter; }
        public String getGeneratorUrl() { return generatorUrl; }
        public void setGeneratorUrl(String generatorUrl) { this.generatorUrl = generatorUrl; }
        public Map<String, String> getHeaders() { return headers; }
        public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    }

    /** PagerDuty Events API v2. */
    public static class Pagerduty {
        /** Integration (routing) key of a PagerDuty service. Unset: off. */
        private String routingKey;
        /** Events API endpoint. */
        private String url = "https://events.pagerduty.com/v2/enqueue";
        /** payload.source of every event. */
        private String source = "driftwatch";

        public String getRoutingKey() { return routingKey; }
        public void setRoutingKey(String routingKey) { this.routingKey = routingKey; }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getSource() { return source; }
        public void setSource(String source) { this.source = source; }
    }

    /** A generic JSON webhook with a Slack-compatible {@code text} field. */
    public static class Webhook {
        /** Full URL the JSON is POSTed to (it may contain a secret token: never logged). Unset: off. */
        private String url;
        /** Extra request headers, e.g. Authorization. */
        private Map<String, String> headers = new LinkedHashMap<>();

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public Map<String, String> getHeaders() { return headers; }
        public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    }

    /** Which problems are forwarded. */
    public static class NotifyOn {
        /** Forward dataset drift of a monitor. */
        private boolean datasetDrift = true;
        /** Forward retraining decisions. */
        private boolean retraining = true;
        /** Forward failed or stopped runs. */
        private boolean runFailed = true;
        /** Forward canary ROLLBACK verdicts. */
        private boolean canaryRollback = true;

        public boolean isDatasetDrift() { return datasetDrift; }
        public void setDatasetDrift(boolean datasetDrift) { this.datasetDrift = datasetDrift; }
        public boolean isRetraining() { return retraining; }
        public void setRetraining(boolean retraining) { this.retraining = retraining; }
        public boolean isRunFailed() { return runFailed; }
        public void setRunFailed(boolean runFailed) { this.runFailed = runFailed; }
        public boolean isCanaryRollback() { return canaryRollback; }
        public void setCanaryRollback(boolean canaryRollback) { this.canaryRollback = canaryRollback; }
    }

    /** Severity of each problem: critical, error, warning or info (PagerDuty's levels). */
    public static class Severities {
        /** Severity of dataset drift. */
        private String datasetDrift = "warning";
        /** Severity of retraining decisions. */
        private String retraining = "info";
        /** Severity of failed runs. */
        private String runFailed = "error";
        /** Severity of canary rollbacks. */
        private String canaryRollback = "critical";

        public String getDatasetDrift() { return datasetDrift; }
        public void setDatasetDrift(String datasetDrift) { this.datasetDrift = datasetDrift; }
        public String getRetraining() { return retraining; }
        public void setRetraining(String retraining) { this.retraining = retraining; }
        public String getRunFailed() { return runFailed; }
        public void setRunFailed(String runFailed) { this.runFailed = runFailed; }
        public String getCanaryRollback() { return canaryRollback; }
        public void setCanaryRollback(String canaryRollback) { this.canaryRollback = canaryRollback; }
    }

    /** Retries of one delivery: on connection errors, timeouts, 408, 429 and 5xx; never on other 4xx. */
    public static class Retry {
        /** Requests per delivery, the first included. */
        private int maxAttempts = 4;
        /** Wait before the first retry. */
        private Duration initialBackoff = Duration.ofSeconds(1);
        /** Factor by which the wait grows after each retry. */
        private double multiplier = 2;
        /** Longest wait between two retries. */
        private Duration maxBackoff = Duration.ofSeconds(30);

        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    }
}
