package io.driftwatch.canary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.canary.analysis.CanaryAnalysis;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.MetricResult;
import io.driftwatch.canary.analysis.ShadowPair;
import io.driftwatch.canary.analysis.VersionAggregate;
import io.driftwatch.canary.analysis.VersionSample;
import io.driftwatch.db.Dialect;

/** Reads both versions' logs, runs the analysis and records the verdict in {@code canary_verdict}. */
public class CanaryService {

    private static final String INSERT_TEMPLATE = """
            INSERT INTO canary_verdict (model, baseline_version, candidate_version, mode, window_start, window_end, verdict,
                                        reason, baseline_requests, candidate_requests, metrics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s)""";

    /** The verdict as recorded, with the JSON document that is printed and written for analysis providers. */
    public record Recorded(long id, CanaryResult result, String json) {
    }

    private final JdbcPredictionLogSource logs;
    private final JdbcCanaryMetricsSource metrics;
    private final CanaryProperties properties;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String insert;

    public CanaryService(JdbcPredictionLogSource logs, CanaryProperties properties, JdbcTemplate jdbc, JsonMapper json,
                         Dialect dialect) {
        this.logs = logs;
        this.metrics = new JdbcCanaryMetricsSource(jdbc);
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.insert = INSERT_TEMPLATE.formatted(dialect.jsonParameter());
    }

    public Recorded analyse(CanaryRequest request) {
        CanaryResult result;
        long baselineRequests;
        long candidateRequests;
        if (request.input() == CanaryRequest.Input.METRICS) {
            VersionAggregate baseline = metrics.aggregate(request.model(), request.baselineVersion(), request.from(),
                    request.to());
            VersionAggregate candidate = metrics.aggregate(request.model(), request.candidateVersion(), request.from(),
                    request.to());
            result = CanaryAnalysis.analyseAggregates(baseline, candidate, properties.thresholds());
            baselineRequests = baseline.requests();
            candidateRequests = candidate.requests();
        } else if (request.mode() == CanaryRequest.Mode.SHADOW) {
            List<ShadowPair> pairs = logs.pairs(request.model(), request.baselineVersion(), request.candidateVersion(),
                    request.from(), request.to());
            result = CanaryAnalysis.analyseShadow(pairs, properties.thresholds());
            baselineRequests = pairs.size();
            candidateRequests = pairs.size();
        } else {
            VersionSample baseline = logs.sample(request.model(), request.baselineVersion(), request.from(), request.to());
            VersionSample candidate = logs.sample(request.model(), request.candidateVersion(), request.from(), request.to());
            result = CanaryAnalysis.analyse(baseline, candidate, properties.thresholds());
            baselineRequests = baseline.requests();
            candidateRequests = candidate.requests();
        }
        String metricsJson = json.writeValueAsString(metrics(result.metrics()));
        String reason = result.reason().length() <= 2000 ? result.reason() : result.reason().substring(0, 1997) + "...";
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(insert, new String[] {"id"});
            statement.setString(1, request.model());
            statement.setString(2, request.baselineVersion());
            statement.setString(3, request.candidateVersion());
            statement.setString(4, request.mode().name().toLowerCase(Locale.ROOT));
            statement.setObject(5, request.from().atOffset(java.time.ZoneOffset.UTC));
            statement.setObject(6, request.to().atOffset(java.time.ZoneOffset.UTC));
            statement.setString(7, result.verdict().name());
            statement.setString(8, reason);
            statement.setLong(9, baselineRequests);
            statement.setLong(10, candidateRequests);
            statement.setString(11, metricsJson);
            return statement;
        }, keys);
        long id = keys.getKey().longValue();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("verdict_id", id);
        document.put("model", request.model());
        document.put("baseline_version", request.baselineVersion());
        document.put("candidate_version", request.candidateVersion());
        document.put("mode", request.mode().name().toLowerCase(Locale.ROOT));
        document.put("input", request.input().name().toLowerCase(Locale.ROOT));
        document.put("window", Map.of("start", request.from().toString(), "end", request.to().toString()));
        document.put("verdict", result.verdict().name());
        document.put("reason", result.reason());
        document.put("baseline_requests", baselineRequests);
        document.put("candidate_requests", candidateRequests);
        document.put("metrics", metrics(result.metrics()));
        return new Recorded(id, result, json.writeValueAsString(document));
    }

    private static List<Map<String, Object>> metrics(List<MetricResult> metrics) {
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

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
