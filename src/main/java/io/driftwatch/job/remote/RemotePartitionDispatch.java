package io.driftwatch.job.remote;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.messaging.MessageChannel;

import io.driftwatch.job.PartitionDispatch;

/**
 * {@code driftwatch.partitioning=remote}: the manager step splits as locally (same partitioner, same partition names
 * and step executions), sends one request per partition to the broker and polls the job repository until every
 * partition has ended.
 */
final class RemotePartitionDispatch implements PartitionDispatch {

    private final JobRepository jobRepository;
    private final MessageChannel requests;
    private final RemoteProperties remote;
    private final PartitionRequestSender sender;

    RemotePartitionDispatch(JobRepository jobRepository, MessageChannel requests, RemoteProperties remote,
                            PartitionRequestSender sender) {
        this.sender = sender;
        this.jobRepository = jobRepository;
        this.requests = requests;
        this.remote = remote;
    }

    @Override
    public Step step(String name, Step worker, Partitioner partitioner, int gridSize) {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .partitionHandler(new RemotePartitionHandler(worker.getName(), jobRepository, requests, remote, sender,
                        gridSize))
                .build();
    }
}
