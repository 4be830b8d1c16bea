/** Spring Batch wiring only: driftJob, its steps and partitioners, its launcher and exit codes. */
package io.driftwatch.job;
