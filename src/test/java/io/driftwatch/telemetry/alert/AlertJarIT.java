package io.driftwatch.telemetry.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.driftwatch.support.PackagedJar;
import io.driftwatch.support.PackagedJar.Result;

/** Incident webhooks through the packaged jar on the embedded demo, configured as the README says. */
class AlertJarIT {


    private final RecordingEndpoint webhook = RecordingEndpoint.start(200);

    @TempDir
    Path dir;

    @BeforeEach
    void packagedJar() {
        // Run by failsafe after `package`; a surefire pattern that happens to match skips it.
        assumeTrue(System.getProperty("driftwatch.jar") != null, "needs the packaged jar (mvn verify)");
    }

    @AfterEach
    void stop() {
        webhook.close();
    }

    @Test
    void aYamlConfiguredWebhookHearsTheProblemsSwitchedOnAndTheRunExitsZero() throws Exception {
        Path config = dir.resolve("alerts.yaml");
        Files.writeString(config, """
                driftwatch:
                  alerts:
                    webhook:
                      url: %s/hooks/driftwatch
                      headers: { Authorization: Bearer jar-token }
                    notify-on: { dataset-drift: false, retraining: true }
                """.formatted(webhook.url()));

        Result result = runJar(Map.of(), "--spring.config.additional-location=file:" + config, "runDate=2026-05-01");

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<JsonNode> messages = webhook.received().stream().map(RecordingEndpoint.Received::json).toList();
        assertThat(messages).isNotEmpty().allSatisfy(m -> assertThat(m.get("problem").asString()).isEqualTo("retraining"));
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.get("dedup_key").asString()).isEqualTo("driftwatch/loans-demo/retraining");
            assertThat(m.get("status").asString()).isEqualTo("firing");
        });
        assertThat(webhook.received().get(0).header("Authorization")).isEqualTo("Bearer jar-token");
        assertThat(result.output()).contains("Alert driftwatch/loans-demo/retraining FIRING delivered to webhook")
                .doesNotContain(webhook.url());
    }

    @Test
    void aWrongWebhookUrlStopsStartupWithExitCodeTwoAndNamesTheKey() throws Exception {
        Result result = runJar(Map.of("DRIFTWATCH_ALERTS_WEBHOOK_URL", "hooks.example.com/x"), "runDate=2026-05-01");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("Invalid alert configuration (1 problem)")
                .contains("driftwatch.alerts.webhook.url = 'hooks.example.com/x': is not an http(s) URL");
        assertThat(webhook.received()).isEmpty();
    }

    private Result runJar(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return PackagedJar.run(List.of(args), environment);
    }
}
