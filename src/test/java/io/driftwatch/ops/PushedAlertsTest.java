package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules against metrics as they really arrive: real runs push to a real Pushgateway, and
 * promtool evaluates the rules over exactly the series the Pushgateway then exposes.
 */
class PushedAlertsTest {

    static final Path RULES = Path.of("ops/prometheus/driftwatch-alerts.yaml").toAbsolutePath();
    static final Path UNIT_TESTS = Path.of("ops/prometheus/driftwatch-alerts.test.yaml").toAbsolutePath();

    private static LocalPushgateway gateway;
    private static List<PushedRuns.Scrape> scrapes;

    @BeforeAll
    static void pushRealRuns() throws Exception {
        ExternalTool binary = ExternalTool.require("prometheus-pushgateway",
                "install Debian's prometheus-pushgateway package (apt-get install prometheus-pushgateway)");
        gateway = LocalPushgateway.start(binary);
        scrapes = PushedRuns.nightsCanaryAndFailure(gateway);
    }

    @AfterAll
    static void stopPushgateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aFailedRunMakesDriftwatchRunFailedFireAndACompletedOneDoesNot() throws Exception {
        ExternalTool promtool = Promtool.require();
        Map<String, Object> summary = Promtool.annotations(RULES, "DriftwatchRunFailed");
        Map<String, Object> expectedAnnotations = new LinkedHashMap<>(summary);
        expectedAnnotations.put("summary", summary.get("summary").toString().replace("{{ $labels.outcome }}", "failed"));
        Map<String, Object> failed = Promtool.alertTest("DriftwatchRunFailed", List.of(Map.of(
                "exp_labels", Map.of("severity", "critical", "job", "driftwatch", "command", "driftJob", "outcome", "failed"),
                "exp_annotations", expectedAnnotations)));
        Map<String, Object> none = Promtool.alertTest("DriftwatchRunFailed", List.of());

        ExternalTool.Result afterFailure = Promtool.test(promtool, RULES, scrape("failed driftJob"), List.of(failed));
        ExternalTool.Result afterSuccess = Promtool.test(promtool, RULES, scrape("completed driftJob"), List.of(none));

        assertThat(afterFailure.exitCode()).as(afterFailure.output()).isZero();
        assertThat(afterSuccess.exitCode()).as(afterSuccess.output()).isZero();
    }

    @Test
    void theShippedUnitTestsUseOnlySeriesARealPushExposes() throws IOException {
        Set<Series> pushed = new TreeSet<>(java.util.Comparator.comparing(Series::toString));
        scrapes.forEach(s -> pushed.addAll(s.samples().keySet()));
        List<Series> used = new ArrayList<>();
        Map<String, Object> unitTests = new Yaml().load(Files.readString(UNIT_TESTS));
        for (Object test : (List<?>) unitTests.get("tests")) {
            for (Object input : (List<?>) ((Map<?, ?>) test).get("input_series")) {
                used.add(Series.parse(((Map<?, ?>) input).get("series").toString()));
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(pushed).as("series the Pushgateway exposed after real runs").containsAll(used);
    }

    private Map<Series, String> scrape(String run) {
        return scrapes.stream().filter(s -> s.run().equals(run)).findFirst().orElseThrow().samples();
    }
}
