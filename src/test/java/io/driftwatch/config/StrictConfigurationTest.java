package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;

import io.driftwatch.DriftwatchApplication;

/** Unknown driftwatch.* keys stop startup, naming the key, where it was set and the key that was meant. */
class StrictConfigurationTest {

    private static final String DB = "--spring.datasource.url=jdbc:h2:mem:strict;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

    @TempDir
    Path dir;

    @Test
    void aMisspeltMonitorKeyInAFileIsNamedWithFileLineAndTheKeyMeant() throws IOException {
        Path file = Files.writeString(dir.resolve("monitors.yaml"), """
                driftwatch:
                  monitors:
                    - name: loans
                      model: credit-risk
                      source: { table: loan_features, timestamp-column: scored_at }
                      windw: P7D
                      features:
                        - { name: income, type: numeric }
                """);

        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class, DB,
                "--spring.config.additional-location=file:" + file, "--driftwatch.launch.enabled=false"))
                .isInstanceOf(UnknownConfigurationKeyException.class)
                .hasMessageContaining("driftwatch.monitors[0].windw = 'P7D': unknown key")
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("monitors.yaml], line 6, column 14")
                .hasMessageContaining("did you mean driftwatch.monitors[0].window?")
                .satisfies(e -> assertThat(((ExitCodeGenerator) e).getExitCode()).isEqualTo(2));
    }

    @Test
    void aMisspeltProcessKeyOnTheCommandLineIsNamedWithTheKeyMeant() {
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class, DB, "--driftwatch.partition-thread=4",
                "--driftwatch.alerts.retry.max-atempts=2", "--driftwatch.launch.enabled=false"))
                .isInstanceOf(UnknownConfigurationKeyException.class)
                .hasMessageContaining("driftwatch.partition-thread = '4': unknown key (set on the command line)")
                .hasMessageContaining("did you mean driftwatch.partition-threads?")
                .hasMessageContaining("did you mean driftwatch.alerts.retry.max-attempts?");
    }

    @Test
    void knownKeysInAnySpellingSpringAcceptsAndFreeMapKeysPass() {
        KnownKeys.Node root = KnownKeys.load(getClass().getClassLoader());

        for (String key : new String[] {"driftwatch.partitionThreads", "driftwatch.monitors[3].source.timestamp-column",
                "driftwatch.monitors[0].features[2].edges[1]", "driftwatch.monitors[0].methods.numeric[0]",
                "driftwatch.monitors[0].thresholds.psi", "driftwatch.alerts.webhook.headers.authorization",
                "driftwatch.monitors[0].retraining.critical-features[0]", "driftwatch.canary.max-p99-increase",
                "driftwatch.metrics.per-feature", "driftwatch.launch.enabled"}) {
            assertThat(StrictConfiguration.unknown(root,
                    org.springframework.boot.context.properties.source.ConfigurationPropertyName.adapt(key, '.')))
                    .as(key).isEmpty();
        }
        assertThat(StrictConfiguration.unknown(root,
                org.springframework.boot.context.properties.source.ConfigurationPropertyName.of("driftwatch.zone.id")))
                .hasValueSatisfying(fix -> assertThat(fix).contains("'driftwatch.zone' is a single value"));
    }
}
