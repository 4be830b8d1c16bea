package io.driftwatch.job;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
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
        LargestFirst handler = new LargestFirst();
        handler.setStep(worker);
        handler.setTaskExecutor(partitionExecutor);
        handler.setGridSize(gridSize);
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .partitionHandler(handler)
                .build();
    }

    /**
     * Spring Batch hands the partitions over as a hash set, so they reached the threads in no particular order: on a
     * night that scans its baseline, the baseline partition (a whole window, where a current slice is a fraction of
     * one) often started last, alone on one thread while the others idled. Submitted in this order (the executor
     * queues in order), the baselines start first and the current slices fill the other threads around them; the
     * rest keep the partitioner's order (its keys start with an index).
     */
    static final class LargestFirst extends TaskExecutorPartitionHandler {

        static final Comparator<StepExecution> ORDER = Comparator
                .comparing((StepExecution s) -> !s.getStepName().endsWith(".baseline"))
                .thenComparing(StepExecution::getStepName);

        @Override
        protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
            return super.doHandle(manager, ordered(partitions));
        }

        static Set<StepExecution> ordered(Set<StepExecution> partitions) {
            Set<StepExecution> ordered = new LinkedHashSet<>();
            partitions.stream().sorted(ORDER).forEach(ordered::add);
            return ordered;
        }
    }
}
