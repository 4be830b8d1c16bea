package io.driftwatch.telemetry.alert;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.driftwatch.config.ConfigValues;
import io.driftwatch.config.ConfigurationProblem;

/**
 * {@code driftwatch.alerts.*} validated: the sinks that are on, the problems forwarded with their
 * severities, and the bounds of a delivery.
 *
 * @param alertmanager    where alerts are POSTed ({url}/api/v2/alerts), or null when off
 * @param pagerduty       the Events v2 endpoint, or null when off
 * @param webhook         the generic webhook, or null when off
 * @param connectTimeout  per connection
 * @param requestTimeout  per request
 * @param deliveryBudget  time one process may spend on one sink, retries included
 */
public record AlertSettings(URI alertmanager, Map<String, String> alertmanagerHeaders, Duration resolveAfter,
                            String generatorUrl, URI pagerduty, String routingKey, String pagerdutySource, URI webhook,
                            Map<String, String> webhookHeaders, Set<Problem> problems, Map<Problem, AlertSeverity> severities,
                            Retry retry, Duration connectTimeout, Duration requestTimeout, Duration deliveryBudget) {

    /** Retries of one delivery: {@code maxAttempts} requests at most, backoff initial × multiplier^n up to max. */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    }

    private static final String PREFIX = "driftwatch.alerts.";
    private static final String ALERTMANAGER_PATH = "/api/v2/alerts";

    public AlertSettings {
        alertmanagerHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(alertmanagerHeaders));
        webhookHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(webhookHeaders));
        problems = problems.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(problems));
        severities = Collections.unmodifiableMap(new EnumMap<>(severities));
    }

    public boolean anySink() {
        return alertmanager != null || pagerduty != null || webhook != null;
    }

    /** Every problem has one: {@link #from} sets them all (the defaults are {@link AlertProperties}'). */
    public AlertSeverity severity(Problem problem) {
        return severities.get(problem);
    }

    /**
     * The longest one process can spend on alert delivery: the sinks are served concurrently, each for at most
     * its budget plus one request that started just before the budget ran out (its connect and request timeouts
     * are capped by what remains, so this is generous).
     */
    public Duration worstCaseDeliveryTime() {
        return anySink() ? deliveryBudget.plus(connectTimeout).plus(requestTimeout) : Duration.ZERO;
    }

    /** Validates the properties; every problem found is reported at once. */
    public static AlertSettings from(AlertProperties p) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        URI alertmanager = null;
        if (isSet(p.getAlertmanager().getUrl())) {
            URI base = ConfigValues.httpUrl(null, PREFIX + "alertmanager.url", p.getAlertmanager().getUrl(),
                    "set the Alertmanager's base URL, e.g. http://alertmanager.monitoring:9093", problems);
            if (base != null) {
                String url = strip(base.toString());
                alertmanager = URI.create(url.endsWith(ALERTMANAGER_PATH) ? url : url + ALERTMANAGER_PATH);
            }
        }
        String generatorUrl = null;
        if (isSet(p.getAlertmanager().getGeneratorUrl())) {
            URI link = ConfigValues.httpUrl(null, PREFIX + "alertmanager.generator-url", p.getAlertmanager().getGeneratorUrl(),
                    "set a link to a dashboard, e.g. https://grafana.example.com/d/driftwatch", problems);
            generatorUrl = link == null ? null : link.toString();
        }
        ConfigValues.positive(null, PREFIX + "alertmanager.resolve-after", p.getAlertmanager().getResolveAfter(),
                "longer than the time between two runs (36h for a nightly CronJob), e.g. PT36H", problems);

        URI pagerduty = null;
        String routingKey = null;
        if (isSet(p.getPagerduty().getRoutingKey())) {
            routingKey = p.getPagerduty().getRoutingKey().trim();
            pagerduty = ConfigValues.httpUrl(null, PREFIX + "pagerduty.url", p.getPagerduty().getUrl(),
                    "leave it unset for https://events.pagerduty.com/v2/enqueue", problems);
        } else if (isSet(p.getPagerduty().getUrl()) && !p.getPagerduty().getUrl().equals(new AlertProperties.Pagerduty().getUrl())) {
            problems.add(problem("pagerduty.routing-key", null, "pagerduty.url is set but PagerDuty stays off without a routing key",
                    "set the integration key of the PagerDuty service (Events API v2), or remove pagerduty.url"));
        }
        if (!isSet(p.getPagerduty().getSource())) {
            problems.add(problem("pagerduty.source", p.getPagerduty().getSource(), "must not be blank",
                    "leave it unset for 'driftwatch', or name the host or service that sends the events"));
        }

        URI webhook = null;
        if (isSet(p.getWebhook().getUrl())) {
            webhook = ConfigValues.httpUrl(null, PREFIX + "webhook.url", p.getWebhook().getUrl(), "set the full URL the JSON is"
                    + " POSTed to, e.g. a Slack incoming webhook https://hooks.slack.com/services/...", problems);
        }
        headers("alertmanager.headers", p.getAlertmanager().getHeaders(), problems);
        headers("webhook.headers", p.getWebhook().getHeaders(), problems);

        Set<Problem> on = EnumSet.noneOf(Problem.class);
        AlertProperties.NotifyOn notifyOn = p.getNotifyOn();
        Map<Problem, Boolean> switches = Map.of(Problem.DATASET_DRIFT, notifyOn.isDatasetDrift(), Problem.RETRAINING,
                notifyOn.isRetraining(), Problem.RUN_FAILED, notifyOn.isRunFailed(), Problem.CANARY_ROLLBACK,
                notifyOn.isCanaryRollback());
        switches.forEach((problem, enabled) -> {
            if (enabled) {
                on.add(problem);
            }
        });
        Map<Problem, AlertSeverity> severities = new EnumMap<>(Problem.class);
        AlertProperties.Severities s = p.getSeverity();
        severity(Problem.DATASET_DRIFT, "severity.dataset-drift", s.getDatasetDrift(), severities, problems);
        severity(Problem.RETRAINING, "severity.retraining", s.getRetraining(), severities, problems);
        severity(Problem.RUN_FAILED, "severity.run-failed", s.getRunFailed(), severities, problems);
        severity(Problem.CANARY_ROLLBACK, "severity.canary-rollback", s.getCanaryRollback(), severities, problems);

        AlertProperties.Retry r = p.getRetry();
        ConfigValues.inRange(null, PREFIX + "retry.max-attempts", r.getMaxAttempts(), 1, 20,
                "requests per delivery including the first; the default is 4", problems);
        ConfigValues.positive(null, PREFIX + "retry.initial-backoff", r.getInitialBackoff(), "e.g. PT1S", problems);
        ConfigValues.positive(null, PREFIX + "retry.max-backoff", r.getMaxBackoff(), "e.g. PT30S", problems);
        if (r.getInitialBackoff() != null && r.getMaxBackoff() != null && r.getMaxBackoff().compareTo(r.getInitialBackoff()) < 0) {
            problems.add(problem("retry.max-backoff", r.getMaxBackoff().toString(),
                    "is shorter than retry.initial-backoff (" + r.getInitialBackoff() + ")", "make it at least the initial backoff"));
        }
        ConfigValues.inRange(null, PREFIX + "retry.multiplier", r.getMultiplier(), 1, 10,
                "1 keeps the backoff constant; the default 2 doubles it after every attempt", problems);
        ConfigValues.positive(null, PREFIX + "connect-timeout", p.getConnectTimeout(), "e.g. PT5S", problems);
        ConfigValues.positive(null, PREFIX + "request-timeout", p.getRequestTimeout(), "e.g. PT10S", problems);
        ConfigValues.positive(null, PREFIX + "delivery-budget", p.getDeliveryBudget(),
                "the time one run may spend on one sink, retries included, e.g. PT60S", problems);

        if (!problems.isEmpty()) {
            throw new AlertConfigurationException(problems);
        }
        return new AlertSettings(alertmanager, p.getAlertmanager().getHeaders(), p.getAlertmanager().getResolveAfter(),
                generatorUrl, pagerduty, routingKey, p.getPagerduty().getSource().trim(), webhook, p.getWebhook().getHeaders(),
                on, severities, new Retry(r.getMaxAttempts(), r.getInitialBackoff(), r.getMultiplier(), r.getMaxBackoff()),
                p.getConnectTimeout(), p.getRequestTimeout(), p.getDeliveryBudget());
    }

    private static void headers(String key, Map<String, String> headers, List<ConfigurationProblem> problems) {
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                problems.add(problem(key + "." + name, null, "is not a valid HTTP header name", "use letters, digits and '-'"));
            } else if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                // The value is never echoed: headers carry credentials.
                problems.add(problem(key + "." + name, "(hidden)", "must be a single non-empty line", "remove line breaks"));
            }
        });
    }

    private static void severity(Problem problem, String key, String value, Map<Problem, AlertSeverity> into,
                                 List<ConfigurationProblem> problems) {
        AlertSeverity severity = AlertSeverity.parse(value);
        if (severity == null) {
            problems.add(problem(key, value, "is not a severity", "use one of " + AlertSeverity.allowed()));
        } else {
            into.put(problem, severity);
        }
    }

    private static ConfigurationProblem problem(String key, String value, String problem, String fix) {
        return ConfigurationProblem.of(PREFIX + key, value, problem, fix);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String strip(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
