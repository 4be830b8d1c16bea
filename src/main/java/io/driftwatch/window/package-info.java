/**
 * A window of a feature table, profiled: the baseline (cached while its fingerprint is unchanged) and
 * the current window from its stored time buckets (profiled again only when their fingerprint changed),
 * in slices, and the stored profiles the drift step merges; the backfill pass over many buckets.
 */
package io.driftwatch.window;
