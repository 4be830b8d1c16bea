package io.driftwatch.canary;

import java.time.Instant;
import java.util.Objects;

/** One analysis: a candidate version judged against a different baseline version over {@code [from, to)}. */
public record CanaryRequest(String model, String baselineVersion, String candidateVersion, Mode mode, Input input,
                            Instant from, Instant to) {

    /** Canary: each version serves its own traffic. Shadow: both score the same requests. */
    public enum Mode { CANARY, SHADOW }

    /** Where the evidence comes from: request logs, or metrics already aggregated per version. */
    public enum Input { LOGS, METRICS }

    public CanaryRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baselineVersion, "baselineVersion");
        Objects.requireNonNull(candidateVersion, "candidateVersion");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(input, "input");
        if (baselineVersion.equals(candidateVersion)) {
            throw new IllegalArgumentException("baselineVersion and candidateVersion are both '" + baselineVersion
                    + "': a version cannot be judged against itself. Pass the version in production as baselineVersion"
                    + " and the new one as candidateVersion");
        }
        if (mode == Mode.SHADOW && input == Input.METRICS) {
            throw new IllegalArgumentException("shadow mode pairs requests by id and needs input=logs");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the analysis window is empty: " + from + " is not before " + to);
        }
    }
}
