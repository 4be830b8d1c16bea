package io.driftwatch.cli;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import io.driftwatch.ExitCodes;
import io.driftwatch.job.JobFailures;
import io.driftwatch.job.ReaperJobConfiguration;

/** {@code reaperJob}: returns expired leases of the retraining queue; a new job instance each time. */
public final class ReaperCommand extends NamedCommand {

    private static final Logger log = LoggerFactory.getLogger(ReaperCommand.class);

    private final JobOperator jobOperator;
    private final Job reaperJob;

    public ReaperCommand(JobOperator jobOperator, Job reaperJob) {
        super(ReaperJobConfiguration.JOB_NAME, false);
        this.jobOperator = jobOperator;
        this.reaperJob = reaperJob;
    }

    @Override
    public Outcome run(List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException("reaperJob takes no arguments, got " + args);
        }
        try {
            JobExecution execution = jobOperator.startNextInstance(reaperJob);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                var context = execution.getStepExecutions().iterator().next().getExecutionContext();
                return new Outcome(ExitCodes.COMPLETED, "reaperJob completed: " + context.getInt(ReaperJobConfiguration.RETRIED, 0)
                        + " expired lease(s) returned for retry, " + context.getInt(ReaperJobConfiguration.FAILED, 0)
                        + " dead-lettered", execution);
            }
            return new Outcome(ExitCodes.FAILED, "reaperJob " + execution.getStatus() + " (" + JobFailures.root(execution) + ")",
                    execution);
        } catch (Exception e) {
            log.error("reaperJob could not start", e);
            return new Outcome(ExitCodes.UNEXPECTED, "reaperJob could not start: " + e.getMessage());
        }
    }
}
