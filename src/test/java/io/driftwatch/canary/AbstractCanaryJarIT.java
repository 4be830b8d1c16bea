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
 * the verdict as the process exit code (0 PROMOTE, 10 ROLLBACK, 11 INCONCLUSIVE, 2 a bad request),
 * on stdout as JSON, in a file, and in {@code canary_verdict}; a repeated request replays its
 * verdict. Each jar start costs seconds, so each test groups the cases of one data set. One
 * subclass per database.
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
            // no errors on either side, and 25,000 requests per period: a significant 0.5-point accuracy drop
            aggregates("agg-big-v1", 25_000, 0, 25_000, 20_750, 0.20, 0.30);
            aggregates("agg-big-v2", 25_000, 0, 25_000, 20_625, 0.20, 0.30);
            // one row of the healthy candidate with a negative latency (a skewed clock)
            jdbc.update("INSERT INTO prediction_log (request_id, model, model_version, logged_at, latency_seconds,"
                    + " is_error, score, correct) VALUES ('skewed', 'ranker', 'v2-healthy', ?, -0.3, FALSE, 0.6, TRUE)",
                    START.plusSeconds(90).atOffset(java.time.ZoneOffset.UTC));
            shadowCandidateFailingOneRequestInTen();
        }
    }

    /** Answers like production, but errs without a score on every 20th request and does not log the next one. */
    private void shadowCandidateFailingOneRequestInTen() {
        jdbc.update("INSERT INTO prediction_log (request_id, model, model_version, logged_at, latency_seconds, is_error,"
                + " score, correct) SELECT request_id, model, 'shadow-failing', logged_at, latency_seconds, is_error, score,"
                + " correct FROM prediction_log WHERE model = 'ranker' AND model_version = 'prod'");
        for (int i = 0; i < 600; i += 20) {
            jdbc.update("UPDATE prediction_log SET is_error = TRUE, score = NULL, latency_seconds = NULL WHERE model ="
                    + " 'ranker' AND model_version = 'shadow-failing' AND request_id = ?", "req-" + i);
            jdbc.update("DELETE FROM prediction_log WHERE model = 'ranker' AND model_version = 'shadow-failing'"
                    + " AND request_id = ?", "req-" + (i + 1));
        }
    }

    @Test
    void aHealthyCandidateIsPromotedWithExitZeroAndTheVerdictEverywhereThenReplayedWhenAskedAgain() throws Exception {
        Path file = dir.resolve("verdict.json");

        Result r = run("v2-healthy", "--driftwatch.canary.output=" + file);
        Result again = run("v2-healthy");

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("\"verdict\":\"PROMOTE\"").contains("\"candidate_version\":\"v2-healthy\"")
                .contains("\"replayed\":false").contains("\"skipped_rows\":{\"baseline\":0,\"candidate\":1}");
        assertThat(Files.readString(file)).contains("\"verdict\":\"PROMOTE\"");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("\"replayed\":true").contains("replayed verdict");
        assertThat(jdbc.queryForList("SELECT verdict FROM canary_verdict WHERE candidate_version = 'v2-healthy'",
                String.class)).containsExactly("PROMOTE");
        assertThat(jdbc.queryForObject("SELECT candidate_skipped_rows FROM canary_verdict"
                + " WHERE candidate_version = 'v2-healthy'", Long.class)).isEqualTo(1);
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
        Result failing = runShadow("shadow-failing");

        assertThat(agreeing.exitCode()).as(agreeing.output()).isZero();
        assertThat(agreeing.output()).contains("\"mode\":\"shadow\"").contains("\"baseline_requests\":600");
        assertThat(disagreeing.exitCode()).as(disagreeing.output()).isEqualTo(10);
        assertThat(disagreeing.output()).contains("agreement");
        assertThat(failing.exitCode()).as(failing.output()).isEqualTo(10);
        assertThat(failing.output()).contains("30 missing responses of 600 requests");
        assertThat(jdbc.queryForList("SELECT verdict FROM canary_verdict WHERE mode = 'shadow' ORDER BY id", String.class))
                .containsExactly("PROMOTE", "ROLLBACK", "ROLLBACK");
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

    @Test
    void errorFreeMetricsWithASmallSignificantAccuracyDropAreJudgedAndPromoted() throws Exception {
        Result r = runRaw(List.of("--spring.batch.job.name=canaryJob", "model=ranker", "baselineVersion=agg-big-v1",
                "candidateVersion=agg-big-v2", "input=metrics", "window=PT1H", "end=" + END));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("no errors in either version").contains("within maxAccuracyDrop 0.01");
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
    void missingArgumentsOrOneVersionAgainstItselfExitTwoWithTheUsage() throws Exception {
        Result r = runRaw(List.of("--spring.batch.job.name=canaryJob", "model=ranker"));
        Result itself = run("v1");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("canaryJob needs baselineVersion=");
        assertThat(itself.exitCode()).as(itself.output()).isEqualTo(2);
        assertThat(itself.output()).contains("baselineVersion and candidateVersion are both 'v1'");
    }

    @Test
    void aBadRequestExitsTwoNamingEveryProblemBeforeReadingAnyDataAndWritesNothing() throws Exception {
        long verdicts = jdbc.queryForObject("SELECT COUNT(*) FROM canary_verdict", Long.class);
        long instances = jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance", Long.class);

        Result r = run("v9", "--driftwatch.canary.min-accuracy=1.5", "--driftwatch.canary.error-column=is error",
                "--driftwatch.canary.score-column=score_typo");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("(4 problems); nothing was written")
                .contains("driftwatch.canary.min-accuracy = '1.5': must be within [0, 1]")
                .contains("driftwatch.canary.error-column = 'is error': 'is error' is not a plain SQL identifier")
                .contains("driftwatch.canary.score-column = 'score_typo': table prediction_log has no column score_typo")
                .contains("candidateVersion = 'v9': model 'ranker' has no rows of this version in prediction_log")
                .doesNotContain("\tat ");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM canary_verdict", Long.class)).isEqualTo(verdicts);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance", Long.class)).isEqualTo(instances);
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
