/** The retraining decision (drift, accuracy, latency) and the retraining_task queue that pipelines poll. */
package io.driftwatch.retrain;
