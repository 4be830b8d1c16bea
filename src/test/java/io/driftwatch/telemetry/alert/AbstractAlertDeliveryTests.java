package io.driftwatch.telemetry.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import io.driftwatch.ExitCodes;
import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.PredictionLogs;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.Verdict;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.support.FaultInjection;
import io.driftwatch.support.LoanNights;
import io.driftwatch.telemetry.RunEvents;

/**
 * Incident webhooks end to end: driftJob runs night after night on a real database and real local HTTP
 * servers play Alertmanager, PagerDuty and a webhook receiver. One subclass per database (H2, PostgreSQL).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:alerttest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@ActiveProfiles("jobtest")
@Import(FaultInjection.class)
abstract class AbstractAlertDeliveryTests {

    static final int ROWS = 5_000;
    static final long BASELINE_SEED = 1;
    static final Set<String> DRIFTING = Set.of("income", "age", "credit_score", "region");
    static final int REPORT_ROWS_PER_RUN = 4 * 3 + 2 * 2;

    static final String DATASET_DRIFT = "driftwatch/loans/dataset_drift";
    static final String RETRAINING = "driftwatch/loans/retraining";
    static final String RUN_FAILED = "driftwatch/loans/run_failed";
    static final String ROLLBACK = "driftwatch/canary/credit-risk/v2/canary_rollback";

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;
    @Autowired FaultInjection faults;
    @Autowired MeterRegistry meters;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired AlertListener listener;

    LoanNights nights;

    abstract LocalSinks sinks();

    @BeforeEach
    void freshIncidentsAndQueue() {
        sinks().reset();
        jdbc.update("DELETE FROM alert_state");
        // A model has at most one open task; earlier tests' tasks are finished as a worker would finish them.
        jdbc.update("UPDATE retraining_task SET status = 'SUCCEEDED', finished_at = CURRENT_TIMESTAMP, lease_expires_at = NULL,"
                + " updated_at = CURRENT_TIMESTAMP WHERE status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')");
        nights = new LoanNights(jdbc, ROWS, BASELINE_SEED);
    }

    @Test
    void aDriftingNightOpensOneIncidentPerProblemInEverySink() {
        LocalDate night = LocalDate.of(2026, 4, 1);

        assertThat(driftingNight(night, 11)).isEqualTo(ExitCodes.COMPLETED);

        JsonNode am = single(sinks().alertmanagerAlerts(DATASET_DRIFT));
        assertThat(sinks().alertmanager.received()).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v2/alerts");
            assertThat(r.json().isArray()).isTrue();
        });
        JsonNode labels = am.get("labels");
        assertThat(labels.get("alertname").asString()).isEqualTo("DriftwatchDatasetDrift");
        assertThat(labels.get("monitor").asString()).isEqualTo("loans");
        assertThat(labels.get("model").asString()).isEqualTo("credit-risk");
        assertThat(labels.get("problem").asString()).isEqualTo("dataset_drift");
        assertThat(labels.get("severity").asString()).isEqualTo("warning");
        assertThat(am.get("annotations").get("summary").asString())
                .startsWith("Dataset drift on monitor loans (model credit-risk) on 2026-04-01").contains("income");
        assertThat(am.get("annotations").get("run_date").asString()).isEqualTo("2026-04-01");
        assertThat(am.get("generatorURL").asString()).isEqualTo(LocalSinks.GENERATOR_URL);
        assertThat(Duration.between(Instant.parse(am.get("startsAt").asString()), Instant.parse(am.get("endsAt").asString())))
                .isGreaterThanOrEqualTo(Duration.ofHours(36));

        JsonNode pd = single(sinks().pagerdutyEvents(DATASET_DRIFT));
        assertThat(sinks().pagerduty.received()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v2/enqueue"));
        assertThat(pd.get("routing_key").asString()).isEqualTo(LocalSinks.ROUTING_KEY);
        assertThat(pd.get("event_action").asString()).isEqualTo("trigger");
        JsonNode payload = pd.get("payload");
        assertThat(payload.get("summary").asString()).hasSizeLessThanOrEqualTo(1024).contains("Dataset drift on monitor loans");
        assertThat(payload.get("source").asString()).isEqualTo("driftwatch");
        assertThat(payload.get("severity").asString()).isEqualTo("warning");
        assertThat(payload.get("component").asString()).isEqualTo("loans");
        assertThat(payload.get("group").asString()).isEqualTo("credit-risk");
        assertThat(payload.get("class").asString()).isEqualTo("dataset_drift");
        assertThat(payload.get("custom_details").get("drifted_features").valueStream().map(JsonNode::asString))
                .contains("income", "age", "region");
        assertThat(payload.get("custom_details").get("features_evaluated").asInt()).isEqualTo(6);

        RecordingEndpoint.Received hook = sinks().webhook.received().stream()
                .filter(r -> r.json().get("dedup_key").asString().equals(DATASET_DRIFT)).findFirst().orElseThrow();
        assertThat(hook.path()).isEqualTo("/hooks/driftwatch");
        assertThat(hook.header("Authorization")).isEqualTo(LocalSinks.WEBHOOK_TOKEN);
        assertThat(hook.header("Content-Type")).isEqualTo("application/json");
        JsonNode message = hook.json();
        assertThat(message.get("status").asString()).isEqualTo("firing");
        assertThat(message.get("problem").asString()).isEqualTo("dataset_drift");
        assertThat(message.get("monitor").asString()).isEqualTo("loans");
        assertThat(message.get("model").asString()).isEqualTo("credit-risk");
        assertThat(message.get("severity").asString()).isEqualTo("warning");
        assertThat(message.get("text").asString()).startsWith("[FIRING] [warning] Dataset drift on monitor loans")
                .endsWith("(" + DATASET_DRIFT + ")");
        assertThat(message.get("details").get("run_date").asString()).isEqualTo("2026-04-01");

        // the enqueued retraining task is its own incident, at info severity
        assertThat(single(sinks().pagerdutyEvents(RETRAINING)).get("payload").get("severity").asString()).isEqualTo("info");
        assertThat(single(sinks().webhookMessages(RETRAINING)).get("summary").asString()).contains("ENQUEUED");
        assertThat(sinks().pagerdutyEvents(RUN_FAILED)).isEmpty();

        assertThat(state(DATASET_DRIFT)).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("FIRING");
            assertThat(row.get("delivery_status")).isEqualTo("DELIVERED");
            assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
            assertThat(row.get("last_error")).isNull();
            assertThat(row.get("run_date").toString()).isEqualTo("2026-04-01");
        });
    }

    @Test
    void aProblemThatPersistsStaysOneIncidentAndOnlyAlertmanagerHearsItAgain() {
        driftingNight(LocalDate.of(2026, 4, 2), 12);
        String startsAt = single(sinks().alertmanagerAlerts(DATASET_DRIFT)).get("startsAt").asString();
        List<Map<String, Object>> before = state(DATASET_DRIFT);
        sinks().reset();

        assertThat(driftingNight(LocalDate.of(2026, 4, 3), 13)).isEqualTo(ExitCodes.COMPLETED);

        JsonNode again = single(sinks().alertmanagerAlerts(DATASET_DRIFT));
        assertThat(again.get("startsAt").asString()).isEqualTo(startsAt);
        assertThat(again.get("labels").get("dedup_key").asString()).isEqualTo(DATASET_DRIFT);
        assertThat(again.get("annotations").get("run_date").asString()).isEqualTo("2026-04-03");
        assertThat(sinks().pagerduty.received()).isEmpty();
        assertThat(sinks().webhook.received()).isEmpty();
        List<Map<String, Object>> after = state(DATASET_DRIFT);
        assertThat(after).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(after.get(i).get("opened_at")).isEqualTo(before.get(i).get("opened_at"));
            assertThat(after.get(i).get("status")).isEqualTo("FIRING");
            assertThat(after.get(i).get("run_date").toString()).isEqualTo("2026-04-03");
        }
    }

    @Test
    void driftThatClearsResolvesTheIncidentAndDriftThatReturnsOpensANewOne() {
        driftingNight(LocalDate.of(2026, 4, 4), 14);
        String firstStart = single(sinks().alertmanagerAlerts(DATASET_DRIFT)).get("startsAt").asString();
        sinks().reset();

        assertThat(quietNight(LocalDate.of(2026, 4, 5))).isEqualTo(ExitCodes.COMPLETED);

        JsonNode resolve = single(sinks().pagerdutyEvents(DATASET_DRIFT));
        assertThat(resolve.get("event_action").asString()).isEqualTo("resolve");
        assertThat(resolve.get("routing_key").asString()).isEqualTo(LocalSinks.ROUTING_KEY);
        JsonNode am = single(sinks().alertmanagerAlerts(DATASET_DRIFT));
        assertThat(Instant.parse(am.get("endsAt").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(am.get("startsAt").asString()).isEqualTo(firstStart);
        assertThat(am.get("labels").get("alertname").asString()).isEqualTo("DriftwatchDatasetDrift");
        JsonNode message = single(sinks().webhookMessages(DATASET_DRIFT));
        assertThat(message.get("status").asString()).isEqualTo("resolved");
        assertThat(message.get("text").asString()).startsWith("[RESOLVED]");
        assertThat(single(sinks().pagerdutyEvents(RETRAINING)).get("event_action").asString()).isEqualTo("resolve");
        assertThat(state(DATASET_DRIFT)).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("RESOLVED");
            assertThat(row.get("delivery_status")).isEqualTo("DELIVERED");
        });
        sinks().reset();

        driftingNight(LocalDate.of(2026, 4, 6), 15);

        assertThat(single(sinks().pagerdutyEvents(DATASET_DRIFT)).get("event_action").asString()).isEqualTo("trigger");
        assertThat(single(sinks().webhookMessages(DATASET_DRIFT)).get("status").asString()).isEqualTo("firing");
        assertThat(Instant.parse(single(sinks().alertmanagerAlerts(DATASET_DRIFT)).get("startsAt").asString()))
                .isAfter(Instant.parse(firstStart));
    }

    @Test
    void anEndpointThatFirstFailsIsRetriedUntilItAccepts() {
        sinks().pagerduty.script(503, 503);
        sinks().alertmanager.script(429);
        double delivered = counter("pagerduty", "delivered");

        assertThat(driftingNight(LocalDate.of(2026, 4, 7), 16)).isEqualTo(ExitCodes.COMPLETED);

        // dataset drift is sent first: it takes both 503s, the third request is accepted
        List<JsonNode> triggers = sinks().pagerdutyEvents(DATASET_DRIFT);
        assertThat(triggers).hasSize(3).allSatisfy(e -> assertThat(e.get("event_action").asString()).isEqualTo("trigger"));
        assertThat(sinks().pagerdutyEvents(RETRAINING)).hasSize(1);
        assertThat(sinks().alertmanagerAlerts(DATASET_DRIFT)).hasSize(2);
        Map<String, Object> row = state(DATASET_DRIFT, "pagerduty");
        assertThat(row.get("delivery_status")).isEqualTo("DELIVERED");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(3);
        assertThat(((Number) row.get("last_status_code")).intValue()).isEqualTo(202);
        assertThat(counter("pagerduty", "delivered")).isEqualTo(delivered + 2);
    }

    @Test
    void anEndpointThatAlwaysFailsNeverFailsTheRunAndIsRetriedByTheNextRun() {
        sinks().webhook.alwaysAnswer(500);
        LocalDate night = LocalDate.of(2026, 4, 8);

        Outcome outcome = launchDrifting(night, 17);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, night))
                .isEqualTo(REPORT_ROWS_PER_RUN);
        assertThat(jdbc.queryForObject("SELECT status FROM drift_run WHERE monitor = 'loans' AND run_date = ?", String.class,
                night)).isEqualTo("COMPLETED");
        assertThat(sinks().webhookMessages(DATASET_DRIFT)).hasSize(4);
        Map<String, Object> failed = state(DATASET_DRIFT, "webhook");
        assertThat(failed.get("status")).isEqualTo("FIRING");
        assertThat(failed.get("delivery_status")).isEqualTo("FAILED");
        assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(4);
        assertThat(((Number) failed.get("last_status_code")).intValue()).isEqualTo(500);
        assertThat((String) failed.get("last_error")).startsWith("HTTP 500").contains("scripted failure");
        assertThat(failed.get("last_attempt_at")).isNotNull();
        assertThat(failed.get("claimed_until")).isNull();
        assertThat(state(DATASET_DRIFT, "pagerduty").get("delivery_status")).isEqualTo("DELIVERED");
        sinks().reset();

        driftingNight(night.plusDays(1), 18);

        assertThat(single(sinks().webhookMessages(DATASET_DRIFT)).get("status").asString()).isEqualTo("firing");
        assertThat(sinks().pagerduty.received()).isEmpty();
        Map<String, Object> delivered = state(DATASET_DRIFT, "webhook");
        assertThat(delivered.get("delivery_status")).isEqualTo("DELIVERED");
        assertThat(((Number) delivered.get("attempts")).intValue()).isEqualTo(5);
        assertThat(delivered.get("last_error")).isNull();
    }

    @Test
    void aRefusedEventIsNotRetried() {
        sinks().pagerduty.alwaysAnswer(400);

        assertThat(driftingNight(LocalDate.of(2026, 4, 10), 19)).isEqualTo(ExitCodes.COMPLETED);

        assertThat(sinks().pagerdutyEvents(DATASET_DRIFT)).hasSize(1);
        Map<String, Object> row = state(DATASET_DRIFT, "pagerduty");
        assertThat(row.get("delivery_status")).isEqualTo("FAILED");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat(((Number) row.get("last_status_code")).intValue()).isEqualTo(400);
    }

    @Test
    void aFailedRunFiresAndTheRestartThatCompletesResolvesIt() {
        LocalDate night = LocalDate.of(2026, 4, 12);
        givenWindow(night, DRIFTING, 20);
        givenPerformance(night, 0.91, 0.2);
        faults.failNextComputation();

        assertThat(launcher.launch(night).exitCode()).isEqualTo(ExitCodes.FAILED);

        JsonNode trigger = single(sinks().pagerdutyEvents(RUN_FAILED));
        assertThat(trigger.get("event_action").asString()).isEqualTo("trigger");
        assertThat(trigger.get("payload").get("severity").asString()).isEqualTo("error");
        assertThat(trigger.get("payload").get("summary").asString())
                .startsWith("driftJob 2026-04-12 for monitor loans FAILED").contains("injected failure");
        JsonNode am = single(sinks().alertmanagerAlerts(RUN_FAILED));
        assertThat(am.get("labels").get("alertname").asString()).isEqualTo("DriftwatchRunFailed");
        assertThat(am.get("labels").get("model").asString()).isEqualTo("credit-risk");
        assertThat(single(sinks().webhookMessages(RUN_FAILED)).get("status").asString()).isEqualTo("firing");
        assertThat(sinks().pagerdutyEvents(DATASET_DRIFT)).isEmpty();
        sinks().reset();

        assertThat(launcher.launch(night).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(single(sinks().pagerdutyEvents(RUN_FAILED)).get("event_action").asString()).isEqualTo("resolve");
        assertThat(single(sinks().webhookMessages(RUN_FAILED)).get("status").asString()).isEqualTo("resolved");
        assertThat(Instant.parse(single(sinks().alertmanagerAlerts(RUN_FAILED)).get("endsAt").asString()))
                .isBeforeOrEqualTo(Instant.now());
        assertThat(single(sinks().pagerdutyEvents(DATASET_DRIFT)).get("event_action").asString()).isEqualTo("trigger");
        assertThat(state(RUN_FAILED)).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("RESOLVED"));
    }

    @Test
    void sinksAreServedConcurrentlySoASlowOneDoesNotHoldUpTheOthers() {
        // Alertmanager (the first sink) does not answer until the webhook (the last) has received its message.
        java.util.concurrent.CountDownLatch webhookReached = new java.util.concurrent.CountDownLatch(1);
        sinks().webhook.countDownOnRequest(webhookReached);
        sinks().alertmanager.holdAnswersUntil(webhookReached);

        assertThat(driftingNight(LocalDate.of(2026, 5, 20), 11)).isEqualTo(ExitCodes.COMPLETED);

        assertThat(sinks().alertmanager.heldUntilReleased()).as("Alertmanager's first request was in flight when the"
                + " webhook got its message").isNotEmpty().first().isEqualTo(true);
        assertThat(single(sinks().webhookMessages(DATASET_DRIFT)).get("status").asString()).isEqualTo("firing");
        assertThat(single(sinks().alertmanagerAlerts(DATASET_DRIFT)).get("labels").get("monitor").asString())
                .isEqualTo("loans");
        assertThat(single(sinks().pagerdutyEvents(DATASET_DRIFT)).get("event_action").asString()).isEqualTo("trigger");
        assertThat(state(DATASET_DRIFT)).hasSize(3)
                .allSatisfy(row -> assertThat(row.get("delivery_status")).isEqualTo("DELIVERED"));
    }

    @Test
    void aCanaryJobThatRollsBackOpensTheCandidatesIncident(@Autowired ApplicationContext context) {
        // canaryJob as a rollout tool runs it: both versions' prediction logs, the candidate slower.
        Instant start = Instant.parse("2026-04-22T10:00:00Z");
        Instant end = start.plus(Duration.ofHours(1));
        jdbc.update("DELETE FROM prediction_log WHERE model = 'ranker'");
        PredictionLogs.insert(jdbc, "ranker", "v1", start, end, 500, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "ranker", "v3-slow", start, end, 500, 0.35, 0.05, 0.83, 3);

        Outcome outcome = context.getBean(io.driftwatch.cli.CanaryCommand.class).judge(new CanaryRequest(
                "ranker", "v1", "v3-slow", CanaryRequest.Mode.CANARY, CanaryRequest.Input.LOGS, start, end));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.ROLLBACK);
        String key = "driftwatch/canary/ranker/v3-slow/canary_rollback";
        JsonNode trigger = single(sinks().pagerdutyEvents(key));
        assertThat(trigger.get("event_action").asString()).isEqualTo("trigger");
        assertThat(trigger.get("payload").get("summary").asString()).startsWith("Canary ROLLBACK: model ranker candidate v3-slow");
        assertThat(trigger.get("payload").get("custom_details").get("verdict_id").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT MAX(id) FROM canary_verdict WHERE model = 'ranker'", Long.class));
        assertThat(single(sinks().webhookMessages(key)).get("status").asString()).isEqualTo("firing");
        assertThat(single(sinks().alertmanagerAlerts(key)).get("labels").get("candidate_version").asString())
                .isEqualTo("v3-slow");
    }

    @Test
    void aRollbackVerdictFiresForItsCandidateAndAPromoteOfTheSameCandidateResolvesIt() {
        inTransaction(() -> events.publishEvent(verdict(41, Verdict.ROLLBACK)));

        JsonNode trigger = single(sinks().pagerdutyEvents(ROLLBACK));
        assertThat(trigger.get("event_action").asString()).isEqualTo("trigger");
        assertThat(trigger.get("payload").get("severity").asString()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("summary").asString())
                .startsWith("Canary ROLLBACK: model credit-risk candidate v2 (baseline v1").contains("accuracy 0.70 < 0.80");
        assertThat(trigger.get("payload").get("custom_details").get("verdict_id").asLong()).isEqualTo(41);
        JsonNode labels = single(sinks().alertmanagerAlerts(ROLLBACK)).get("labels");
        assertThat(labels.get("alertname").asString()).isEqualTo("DriftwatchCanaryRollback");
        assertThat(labels.get("candidate_version").asString()).isEqualTo("v2");
        assertThat(labels.get("severity").asString()).isEqualTo("critical");
        assertThat(labels.has("monitor")).isFalse();
        assertThat(single(sinks().webhookMessages(ROLLBACK)).get("candidate_version").asString()).isEqualTo("v2");
        sinks().reset();

        inTransaction(() -> events.publishEvent(verdict(42, Verdict.INCONCLUSIVE)));
        assertThat(sinks().pagerduty.received()).isEmpty();
        inTransaction(() -> events.publishEvent(verdict(43, Verdict.PROMOTE)));

        assertThat(single(sinks().pagerdutyEvents(ROLLBACK)).get("event_action").asString()).isEqualTo("resolve");
        assertThat(single(sinks().webhookMessages(ROLLBACK)).get("status").asString()).isEqualTo("resolved");
        assertThat(state(ROLLBACK)).hasSize(3).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("RESOLVED"));
    }

    @Test
    void nothingIsSentForAVerdictWhoseTransactionRolledBack() {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        tx.executeWithoutResult(status -> {
            events.publishEvent(verdict(44, Verdict.ROLLBACK));
            status.setRollbackOnly();
        });

        assertThat(sinks().alertmanager.received()).isEmpty();
        assertThat(sinks().pagerduty.received()).isEmpty();
        assertThat(sinks().webhook.received()).isEmpty();
        assertThat(state(ROLLBACK)).isEmpty();
    }

    @Test
    void concurrentObserversOfTheSameTransitionSendItOnce() throws Exception {
        RunEvents.CanaryVerdictIssued rollback = verdict(45, Verdict.ROLLBACK);
        int observers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(observers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < observers; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    listener.onCanaryVerdict(rollback);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sinks().pagerdutyEvents(ROLLBACK)).hasSize(1);
        assertThat(sinks().webhookMessages(ROLLBACK)).hasSize(1);
        assertThat(sinks().alertmanagerAlerts(ROLLBACK)).hasSize(1);
        assertThat(state(ROLLBACK)).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("delivery_status")).isEqualTo("DELIVERED");
            assertThat(row.get("claimed_until")).isNull();
        });
    }

    ExitCodes driftingNight(LocalDate night, long seed) {
        return launchDrifting(night, seed).exitCode();
    }

    Outcome launchDrifting(LocalDate night, long seed) {
        givenWindow(night, DRIFTING, seed);
        givenPerformance(night, 0.91, 0.2);
        return launcher.launch(night);
    }

    ExitCodes quietNight(LocalDate night) {
        givenWindow(night, Set.of(), BASELINE_SEED);
        givenPerformance(night, 0.91, 0.2);
        return launcher.launch(night).exitCode();
    }

    void givenWindow(LocalDate runDate, Set<String> shifted, long seed) {
        nights.window(runDate, shifted, seed);
    }

    void givenPerformance(LocalDate runDate, double accuracy, double latencySeconds) {
        nights.performance("credit-risk", runDate, accuracy, latencySeconds);
    }

    List<Map<String, Object>> state(String dedupKey) {
        return jdbc.queryForList("SELECT * FROM alert_state WHERE dedup_key = ? ORDER BY sink", dedupKey);
    }

    Map<String, Object> state(String dedupKey, String sink) {
        return jdbc.queryForMap("SELECT * FROM alert_state WHERE dedup_key = ? AND sink = ?", dedupKey, sink);
    }

    void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    static RunEvents.CanaryVerdictIssued verdict(long id, Verdict verdict) {
        CanaryRequest request = new CanaryRequest("credit-risk", "v1", "v2", CanaryRequest.Mode.CANARY,
                CanaryRequest.Input.LOGS, Instant.parse("2026-04-20T00:00:00Z"), Instant.parse("2026-04-21T00:00:00Z"));
        String reason = switch (verdict) {
            case ROLLBACK -> "accuracy 0.70 < 0.80";
            case PROMOTE -> "every metric passed";
            case INCONCLUSIVE -> "accuracy: not enough labelled samples";
        };
        return new RunEvents.CanaryVerdictIssued(id, request, new CanaryResult(verdict, reason, List.of()));
    }

    private double counter(String sink, String outcome) {
        Counter c = meters.find(AlertDispatcher.DELIVERIES).tags("sink", sink, "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private static JsonNode single(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }
}
