package io.driftwatch.job;

/** Recovery of what a dead or disconnected process leaves, on the embedded default (H2 in PostgreSQL mode). */
class H2RecoveryJobTests extends AbstractRecoveryJobTests {
}
