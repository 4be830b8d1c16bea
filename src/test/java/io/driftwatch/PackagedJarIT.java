package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.support.PackagedJar;
import io.driftwatch.support.PackagedJar.Result;
import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/**
 * The packaged jar, run as the README says (java -jar, datasource from environment variables,
 * monitors from a mounted YAML file), against PostgreSQL holding a feature table of the README's
 * shape. Checks the rows written and the process exit codes.
 */
@RequiresPostgres
class PackagedJarIT {

    private static final String MONITORS = """
            driftwatch:
              monitors:
                - name: loans
                  model: credit-risk
                  source: { table: loan_features, timestamp-column: scored_at }
                  baseline: { table: loan_features, from: 2026-01-01T00:00:00Z, to: 2026-02-01T00:00:00Z }
                  window: %s
                  features:
                    - { name: income, type: numeric }
                    - { name: %s, type: categorical }
                  methods: { numeric: [psi, mean_shift], categorical: [psi] }
                  retraining: { accuracy-floor: 0.78, latency-ceiling: 0.5 }
            """;

    private static String url;
    private static JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void featureTableInAnExistingDatabase() {
        url = PostgresTestDatabase.freshSchemaUrl("dw_jar");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        // The user's table exists before driftwatch ever runs (Flyway must baseline, not refuse).
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable("loan_features");
        generator.insert("loan_features", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
                4_000, Set.of(), 1);
        generator.insert("loan_features", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"),
                4_000, Set.of("income", "region"), 2);
    }

    @org.junit.jupiter.api.BeforeEach
    void noOpenTaskFromAnotherTest() {
        // A model has at most one open task; each test judges its own night.
        if (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'retraining_task'"
                + " AND table_schema = current_schema()", Long.class) > 0) {
            jdbc.update("UPDATE retraining_task SET status = 'CANCELLED', finished_at = now(), updated_at = now(), lease_expires_at = NULL"
                    + " WHERE status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
        }
    }

    @AfterAll
    static void dropSchema() {
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }

    @Test
    void writesTheExpectedRowsAndExitsWithTheDocumentedCodes() throws Exception {
        Path monitors = write("monitors.yaml", MONITORS.formatted("P1D", "region"));

        Result first = runJar(monitors, "runDate=2026-03-02");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("retraining tasks enqueued: 1");
        Map<String, Object> run = jdbc.queryForMap("SELECT * FROM drift_run WHERE run_date = DATE '2026-03-02'");
        assertThat(run.get("status")).isEqualTo("COMPLETED");
        assertThat(run.get("performance_status")).isEqualTo("MISSING");
        assertThat(((Number) run.get("current_rows")).longValue()).isEqualTo(4_000);
        assertThat(jdbc.queryForList("SELECT feature || ':' || method || ':' || drifted FROM drift_report"
                + " WHERE run_date = DATE '2026-03-02' ORDER BY 1", String.class))
                .containsExactly("income:mean_shift:true", "income:psi:true", "region:psi:true");
        assertThat(jdbc.queryForObject("SELECT status FROM retraining_task WHERE run_date = DATE '2026-03-02'", String.class))
                .isEqualTo("PENDING");
        // jsonb on PostgreSQL: analysts can query into the evidence.
        assertThat(jdbc.queryForObject("SELECT jsonb_array_length(evidence -> 'drifted_features') FROM retraining_task"
                + " WHERE run_date = DATE '2026-03-02'",
                Integer.class)).isEqualTo(3);

        Result rerun = runJar(monitors, "runDate=2026-03-02");

        assertThat(rerun.exitCode()).as(rerun.output()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = DATE '2026-03-02'", Long.class))
                .isEqualTo(3);
    }

    @Test
    void aBadDurationExitsTwoNamingTheKey() throws Exception {
        Result result = runJar(write("bad-window.yaml", MONITORS.formatted("P1X", "region")), "runDate=2026-03-03");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("driftwatch.monitors[0].window = 'P1X'").contains("P1D");
    }

    @Test
    void aMissingColumnExitsTwoAndWritesNoRun() throws Exception {
        Result result = runJar(write("bad-column.yaml", MONITORS.formatted("P1D", "regoin")), "runDate=2026-03-04");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("has no column regoin");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = DATE '2026-03-04'", Long.class)).isZero();
    }

    @Test
    void helpExitsZeroAndADateWithoutRowsExitsSevenWritingNothing() throws Exception {
        Path monitors = write("monitors.yaml", MONITORS.formatted("P1D", "region"));

        Result help = runJar(monitors, "--help");
        Result empty = runJar(monitors, "runDate=2026-05-02");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: java -jar driftwatch.jar").contains("Exit codes");
        assertThat(empty.exitCode()).as(empty.output()).isEqualTo(7);
        assertThat(empty.output()).contains("the current window [2026-05-01T00:00:00Z, 2026-05-02T00:00:00Z) of loan_features"
                + " holds no rows").doesNotContain("\tat ");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = DATE '2026-05-02'", Long.class)).isZero();
    }

    @Test
    void sigtermStopsTheRunningJobAndTheNextAttemptResumesTheDate() throws Exception {
        // A window large enough that the job is still profiling when the pod is told to terminate.
        jdbc.update("""
                INSERT INTO loan_features (scored_at, income, age, credit_score, debt_ratio, region, channel)
                SELECT timestamptz '2026-04-01 00:00:00+00' + i * interval '50 milliseconds', 30000 + (i % 1000) * 50.0,
                       20 + i % 60, 600 + i % 200, (i % 100) / 100.0,
                       CASE i % 3 WHEN 0 THEN 'north' WHEN 1 THEN 'south' ELSE 'east' END, 'web'
                FROM generate_series(0, 1499999) AS i""");
        Path monitors = write("monitors.yaml", MONITORS.formatted("P1D", "region"));
        // A Pushgateway and an OTLP collector: a terminated pod still exports the stopped night's telemetry.
        List<String> pushes = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<byte[]> traces = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer collector = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/metrics/", exchange -> {
            pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.createContext("/v1/traces", exchange -> {
            traces.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        int port = collector.getAddress().getPort();
        Process process = start(monitors, "runDate=2026-04-02",
                "--management.prometheus.metrics.export.pushgateway.enabled=true",
                "--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + port,
                "--management.prometheus.metrics.export.pushgateway.format=text",
                "--management.prometheus.metrics.export.pushgateway.push-rate=1h",
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:" + port + "/v1/traces");
        StringBuilder output = new StringBuilder();
        java.util.concurrent.CountDownLatch profiling = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                    // the baseline partition of the profile step has begun (scanned or from the cache)
                    if (line.contains("Monitor loans baseline: ")) {
                        profiling.countDown();
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        assertThat(profiling.await(2, TimeUnit.MINUTES)).as("profile step started").isTrue();

        // SIGTERM, as Kubernetes sends it (Process.destroy would also close our end of its output)
        process.toHandle().destroy();

        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        reader.join(10_000);
        assertThat(process.exitValue()).as(output.toString()).isEqualTo(143);
        assertThat(output.toString()).contains("Termination requested");
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1",
                String.class)).isEqualTo("STOPPED");
        assertThat(jdbc.queryForObject("SELECT status FROM drift_run WHERE run_date = DATE '2026-04-02'", String.class))
                .isEqualTo("FAILED");
        collector.stop(0);
        assertThat(pushes).as(output.toString()).anySatisfy(push -> assertThat(push)
                .startsWith("PUT /metrics/job/driftwatch/command/driftJob")
                .contains("driftwatch_runs_total{job=\"driftJob\",outcome=\"stopped\"} 1.0"));
        List<String> spanNames = new ArrayList<>();
        for (byte[] body : traces) {
            io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()
                    .forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList()
                            .forEach(span -> spanNames.add(span.getName()))));
        }
        assertThat(spanNames).as(output.toString()).contains("driftJob", "prepare", "profile");

        Result resumed = runJar(monitors, "runDate=2026-04-02");

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM drift_run WHERE run_date = DATE '2026-04-02'", String.class))
                .isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT current_rows FROM drift_run WHERE run_date = DATE '2026-04-02'", Long.class))
                .isEqualTo(1_500_000L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = DATE '2026-04-02'", Long.class))
                .isEqualTo(3);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Result runJar(Path monitors, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--spring.config.additional-location=file:" + monitors));
        all.addAll(List.of(args));
        return PackagedJar.run(all, environment());
    }

    private Map<String, String> environment() {
        return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "");
    }

    private Process start(Path monitors, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--spring.config.additional-location=file:" + monitors));
        all.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(PackagedJar.command(all)).redirectErrorStream(true);
        builder.environment().putAll(environment());
        return builder.start();
    }
}
