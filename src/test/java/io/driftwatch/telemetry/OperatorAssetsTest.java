package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.demo.DemoData;

/** The shipped alert rules and dashboard query only series (and labels) a run really emits. */
class OperatorAssetsTest {

    private static final Pattern SERIES = Pattern.compile("\\b((?:driftwatch|spring_batch)_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)\\s*=~?");
    /** The grouping key's labels, which the Pushgateway puts on every pushed series. */
    private static final Set<String> PUSHGATEWAY_LABELS = Set.of("job", "command");

    @Test
    void alertRulesAndDashboardReferenceOnlyEmittedSeries() throws IOException {
        // Two nights (the second's retraining is skipped: the first night's task is open) and a canary verdict in
        // one process, so that the skipped-task and canary series exist too.
        DemoNightsInProcess nights = DemoNightsInProcess.get();
        assertThat(nights.secondNightExit).isEqualTo(ExitCodes.COMPLETED);
        assertThat(nights.canaryExit).isEqualTo(ExitCodes.ROLLBACK);
        String scrape = nights.afterCanary + segmentedNight();

        Set<String> referenced = new TreeSet<>();
        for (Path asset : new Path[] {Path.of("ops/prometheus/driftwatch-alerts.yaml"),
                Path.of("ops/grafana/driftwatch-dashboard.json")}) {
            Matcher m = SERIES.matcher(Files.readString(asset));
            while (m.find()) {
                String name = m.group(1);
                referenced.add(name);
                assertThat(scrape).as("%s in %s", name, asset).containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
                if (m.group(3) != null) {
                    Matcher labels = LABEL.matcher(m.group(3));
                    while (labels.find()) {
                        if (PUSHGATEWAY_LABELS.contains(labels.group(1))) {
                            continue;   // added by the Pushgateway: ops.PushedAlertsTest checks them there
                        }
                        assertThat(scrape).as("label %s of %s in %s", labels.group(1), name, asset)
                                .containsPattern("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\b" + labels.group(1) + "=");
                    }
                }
            }
        }
        assertThat(referenced).contains("driftwatch_drift_score", "driftwatch_features_drifted_total",
                "driftwatch_retraining_tasks_enqueued_total", "driftwatch_dataset_drifted", "driftwatch_runs_total",
                "driftwatch_queue_tasks", "driftwatch_queue_oldest_waiting_seconds", "driftwatch_canary_verdicts_total",
                "spring_batch_job_seconds_sum", "driftwatch_segments_drifted");
    }

    /**
     * The scrape after a night of the demo's monitor configured by hand with segments (by channel): the segment
     * series exist only for a monitor with segments, which the demo is not.
     */
    private static String segmentedNight() {
        String m = "--driftwatch.monitors[0].";
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--spring.datasource.url=jdbc:h2:mem:operator-assets-segments;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DB_CLOSE_DELAY=-1", "--driftwatch.launch.enabled=false", m + "name=loans-demo",
                m + "model=" + DemoData.MODEL, m + "source.table=" + DemoData.SOURCE_TABLE,
                m + "source.timestamp-column=scored_at", m + "baseline.table=" + DemoData.BASELINE_TABLE, m + "window=P1D",
                m + "segments[0].column=channel", m + "segments[0].max=5"));
        var features = DemoData.monitors().get(0).getFeatures();
        for (int i = 0; i < features.size(); i++) {
            args.add(m + "features[" + i + "].name=" + features.get(i).getName());
            args.add(m + "features[" + i + "].type=" + features.get(i).getType());
        }
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class,
                args.toArray(String[]::new));
        try {
            LocalDate night = LocalDate.parse("2026-05-01");
            DemoData.load(context.getBean(JdbcTemplate.class), night, ZoneOffset.UTC);
            assertThat(context.getBean(DriftCommand.class).launch(night).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            return context.getBean(PrometheusMeterRegistry.class).scrape();
        } finally {
            SpringApplication.exit(context);
        }
    }
}
