package io.driftwatch.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

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

/** The segments' part of the decide step, without a database: which segments ask for retraining, and the correction. */
class DeciderSegmentsTest {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 3, 10);
    private static final ModelPerformance HEALTHY = new ModelPerformance(RUN_DATE.minusDays(1), 0.9, 0.2);

    @Test
    void aSegmentAsksForRetrainingOnlyWhenItDecidesAndReachesTheDriftShare() {
        // drift-share 0.5: DE drifted in 2 of 3 features (asks), LU in 1 of 3 (a note); the population did not drift.
        List<DriftReportRow> rows = new ArrayList<>(population(false));
        rows.addAll(segment("country=DE", true, true, false));
        rows.addAll(segment("country=LU", true, false, false));

        Decision decision = Decider.decide(input(monitor(true, 0.5), rows));

        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.ENQUEUED);
        assertThat(decision.wanted().reasons()).containsExactly("segment drift: country=DE: 2 of 3 features drifted: "
                + "income psi=0.3 >= 0.1, age psi=0.3 >= 0.1");
        assertThat(decision.wanted().notes()).contains("segment drift below drift-share 0.5000: country=LU: 1 of 3"
                + " features drifted: income psi=0.3 >= 0.1");
        assertThat(decision.dataset().featuresDrifted()).isZero();
        assertThat(decision.dataset().featuresEvaluated()).isEqualTo(3);
        assertThat(decision.snapshot().features()).hasSize(3);
    }

    @Test
    void aSegmentThatDoesNotDecideIsANoteAndTheModelIsNotRetrained() {
        List<DriftReportRow> rows = new ArrayList<>(population(false));
        rows.addAll(segment("country=DE", true, true, true));

        Decision decision = Decider.decide(input(monitor(false, null), rows));

        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.NOT_NEEDED);
        assertThat(decision.wanted().reasons()).isEmpty();
        assertThat(decision.reason()).contains("segment drift (segments decide: false): country=DE: 3 of 3 features drifted");
    }

    @Test
    void theSegmentsTestsJoinThePopulationsInOneCorrectionFamily() {
        // Bonferroni: p = 0.02 alone would drift at 0.05; with two segment tests in the family it becomes 0.06.
        List<DriftReportRow> rows = List.of(test(null, 0.02), test("country=DE", 0.5), test("country=LU", 0.9));

        Decision decision = Decider.decide(input(monitor(true, null), rows));

        assertThat(decision.rows()).extracting(r -> r.judgement().pValueAdjusted()).containsExactly(0.06, 1.0, 1.0);
        assertThat(decision.rows()).noneMatch(DriftReportRow::drifted);
        assertThat(decision.rejudged()).extracting(DriftReportRow::segment).containsExactly(null, "country=DE", "country=LU");
    }

    @Test
    void aSegmentReachingExactlyTheDriftShareAsksForRetraining() {
        // drift-share 0.5 with 2 of 4 features drifted in DE: a share equal to the drift-share asks.
        List<DriftReportRow> rows = new ArrayList<>(population(false));
        rows.addAll(segment("country=DE", true, true, false));
        rows.add(score("country=DE", "debt_ratio", false));

        Decision decision = Decider.decide(input(monitor(true, 0.5), rows));

        assertThat(decision.wanted().reasons()).singleElement().asString()
                .startsWith("segment drift: country=DE: 2 of 4 features drifted");
        assertThat(decision.outcome()).isEqualTo(RetrainingOutcome.ENQUEUED);
    }

    @Test
    void aSegmentWithoutBaselineRowsIsNotedAsNewWithItsCurrentRows() {
        // FR has no baseline row at all (neither values nor missing values): new, counted as 120 + 8 current rows.
        // DE's baseline holds only missing values in one feature and values elsewhere: not new.
        List<DriftReportRow> rows = new ArrayList<>(population(false));
        rows.add(stats("country=FR", "income", new DriftReportRow.WindowStats(0, 120, 0, 8, null, 1.1, null, 0.5)));
        rows.add(stats("country=FR", "age", new DriftReportRow.WindowStats(0, 120, 0, 8, null, 1.1, null, 0.5)));
        rows.add(stats("country=DE", "income", new DriftReportRow.WindowStats(40, 50, 40, 0, 1.0, 1.1, 0.5, 0.5)));

        Decision decision = Decider.decide(input(monitor(true, null), rows));

        assertThat(decision.wanted().notes()).containsExactly("segments new in the current window: country=FR (128 rows)");
        assertThat(decision.wanted().retrain()).isFalse();
        assertThat(decision.reason()).endsWith("segments new in the current window: country=FR (128 rows)");
    }

    @Test
    void noNewSegmentNoNote() {
        List<DriftReportRow> rows = new ArrayList<>(population(false));
        rows.addAll(segment("country=DE", false, false, false));

        Decision decision = Decider.decide(input(monitor(true, null), rows));

        assertThat(decision.wanted().notes()).isEmpty();
        assertThat(decision.reason()).isEqualTo("no drift and performance within limits");
    }

    private static DriftReportRow stats(String segment, String feature, DriftReportRow.WindowStats stats) {
        return new DriftReportRow(7, feature, FeatureType.NUMERIC, "psi", "psi:c", new DriftReportRow.Judgement(DriftStatus.OK,
                0.01, ThresholdKind.SCORE_AT_LEAST, 0.1, null, null, null, false, Severity.NONE),
                "configured", stats, "{}", null, segment);
    }

    private static List<DriftReportRow> population(boolean drifted) {
        return segment(null, drifted, false, false);
    }

    private static List<DriftReportRow> segment(String segment, boolean income, boolean age, boolean region) {
        return List.of(score(segment, "income", income), score(segment, "age", age), score(segment, "region", region));
    }

    private static DriftReportRow score(String segment, String feature, boolean drifted) {
        double score = drifted ? 0.3 : 0.01;
        return new DriftReportRow(7, feature, FeatureType.NUMERIC, "psi", "psi:c", new DriftReportRow.Judgement(DriftStatus.OK,
                score, ThresholdKind.SCORE_AT_LEAST, 0.1, null, null, null, drifted, drifted ? Severity.ALERT : Severity.NONE),
                "configured", new DriftReportRow.WindowStats(1000, 500, 0, 0, 1.0, 1.1, 0.5, 0.5), "{}", null, segment);
    }

    private static DriftReportRow test(String segment, double p) {
        return new DriftReportRow(7, "income", FeatureType.NUMERIC, "ks", "ks:c", new DriftReportRow.Judgement(DriftStatus.OK,
                0.4, ThresholdKind.P_VALUE_BELOW, 0.05, null, p, p, p < 0.05, p < 0.05 ? Severity.ALERT : Severity.NONE),
                "configured", new DriftReportRow.WindowStats(1000, 500, 0, 0, 1.0, 1.1, 0.5, 0.5), "{}", null, segment);
    }

    private static DecisionInput input(Monitor monitor, List<DriftReportRow> rows) {
        DriftRun run = new DriftRun(7, "loans", "credit-risk", RUN_DATE, Instant.parse("2026-03-09T00:00:00Z"),
                Instant.parse("2026-03-10T00:00:00Z"), DriftRun.Status.RUNNING, 1000L, 500L, null, null, null, null,
                null, null, null);
        return new DecisionInput(monitor, run, rows, HEALTHY, Guardrails.QueueState.EMPTY, false,
                Instant.parse("2026-03-10T02:00:00Z"));
    }

    private static Monitor monitor(boolean decide, Double driftShare) {
        SqlIdentifier table = SqlIdentifier.parse("loan_features");
        List<Monitor.Feature> features = new ArrayList<>();
        for (String name : List.of("income", "age", "region")) {
            features.add(new Monitor.Feature(name, FeatureType.NUMERIC, SqlIdentifier.parse(name), List.of()));
        }
        Monitor.RetrainingPolicy policy = new Monitor.RetrainingPolicy(0.78, 0.5, driftShare, List.of(), 0, Duration.ZERO,
                0, Duration.ofDays(30), false, 0, 5);
        return new Monitor("loans", "credit-risk", new io.driftwatch.config.Relation.Table(table), SqlIdentifier.parse("scored_at"),
                new Monitor.Baseline(table, null, null), Duration.ofDays(1), features, policy,
                SqlIdentifier.parse("model_performance"), new MethodPlan(MethodSelection.Mode.DEFAULT,
                MethodPlan.Overrides.NONE, MultipleTesting.Correction.BONFERRONI, 0.5),
                List.of(new Monitor.Segmentation(SqlIdentifier.parse("country"), 50, decide)));
    }
}
