package io.driftwatch.canary.analysis;

/**
 * One request production served in the analysis window, with the shadow candidate's response to the same request
 * (joined by request id), or without one when the candidate logged nothing for it.
 *
 * @param production the production model's response (not null)
 * @param candidate  the candidate's response, or null when the candidate did not log the request: a <em>missing
 *                   response</em>, which counts as a candidate failure
 */
public record ShadowPair(ShadowResponse production, ShadowResponse candidate) {

    public ShadowPair {
        if (production == null) {
            throw new IllegalArgumentException("a shadow pair needs production's response");
        }
    }

    /** Both versions answered with a score and a latency. */
    public ShadowPair(double productionScore, double candidateScore, double productionLatency, double candidateLatency,
                      boolean productionError, boolean candidateError) {
        this(new ShadowResponse(productionScore, productionLatency, productionError),
                new ShadowResponse(candidateScore, candidateLatency, candidateError));
    }

    /** A request the candidate did not log. */
    public static ShadowPair candidateMissing(ShadowResponse production) {
        return new ShadowPair(production, null);
    }

    boolean candidateLogged() {
        return candidate != null;
    }

    /** The candidate failed the request: it logged an error, or nothing at all. */
    boolean candidateFailed() {
        return candidate == null || candidate.error();
    }

    /** Both predictions can be compared. */
    boolean scored() {
        return production.scored() && candidate != null && candidate.scored();
    }

    /** Both latencies of successful responses are known. */
    boolean timed() {
        return production.timed() && candidate != null && candidate.timed();
    }
}
