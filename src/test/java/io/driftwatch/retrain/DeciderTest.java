package io.driftwatch.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.MethodPlan;
import io.driftwatch.config.Monitor;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.ModelPerformance;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.queue.NewTask;
import io.driftwatch.retrain.queue.TaskStatus;

/** The decide step as a pure function: inputs built by hand, the verdict checked field by field. */
class DeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 3, 10);
    private static final ModelPerformance HEALTHY = new ModelPerformance(RUN_DATE.minusDays(1), 0.9, 0.2);

    @Test
    void anAdjustedPValueEqualToTheSignificanceLevelIsNotDrift() {
        // Bonferroni over two tests doubles p = 0.025 to exactly 0.05: drifted needs q < 0.05.
        List<DriftReportRow> rows = List.of(test("age", "ks", 0.025, 0.05, null), test("income", "ks", 0.025, 0.05, null));

        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.BONFERRONI, policy(false)), rows));

        assertThat(decision.rows()).allSatisfy(r -> {
            assertThat(r.judgement().pValueAdjusted()).isEqualTo(0.05);
            assertThat(r.drifted()).isFalse();
            assertThat(r.severity()).isEqualTo(Severity.NONE);
        });
        assertThat(decision.rejudged()).hasSize(2);
        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.NOT_NEEDED);
    }

    @Test
    void aTestBetweenItsWarnAndAlertLevelsAfterCorrectionWarns() {
        // Bonferroni over two tests: 0.03 → 0.06, between alert 0.05 and warn 0.1; 0.001 → 0.002, drifted.
        List<DriftReportRow> rows = List.of(test("age", "ks", 0.03, 0.05, 0.1), test("income", "ks", 0.001, 0.05, 0.1));

        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.BONFERRONI, policy(false)), rows));

        assertThat(decision.rows().get(0).severity()).isEqualTo(Severity.WARN);
        assertThat(decision.rows().get(0).drifted()).isFalse();
        assertThat(decision.rows().get(1).severity()).isEqualTo(Severity.ALERT);
        assertThat(decision.rows().get(1).judgement().pValueAdjusted()).isEqualTo(0.002);
        assertThat(decision.reason()).contains("income ks p_adjusted=0.002 < 0.05 (p=0.001, statistic=0.4)")
                .doesNotContain("age");
    }

    @Test
    void correctionJudgesOnlyOkPValueRowsAndLeavesScoresAlone() {
        List<DriftReportRow> rows = List.of(score("income", "psi", 0.3, 0.1), test("age", "ks", 0.04, 0.05, null),
                insufficient("region", "chisquare"));

        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.BENJAMINI_HOCHBERG, policy(false)), rows));

        assertThat(decision.rejudged()).extracting(DriftReportRow::feature).containsExactly("age");
        assertThat(decision.rows().get(0)).isEqualTo(rows.get(0));
        assertThat(decision.rows().get(2)).isEqualTo(rows.get(2));
        assertThat(decision.dataset()).isEqualTo(new Decision.DatasetDrift(2, 2, 1.0, true));
    }

    @Test
    void driftEnqueuesAClaimableTaskUnderTheModelsDedupeKey() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(score("income", "psi", 0.3, 0.1), score("age", "psi", 0.01, 0.1))));

        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.ENQUEUED);
        assertThat(decision.enqueues()).isTrue();
        NewTask task = decision.task("{}");
        assertThat(task.dedupeKey()).isEqualTo("retrain:credit-risk");
        assertThat(task.awaitingApproval()).isFalse();
        assertThat(task.runId()).isEqualTo(7L);
        assertThat(task.reason()).isEqualTo("feature drift: income psi=0.3 >= 0.1");
        assertThat(decision.dataset()).isEqualTo(new Decision.DatasetDrift(2, 1, 0.5, true));
    }

    @Test
    void anApprovalGateHoldsTheTask() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(true)),
                List.of(score("income", "psi", 0.3, 0.1))));

        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.AWAITING_APPROVAL);
        assertThat(decision.task("{}").awaitingApproval()).isTrue();
    }

    @Test
    void guardrailsAndAnEarlierAttemptDecideWhetherATaskIsWritten() {
        Monitor monitor = monitor(MultipleTesting.Correction.NONE, policy(false));
        List<DriftReportRow> drift = List.of(score("income", "psi", 0.3, 0.1));
        Guardrails.QueueState open = new Guardrails.QueueState(new Guardrails.OpenTask(42, TaskStatus.RUNNING), null, 1);

        Decision held = Decider.decide(new DecisionInput(monitor, run(500L), drift, HEALTHY, open, false, NOW));
        Decision again = Decider.decide(new DecisionInput(monitor, run(500L), drift, HEALTHY, open, true, NOW));

        assertThat(held.outcome()).isEqualTo(RetrainingOutcome.SKIPPED_OPEN_TASK);
        assertThat(held.reason()).endsWith("; not enqueued: the model already has an open task (id 42, RUNNING)");
        assertThat(held.enqueues()).isFalse();
        assertThatThrownBy(() -> held.task("{}")).isInstanceOf(IllegalStateException.class);
        assertThat(again.outcome()).isEqualTo(RetrainingOutcome.ALREADY_ENQUEUED);
        assertThat(again.enqueues()).isFalse();
    }

    @Test
    void aTaskTheQueueRefusesIsTheRunsOwnOrAnotherRunsOpenTask() {
        Decision enqueue = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(score("income", "psi", 0.3, 0.1))));

        assertThat(enqueue.notInserted(true).outcome()).isEqualTo(RetrainingOutcome.ALREADY_ENQUEUED);
        Decision lost = enqueue.notInserted(false);
        assertThat(lost.outcome()).isEqualTo(RetrainingOutcome.SKIPPED_OPEN_TASK);
        assertThat(lost.reason()).endsWith("not enqueued: another run opened a task for the model first");
    }

    @Test
    void nothingDriftedAndHealthyNeedsNothing() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(score("income", "psi", 0.01, 0.1), insufficient("region", "psi"))));

        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.NOT_NEEDED);
        assertThat(decision.enqueues()).isFalse();
        assertThat(decision.dataset()).isEqualTo(new Decision.DatasetDrift(1, 0, 0.0, false));
    }

    @Test
    void noEvaluatedFeatureLeavesTheDriftShareUnknownNotZero() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(insufficient("income", "psi"))));

        assertThat(decision.dataset()).isEqualTo(new Decision.DatasetDrift(0, 0, null, false));
    }

    @Test
    void theSnapshotKeepsItsDocumentedJsonShape() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(score("income", "psi", 0.3, 0.1), test("age", "ks", 0.2, 0.05, null))));

        JsonNode snapshot = JsonMapper.builder().build().readTree(JsonMapper.builder().build()
                .writeValueAsString(decision.snapshot()));

        assertThat(snapshot.propertyNames()).containsExactly("monitor", "model", "run_date", "window", "rows_read", "dataset",
                "features", "performance", "retraining");
        assertThat(snapshot.get("rows_read").get("current").asLong()).isEqualTo(500);
        assertThat(snapshot.get("dataset").propertyNames()).containsExactly("features_evaluated", "features_drifted",
                "drift_share", "dataset_drift");
        JsonNode income = snapshot.get("features").get(0);
        assertThat(income.propertyNames()).containsExactly("feature", "type", "drifted", "baseline_count", "current_count",
                "baseline_missing", "current_missing", "methods");
        assertThat(income.get("methods").get(0).propertyNames()).containsExactly("method", "status", "score", "threshold",
                "drifted", "severity");
        JsonNode ks = snapshot.get("features").get(1).get("methods").get(0);
        assertThat(ks.propertyNames()).containsExactlyInAnyOrder("method", "status", "score", "threshold", "p_value",
                "p_value_adjusted", "drifted", "severity");
        assertThat(ks.get("p_value_adjusted").asDouble()).isEqualTo(0.2);
        assertThat(snapshot.get("performance").get("status").asString()).isEqualTo("OK");
        assertThat(snapshot.get("retraining").get("decision").asString()).isEqualTo("ENQUEUED");
        JsonNode evidence = JsonMapper.builder().build().readTree(JsonMapper.builder().build()
                .writeValueAsString(decision.evidence()));
        assertThat(evidence.propertyNames()).containsExactly("monitor", "model", "run_date", "reasons", "drifted_features",
                "performance");
        assertThat(evidence.get("drifted_features").get(0).propertyNames()).containsExactly("feature", "method", "score",
                "threshold");
    }

    @Test
    void minRowsCountsTheRowsTheRunReadAndARunThatReadNoneHasZero() {
        Monitor.RetrainingPolicy minRows = new Monitor.RetrainingPolicy(0.78, 0.5, null, List.of(), 500, Duration.ZERO, 0,
                Duration.ofDays(30), false, 3, 4);
        Monitor monitor = monitor(MultipleTesting.Correction.NONE, minRows);
        List<DriftReportRow> drift = List.of(score("income", "psi", 0.3, 0.1));

        Decision enough = Decider.decide(new DecisionInput(monitor, run(500L), drift, HEALTHY, Guardrails.QueueState.EMPTY,
                false, NOW));
        Decision unknown = Decider.decide(new DecisionInput(monitor, run(null), drift, HEALTHY, Guardrails.QueueState.EMPTY,
                false, NOW));

        assertThat(enough.outcome()).isEqualTo(RetrainingOutcome.ENQUEUED);
        assertThat(unknown.outcome()).isEqualTo(RetrainingOutcome.SKIPPED_MIN_ROWS);
        assertThat(unknown.reason()).isEqualTo("feature drift: income psi=0.3 >= 0.1; not enqueued: the current window has"
                + " 0 rows, fewer than min-rows 500");
    }

    @Test
    void aReasonIsKeptWholeUpToTheLongestATaskStoresAndCutWithAnEllipsisBeyond() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(score("income", "psi", 0.3, 0.1))));
        String longest = "r".repeat(Decision.MAX_REASON);

        Decision whole = new Decision(decision.input(), decision.rows(), decision.rejudged(), decision.dataset(),
                decision.drifted(), decision.wanted(), decision.outcome(), longest);
        Decision cut = new Decision(decision.input(), decision.rows(), decision.rejudged(), decision.dataset(),
                decision.drifted(), decision.wanted(), decision.outcome(), longest + "s");

        assertThat(Decision.MAX_REASON).isEqualTo(2000);
        assertThat(whole.reason()).isEqualTo(longest);
        assertThat(cut.reason()).hasSize(2000).endsWith("rr...");
        assertThat(cut.task("{}").reason()).isEqualTo(cut.reason());
    }

    @Test
    void theCompletionCarriesTheDatasetDriftPerformanceAndOutcome() {
        Decision decision = Decider.decide(input(monitor(MultipleTesting.Correction.NONE, policy(false)),
                List.of(score("income", "psi", 0.3, 0.1), score("age", "psi", 0.01, 0.1))));

        assertThat(decision.completion("{\"s\":1}")).isEqualTo(new io.driftwatch.report.RunCompletion(2, 1, 0.5, true,
                HEALTHY, RetrainingOutcome.ENQUEUED, "feature drift: income psi=0.3 >= 0.1", "{\"s\":1}"));
    }

    @Test
    void theSnapshotNamesThePerformancesDateOrLeavesItOutWhenThereIsNone() {
        Monitor monitor = monitor(MultipleTesting.Correction.NONE, policy(false));
        List<DriftReportRow> rows = List.of(score("income", "psi", 0.01, 0.1));

        RunSnapshot.Performance known = Decider.decide(input(monitor, rows)).snapshot().performance();
        RunSnapshot.Performance missing = Decider.decide(new DecisionInput(monitor, run(500L), rows, ModelPerformance.MISSING,
                Guardrails.QueueState.EMPTY, false, NOW)).snapshot().performance();

        assertThat(known).isEqualTo(new RunSnapshot.Performance(ModelPerformance.Status.OK, "2026-03-09", 0.9, 0.78, 0.2, 0.5));
        assertThat(missing).isEqualTo(new RunSnapshot.Performance(ModelPerformance.Status.MISSING, null, null, 0.78, null, 0.5));
    }

    private static DecisionInput input(Monitor monitor, List<DriftReportRow> rows) {
        return new DecisionInput(monitor, run(500L), rows, HEALTHY, Guardrails.QueueState.EMPTY, false, NOW);
    }

    private static DriftRun run(Long currentRows) {
        return new DriftRun(7, "loans", "credit-risk", RUN_DATE, Instant.parse("2026-03-09T00:00:00Z"),
                Instant.parse("2026-03-10T00:00:00Z"), DriftRun.Status.RUNNING, 1000L, currentRows, null, null, null, null,
                null, null, null);
    }

    private static Monitor.RetrainingPolicy policy(boolean approval) {
        return new Monitor.RetrainingPolicy(0.78, 0.5, null, List.of(), 0, Duration.ZERO, 0, Duration.ofDays(30), approval,
                3, 4);
    }

    private static Monitor monitor(MultipleTesting.Correction correction, Monitor.RetrainingPolicy policy) {
        SqlIdentifier table = SqlIdentifier.parse("loan_features");
        List<Monitor.Feature> features = new ArrayList<>();
        for (String name : List.of("income", "age", "region")) {
            features.add(new Monitor.Feature(name, FeatureType.NUMERIC, SqlIdentifier.parse(name), List.of()));
        }
        return new Monitor("loans", "credit-risk", table, SqlIdentifier.parse("scored_at"), new Monitor.Baseline(table, null,
                null), Duration.ofDays(1), features, policy, SqlIdentifier.parse("model_performance"),
                new MethodPlan(MethodSelection.Mode.DEFAULT, MethodPlan.Overrides.NONE, correction, 0.5));
    }

    private static DriftReportRow score(String feature, String method, double score, double threshold) {
        boolean drifted = score >= threshold;
        return row(feature, method, new DriftReportRow.Judgement(DriftStatus.OK, score, ThresholdKind.SCORE_AT_LEAST,
                threshold, null, null, null, drifted, drifted ? Severity.ALERT : Severity.NONE));
    }

    /** A test as the drift step writes it: judged on its own p-value, adjusted = raw until the decide step. */
    private static DriftReportRow test(String feature, String method, double p, double alpha, Double warn) {
        Severity severity = Severity.of(ThresholdKind.P_VALUE_BELOW, p, alpha, warn);
        return row(feature, method, new DriftReportRow.Judgement(DriftStatus.OK, 0.4, ThresholdKind.P_VALUE_BELOW, alpha,
                warn, p, p, severity == Severity.ALERT, severity));
    }

    private static DriftReportRow insufficient(String feature, String method) {
        return row(feature, method, new DriftReportRow.Judgement(DriftStatus.INSUFFICIENT_DATA, null,
                ThresholdKind.SCORE_AT_LEAST, 0.1, null, null, null, false, Severity.NONE));
    }

    private static DriftReportRow row(String feature, String method, DriftReportRow.Judgement judgement) {
        return new DriftReportRow(7, feature, FeatureType.NUMERIC, method, method + ":c", judgement, "configured",
                new DriftReportRow.WindowStats(1000, 500, 0, 0, 1.0, 1.1, 0.5, 0.5), "{}");
    }
}
