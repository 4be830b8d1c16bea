package io.driftwatch.job;

/** Nothing locked by a mistake, and reprocessing, on the embedded default (H2 in PostgreSQL mode). */
class H2ReprocessingJobTests extends AbstractReprocessingJobTests {
}
