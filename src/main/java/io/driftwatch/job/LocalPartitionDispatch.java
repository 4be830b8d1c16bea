package io.driftwatch.job;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.TaskExecutor;

/** {@code driftwatch.partitioning=local}: partitions run on the partition threads of this process. */
final class LocalPartitionDispatch implements PartitionDispatch {

    private final JobRepository jobRepository;
    private final TaskExecutor partitionExecutor;

    LocalPartitionDispatch(JobRepository jobRepository, TaskExecutor partitionExecutor) {
        this.jobRepository = jobRepository;
        this.partitionExecutor = partitionExecutor;
    }

    @Override
    public Step step(String name, Step worker, Partitioner partitioner, int gridSize) {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .step(worker)
                .taskExecutor(partitionExecutor)
                .gridSize(gridSize)
                .build();
    }
}
