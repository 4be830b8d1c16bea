package io.driftwatch.job;

/** driftJob on the embedded default (H2 in PostgreSQL mode). */
class H2DriftJobTests extends AbstractDriftJobTests {
}
