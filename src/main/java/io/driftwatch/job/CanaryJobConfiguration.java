package io.driftwatch.job;

import java.time.Instant;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
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

import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.CanaryService;
import io.driftwatch.telemetry.RunEvents;

/**
 * canaryJob(model, baselineVersion, candidateVersion, mode, windowStart, windowEnd): one step that
 * reads both versions' prediction logs, judges the candidate and records the verdict. Every
 * parameter identifies the instance, so each analysis window is its own run.
 */
@Configuration(proxyBeanMethods = false)
public class CanaryJobConfiguration {

    public static final String JOB_NAME = "canaryJob";
    public static final String VERDICT = "verdict";
    public static final String VERDICT_JSON = "verdictJson";
    public static final String REASON = "reason";

    @Bean
    Job canaryJob(JobRepository jobRepository, Step analyse) {
        return new JobBuilder(JOB_NAME, jobRepository).start(analyse).build();
    }

    @Bean
    Step analyse(JobRepository jobRepository, PlatformTransactionManager tm, CanaryService canary,
                 ApplicationEventPublisher events) {
        return new StepBuilder("analyse", jobRepository).tasklet((contribution, chunkContext) -> {
            var step = chunkContext.getStepContext().getStepExecution();
            CanaryRequest request = request(step.getJobParameters());
            CanaryService.Recorded recorded = canary.analyse(request);
            ExecutionContext context = step.getJobExecution().getExecutionContext();
            context.putString(VERDICT, recorded.result().verdict().name());
            context.putString(REASON, recorded.result().reason());
            context.putString(VERDICT_JSON, recorded.json());
            events.publishEvent(new RunEvents.CanaryVerdictIssued(recorded.id(), request, recorded.result()));
            return RepeatStatus.FINISHED;
        }, tm).build();
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
                .toJobParameters();
    }

    static CanaryRequest request(JobParameters p) {
        return new CanaryRequest(p.getString("model"), p.getString("baselineVersion"), p.getString("candidateVersion"),
                CanaryRequest.Mode.valueOf(p.getString("mode")), CanaryRequest.Input.valueOf(p.getString("input")),
                Instant.parse(p.getString("windowStart")),
                Instant.parse(p.getString("windowEnd")));
    }
}
