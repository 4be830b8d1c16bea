package io.driftwatch.telemetry.alert;

/**
 * What an incident is about. Each problem has one dedup key per subject (see {@link Alert}), which
 * fires and resolves as runs observe it.
 */
public enum Problem {
    /** A completed run found dataset drift (the monitor's drift-share of its features drifted). */
    DATASET_DRIFT("dataset_drift", "DriftwatchDatasetDrift"),
    /** A completed run wants the model retrained (a task was enqueued, is open, or a guardrail held it back). */
    RETRAINING("retraining", "DriftwatchRetraining"),
    /** driftJob failed or was stopped before the monitor's run completed. */
    RUN_FAILED("run_failed", "DriftwatchRunFailed"),
    /** canaryJob judged a candidate version ROLLBACK. */
    CANARY_ROLLBACK("canary_rollback", "DriftwatchCanaryRollback");

    private final String id;
    private final String alertName;
    Problem(String id, String alertName) {
        this.id = id;
        this.alertName = alertName;
    }

    /** The last segment of its dedup keys and the {@code problem} label. */
    public String id() {
        return id;
    }

    /** Alertmanager's {@code alertname} label. */
    public String alertName() {
        return alertName;
    }
}
