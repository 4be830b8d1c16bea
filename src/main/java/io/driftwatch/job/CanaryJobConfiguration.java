package io.driftwatch.job;

import java.time.Instant;
import java.util.UUID;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.driftwatch.canary.CanaryConfigurationException;
import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.CanaryService;
import io.driftwatch.canary.RecordedVerdict;
import io.driftwatch.telemetry.RunEvents;

/**
 * canaryJob(model, baselineVersion, candidateVersion, mode, input, windowStart, windowEnd): one step
 * that judges the candidate and records the verdict. Its parameters validator is the request check
 * ({@link CanaryService#check}); the launcher runs it before starting, so a bad request writes
 * nothing. Every run is its own job instance (a random {@code run} id): a repeated request is
 * recognised by {@code canary_verdict}, which replays the recorded verdict, not by Spring Batch,
 * which would refuse it.
 */
@Configuration(proxyBeanMethods = false)
public class CanaryJobConfiguration {

    public static final String JOB_NAME = "canaryJob";
    public static final String VERDICT = "verdict";
    public static final String VERDICT_JSON = "verdictJson";
    public static final String REASON = "reason";

    @Bean
    Job canaryJob(JobRepository jobRepository, Step analyse, CanaryService canary) {
        return new JobBuilder(JOB_NAME, jobRepository).validator(parameters -> validate(canary, parameters))
                .listener(DriftJobConfiguration.FAILURE_LOG).start(analyse).build();
    }

    @Bean
    Step analyse(JobRepository jobRepository, PlatformTransactionManager tm, CanaryService canary,
                 ApplicationEventPublisher events) {
        return new StepBuilder("analyse", jobRepository).tasklet((contribution, chunkContext) -> {
            var step = chunkContext.getStepContext().getStepExecution();
            CanaryRequest request = request(step.getJobParameters());
            CanaryService.Judgement judgement = canary.judge(request);
            RecordedVerdict verdict = judgement.verdict();
            ExecutionContext context = step.getJobExecution().getExecutionContext();
            context.putString(VERDICT, verdict.verdict().name());
            context.putString(REASON, judgement.replayed() ? "replayed verdict " + verdict.id()
                    + " (this request was judged before; end=... sets a new window): " + verdict.reason() : verdict.reason());
            context.putString(VERDICT_JSON, judgement.json());
            if (!judgement.replayed()) {
                events.publishEvent(new RunEvents.CanaryVerdictIssued(verdict.id(), request, judgement.analysis(),
                        judgement.latencies()));
            }
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    static void validate(CanaryService canary, JobParameters parameters) throws InvalidJobParametersException {
        try {
            canary.check(request(parameters));
        } catch (CanaryConfigurationException | IllegalArgumentException e) {
            throw new InvalidJobParametersException(e.getMessage());
        }
    }

    public static JobParameters parameters(CanaryRequest r) {
        return new JobParametersBuilder()
                .addString("model", r.model())
                .addString("baselineVersion", r.baselineVersion())
                .addString("candidateVersion", r.candidateVersion())
                .addString("mode", r.mode().name())
                .addString("input", r.input().name())
                .addString("windowStart", r.from().toString())
                .addString("windowEnd", r.to().toString())
                .addString("run", UUID.randomUUID().toString())
                .toJobParameters();
    }

    static CanaryRequest request(JobParameters p) {
        return new CanaryRequest(p.getString("model"), p.getString("baselineVersion"), p.getString("candidateVersion"),
                CanaryRequest.Mode.valueOf(p.getString("mode")), CanaryRequest.Input.valueOf(p.getString("input")),
                Instant.parse(p.getString("windowStart")),
                Instant.parse(p.getString("windowEnd")));
    }
}
