package io.driftwatch.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.driftwatch.canary.CanaryRequest;

/**
 * canaryJob's command line: {@code model=credit-risk baselineVersion=v7 candidateVersion=v8
 * [window=PT1H] [end=2026-03-02T12:00:00Z] [mode=canary|shadow] [input=logs|metrics]}. The window ends at {@code end}
 * (default: now) and lasts {@code window} (default one hour).
 */
final class CanaryArguments {

    private static final List<String> KNOWN = List.of("model", "baselineVersion", "candidateVersion", "window", "end", "mode",
            "input");

    private CanaryArguments() {
    }

    static CanaryRequest parse(List<String> args, Clock clock) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !KNOWN.contains(name)) {
                throw new UsageException("Unknown argument '" + arg + "'. canaryJob takes "
                        + "model=NAME baselineVersion=V candidateVersion=V [window=PT1H] [end=ISO-INSTANT] [mode=canary|shadow]"
                        + " [input=logs|metrics]");
            }
            values.put(name, arg.substring(eq + 1));
        }
        for (String required : List.of("model", "baselineVersion", "candidateVersion")) {
            if (values.getOrDefault(required, "").isBlank()) {
                throw new UsageException("canaryJob needs " + required + "=..., e.g. model=credit-risk"
                        + " baselineVersion=v7 candidateVersion=v8");
            }
        }
        Duration window;
        Instant end;
        CanaryRequest.Mode mode;
        CanaryRequest.Input input;
        try {
            window = Duration.parse(values.getOrDefault("window", "PT1H"));
        } catch (DateTimeParseException e) {
            throw new UsageException("window '" + values.get("window")
                    + "' is not an ISO-8601 duration; use e.g. window=PT1H or window=P1D");
        }
        try {
            end = values.containsKey("end") ? Instant.parse(values.get("end")) : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new UsageException("end '" + values.get("end")
                    + "' is not an ISO-8601 instant; use e.g. end=2026-03-02T12:00:00Z");
        }
        try {
            mode = CanaryRequest.Mode.valueOf(values.getOrDefault("mode", "canary").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("mode '" + values.get("mode") + "' is unknown; use mode=canary or mode=shadow");
        }
        try {
            input = CanaryRequest.Input.valueOf(values.getOrDefault("input", "logs").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("input '" + values.get("input")
                    + "' is unknown; use input=logs (prediction_log) or input=metrics (canary_metrics)");
        }
        if (window.isNegative() || window.isZero()) {
            throw new UsageException("window must be positive: " + window);
        }
        try {
            return new CanaryRequest(values.get("model"), values.get("baselineVersion"), values.get("candidateVersion"), mode,
                    input, end.minus(window), end);
        } catch (IllegalArgumentException e) {
            // the request's own rules (e.g. a version against itself): the same usage error, also before startup
            throw new UsageException(e.getMessage());
        }
    }
}
