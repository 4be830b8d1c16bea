package io.driftwatch.job;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/**
 * Where the partitions of driftJob's partitioned steps (profile, drift) run: on threads of this process
 * ({@code driftwatch.partitioning=local}, the default) or on worker processes that take them from a message
 * broker ({@code remote}, {@link io.driftwatch.job.remote}). Either way the partitions, their names and their
 * step executions in the job repository are the same, so a restart re-runs only those that did not complete.
 */
public interface PartitionDispatch {

    /**
     * The manager step {@code name}: {@code partitioner}'s partitions, each executed by {@code worker}.
     *
     * @param gridSize a hint to the partitioner (driftwatch.partition-threads)
     */
    Step step(String name, Step worker, Partitioner partitioner, int gridSize);
}
