package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.driftwatch.demo.DemoReference;

/** A short-lived run pushes its final metrics to a (local, real HTTP) Pushgateway before the process exits. */
class PushgatewayExportTest {

    @Test
    void theFinalDriftScoresArePushedWhenTheProcessExits() {
        ExportedDemoNight night = ExportedDemoNight.get();

        assertThat(night.exitCode).isZero();
        ExportedDemoNight.Request last = night.pushes.stream().filter(r -> r.method().equals("PUT")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.path()).isEqualTo("/metrics/job/driftwatch/command/driftJob");
        String body = last.text();
        for (String feature : List.of("income", "region")) {
            Matcher score = Pattern.compile("(?m)^driftwatch_drift_score\\{[^}]*feature=\"" + feature
                    + "\"[^}]*method=\"effects\"[^}]*} (\\S+)$").matcher(body);
            assertThat(score.find()).as("pushed effects score of %s in%n%s", feature, body).isTrue();
            DemoReference.assertEffectsScore(feature, Double.parseDouble(score.group(1)), 0);
        }
        assertThat(body)
                .contains("driftwatch_features_drifted_total{monitor=\"loans-demo\"} 2.0")
                .contains("driftwatch_retraining_tasks_enqueued_total{model=\"credit-risk-demo\",monitor=\"loans-demo\"} 1.0")
                .contains("spring_batch_job_seconds_count");
    }
}
