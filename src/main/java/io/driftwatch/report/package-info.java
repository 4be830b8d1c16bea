/** The report tables analysts query: one drift_run per monitor and run date, one drift_report row per feature and method. */
package io.driftwatch.report;
