package io.driftwatch.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.support.PackagedJar;
import io.driftwatch.support.PackagedJar.Result;

/**
 * canaryJob through the packaged jar, as a rollout tool runs it: prediction logs in the database,
 * the verdict as the process exit code (0 PROMOTE, 10 ROLLBACK, 11 INCONCLUSIVE), on stdout as JSON,
 * in a file, and in {@code canary_verdict}. One subclass per database.
 */
abstract class AbstractCanaryJarIT {

    static final Instant END = Instant.parse("2026-04-01T12:00:00Z");
    static final Instant START = END.minusSeconds(3600);

    @TempDir
    Path dir;

    JdbcTemplate jdbc;

    abstract String url();

    abstract String flywayLocation();

    abstract Map<String, String> environment();

    @BeforeEach
    void logs() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url());
        environment().forEach((k, v) -> {
            if (k.equals("SPRING_DATASOURCE_USERNAME")) {
                dataSource.setUsername(v);
            }
        });
        Flyway.configure().dataSource(dataSource).locations(flywayLocation()).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM prediction_log", Long.class) == 0) {
            PredictionLogs.insert(jdbc, "ranker", "v1", START, END, 1_000, 0.20, 0.05, 0.83, 1);
            PredictionLogs.insert(jdbc, "ranker", "v2-healthy", START, END, 1_000, 0.20, 0.05, 0.83, 2);
            PredictionLogs.insert(jdbc, "ranker", "v3-slow", START, END, 1_000, 0.35, 0.05, 0.83, 3);
            PredictionLogs.insert(jdbc, "ranker", "v4-new", START, END, 20, 0.20, 0.05, 0.83, 4);
            // shadow: the same 600 requests scored by production and by two shadow candidates
            PredictionLogs.insert(jdbc, "ranker", "prod", "req-", START, END, 600, 0.20, 0.02, 0.83, 5, 0);
            PredictionLogs.insert(jdbc, "ranker", "shadow-same", "req-", START, END, 600, 0.20, 0.02, 0.83, 5, 0);
            PredictionLogs.insert(jdbc, "ranker", "shadow-off", "req-", START, END, 600, 0.20, 0.02, 0.83, 5, 0.2);
            // pre-aggregated metrics, two half-hour periods per version: the reference example and a slow candidate
            aggregates("agg-v1", 1_000, 50, 950, 789, 0.20, 0.30);
            aggregates("agg-good", 1_000, 40, 960, 816, 0.22, 0.32);
            aggregates("agg-slow", 1_000, 40, 960, 816, 0.30, 0.40);
        }
    }

    @Test
    void aHealthyCandidateIsPromotedWithExitZeroAndTheVerdictEverywhere() throws Exception {
        Path file = dir.resolve("verdict.json");

        Result r = run("v2-healthy", "--driftwatch.canary.output=" + file);

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("\"verdict\":\"PROMOTE\"").contains("\"candidate_version\":\"v2-healthy\"");
        assertThat(Files.readString(file)).contains("\"verdict\":\"PROMOTE\"");
        assertThat(jdbc.queryForObject("SELECT verdict FROM canary_verdict WHERE candidate_version = 'v2-healthy'",
                String.class)).isEqualTo("PROMOTE");
    }

    @Test
    void aLatencyRegressionIsRolledBackWithExitTen() throws Exception {
        Result r = run("v3-slow");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(10);
        assertThat(r.output()).contains("\"verdict\":\"ROLLBACK\"").contains("latency");
        assertThat(jdbc.queryForObject("SELECT verdict FROM canary_verdict WHERE candidate_version = 'v3-slow'",
                String.class)).isEqualTo("ROLLBACK");
    }

    @Test
    void tooFewRequestsAreInconclusiveWithExitElevenNeverARollback() throws Exception {
        Result r = run("v4-new");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(11);
        assertThat(r.output()).contains("\"verdict\":\"INCONCLUSIVE\"");
    }

    @Test
    void shadowModeJoinsTheSameRequestsAndJudgesAgreement() throws Exception {
        Result agreeing = runShadow("shadow-same");
        Result disagreeing = runShadow("shadow-off");

        assertThat(agreeing.exitCode()).as(agreeing.output()).isZero();
        assertThat(agreeing.output()).contains("\"mode\":\"shadow\"").contains("\"baseline_requests\":600");
        assertThat(disagreeing.exitCode()).as(disagreeing.output()).isEqualTo(10);
        assertThat(disagreeing.output()).contains("agreement");
        assertThat(jdbc.queryForList("SELECT verdict FROM canary_verdict WHERE mode = 'shadow' ORDER BY id", String.class))
                .containsExactly("PROMOTE", "ROLLBACK");
    }

    private Result runShadow(String candidate) throws Exception {
        return runRaw(List.of("--spring.batch.job.name=canaryJob", "model=ranker", "baselineVersion=prod",
                "candidateVersion=" + candidate, "mode=shadow", "window=PT1H", "end=" + END));
    }

    @Test
    void preAggregatedMetricsAreJudgedByTheReferenceRules() throws Exception {
        Result good = runRaw(List.of("--spring.batch.job.name=canaryJob", "model=ranker", "baselineVersion=agg-v1",
                "candidateVersion=agg-good", "input=metrics", "window=PT1H", "end=" + END));
        Result slow = runRaw(List.of("--spring.batch.job.name=canaryJob", "model=ranker", "baselineVersion=agg-v1",
                "candidateVersion=agg-slow", "input=metrics", "window=PT1H", "end=" + END));

        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("\"input\":\"metrics\"").contains("\"candidate_requests\":2000");
        assertThat(slow.exitCode()).as(slow.output()).isEqualTo(10);
        assertThat(slow.output()).contains("mean latency increase");
    }

    private void aggregates(String version, long requests, long errors, long labeled, long correct, double mean,
                            double p99) {
        for (int half = 0; half < 2; half++) {
            jdbc.update("INSERT INTO canary_metrics (model, model_version, period_start, period_end, requests, errors, labeled,"
                    + " correct, latency_mean_seconds, latency_p99_seconds) VALUES ('ranker', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    version, START.plusSeconds(1800L * half).atOffset(java.time.ZoneOffset.UTC),
                    START.plusSeconds(1800L * (half + 1)).atOffset(java.time.ZoneOffset.UTC), requests, errors, labeled,
                    correct, mean, p99 - 0.01 * half);
        }
    }

    @Test
    void missingArgumentsExitTwoWithTheUsage() throws Exception {
        Result r = runRaw(List.of("--spring.batch.job.name=canaryJob", "model=ranker"));

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("canaryJob needs baselineVersion=");
    }

    private Result run(String candidate, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=canaryJob", "model=ranker", "baselineVersion=v1",
                "candidateVersion=" + candidate, "window=PT1H", "end=" + END));
        args.addAll(List.of(extra));
        return runRaw(args);
    }

    private Result runRaw(List<String> args) throws IOException, InterruptedException {
        Map<String, String> environment = new java.util.HashMap<>(environment());
        environment.put("SPRING_DATASOURCE_URL", url());
        return PackagedJar.run(args, environment);
    }
}
