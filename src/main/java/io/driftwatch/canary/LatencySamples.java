package io.driftwatch.canary;

import java.util.Arrays;
import java.util.List;

import io.driftwatch.canary.analysis.ShadowPair;
import io.driftwatch.canary.analysis.VersionSample;

/**
 * The per-request latencies (seconds) of both versions that a verdict judged, for the pages that draw their
 * distributions. Only prediction logs have them; {@code canary_metrics} holds aggregates.
 *
 * @param baseline the baseline's latencies (production's in shadow mode); copied
 * @param candidate the candidate's latencies; copied
 */
public record LatencySamples(double[] baseline, double[] candidate) {

    public LatencySamples {
        baseline = baseline.clone();
        candidate = candidate.clone();
    }

    /** The latencies of two versions' logged requests. */
    static LatencySamples of(VersionSample baseline, VersionSample candidate) {
        return new LatencySamples(baseline.latencies(), candidate.latencies());
    }

    /** Shadow mode: production's latency of every paired request and the candidate's where it answered. */
    static LatencySamples of(List<ShadowPair> pairs) {
        double[] production = pairs.stream().map(p -> p.production().latencySeconds()).filter(l -> l != null)
                .mapToDouble(Double::doubleValue).toArray();
        double[] candidate = pairs.stream().filter(p -> p.candidate() != null).map(p -> p.candidate().latencySeconds())
                .filter(l -> l != null).mapToDouble(Double::doubleValue).toArray();
        return new LatencySamples(production, candidate);
    }

    @Override
    public double[] baseline() {
        return baseline.clone();
    }

    @Override
    public double[] candidate() {
        return candidate.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencySamples other && Arrays.equals(baseline, other.baseline)
                && Arrays.equals(candidate, other.candidate);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(baseline) + Arrays.hashCode(candidate);
    }

    @Override
    public String toString() {
        return "LatencySamples[baseline=" + baseline.length + " values, candidate=" + candidate.length + " values]";
    }
}
