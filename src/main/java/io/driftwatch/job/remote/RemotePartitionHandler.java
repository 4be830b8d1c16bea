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

import io.driftwatch.job.Termination;

/**
 * Spring Batch's {@link MessageChannelPartitionHandler} in its job-repository polling mode (what
 * {@code RemotePartitioningManagerStepBuilder} builds with {@code pollInterval}/{@code timeout}), plus what an
 * operator needs when partitions do not complete: partitions still unfinished at the timeout are lost, marked
 * FAILED in the repository (so that a late worker's request is dropped and a restart re-runs them) and named; failed
 * partitions are named with their failure, which the manager only knows from the repository's exit description.
 */
final class RemotePartitionHandler extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);
    /** What the step and the job need to end once the partitions have been seen ended. */
    private static final Duration GRACE_END_LEAD = Duration.ofSeconds(3);

    private final JobRepository jobRepository;
    private final Duration timeout;
    private final Duration pollInterval;
    private final String queue;
    private final PartitionRequestSender sender;

    RemotePartitionHandler(String workerStep, JobRepository jobRepository, MessageChannel requests, RemoteProperties remote,
                           PartitionRequestSender sender, int gridSize) {
        this.jobRepository = jobRepository;
        this.sender = sender;
        this.timeout = remote.getTimeout();
        this.pollInterval = remote.getPollInterval();
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
        Termination.GraceEnd stopWaiting = stopWaitingAtTheEndOfTheGrace(manager, partitions);
        Termination.whenGraceEnds(stopWaiting);
        try {
            finished = super.doHandle(manager, partitions);
        } catch (TimeoutException e) {
            throw RemotePartitionException.lost(manager.getStepName(), endUnfinished(partitions, BatchStatus.FAILED,
                    "lost: no worker finished it within driftwatch.remote.timeout (" + timeout + ")"), timeout, queue);
        } catch (Exception e) {
            sender.discard();
            // e.g. the broker went away while the requests were sent: nothing may stay running, so that the
            // rerun of the date (exit 5) restarts these partitions instead of finding them still running
            throw RemotePartitionException.notSent(manager.getStepName(), endUnfinished(partitions, BatchStatus.FAILED,
                    "not finished: the manager step failed (" + e + ")"), queue, e);
        } finally {
            Termination.graceEndPassed(stopWaiting);
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

    /**
     * The manager was asked to terminate (SIGTERM) and its grace ({@code driftwatch.shutdown-grace}) is about to end
     * with partitions that no worker has ended: none may be alive, and nothing else would end the queued ones. They are
     * marked STOPPED, as a worker marks the partitions of a stopped execution, so that the step and the job end
     * STOPPED within the grace and the process prints its closing line (exit 143). A worker still in one of them
     * cannot commit after this (its step execution's version has changed) and the rerun of the date runs them; their
     * requests still queued are dropped as stale.
     */
    private Termination.GraceEnd stopWaitingAtTheEndOfTheGrace(StepExecution manager, Set<StepExecution> partitions) {
        return new Termination.GraceEnd() {
            @Override
            public Duration lead() {
                // one poll to see them ended, then the step and the job end
                return pollInterval.plus(GRACE_END_LEAD);
            }

            @Override
            public void stopWaiting() {
                List<String> stopped = endUnfinished(partitions, BatchStatus.STOPPED, "stopped: no worker ended it before"
                        + " the manager's driftwatch.shutdown-grace ended; the rerun of the date runs it");
                log.warn("Step {}: the termination grace is ending; {} partition(s) that no worker ended are marked"
                        + " STOPPED: {}", manager.getStepName(), stopped.size(), stopped);
            }
        };
    }

    /** Marks every partition that is still running in the repository {@code status}; returns their names. */
    private List<String> endUnfinished(Set<StepExecution> partitions, BatchStatus status, String why) {
        return partitions.stream().map(p -> jobRepository.getStepExecution(p.getId()))
                .filter(s -> s != null && s.getStatus().isRunning())
                .sorted(Comparator.comparing(StepExecution::getStepName))
                .filter(s -> end(s, status, why))
                .map(StepExecution::getStepName)
                .toList();
    }

    private boolean end(StepExecution unfinished, BatchStatus status, String why) {
        unfinished.setStatus(status);
        unfinished.setExitStatus((status == BatchStatus.STOPPED ? ExitStatus.STOPPED : ExitStatus.FAILED).addExitDescription(why));
        unfinished.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(unfinished);
            return true;
        } catch (OptimisticLockingFailureException finishedMeanwhile) {
            // a worker updated it this very moment: the repository has its outcome, read by the restart
            log.info("Partition {} was updated by its worker while the step ended it {}; left as the worker wrote it",
                    unfinished.getStepName(), status);
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
