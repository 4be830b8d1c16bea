/**
 * The consumer side of the retraining queue: claim, heartbeat, complete, fail, release and reap tasks of
 * {@code retraining_task} with the statements shipped in {@code sql/queries/queue/} (docs/queue-protocol.md).
 */
package io.driftwatch.retrain.queue;
