/**
 * Mergeable, serializable per-feature summaries of a window of values (numeric moments and distribution, categorical counts).
 */
package io.driftwatch.profile;
