package io.driftwatch.job.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Spring Batch's {@link MessageChannelPartitionHandler} in its job-repository polling mode (what
 * {@code RemotePartitioningManagerStepBuilder} builds with {@code pollInterval}/{@code timeout}), plus what an
 * operator needs when partitions do not complete: partitions still unfinished at the timeout are lost, marked
 * FAILED in the repository (so that a late worker's request is dropped and a restart re-runs them) and named; failed
 * partitions are named with their failure, which the manager only knows from the repository's exit description.
 */
final class RemotePartitionHandler extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

    private final JobRepository jobRepository;
    private final Duration timeout;
    private final String queue;
    private final PartitionRequestSender sender;

    RemotePartitionHandler(String workerStep, JobRepository jobRepository, MessageChannel requests, RemoteProperties remote,
                           PartitionRequestSender sender, int gridSize) {
        this.jobRepository = jobRepository;
        this.sender = sender;
        this.timeout = remote.getTimeout();
        this.queue = remote.getQueue();
        setStepName(workerStep);
        setJobRepository(jobRepository);
        setMessagingOperations(new MessagingTemplate(requests));
        setPollInterval(remote.getPollInterval().toMillis());
        setTimeout(remote.getTimeout().toMillis());
        setGridSize(gridSize);
        try {
            afterPropertiesSet();
        } catch (Exception e) {
            sender.discard();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        log.info("Step {}: {} partition(s) sent to queue '{}'; waiting for the workers (at most {})", manager.getStepName(),
                partitions.size(), queue, timeout);
        Set<StepExecution> finished;
        // one request per partition, confirmed by the broker together once the last is sent
        sender.expect(partitions.size());
        try {
            finished = super.doHandle(manager, partitions);
        } catch (TimeoutException e) {
            throw RemotePartitionException.lost(manager.getStepName(),
                    failUnfinished(partitions, "lost: no worker finished it within driftwatch.remote.timeout (" + timeout + ")"),
                    timeout, queue);
        } catch (Exception e) {
            sender.discard();
            // e.g. the broker went away while the requests were sent: nothing may stay running, so that the
            // rerun of the date (exit 5) restarts these partitions instead of finding them still running
            throw RemotePartitionException.notSent(manager.getStepName(),
                    failUnfinished(partitions, "not finished: the manager step failed (" + e + ")"), queue, e);
        }
        // STOPPED partitions are not failures: the job was asked to stop (SIGTERM) and a worker stopped them before
        // or in their work; the step then ends STOPPED, as locally, and the rerun of the date runs them
        List<String> failures = finished.stream()
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED && s.getStatus() != BatchStatus.STOPPED)
                .sorted(Comparator.comparing(StepExecution::getStepName))
                .map(s -> s.getStepName() + " (" + s.getStatus() + ": " + firstLine(s.getExitStatus().getExitDescription()) + ")")
                .toList();
        if (!failures.isEmpty()) {
            throw RemotePartitionException.failed(manager.getStepName(), failures);
        }
        return finished;
    }

    /** Marks every partition that is still running in the repository FAILED; returns their names. */
    private List<String> failUnfinished(Set<StepExecution> partitions, String why) {
        return partitions.stream().map(p -> jobRepository.getStepExecution(p.getId()))
                .filter(s -> s != null && s.getStatus().isRunning())
                .sorted(Comparator.comparing(StepExecution::getStepName))
                .filter(s -> fail(s, why))
                .map(StepExecution::getStepName)
                .toList();
    }

    private boolean fail(StepExecution lost, String why) {
        lost.setStatus(BatchStatus.FAILED);
        lost.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
        lost.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(lost);
            return true;
        } catch (OptimisticLockingFailureException finishedMeanwhile) {
            // a worker updated it this very moment: the repository has its outcome, read by the restart
            log.info("Partition {} was updated by its worker while the step timed out; left as the worker wrote it",
                    lost.getStepName());
            return true;
        }
    }

    static String firstLine(String description) {
        if (description == null || description.isBlank()) {
            return "no description";
        }
        String line = description.strip().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
