package io.driftwatch.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** promtool (Debian's prometheus package): rule checks and rule unit tests over given series. */
final class Promtool {

    /** Minutes of samples each input series gets; alerts are evaluated at the end. */
    private static final int MINUTES = 5;

    private Promtool() {
    }

    static ExternalTool require() {
        return ExternalTool.require("promtool", "install Debian's prometheus package (apt-get install prometheus)");
    }

    /** The annotations of one alert in a rule file, as written there (templates unexpanded). */
    static Map<String, Object> annotations(Path rules, String alert) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(rules));
        for (Object group : (List<?>) file.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                if (alert.equals(r.get("alert"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> annotations = (Map<String, Object>) r.get("annotations");
                    return new LinkedHashMap<>(annotations);
                }
            }
        }
        throw new IllegalArgumentException("no alert " + alert + " in " + rules);
    }

    /** One alert_rule_test at the end of the samples: these alerts (labels, annotations) and no others. */
    static Map<String, Object> alertTest(String alert, List<Map<String, Object>> expected) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("eval_time", MINUTES + "m");
        test.put("alertname", alert);
        test.put("exp_alerts", expected);
        return test;
    }

    /**
     * Runs {@code promtool test rules} for the rule file over {@code samples}, each series holding its value for
     * {@value #MINUTES} minutes, as a Pushgateway keeps a pushed value until the next push.
     */
    static ExternalTool.Result test(ExternalTool promtool, Path rules, Map<Series, String> samples,
                                    List<Map<String, Object>> alertTests) throws IOException, InterruptedException {
        List<Map<String, Object>> input = new ArrayList<>();
        samples.forEach((series, value) -> input.add(Map.of("series", series.toString(),
                "values", String.join(" ", Collections.nCopies(MINUTES + 1, value)))));
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", input);
        test.put("alert_rule_test", alertTests);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of(rules.toAbsolutePath().toString()));
        file.put("evaluation_interval", "1m");
        file.put("tests", List.of(test));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path directory = Files.createTempDirectory("promtool");
        Path testFile = directory.resolve("generated.test.yaml");
        Files.writeString(testFile, new Yaml(options).dump(file));
        try {
            return promtool.run(directory, "test", "rules", testFile.toString());
        } finally {
            Files.deleteIfExists(testFile);
            Files.deleteIfExists(directory);
        }
    }
}
