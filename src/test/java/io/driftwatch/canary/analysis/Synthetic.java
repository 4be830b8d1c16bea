package io.driftwatch.canary.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic canary data with known truth. */
final class Synthetic {

    static final int N = 2000;

    private Synthetic() {
    }

    /** Normal latencies, clipped at 0. */
    static double[] normal(long seed, int n, double mean, double sd) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.max(0, mean + sd * random.nextGaussian());
        }
        return values;
    }

    /** Scores in [0, 1]: a clipped normal around {@code mean}. */
    static double[] scores(long seed, int n, double mean) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.min(1, Math.max(0, mean + 0.15 * random.nextGaussian()));
        }
        return values;
    }

    /**
     * A version of {@code n} requests, all labeled, with exactly round(errorRate·n) errors and round(accuracy·n)
     * correct predictions, normal latencies (sd {@code latencySd}) and scores around 0.6.
     */
    static VersionSample version(String name, long seed, int n, double latencyMean, double latencySd,
                                 double errorRate, double accuracy) {
        return new VersionSample(name, normal(seed, n, latencyMean, latencySd), n, Math.round(errorRate * n), n,
                Math.round(accuracy * n), scores(seed + 1, n, 0.6));
    }

    /** The reference baseline: 0.20 s, accuracy 0.83, error rate 0.05; 2,000 requests, low noise. */
    static VersionSample referenceBaseline() {
        return version("v1", 11, N, 0.20, 0.01, 0.05, 0.83);
    }

    /** The reference candidate: 0.22 s, accuracy 0.85, error rate 0.04. */
    static VersionSample referenceCandidate(double latency, double errorRate, double accuracy) {
        return version("v2", 23, N, latency, 0.01, errorRate, accuracy);
    }

    /**
     * Shadow pairs: production score uniform, candidate = production + N(0, scoreNoise) + scoreShift; latencies
     * normal around 0.1 s plus {@code latencyShift} for the candidate; independent error flags.
     */
    static List<ShadowPair> shadow(long seed, int n, double scoreNoise, double scoreShift, double latencyShift,
                                   double prodErrorRate, double candErrorRate) {
        Random random = new Random(seed);
        List<ShadowPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double production = random.nextDouble();
            double candidate = production + scoreShift + scoreNoise * random.nextGaussian();
            double prodLatency = Math.max(0, 0.1 + 0.01 * random.nextGaussian());
            double candLatency = Math.max(0, prodLatency + latencyShift + 0.005 * random.nextGaussian());
            pairs.add(new ShadowPair(production, candidate, prodLatency, candLatency,
                    random.nextDouble() < prodErrorRate, random.nextDouble() < candErrorRate));
        }
        return pairs;
    }
}
