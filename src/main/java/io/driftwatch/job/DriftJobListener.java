package io.driftwatch.job;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import org.springframework.context.ApplicationEventPublisher;

import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.telemetry.RunEvents;

/** Marks the runs a failed or stopped execution left open as FAILED, with the reason, for the history tables. */
class DriftJobListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(DriftJobListener.class);

    private final JdbcDriftRunDao runs;
    private final ApplicationEventPublisher events;

    DriftJobListener(JdbcDriftRunDao runs, ApplicationEventPublisher events) {
        this.runs = runs;
        this.events = events;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return;
        }
        LocalDate runDate = execution.getJobParameters().getLocalDate(DriftJobConfiguration.RUN_DATE);
        String message = JobFailures.root(execution);
        java.util.List<String> failed = java.util.List.of();
        try {
            failed = runs.failOpenRuns(runDate, execution.getId(), message);
            // A configuration error is not resumed: it is corrected, then the date runs again from its first step.
            String next = JobFailures.causedBy(execution, MonitorConfigurationException.class) != null
                    ? "Correct the configuration, then run the same runDate again."
                    : "Rerun the same runDate to resume.";
            log.warn("driftJob {} ended {}; {} open run(s) marked FAILED. {}", runDate, execution.getStatus(), failed.size(),
                    next);
        } catch (RuntimeException e) {
            log.error("Could not mark the open runs of {} as FAILED (they stay RUNNING until the date is rerun)", runDate, e);
        }
        events.publishEvent(new RunEvents.DriftJobFailed(runDate, execution.getId(), execution.getStatus().name(),
                message, failed));
    }
}
