package io.driftwatch.canary.analysis;

/**
 * The decision a rollout tool acts on.
 * <ul>
 *   <li>{@link #PROMOTE}: no metric failed and every required metric (accuracy, error rate, latency; for shadow
 *       analysis every metric) had enough data;</li>
 *   <li>{@link #ROLLBACK}: at least one metric is {@link Classification#FAIL};</li>
 *   <li>{@link #INCONCLUSIVE}: nothing failed but a required metric is {@link Classification#NO_DATA} — wait for more
 *       traffic. Missing data never causes a rollback.</li>
 * </ul>
 */
public enum Verdict {
    PROMOTE, ROLLBACK, INCONCLUSIVE
}
