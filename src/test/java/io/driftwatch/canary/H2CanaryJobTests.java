package io.driftwatch.canary;

/** canaryJob in process on the embedded default (H2 in PostgreSQL mode). */
class H2CanaryJobTests extends AbstractCanaryJobTests {
}
