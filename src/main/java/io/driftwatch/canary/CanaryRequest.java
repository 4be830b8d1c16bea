package io.driftwatch.canary;

import java.time.Instant;
import java.util.Objects;

/** One analysis: a candidate version judged against a baseline version over {@code [from, to)}. */
public record CanaryRequest(String model, String baselineVersion, String candidateVersion, Mode mode, Instant from, Instant to) {

    /** Canary: each version serves its own traffic. Shadow: both score the same requests. */
    public enum Mode { CANARY, SHADOW }

    public CanaryRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baselineVersion, "baselineVersion");
        Objects.requireNonNull(candidateVersion, "candidateVersion");
        Objects.requireNonNull(mode, "mode");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the analysis window is empty: " + from + " is not before " + to);
        }
    }
}
