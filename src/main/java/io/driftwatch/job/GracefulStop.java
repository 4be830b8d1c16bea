package io.driftwatch.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;

/**
 * On SIGTERM (pod eviction, rollout, node drain) asks the running job to stop and waits for it,
 * so that it ends STOPPED with its database state intact and the next attempt resumes the date.
 * Spring Boot's own shutdown hook is switched off (spring.main.register-shutdown-hook=false): it
 * would close the connection pool under the running job and leave it STARTED. The process's exit
 * hook ({@link io.driftwatch.telemetry.ExitFlush}) closes the context once the command has finished.
 * <p>
 * The stop request goes through a copy of the execution read from the repository, as a stop from
 * another process would: changing the running job's own {@code JobExecution} from this thread races
 * with the job's updates of it ({@code OptimisticLockingFailureException}). The wait ends as soon as
 * the job has ended, by its listener or, should the listener not run, by the repository's word.
 */
class GracefulStop implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final long POLL_MILLIS = 200;

    private final ObjectProvider<JobOperator> jobOperator;
    private final ObjectProvider<JobRepository> jobRepository;
    private final Duration grace;

    GracefulStop(ObjectProvider<JobOperator> jobOperator, ObjectProvider<JobRepository> jobRepository, Duration grace) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.grace = grace;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        CountDownLatch latch = new CountDownLatch(1);
        long id = execution.getId();
        Thread hook = new Thread(() -> {
            Termination.markRequested();
            log.warn("Termination requested: stopping driftJob execution {} at the next step boundary (waiting up to {})",
                    id, grace);
            requestStop(id);
            try {
                long deadline = System.nanoTime() + grace.toNanos();
                while (!latch.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    // a step waiting for other processes (remote partitions) stops waiting in time for the job to end
                    Termination.graceEnding(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    // Spring Batch records a stopped execution as ended at once, while a remote manager step may
                    // still wait for its partitions: that step is waited for until it has stopped waiting
                    if (ended(id) && !Termination.graceEndPending()) {
                        log.info("driftJob execution {} has ended in the repository; not waiting any longer", id);
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        log.error("driftJob execution {} did not stop within {}; it stays STARTED and the next run of the"
                                + " date recovers it once this process is gone", id, grace);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "driftwatch-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Termination.stopHookInstalled(() -> release(latch, hook));
    }

    private void requestStop(long id) {
        try {
            JobExecution current = jobRepository.getObject().getJobExecution(id);
            if (current != null && current.isRunning()) {
                jobOperator.getObject().stop(current);
                log.info("driftJob execution {} asked to stop", id);
            }
        } catch (Exception e) {
            // The stop request may be reported as failed (e.g. for partition steps) after the execution is
            // already marked STOPPING; the job still stops at its next step boundary, so keep waiting for it.
            log.warn("driftJob execution {} asked to stop; the request reported: {}", id, e.toString());
        }
    }

    /** Whether the repository says the execution is over (STOPPED, FAILED, COMPLETED, ...). */
    private boolean ended(long id) {
        try {
            JobExecution current = jobRepository.getObject().getJobExecution(id);
            return current == null || (current.getEndTime() != null && !current.getStatus().isRunning());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        Termination.jobEnded();
    }

    /**
     * The job has ended: a hook already running stops waiting, one not yet started is removed. Also run when the
     * job's end could not be recorded and this listener was not called ({@link Termination#jobEnded()}).
     */
    private static void release(CountDownLatch latch, Thread registered) {
        latch.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(registered);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is waiting for the latch counted down above
        }
    }
}
