package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With one property the console speaks ECS JSON, and every line of a run can be found by run, monitor and feature. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    @Test
    void everyLineOfARunCarriesItsRunMonitorAndFeature(CapturedOutput output) {
        int exit = SpringApplication.exit(SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:structured-logs;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--logging.structured.format.console=ecs", "runDate=2026-05-01"));

        assertThat(exit).isZero();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = output.getOut().lines().filter(l -> l.startsWith("{\"@timestamp\""))
                .map(json::readTree).toList();
        List<JsonNode> monitorLines = lines.stream()
                .filter(l -> l.path("message").asString().startsWith("Monitor loans-demo")).toList();
        assertThat(monitorLines).hasSizeGreaterThanOrEqualTo(1 + 3 + 6 + 1); // prepare, 3 profile partitions, 6 features, decide
        assertThat(monitorLines).allSatisfy(l -> {
            assertThat(l.path("monitor").asString()).isEqualTo("loans-demo");
            assertThat(l.path("run_id").asString()).isNotBlank();
            assertThat(l.path("job_execution_id").asString()).isNotBlank();
            assertThat(l.path("run_date").asString()).isEqualTo("2026-05-01");
        });
        // ... and the run's trace: one trace id on every line of the run, partition threads included.
        assertThat(monitorLines).extracting(l -> l.path("traceId").asString()).allMatch(t -> t.matches("[0-9a-f]{32}"))
                .containsOnly(monitorLines.get(0).path("traceId").asString());
        List<JsonNode> featureLines = monitorLines.stream()
                .filter(l -> l.path("message").asString().contains(" feature ")).toList();
        assertThat(featureLines).extracting(l -> l.path("feature").asString())
                .containsExactlyInAnyOrder("income", "age", "credit_score", "debt_ratio", "region", "channel");
        assertThat(featureLines).allSatisfy(l -> assertThat(l.path("message").asString()).contains(l.path("feature").asString()));
    }
}
