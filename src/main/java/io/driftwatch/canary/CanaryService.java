package io.driftwatch.canary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.canary.analysis.CanaryAnalysis;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.LoggedValues;
import io.driftwatch.canary.analysis.VersionAggregate;
import io.driftwatch.canary.analysis.VersionSample;
import io.driftwatch.db.Dialect;
import io.driftwatch.source.JdbcSchemaInspector;

/**
 * Judges a candidate: checks the request ({@link #check}), reads both versions' evidence, runs the
 * analysis and records the verdict in {@code canary_verdict}. A <em>repeated request</em> (same
 * model, versions, mode, input and window, judged with the same thresholds and log source) replays the
 * verdict recorded for it instead of judging again: a rollout tool that asks again gets the same answer
 * and no second row.
 */
public class CanaryService {

    /**
     * The outcome of one request: the recorded verdict and its document, and the analysis when it ran now
     * (null when the verdict was replayed).
     *
     * @param latencies both versions' per-request latencies when the analysis ran now on prediction logs; null when it
     *                  was replayed or judged {@code canary_metrics} aggregates
     */
    public record Judgement(RecordedVerdict verdict, CanaryResult analysis, String json, LatencySamples latencies) {

        public boolean replayed() {
            return analysis == null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CanaryService.class);

    private final JdbcPredictionLogSource logs;
    private final JdbcCanaryMetricsSource metrics;
    private final CanaryProperties properties;
    private final JsonMapper json;
    private final CanaryPreflight preflight;
    private final JdbcCanaryVerdictDao verdicts;

    public CanaryService(JdbcPredictionLogSource logs, CanaryProperties properties, JdbcTemplate jdbc, JsonMapper json,
                         Dialect dialect) {
        this.logs = logs;
        this.metrics = new JdbcCanaryMetricsSource(jdbc);
        this.properties = properties;
        this.json = json;
        this.preflight = new CanaryPreflight(properties, new JdbcSchemaInspector(jdbc.getDataSource()), logs, metrics);
        this.verdicts = new JdbcCanaryVerdictDao(jdbc, json, dialect);
    }

    /**
     * Checks thresholds, log table and columns, and that both versions have rows, before any log is read.
     *
     * @throws CanaryConfigurationException listing every problem
     */
    public void check(CanaryRequest request) {
        preflight.check(request);
    }

    /**
     * Judges the request, or replays the verdict recorded for the same request. The request must have passed
     * {@link #check} (canaryJob's parameters validator runs it).
     */
    public Judgement judge(CanaryRequest request) {
        String key = requestKey(request);
        return verdicts.find(key).map(this::replay).orElseGet(() -> {
            Evidence evidence = analyse(request);
            if (evidence.baselineSkipped() + evidence.candidateSkipped() > 0) {
                log.warn("Skipped {} baseline and {} candidate rows holding {}; see skipped_rows in canary_verdict",
                        evidence.baselineSkipped(), evidence.candidateSkipped(), LoggedValues.UNUSABLE);
            }
            RecordedVerdict fresh = new RecordedVerdict(0, request.model(), request.baselineVersion(),
                    request.candidateVersion(), request.mode(), request.input(), request.from(), request.to(),
                    evidence.result().verdict(), evidence.result().reason(), evidence.baselineRequests(),
                    evidence.candidateRequests(), evidence.baselineSkipped(), evidence.candidateSkipped(),
                    RecordedVerdict.metrics(evidence.result().metrics()));
            // Another process may have recorded the same request meanwhile: then its verdict stands.
            return verdicts.insert(key, fresh).map(fresh::withId)
                    .map(v -> new Judgement(v, evidence.result(), json.writeValueAsString(v.document(false)),
                            evidence.latencies()))
                    .orElseGet(() -> replay(verdicts.find(key).orElseThrow()));
        });
    }

    private Judgement replay(RecordedVerdict recorded) {
        return new Judgement(recorded, null, json.writeValueAsString(recorded.document(true)), null);
    }

    /** What was read and judged: the analysis and, per version, the requests, the rows skipped and the latencies. */
    private record Evidence(CanaryResult result, long baselineRequests, long candidateRequests, long baselineSkipped,
                            long candidateSkipped, LatencySamples latencies) {
    }

    private Evidence analyse(CanaryRequest request) {
        if (request.input() == CanaryRequest.Input.METRICS) {
            VersionAggregate baseline = metrics.aggregate(request.model(), request.baselineVersion(), request.from(),
                    request.to());
            VersionAggregate candidate = metrics.aggregate(request.model(), request.candidateVersion(), request.from(),
                    request.to());
            return new Evidence(CanaryAnalysis.analyseAggregates(baseline, candidate, properties.thresholds()),
                    baseline.requests(), candidate.requests(), baseline.skippedRows(), candidate.skippedRows(), null);
        }
        if (request.mode() == CanaryRequest.Mode.SHADOW) {
            JdbcPredictionLogSource.ShadowLog shadow = logs.shadow(request.model(), request.baselineVersion(),
                    request.candidateVersion(), request.from(), request.to());
            return new Evidence(CanaryAnalysis.analyseShadow(shadow.pairs(), properties.thresholds()),
                    shadow.pairs().size(), shadow.candidateLogged(), shadow.productionSkipped(), shadow.candidateSkipped(),
                    LatencySamples.of(shadow.pairs()));
        }
        VersionSample baseline = logs.sample(request.model(), request.baselineVersion(), request.from(), request.to());
        VersionSample candidate = logs.sample(request.model(), request.candidateVersion(), request.from(), request.to());
        return new Evidence(CanaryAnalysis.analyse(baseline, candidate, properties.thresholds()), baseline.requests(),
                candidate.requests(), baseline.skippedRows(), candidate.skippedRows(), LatencySamples.of(baseline, candidate));
    }

    /**
     * The identity of a request: SHA-256 (hex) of its model, versions, mode, input and window, the thresholds and,
     * for prediction logs, the configured table and columns. Changing any of them judges afresh.
     */
    String requestKey(CanaryRequest r) {
        String source = r.input() == CanaryRequest.Input.LOGS ? LogSource.configured(properties).toString()
                : "canary_metrics";
        List<String> parts = List.of("canary-request/1", r.model(), r.baselineVersion(), r.candidateVersion(),
                r.mode().name(), r.input().name(), r.from().toString(), r.to().toString(),
                properties.thresholds().toString(), source);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
