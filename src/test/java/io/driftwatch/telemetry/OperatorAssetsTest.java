package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.driftwatch.DriftwatchApplication;

/** The shipped alert rules and dashboard query only series (and labels) a run really emits. */
class OperatorAssetsTest {

    private static final Pattern SERIES = Pattern.compile("\\b((?:driftwatch|spring_batch)_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)\\s*=~?");

    @Test
    void alertRulesAndDashboardReferenceOnlyEmittedSeries() throws IOException {
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:operator-assets;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "runDate=2026-05-01");
        String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
        SpringApplication.exit(context);

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
                        assertThat(scrape).as("label %s of %s in %s", labels.group(1), name, asset)
                                .containsPattern("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\b" + labels.group(1) + "=");
                    }
                }
            }
        }
        assertThat(referenced).contains("driftwatch_drift_score", "driftwatch_features_drifted_total",
                "driftwatch_retraining_tasks_enqueued_total", "spring_batch_job_seconds_count");
    }
}
