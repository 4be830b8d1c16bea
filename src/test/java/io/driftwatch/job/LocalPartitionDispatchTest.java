package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SyncTaskExecutor;

class LocalPartitionDispatchTest {

    /** Three monitors' profile partitions, as the partitioner names them (index, monitor, side). */
    private static final List<String> PARTITIONS = List.of(
            "profileWindow:p0000-loans.baseline", "profileWindow:p0001-loans.current.0",
            "profileWindow:p0002-loans.current.1", "profileWindow:p0003-cards.baseline",
            "profileWindow:p0004-cards.current.0", "profileWindow:p0005-cards.current.1",
            "profileWindow:p0006-fraud.baseline", "profileWindow:p0007-fraud.current.0",
            "profileWindow:p0008-fraud.current.1");

    @Test
    void partitionsReachTheThreadsBaselinesFirstThenInThePartitionersOrder() throws Exception {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "driftJob"), new JobParameters());
        Set<StepExecution> partitions = new HashSet<>();
        for (int i = 0; i < PARTITIONS.size(); i++) {
            partitions.add(new StepExecution(10L + i, PARTITIONS.get(i), job));
        }
        // Spring Batch's splitter hands them over as a hash set: not in the partitioner's order
        assertThat(partitions.stream().map(StepExecution::getStepName).toList()).isNotEqualTo(PARTITIONS);

        List<String> started = new ArrayList<>();
        Step worker = new Step() {
            @Override
            public String getName() {
                return "profileWindow";
            }

            @Override
            public void execute(StepExecution stepExecution) {
                started.add(stepExecution.getStepName());
            }
        };
        LocalPartitionDispatch.LargestFirst handler = new LocalPartitionDispatch.LargestFirst();
        handler.setStep(worker);
        handler.setTaskExecutor(new SyncTaskExecutor()); // runs each partition as it is submitted
        handler.doHandle(new StepExecution(2L, "profile", job), partitions);

        assertThat(started).containsExactly(
                "profileWindow:p0000-loans.baseline", "profileWindow:p0003-cards.baseline",
                "profileWindow:p0006-fraud.baseline", "profileWindow:p0001-loans.current.0",
                "profileWindow:p0002-loans.current.1", "profileWindow:p0004-cards.current.0",
                "profileWindow:p0005-cards.current.1", "profileWindow:p0007-fraud.current.0",
                "profileWindow:p0008-fraud.current.1");
    }
}
