/**
 * The statistics core of canary and shadow analysis: plain Java, no Spring, no JDBC. Entry point
 * {@link io.driftwatch.canary.analysis.CanaryAnalysis}; its javadoc (and {@link io.driftwatch.canary.analysis.ShadowAnalysis}'s)
 * is the contract of every rule.
 */
package io.driftwatch.canary.analysis;
