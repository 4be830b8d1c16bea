/** Canary and shadow analysis of a candidate model version from prediction logs: promote, roll back or wait. */
package io.driftwatch.canary;
