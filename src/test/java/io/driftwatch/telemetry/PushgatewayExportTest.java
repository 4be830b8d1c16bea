package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.demo.DemoReference;

/** A short-lived run pushes its final metrics to a (local, real HTTP) Pushgateway before the process exits. */
class PushgatewayExportTest {

    record Request(String method, String path, String body) {
    }

    private final List<Request> received = new CopyOnWriteArrayList<>();
    private HttpServer pushgateway;

    @BeforeEach
    void startPushgateway() throws IOException {
        pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.start();
    }

    @AfterEach
    void stopPushgateway() {
        pushgateway.stop(0);
    }

    @Test
    void theFinalDriftScoresArePushedWhenTheProcessExits() {
        int exit = SpringApplication.exit(SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:pushgateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--management.prometheus.metrics.export.pushgateway.enabled=true",
                "--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + pushgateway.getAddress().getPort(),
                "--management.prometheus.metrics.export.pushgateway.format=text",
                "--management.prometheus.metrics.export.pushgateway.push-rate=1h",
                "runDate=2026-05-01"));

        assertThat(exit).isZero();
        Request last = received.stream().filter(r -> r.method().equals("PUT")).reduce((a, b) -> b).orElseThrow();
        assertThat(last.path()).isEqualTo("/metrics/job/driftwatch/command/driftJob");
        for (String feature : List.of("income", "region")) {
            Matcher score = Pattern.compile("(?m)^driftwatch_drift_score\\{[^}]*feature=\"" + feature
                    + "\"[^}]*method=\"effects\"[^}]*} (\\S+)$").matcher(last.body());
            assertThat(score.find()).as("pushed effects score of %s in%n%s", feature, last.body()).isTrue();
            DemoReference.assertEffectsScore(feature, Double.parseDouble(score.group(1)), 0);
        }
        assertThat(last.body())
                .contains("driftwatch_features_drifted_total{monitor=\"loans-demo\"} 2.0")
                .contains("driftwatch_retraining_tasks_enqueued_total{model=\"credit-risk-demo\",monitor=\"loans-demo\"} 1.0")
                .contains("spring_batch_job_seconds_count");
    }
}
