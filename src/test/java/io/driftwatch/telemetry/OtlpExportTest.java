package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import io.driftwatch.demo.DemoReference;

/**
 * A short-lived run exports its trace and its final metrics over OTLP/HTTP before the process
 * exits, to a local HTTP server that decodes what a collector would receive ({@link ExportedDemoNight}).
 */
class OtlpExportTest {

    @Test
    void oneTraceWithStepFeatureAndMethodSpansIsExportedBeforeExit() throws IOException {
        ExportedDemoNight night = ExportedDemoNight.get();
        assertThat(night.exitCode).isZero();

        List<Span> spans = new ArrayList<>();
        for (ExportedDemoNight.Request received : night.traces) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(received.body());
            request.getResourceSpansList().forEach(rs -> {
                assertThat(attributes(rs.getResource().getAttributesList())).containsEntry("service.name", "driftwatch");
                rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList()));
            });
        }
        List<Span> jobs = spans.stream().filter(s -> s.getName().equals("driftJob")).toList();
        assertThat(jobs).hasSize(1);
        Span job = jobs.get(0);
        assertThat(job.getParentSpanId().isEmpty()).as("the job is the root span").isTrue();

        // Every span of the run belongs to the job's trace (partition threads included).
        Set<String> traceIds = spans.stream().map(s -> hex(s.getTraceId().toByteArray())).collect(Collectors.toSet());
        assertThat(traceIds).containsExactly(hex(job.getTraceId().toByteArray()));

        Map<String, Span> byId = spans.stream().collect(Collectors.toMap(s -> hex(s.getSpanId().toByteArray()),
                Function.identity()));
        List<String> steps = spans.stream().filter(s -> parent(s, byId) == job).map(Span::getName).toList();
        assertThat(steps).containsExactlyInAnyOrder("reap", "prepare", "profile", "drift", "decide", "publish");

        Span drift = spans.stream().filter(s -> s.getName().equals("drift")).findFirst().orElseThrow();
        List<Span> featureSpans = spans.stream().filter(s -> s.getName().startsWith("drift loans-demo.")).toList();
        assertThat(featureSpans).extracting(s -> attributes(s.getAttributesList()).get("driftwatch.feature"))
                .containsExactlyInAnyOrder("income", "age", "debt_ratio", "credit_score", "region", "channel");
        for (Span feature : featureSpans) {
            Span partition = parent(feature, byId);
            assertThat(partition.getName()).startsWith("featureDrift:");
            assertThat(attributes(partition.getAttributesList()).get("driftwatch.partition"))
                    .endsWith("loans-demo." + attributes(feature.getAttributesList()).get("driftwatch.feature"));
            assertThat(parent(partition, byId)).isSameAs(drift);
            assertThat(attributes(feature.getAttributesList())).containsEntry("driftwatch.monitor", "loans-demo");
        }
        Span income = featureSpans.stream()
                .filter(s -> "income".equals(attributes(s.getAttributesList()).get("driftwatch.feature"))).findFirst().orElseThrow();
        assertThat(attributes(income.getAttributesList())).containsEntry("driftwatch.verdict", "drift");
        Span age = featureSpans.stream()
                .filter(s -> "age".equals(attributes(s.getAttributesList()).get("driftwatch.feature"))).findFirst().orElseThrow();
        assertThat(attributes(age.getAttributesList())).containsEntry("driftwatch.verdict", "no_drift");

        List<Map<String, String>> incomeMethods = spans.stream().filter(s -> parent(s, byId) == income)
                .map(s -> attributes(s.getAttributesList())).toList();
        assertThat(incomeMethods).isNotEmpty();
        assertThat(incomeMethods).allSatisfy(m -> assertThat(m).containsEntry("driftwatch.feature", "income")
                .containsKeys("driftwatch.method", "driftwatch.verdict", "driftwatch.score"));
        // The default selection (the demo lists no methods): one effects span, scored as the reference scores it.
        assertThat(incomeMethods).extracting(m -> m.get("driftwatch.method")).containsExactly("effects");
        assertThat(incomeMethods.get(0)).containsEntry("driftwatch.verdict", "drift");
        DemoReference.assertEffectsScore("income", Double.parseDouble(incomeMethods.get(0).get("driftwatch.score")), 0);
    }

    @Test
    void theFinalMetricsAreExportedOverOtlpBeforeExit() throws IOException {
        ExportedDemoNight night = ExportedDemoNight.get();
        assertThat(night.exitCode).isZero();

        List<Metric> all = new ArrayList<>();
        for (ExportedDemoNight.Request received : night.metrics) {
            ExportMetricsServiceRequest.parseFrom(received.body()).getResourceMetricsList()
                    .forEach(rm -> rm.getScopeMetricsList().forEach(sm -> all.addAll(sm.getMetricsList())));
        }
        NumberDataPoint incomeEffects = all.stream().filter(m -> m.getName().equals("driftwatch.drift.score"))
                .flatMap(m -> m.getGauge().getDataPointsList().stream())
                .filter(p -> {
                    Map<String, String> tags = attributes(p.getAttributesList());
                    return "income".equals(tags.get("feature")) && "effects".equals(tags.get("method"));
                })
                .reduce((a, b) -> b).orElseThrow();
        DemoReference.assertEffectsScore("income", incomeEffects.getAsDouble(), 0);
        // The demo drifts 2 of its 6 features (income, region): below the dataset drift share of 0.5.
        assertThat(lastValue(all, "driftwatch.dataset.drift.share")).isCloseTo(2.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lastValue(all, "driftwatch.dataset.drifted")).isZero();
        assertThat(all).extracting(Metric::getName).contains("driftwatch.runs", "spring.batch.job");
    }

    private static double lastValue(List<Metric> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getGauge().getDataPointsList().stream()).mapToDouble(NumberDataPoint::getAsDouble)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static Span parent(Span span, Map<String, Span> byId) {
        return span.getParentSpanId().isEmpty() ? null : byId.get(hex(span.getParentSpanId().toByteArray()));
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey,
                kv -> kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : kv.getValue().toString().trim(),
                (a, b) -> b));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
