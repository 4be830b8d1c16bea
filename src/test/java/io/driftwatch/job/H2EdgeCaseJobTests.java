package io.driftwatch.job;

/** Edge cases end to end on the embedded default (H2). */
class H2EdgeCaseJobTests extends AbstractEdgeCaseJobTests {
}
