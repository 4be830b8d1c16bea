package io.driftwatch.retrain.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between the attempts of a task. After attempt {@code n} failed, the
 * task becomes available again after {@code min(maxDelay, initialDelay · 2^(n−1)) · (1 + jitter · u)},
 * {@code u} uniform in [−1, 1): with the defaults 1 min, 2 min, 4 min, … up to 1 h, each ± 10 %.
 * The jitter spreads out tasks that failed together (a database outage) so they do not retry in lockstep.
 *
 * @param initialDelay the delay after the first failed attempt, positive
 * @param maxDelay     the cap of the delay before jitter, at least {@code initialDelay}, at most 365 days
 * @param jitter       the relative jitter bound, in [0, 1)
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, double jitter) {

    private static final Duration LONGEST = Duration.ofDays(365);

    /** 1 minute, doubling up to 1 hour, ± 10 %. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), 0.1);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive: " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("maxDelay must be in [initialDelay, P365D] = [" + initialDelay + ", "
                    + LONGEST + "]: " + maxDelay);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    /** The delay after attempt {@code attempt} (1-based) failed, before jitter. */
    public Duration nominalDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
        }
        double nanos = Math.min((double) maxDelay.toNanos(),
                initialDelay.toNanos() * Math.scalb(1.0, Math.min(attempt - 1, 1023)));
        return Duration.ofNanos(Math.round(nanos));
    }

    /** The delay after attempt {@code attempt} failed, jittered with one draw from {@code random}. */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        double u = random.nextDouble(-1.0, 1.0);
        return Duration.ofNanos(Math.round(nominalDelay(attempt).toNanos() * (1.0 + jitter * u)));
    }
}
