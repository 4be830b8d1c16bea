package io.driftwatch.telemetry.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;

@ExtendWith(OutputCaptureExtension.class)
class AlertSettingsTest {

    @Test
    void everySinkIsOffAndEveryProblemOnByDefault() {
        AlertSettings settings = AlertSettings.from(new AlertProperties());

        assertThat(settings.anySink()).isFalse();
        assertThat(settings.problems()).containsExactlyInAnyOrder(Problem.values());
        assertThat(settings.severity(Problem.RUN_FAILED)).isEqualTo(AlertSeverity.ERROR);
        assertThat(settings.severity(Problem.CANARY_ROLLBACK)).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(settings.severity(Problem.DATASET_DRIFT)).isEqualTo(AlertSeverity.WARNING);
        assertThat(settings.severity(Problem.RETRAINING)).isEqualTo(AlertSeverity.INFO);
        assertThat(settings.retry()).isEqualTo(new AlertSettings.Retry(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(30)));
        assertThat(settings.worstCaseDeliveryTime()).isZero();
    }

    @Test
    void theAlertmanagerPathIsAddedToItsBaseUrlOnce() {
        AlertProperties properties = new AlertProperties();
        properties.getAlertmanager().setUrl("http://alertmanager.monitoring:9093/");
        assertThat(AlertSettings.from(properties).alertmanager()).hasToString("http://alertmanager.monitoring:9093/api/v2/alerts");

        properties.getAlertmanager().setUrl("https://am.example.com/api/v2/alerts");
        assertThat(AlertSettings.from(properties).alertmanager()).hasToString("https://am.example.com/api/v2/alerts");
    }

    @Test
    void sinksAreServedConcurrentlySoTheWorstCaseIsOneSinksBound() {
        AlertProperties properties = new AlertProperties();
        properties.getAlertmanager().setUrl("http://am.example.com:9093");
        properties.getPagerduty().setRoutingKey("R0UT1NG");
        properties.getWebhook().setUrl("https://hooks.example.com/x");

        // budget 60 s + connect 5 s + request 10 s, once for all three sinks
        assertThat(AlertSettings.from(properties).worstCaseDeliveryTime()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void pagerDutyIsOnWithARoutingKeyAndTheDefaultEndpoint() {
        AlertProperties properties = new AlertProperties();
        properties.getPagerduty().setRoutingKey(" R0UT1NG ");

        AlertSettings settings = AlertSettings.from(properties);

        assertThat(settings.pagerduty()).hasToString("https://events.pagerduty.com/v2/enqueue");
        assertThat(settings.routingKey()).isEqualTo("R0UT1NG");
        assertThat(settings.worstCaseDeliveryTime()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void problemsCanBeSwitchedOffAndSeveritiesChanged() {
        AlertProperties properties = new AlertProperties();
        properties.getNotifyOn().setRetraining(false);
        properties.getSeverity().setRunFailed("Critical");

        AlertSettings settings = AlertSettings.from(properties);

        assertThat(settings.problems()).doesNotContain(Problem.RETRAINING).contains(Problem.DATASET_DRIFT);
        assertThat(settings.severity(Problem.RUN_FAILED)).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void everyWrongKeyIsReportedAtOnceWithItsFix() {
        AlertProperties properties = new AlertProperties();
        properties.getAlertmanager().setUrl("alertmanager:9093");
        properties.getWebhook().setUrl("https://hooks.example.com/a b");
        properties.getPagerduty().setUrl("https://events.eu.pagerduty.com/v2/enqueue");
        properties.getSeverity().setDatasetDrift("high");
        properties.getRetry().setMaxAttempts(0);
        properties.getRetry().setInitialBackoff(Duration.ofSeconds(10));
        properties.getRetry().setMaxBackoff(Duration.ofSeconds(1));
        properties.getRetry().setMultiplier(0.5);
        properties.setDeliveryBudget(Duration.ZERO);
        properties.getWebhook().getHeaders().put("Authorization", "Bearer a\nb");

        assertThatThrownBy(() -> AlertSettings.from(properties))
                .isInstanceOfSatisfying(AlertConfigurationException.class, e -> {
                    assertThat(e.getExitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION.code());
                    assertThat(e.problems()).extracting(io.driftwatch.config.ConfigurationProblem::key).containsExactly(
                            "driftwatch.alerts.alertmanager.url", "driftwatch.alerts.pagerduty.routing-key",
                            "driftwatch.alerts.webhook.url", "driftwatch.alerts.webhook.headers.Authorization",
                            "driftwatch.alerts.severity.dataset-drift", "driftwatch.alerts.retry.max-attempts",
                            "driftwatch.alerts.retry.max-backoff", "driftwatch.alerts.retry.multiplier",
                            "driftwatch.alerts.delivery-budget");
                    assertThat(e.getMessage())
                            .contains("driftwatch.alerts.alertmanager.url = 'alertmanager:9093': is not an http(s) URL. Fix:")
                            .contains("use one of critical, error, warning, info")
                            .contains("(hidden)").doesNotContain("Bearer a");
                });
    }

    @Test
    void anInvalidUrlFailsStartupWithExitCodeTwoAndSaysWhichKey(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:alertconfig;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--driftwatch.launch.enabled=false",
                "--driftwatch.alerts.webhook.url=not a url"))
                .satisfies(failure -> {
                    AlertConfigurationException cause = cause(failure);
                    assertThat(cause.getExitCode()).isEqualTo(2);
                    assertThat(cause.problems()).singleElement()
                            .satisfies(p -> assertThat(p.key()).isEqualTo("driftwatch.alerts.webhook.url"));
                });
        assertThat(output).contains("Invalid alert configuration (1 problem)")
                .contains("driftwatch.alerts.webhook.url = 'not a url'").contains("Exit code 2");
    }

    private static AlertConfigurationException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AlertConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no AlertConfigurationException in " + failure);
    }
}
