package io.driftwatch.job.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

import io.driftwatch.job.PausePoint;
import io.driftwatch.job.Termination;

/**
 * A worker process (driftwatch.role=worker): executes the partition requests it takes from the broker with Spring
 * Batch's {@link StepExecutionRequestHandler}, until SIGTERM. A request is acknowledged only after its partition
 * ended, so the broker hands the partition of a worker that died (SIGKILL, OOM) to another one; before executing,
 * the worker drops requests that are stale (the execution is over, or the partition already ended) and fails a
 * partition that {@code driftwatch.remote.max-deliveries} workers have taken without finishing (poison). The
 * outcome goes to the job repository, where the manager reads it.
 */
public final class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    /** Step execution context key prefix: how many workers took the partition of that step execution. */
    static final String DELIVERIES = "driftwatch.remote.deliveries.";

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;
    private final RemoteProperties remote;
    private final Duration grace;
    private final AtomicInteger executed = new AtomicInteger();
    private volatile AbstractMessageListenerContainer container;

    PartitionWorker(JobRepository jobRepository, StepExecutionRequestHandler handler, RemoteProperties remote, Duration grace) {
        this.jobRepository = jobRepository;
        this.handler = handler;
        this.remote = remote;
        this.grace = grace;
    }

    void consumeFrom(AbstractMessageListenerContainer container) {
        this.container = container;
    }

    /** Executes one request from the broker; never throws (a thrown request would be redelivered forever). */
    void execute(String text, boolean redelivered) {
        StepExecutionRequest request;
        try {
            request = PartitionRequests.decode(text);
        } catch (IllegalArgumentException e) {
            log.error("Dropped a message from queue '{}': {}", remote.getQueue(), e.getMessage());
            return;
        }
        try {
            StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
            if (!startable(request, partition, redelivered)) {
                return;
            }
            log.info("Partition {} of driftJob execution {} started{}", partition.getStepName(),
                    partition.getJobExecutionId(), redelivered ? " (taken over from a worker that stopped in it)" : "");
            // fault tests hold every partition of a worker step here, or crash the JVM in one partition
            PausePoint.reached("partition " + request.getStepName());
            PausePoint.haltIfAsked("partition " + partition.getStepName());
            StepExecution result = handler.handle(request);
            executed.incrementAndGet();
            if (result.getStatus() == BatchStatus.COMPLETED) {
                log.info("Partition {} of driftJob execution {} completed", result.getStepName(), result.getJobExecutionId());
            } else {
                log.error("Partition {} of driftJob execution {} {}: {}", result.getStepName(), result.getJobExecutionId(),
                        result.getStatus(), RemotePartitionHandler.firstLine(result.getExitStatus().getExitDescription()));
            }
        } catch (RuntimeException e) {
            // The repository could not be read or written: the manager's timeout reports the partition as lost.
            log.error("Partition request {} could not be executed: {}", text, e.toString());
        }
    }

    /** Whether the partition is to run here; records the delivery, or fails a poison partition. */
    private boolean startable(StepExecutionRequest request, StepExecution partition, boolean redelivered) {
        if (partition == null) {
            log.warn("Dropped partition request {}: no such step execution (is this worker on the manager's database?)",
                    request);
            return false;
        }
        JobExecution job = partition.getJobExecution();
        if (job.getStatus() == BatchStatus.STOPPED && partition.getStatus().isRunning()) {
            // the manager was asked to stop (SIGTERM): it waits for every partition to end, so this one ends STOPPED
            // without running, as a local partition thread would stop it; the rerun of the date runs it
            partition.setStatus(BatchStatus.STOPPED);
            partition.setExitStatus(ExitStatus.STOPPED.addExitDescription("driftJob execution " + job.getId()
                    + " was stopped before this partition ran; the rerun of the date runs it"));
            partition.setEndTime(LocalDateTime.now());
            jobRepository.update(partition);
            log.info("Stopped partition {} without running it: driftJob execution {} was asked to stop",
                    partition.getStepName(), job.getId());
            return false;
        }
        if (!job.isRunning()) {
            log.info("Dropped stale request for partition {}: driftJob execution {} is {}", partition.getStepName(),
                    job.getId(), job.getStatus());
            return false;
        }
        if (!partition.getStatus().isRunning()) {
            log.info("Dropped request for partition {} of driftJob execution {}: already {}{}", partition.getStepName(),
                    job.getId(), partition.getStatus(), redelivered ? " (redelivered after its worker stopped)" : "");
            return false;
        }
        String key = DELIVERIES + partition.getId();
        int deliveries = partition.getExecutionContext().getInt(key, 0) + 1;
        if (deliveries > remote.getMaxDeliveries()) {
            partition.setStatus(BatchStatus.FAILED);
            partition.setExitStatus(ExitStatus.FAILED.addExitDescription("poison: taken by " + (deliveries - 1)
                    + " workers, none of which finished it (driftwatch.remote.max-deliveries=" + remote.getMaxDeliveries()
                    + "); read the logs of the workers that died in it"));
            partition.setEndTime(LocalDateTime.now());
            jobRepository.update(partition);
            log.error("Partition {} of driftJob execution {} failed as poison: {} workers took it and none finished it",
                    partition.getStepName(), job.getId(), deliveries - 1);
            return false;
        }
        partition.getExecutionContext().putInt(key, deliveries);
        jobRepository.updateExecutionContext(partition);
        return true;
    }

    /**
     * Takes partitions until the process is asked to terminate (SIGTERM), then stops taking new ones, waits up to
     * driftwatch.shutdown-grace for those in progress to end, and returns how many partitions it executed.
     */
    public int serveUntilTerminated() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // loaded now: a hook that first loads classes at SIGTERM fails if the jar was replaced in the meantime
        Termination.requested();
        Thread hook = new Thread(() -> {
            try {
                Termination.markRequested();
                log.warn("Termination requested: finishing the partition(s) in progress (waiting up to {}), taking no more",
                        grace);
                AbstractMessageListenerContainer listening = container;
                if (listening != null) {
                    listening.stop();
                }
                log.info("Worker stopped after {} partition(s)", executed.get());
            } finally {
                stopped.countDown();
            }
        }, "driftwatch-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("Worker ready: taking partitions from queue '{}' at {}; SIGTERM finishes the current one and exits",
                remote.getQueue(), remote.address());
        stopped.await();
        return executed.get();
    }
}
