/** What a run tells the outside: Micrometer meters and the summary printed for a person. */
package io.driftwatch.telemetry;
