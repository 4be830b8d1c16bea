package io.driftwatch.canary;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.driftwatch.canary.analysis.MetricResult;
import io.driftwatch.canary.analysis.Verdict;

/**
 * A verdict as recorded in {@code canary_verdict}: the document printed for a rollout tool is built
 * from it, both when the verdict is issued and when a repeated request replays it, so the two agree.
 *
 * @param id                   the row's id (0 before it is inserted)
 * @param reason               the verdict's reason, at most {@value #MAX_REASON} characters
 * @param baselineRequests     requests (periods' requests for {@code input=metrics}) of the baseline; in shadow mode
 *                             the requests production served
 * @param candidateRequests    requests of the candidate; in shadow mode the candidate's responses to them
 * @param baselineSkippedRows  baseline rows (or {@code canary_metrics} periods) skipped as unusable
 * @param candidateSkippedRows candidate rows (or periods) skipped as unusable
 * @param metrics              each metric's fields, in {@link #METRIC_FIELDS} order
 */
public record RecordedVerdict(long id, String model, String baselineVersion, String candidateVersion,
                              CanaryRequest.Mode mode, CanaryRequest.Input input, Instant windowStart, Instant windowEnd,
                              Verdict verdict, String reason, long baselineRequests, long candidateRequests,
                              long baselineSkippedRows, long candidateSkippedRows, List<Map<String, Object>> metrics) {

    /** The length of {@code canary_verdict.reason}. */
    static final int MAX_REASON = 2000;
    /** The fields of each metric in the document and in {@code canary_verdict.metrics}. */
    static final List<String> METRIC_FIELDS = List.of("metric", "classification", "baseline", "candidate", "effect_size",
            "ci_low", "ci_high", "p_value", "rule", "reason");

    public RecordedVerdict {
        reason = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
        metrics = metrics.stream().map(m -> {
            Map<String, Object> ordered = new LinkedHashMap<>();
            METRIC_FIELDS.forEach(field -> ordered.put(field, m.get(field)));
            return Collections.unmodifiableMap(ordered);
        }).toList();
    }

    RecordedVerdict withId(long newId) {
        return new RecordedVerdict(newId, model, baselineVersion, candidateVersion, mode, input, windowStart, windowEnd,
                verdict, reason, baselineRequests, candidateRequests, baselineSkippedRows, candidateSkippedRows, metrics);
    }

    /** The metrics of an analysis as recorded: non-finite numbers become null. */
    static List<Map<String, Object>> metrics(List<MetricResult> metrics) {
        return metrics.stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", m.metric());
            row.put("classification", m.classification().name());
            row.put("baseline", finite(m.baseline()));
            row.put("candidate", finite(m.candidate()));
            row.put("effect_size", finite(m.effectSize()));
            row.put("ci_low", finite(m.ciLow()));
            row.put("ci_high", finite(m.ciHigh()));
            row.put("p_value", finite(m.pValue()));
            row.put("rule", m.rule());
            row.put("reason", m.reason());
            return row;
        }).toList();
    }

    /**
     * The verdict document (one JSON object) for stdout and {@code driftwatch.canary.output}.
     *
     * @param replayed whether this request repeated an earlier one and the recorded verdict is replayed
     */
    Map<String, Object> document(boolean replayed) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("verdict_id", id);
        document.put("model", model);
        document.put("baseline_version", baselineVersion);
        document.put("candidate_version", candidateVersion);
        document.put("mode", lower(mode));
        document.put("input", lower(input));
        Map<String, String> window = new LinkedHashMap<>();
        window.put("start", windowStart.toString());
        window.put("end", windowEnd.toString());
        document.put("window", window);
        document.put("verdict", verdict.name());
        document.put("reason", reason);
        document.put("replayed", replayed);
        document.put("baseline_requests", baselineRequests);
        document.put("candidate_requests", candidateRequests);
        Map<String, Long> skipped = new LinkedHashMap<>();
        skipped.put("baseline", baselineSkippedRows);
        skipped.put("candidate", candidateSkippedRows);
        document.put("skipped_rows", skipped);
        document.put("metrics", metrics);
        return document;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
