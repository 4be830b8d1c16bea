package io.driftwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;

import io.driftwatch.ExitCodes;
import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.job.CanaryJobConfiguration;
import io.driftwatch.job.JobFailures;

/**
 * {@code canaryJob model=... baselineVersion=... candidateVersion=...}: judges one analysis window;
 * the exit code is the verdict (0 PROMOTE, 10 ROLLBACK, 11 INCONCLUSIVE) and the verdict's JSON is
 * printed (and written to {@code driftwatch.canary.output} when set) for rollout tools.
 */
public final class CanaryCommand extends NamedCommand {

    private static final Logger log = LoggerFactory.getLogger(CanaryCommand.class);

    private final JobOperator jobOperator;
    private final Job canaryJob;
    private final Clock clock;
    private final ConsolePrinter printer;
    private final String output;

    /** @param output file the verdict's JSON is also written to, or null/blank for none */
    public CanaryCommand(JobOperator jobOperator, Job canaryJob, Clock clock, ConsolePrinter printer, String output) {
        super(CanaryJobConfiguration.JOB_NAME, false);
        this.jobOperator = jobOperator;
        this.canaryJob = canaryJob;
        this.clock = clock;
        this.printer = printer;
        this.output = output;
    }

    @Override
    public Outcome run(List<String> args) {
        CanaryRequest request;
        try {
            request = CanaryArguments.parse(args, clock);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Outcome outcome = judge(request);
        if (outcome.execution() != null
                && outcome.execution().getExecutionContext().containsKey(CanaryJobConfiguration.VERDICT_JSON)) {
            String document = outcome.execution().getExecutionContext().getString(CanaryJobConfiguration.VERDICT_JSON);
            printer.json(document);
            if (output != null && !output.isBlank()) {
                try {
                    Files.writeString(Path.of(output), document + "\n");
                } catch (IOException e) {
                    log.error("Could not write the verdict to {}", output, e);
                }
            }
        }
        return outcome;
    }

    /** Runs canaryJob for one analysis window; the exit code is the verdict. */
    public Outcome judge(CanaryRequest request) {
        JobParameters parameters = CanaryJobConfiguration.parameters(request);
        JobExecution execution;
        try {
            // The request check, before the job instance is created: a bad request writes nothing at all.
            canaryJob.getJobParametersValidator().validate(parameters);
            execution = jobOperator.start(canaryJob, parameters);
        } catch (InvalidJobParametersException e) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, e.getMessage());
        } catch (Exception e) {
            log.error("canaryJob could not start", e);
            return new Outcome(ExitCodes.UNEXPECTED, "canaryJob could not start: " + e.getMessage());
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return new Outcome(ExitCodes.FAILED, "canaryJob " + execution.getStatus() + " (" + JobFailures.root(execution) + ")",
                    execution);
        }
        var context = execution.getExecutionContext();
        String verdict = context.getString(CanaryJobConfiguration.VERDICT);
        ExitCodes code = switch (verdict) {
            case "PROMOTE" -> ExitCodes.COMPLETED;
            case "ROLLBACK" -> ExitCodes.ROLLBACK;
            default -> ExitCodes.INCONCLUSIVE;
        };
        return new Outcome(code, "canaryJob " + verdict + " for " + request.model() + " " + request.candidateVersion() + " vs "
                + request.baselineVersion() + ": " + context.getString(CanaryJobConfiguration.REASON), execution);
    }
}
