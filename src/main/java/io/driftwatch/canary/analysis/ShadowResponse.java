package io.driftwatch.canary.analysis;

/**
 * What one version logged for a shadowed request.
 *
 * @param score          the prediction score, or null when none was logged (typically with an error); finite
 * @param latencySeconds the latency, or null when none was logged; finite and non-negative
 * @param error          whether the version failed on the request
 */
public record ShadowResponse(Double score, Double latencySeconds, boolean error) {

    public ShadowResponse {
        if (!LoggedValues.usable(latencySeconds, score)) {
            throw new IllegalArgumentException("a shadow response needs a finite score and a finite, non-negative"
                    + " latency (or none) but had score=" + score + ", latency=" + latencySeconds);
        }
    }

    /** Answered without error and with a score: a prediction that can be compared. */
    boolean scored() {
        return !error && score != null;
    }

    /** Answered without error and with a latency. */
    boolean timed() {
        return !error && latencySeconds != null;
    }
}
