package io.driftwatch.job;

/** Method selection and correction on the embedded default (H2). */
class H2MethodSelectionJobTests extends AbstractMethodSelectionJobTests {
}
