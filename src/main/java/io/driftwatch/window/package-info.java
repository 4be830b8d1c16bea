/**
 * A window of a feature table, profiled: the baseline (cached while its fingerprint is unchanged) and
 * the current window in time slices, and the stored profiles the drift step merges.
 */
package io.driftwatch.window;
