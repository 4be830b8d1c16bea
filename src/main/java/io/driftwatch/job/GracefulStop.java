package io.driftwatch.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * On SIGTERM (pod eviction, rollout, node drain) asks the running job to stop and waits for it,
 * so that it ends STOPPED with its database state intact and the next attempt resumes the date.
 * Spring Boot's own shutdown hook is switched off (spring.main.register-shutdown-hook=false): it
 * would close the connection pool under the running job and leave it STARTED. The process's exit
 * hook ({@link io.driftwatch.telemetry.ExitFlush}) closes the context once the command has finished.
 */
class GracefulStop implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final ObjectProvider<JobOperator> jobOperator;
    private final Duration grace;
    private volatile CountDownLatch finished;
    private volatile Thread hook;

    GracefulStop(ObjectProvider<JobOperator> jobOperator, Duration grace) {
        this.jobOperator = jobOperator;
        this.grace = grace;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        CountDownLatch latch = new CountDownLatch(1);
        finished = latch;
        hook = new Thread(() -> {
            log.warn("Termination requested: stopping driftJob execution {} at the next step boundary (waiting up to {})",
                    execution.getId(), grace);
            try {
                jobOperator.getObject().stop(execution);
            } catch (Exception e) {
                // The stop request may be reported as failed (e.g. for partition steps) after the execution is
                // already marked STOPPING; the job still stops at its next step boundary, so keep waiting for it.
                log.warn("Stop request for driftJob execution {} reported: {}", execution.getId(), e.toString());
            }
            try {
                if (!latch.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.error("driftJob execution {} did not stop within {}; it stays STARTED and is recovered by a later"
                            + " run after driftwatch.recover-after", execution.getId(), grace);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "driftwatch-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void afterJob(JobExecution execution) {
        CountDownLatch latch = finished;
        if (latch != null) {
            latch.countDown();
        }
        Thread registered = hook;
        if (registered != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(registered);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for the latch counted down above
            }
        }
    }
}
