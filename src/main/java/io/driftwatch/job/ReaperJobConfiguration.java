package io.driftwatch.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.driftwatch.retrain.queue.ReapResult;
import io.driftwatch.retrain.queue.RetrainingQueue;

/**
 * reaperJob: returns retraining tasks whose lease expired (their worker died or stalled) to the
 * queue, or dead-letters them when they had no attempt left. Its step is driftJob's first step as
 * well; this job is for schedules that reap more often than nightly. Each launch is a new instance.
 */
@Configuration(proxyBeanMethods = false)
public class ReaperJobConfiguration {

    public static final String JOB_NAME = "reaperJob";
    /** Step execution context keys: leases returned for retry, and tasks dead-lettered. */
    public static final String RETRIED = "retried";
    public static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(ReaperJobConfiguration.class);

    @Bean
    Job reaperJob(JobRepository jobRepository, Step reap) {
        return new JobBuilder(JOB_NAME, jobRepository).incrementer(new RunIdIncrementer())
                .listener(DriftJobConfiguration.FAILURE_LOG).start(reap).build();
    }

    @Bean
    Step reap(JobRepository jobRepository, PlatformTransactionManager tm, RetrainingQueue queue) {
        return new StepBuilder("reap", jobRepository).tasklet((contribution, chunkContext) -> {
            ReapResult result = queue.reap();
            log.info("Reaper: {} expired lease(s) returned for retry, {} dead-lettered", result.retried(), result.failed());
            chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt(RETRIED, result.retried());
            chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt(FAILED, result.failed());
            return RepeatStatus.FINISHED;
        }, tm).allowStartIfComplete(true).build();
    }
}
