/**
 * Remote partitioning ({@code driftwatch.partitioning=remote}): the manager's profile and drift steps send their
 * partitions over RabbitMQ to worker processes ({@code driftwatch.role=worker}) and read the outcome from the job
 * repository; nothing here is created with the default local partitioning.
 */
package io.driftwatch.job.remote;
