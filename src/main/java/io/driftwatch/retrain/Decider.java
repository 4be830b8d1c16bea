package io.driftwatch.retrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftwatch.config.Monitor;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.RetrainingOutcome;

/**
 * The decide step of one monitor's run as a pure function: the run's report rows, the model's
 * performance, its queue state, the policy and a clock in; a {@link Decision} out. In order:
 * <ol>
 *   <li>the p-values of the run's tests are corrected together ({@link MultipleTesting}, one family per
 *       run: every feature of the population and of every segment) and those rows judged anew on the adjusted
 *       p-values;</li>
 *   <li>dataset drift: the share of the population's evaluated features that drifted, against the monitor's
 *       drift-share; each segment is judged alike ({@link SegmentDrift});</li>
 *   <li>whether drift or performance asks for retraining ({@link RetrainingDecision});</li>
 *   <li>whether a task may be enqueued ({@link Guardrails}), or this run's task exists already.</li>
 * </ol>
 * Nothing here reads or writes a database; {@link RunCompleter} does, once, around it.
 */
public final class Decider {

    private Decider() {
    }

    public static Decision decide(DecisionInput in) {
        Monitor monitor = in.monitor();
        List<DriftReportRow> rows = new ArrayList<>(in.rows());
        List<DriftReportRow> rejudged = correct(monitor.methods().correction(), rows);

        // Dataset drift is the whole population's; segments are judged on their own (SegmentDrift), with the same
        // correction, which took every segment's tests into its one family.
        Map<String, List<DriftReportRow>> byFeature = new LinkedHashMap<>();
        rows.stream().filter(DriftReportRow::isPopulation)
                .forEach(r -> byFeature.computeIfAbsent(r.feature(), k -> new ArrayList<>()).add(r));
        int evaluated = 0;
        int driftedFeatures = 0;
        List<FeatureDrift> drifted = new ArrayList<>();
        for (List<DriftReportRow> featureRows : byFeature.values()) {
            evaluated += featureRows.stream().anyMatch(DriftReportRow::evaluated) ? 1 : 0;
            driftedFeatures += featureRows.stream().anyMatch(DriftReportRow::drifted) ? 1 : 0;
            featureRows.stream().filter(DriftReportRow::drifted).map(Decider::evidence).forEach(drifted::add);
        }
        Double share = evaluated == 0 ? null : (double) driftedFeatures / evaluated;
        Decision.DatasetDrift dataset = new Decision.DatasetDrift(evaluated, driftedFeatures, share,
                share != null && share >= monitor.methods().driftShare());

        SegmentDrift segments = SegmentDrift.of(monitor, rows);
        RetrainingDecision wanted = RetrainingDecision.decide(monitor.retraining(), drifted, driftedFeatures, evaluated,
                in.performance()).withSegments(segments.reasons(), segments.notes());
        RetrainingOutcome outcome;
        String reason = wanted.summary();
        if (!wanted.retrain()) {
            outcome = RetrainingOutcome.NOT_NEEDED;
        } else if (in.runHasTask()) {
            outcome = RetrainingOutcome.ALREADY_ENQUEUED;
        } else {
            long currentRows = in.run().currentRows() == null ? 0 : in.run().currentRows();
            Guardrails.Refusal refusal = Guardrails.check(monitor.retraining(), currentRows, in.queue(), in.now()).orElse(null);
            if (refusal != null) {
                outcome = refusal.outcome();
                reason = wanted.summary() + "; not enqueued: " + refusal.reason();
            } else {
                outcome = monitor.retraining().approval() ? RetrainingOutcome.AWAITING_APPROVAL : RetrainingOutcome.ENQUEUED;
            }
        }
        return new Decision(in, rows, rejudged, dataset, drifted, wanted, outcome, reason);
    }

    /**
     * Corrects the p-values of the run's tests (every OK p-value row of every feature) and replaces those
     * rows in {@code rows} with their judgement on the adjusted p-value; returns the replaced rows.
     */
    private static List<DriftReportRow> correct(MultipleTesting.Correction correction, List<DriftReportRow> rows) {
        List<Integer> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            DriftReportRow r = rows.get(i);
            if (r.isPValueTest() && r.status() == DriftStatus.OK && r.judgement().pValue() != null) {
                tests.add(i);
            }
        }
        List<MultipleTesting.Judged> judged = MultipleTesting.judge(correction, tests.stream().map(rows::get)
                .map(r -> new MultipleTesting.Test(r.judgement().pValue(), r.threshold(), r.judgement().warnThreshold()))
                .toList());
        List<DriftReportRow> rejudged = new ArrayList<>(tests.size());
        for (int k = 0; k < tests.size(); k++) {
            DriftReportRow r = rows.get(tests.get(k));
            DriftReportRow now = r.with(r.judgement().corrected(judged.get(k).adjusted(), judged.get(k).severity()));
            rows.set(tests.get(k), now);
            rejudged.add(now);
        }
        return rejudged;
    }

    static FeatureDrift evidence(DriftReportRow r) {
        DriftReportRow.Judgement j = r.judgement();
        return new FeatureDrift(r.feature(), r.method(), j.thresholdKind(), r.score(), j.pValue(),
                r.isPValueTest() ? j.pValueAdjusted() : null, r.threshold(), r.explanation());
    }
}
