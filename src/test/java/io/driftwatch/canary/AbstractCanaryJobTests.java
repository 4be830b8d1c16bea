package io.driftwatch.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.driftwatch.ExitCodes;
import io.driftwatch.canary.analysis.Verdict;
import io.driftwatch.cli.CanaryCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.support.FaultInjection;
import io.driftwatch.telemetry.DriftMetrics;

/**
 * canaryJob in process on a real database, through the launcher as the command line runs it: the
 * verdict and its exit code, what is recorded, the request check and the replay of a repeated
 * request. Each test uses a model of its own, so the tests share the database without depending
 * on each other's order. One subclass per database.
 */
@SpringBootTest
@ActiveProfiles("jobtest")
@Import(FaultInjection.class) // the drift job tests' configuration: one cached context serves both (never armed here)
abstract class AbstractCanaryJobTests {

    static final Instant END = Instant.parse("2026-04-01T12:00:00Z");
    static final Instant START = END.minusSeconds(3600);

    @Autowired CanaryCommand canaryCommand;
    @Autowired Job canaryJob;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired CanaryProperties properties;
    @Autowired MeterRegistry meters;
    @Autowired CanaryService canary;
    @Autowired PlatformTransactionManager transactions;

    @AfterEach
    void defaultSettings() {
        BeanUtils.copyProperties(new CanaryProperties(), properties);
    }

    static CanaryRequest request(String model, String baseline, String candidate) {
        return new CanaryRequest(model, baseline, candidate, CanaryRequest.Mode.CANARY, CanaryRequest.Input.LOGS, START,
                END);
    }

    Outcome judge(CanaryRequest request) {
        return canaryCommand.judge(request);
    }

    JsonNode document(Outcome outcome) {
        return json.readTree(outcome.execution().getExecutionContext().getString("verdictJson"));
    }

    long verdictRows(String model) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM canary_verdict WHERE model = ?", Long.class, model);
    }

    long canaryInstances() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'canaryJob'", Long.class);
    }

    void aggregate(String model, String version, long requests, long errors, long correct) {
        jdbc.update("INSERT INTO canary_metrics (model, model_version, period_start, period_end, requests, errors, labeled,"
                + " correct, latency_mean_seconds, latency_p99_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0.2, 0.3)", model,
                version, START.atOffset(ZoneOffset.UTC), END.atOffset(ZoneOffset.UTC), requests, errors, requests, correct);
    }

    @Test
    void windowsWithoutErrorsOnEitherSideAreJudgedFromLogsAndFromMetrics() {
        PredictionLogs.insert(jdbc, "zero-errors", "v1", START, END, 1_000, 0.20, 0.0, 0.83, 1);
        PredictionLogs.insert(jdbc, "zero-errors", "v2", START, END, 1_000, 0.20, 0.0, 0.83, 2);
        aggregate("zero-errors", "m1", 1_000, 0, 830);
        aggregate("zero-errors", "m2", 1_000, 0, 835);

        Outcome logs = judge(request("zero-errors", "v1", "v2"));
        Outcome metrics = judge(new CanaryRequest("zero-errors", "m1", "m2", CanaryRequest.Mode.CANARY,
                CanaryRequest.Input.METRICS, START, END));

        assertThat(logs.exitCode()).as(logs.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(metrics.exitCode()).as(metrics.message()).isEqualTo(ExitCodes.COMPLETED);
        JsonNode errorRate = document(logs).get("metrics").get(1);
        assertThat(errorRate.get("metric").asString()).isEqualTo("error_rate");
        assertThat(errorRate.get("reason").asString()).isEqualTo("no errors in either version");
    }

    @Test
    void aShadowCandidateThatFailsOneRequestInTenIsRolledBack() {
        PredictionLogs.insert(jdbc, "shadow-failing", "prod", "req-", START, END, 1_000, 0.10, 0.0, 0.9, 5, 0);
        // the candidate answers like production, but errs without a score on every 20th request and logs nothing
        // for the next one
        jdbc.update("INSERT INTO prediction_log (request_id, model, model_version, logged_at, latency_seconds, is_error,"
                + " score, correct) SELECT request_id, model, 'candidate', logged_at, latency_seconds, is_error, score,"
                + " correct FROM prediction_log WHERE model = 'shadow-failing' AND model_version = 'prod'");
        List<String> erring = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < 1_000; i += 20) {
            erring.add("req-" + i);
            missing.add("req-" + (i + 1));
        }
        erring.forEach(id -> jdbc.update("UPDATE prediction_log SET is_error = TRUE, score = NULL, latency_seconds = NULL"
                + " WHERE model = 'shadow-failing' AND model_version = 'candidate' AND request_id = ?", id));
        missing.forEach(id -> jdbc.update("DELETE FROM prediction_log WHERE model = 'shadow-failing'"
                + " AND model_version = 'candidate' AND request_id = ?", id));

        Outcome outcome = judge(new CanaryRequest("shadow-failing", "prod", "candidate",
                CanaryRequest.Mode.SHADOW, CanaryRequest.Input.LOGS, START, END));

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.ROLLBACK);
        JsonNode document = document(outcome);
        assertThat(document.get("baseline_requests").asLong()).isEqualTo(1_000);
        assertThat(document.get("candidate_requests").asLong()).isEqualTo(950);
        assertThat(outcome.message()).contains("error_rate")
                .contains("50 errors, 50 missing responses of 1000 requests");
    }

    @Test
    void rowsWithANegativeLatencyAreSkippedCountedAndRecorded() {
        PredictionLogs.insert(jdbc, "corrupt-row", "v1", START, END, 1_000, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "corrupt-row", "v2", START, END, 1_000, 0.20, 0.05, 0.83, 2);
        jdbc.update("INSERT INTO prediction_log (request_id, model, model_version, logged_at, latency_seconds, is_error,"
                + " score, correct) VALUES ('clock-skew', 'corrupt-row', 'v2', ?, -0.4, FALSE, 0.5, TRUE)",
                START.plusSeconds(60).atOffset(ZoneOffset.UTC));

        Outcome outcome = judge(request("corrupt-row", "v1", "v2"));

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
        JsonNode document = document(outcome);
        assertThat(document.get("skipped_rows").get("baseline").asLong()).isZero();
        assertThat(document.get("skipped_rows").get("candidate").asLong()).isEqualTo(1);
        assertThat(document.get("candidate_requests").asLong()).isEqualTo(1_000);
        assertThat(jdbc.queryForMap("SELECT baseline_skipped_rows, candidate_skipped_rows FROM canary_verdict"
                + " WHERE model = 'corrupt-row'")).containsEntry("baseline_skipped_rows", 0L)
                .containsEntry("candidate_skipped_rows", 1L);
    }

    @Test
    void aHalfPointAccuracyDropOnFiftyThousandRequestsIsWithinTheMargin() {
        aggregate("large-traffic", "v1", 50_000, 500, 41_500);
        aggregate("large-traffic", "v2", 50_000, 500, 41_250);
        aggregate("large-traffic", "v3", 50_000, 500, 40_750);

        Outcome halfPoint = judge(new CanaryRequest("large-traffic", "v1", "v2",
                CanaryRequest.Mode.CANARY, CanaryRequest.Input.METRICS, START, END));
        Outcome pointAndHalf = judge(new CanaryRequest("large-traffic", "v1", "v3",
                CanaryRequest.Mode.CANARY, CanaryRequest.Input.METRICS, START, END));

        assertThat(halfPoint.exitCode()).as(halfPoint.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(pointAndHalf.exitCode()).as(pointAndHalf.message()).isEqualTo(ExitCodes.ROLLBACK);
        assertThat(pointAndHalf.message()).contains("more than maxAccuracyDrop 0.01");
    }

    @Test
    void aRepeatedRequestReplaysTheRecordedVerdictAndItsExitCodeWithoutASecondRow() {
        PredictionLogs.insert(jdbc, "repeated", "v1", START, END, 600, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "repeated", "v2", START, END, 600, 0.35, 0.05, 0.83, 2);
        double issuedBefore = verdictsIssued("repeated");

        Outcome first = judge(request("repeated", "v1", "v2"));
        Outcome again = judge(request("repeated", "v1", "v2"));

        assertThat(first.exitCode()).as(first.message()).isEqualTo(ExitCodes.ROLLBACK);
        assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.ROLLBACK);
        assertThat(again.message()).contains("replayed verdict " + document(first).get("verdict_id").asLong());
        assertThat(document(again).get("replayed").asBoolean()).isTrue();
        assertThat(document(first).get("replayed").asBoolean()).isFalse();
        ObjectNode recorded = (ObjectNode) document(again);
        ObjectNode issued = (ObjectNode) document(first);
        recorded.remove("replayed");
        issued.remove("replayed");
        assertThat(recorded).as("the replay is the recorded verdict").isEqualTo(issued);
        assertThat(verdictRows("repeated")).isEqualTo(1);
        assertThat(verdictsIssued("repeated") - issuedBefore).as("a replay issues no new verdict").isEqualTo(1);

        properties.setMaxLatencyIncrease(0.2);
        properties.setMaxP99Increase(0.3);
        Outcome otherRules = judge(request("repeated", "v1", "v2"));

        assertThat(otherRules.exitCode()).as("judged afresh under other thresholds").isEqualTo(ExitCodes.COMPLETED);
        assertThat(verdictRows("repeated")).isEqualTo(2);
    }

    /**
     * Concurrent steps judging the same request (each in its own transaction, as canaryJob's step runs): the unique
     * request key lets one verdict be recorded and the others replay it.
     */
    @Test
    void concurrentJudgementsOfTheSameRequestRecordOneVerdict() throws Exception {
        PredictionLogs.insert(jdbc, "concurrent", "v1", START, END, 600, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "concurrent", "v2", START, END, 600, 0.35, 0.05, 0.83, 2);
        TransactionTemplate step = new TransactionTemplate(transactions);
        int callers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<CanaryService.Judgement> judgements = new ArrayList<>();
        try {
            List<Future<CanaryService.Judgement>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return step.execute(status -> canary.judge(request("concurrent", "v1", "v2")));
                }));
            }
            go.countDown();
            for (Future<CanaryService.Judgement> future : futures) {
                judgements.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(verdictRows("concurrent")).isEqualTo(1);
        assertThat(judgements).extracting(j -> j.verdict().id()).containsOnly(judgements.get(0).verdict().id());
        assertThat(judgements).extracting(j -> j.verdict().verdict()).containsOnly(Verdict.ROLLBACK);
        assertThat(judgements).filteredOn(j -> !j.replayed()).hasSize(1);
    }

    /** Runs the request expecting exit 2, and checks that nothing at all was written. */
    private String rejected(CanaryRequest request) {
        long verdicts = verdictRows(request.model());
        long instances = canaryInstances();

        Outcome outcome = judge(request);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(outcome.execution()).isNull();
        assertThat(verdictRows(request.model())).isEqualTo(verdicts);
        assertThat(canaryInstances()).as("no job instance either").isEqualTo(instances);
        return outcome.message();
    }

    @Test
    void unknownVersionsAreRejectedNamingTheKnownOnes() {
        PredictionLogs.insert(jdbc, "known", "v1", START, END, 100, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "known", "v2", START, END, 100, 0.20, 0.05, 0.83, 2);

        assertThat(rejected(request("known", "v1", "v9"))).contains("candidateVersion = 'v9'")
                .contains("model 'known' has no rows of this version in prediction_log")
                .contains("use one of the model's versions: v1, v2").doesNotContain("baselineVersion");
        assertThat(rejected(new CanaryRequest("known", "v0", "v2", CanaryRequest.Mode.CANARY, CanaryRequest.Input.METRICS,
                START, END))).contains("baselineVersion = 'v0'").contains("candidateVersion = 'v2'")
                .contains("in canary_metrics");
        assertThat(rejected(request("unknown-model", "v1", "v2"))).contains("prediction_log has no rows of that model");
    }

    @Test
    void aMissingTableOrColumnIsRejectedByKey() {
        PredictionLogs.insert(jdbc, "schema", "v1", START, END, 100, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "schema", "v2", START, END, 100, 0.20, 0.05, 0.83, 2);
        properties.setTable("prediction_logs");

        assertThat(rejected(request("schema", "v1", "v2"))).contains("driftwatch.canary.table = 'prediction_logs'")
                .contains("table prediction_logs does not exist");

        properties.setTable("prediction_log");
        properties.setLatencyColumn("latency_ms");
        properties.setScoreColumn("SCORE");
        properties.setTimestampColumn("score");

        assertThat(rejected(request("schema", "v1", "v2")))
                .contains("driftwatch.canary.latency-column = 'latency_ms': table prediction_log has no column latency_ms")
                .contains("driftwatch.canary.score-column = 'SCORE'").contains("spelled 'score'")
                .contains("driftwatch.canary.timestamp-column = 'score'").contains("not a timestamp")
                .contains("(3 problems)");
    }

    @Test
    void thresholdsOutOfRangeAndNamesThatAreNotIdentifiersAreRejectedTogether() {
        PredictionLogs.insert(jdbc, "settings", "v1", START, END, 100, 0.20, 0.05, 0.83, 1);
        properties.setMinAccuracy(1.5);
        properties.setAlpha(0);
        properties.setErrorColumn("is_error; DROP TABLE canary_verdict");

        String message = rejected(request("settings", "v1", "v7"));

        assertThat(message).contains("driftwatch.canary.min-accuracy = '1.5': must be within [0, 1]")
                .contains("driftwatch.canary.alpha = '0.0': must be within (0, 1)")
                .contains("driftwatch.canary.error-column = 'is_error; DROP TABLE canary_verdict'")
                .contains("not a plain SQL identifier")
                .contains("candidateVersion = 'v7'").contains("(4 problems)");
        properties.setTable("prediction log");
        assertThat(rejected(request("settings", "v1", "v7"))).contains("driftwatch.canary.table = 'prediction log'");
    }

    private double verdictsIssued(String model) {
        return meters.find(DriftMetrics.CANARY_VERDICTS).tag("model", model).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
