package io.driftwatch.retrain;

/** The retraining guardrails on the embedded default (H2). */
class H2RetrainingPolicyJobTests extends AbstractRetrainingPolicyJobTests {
}
