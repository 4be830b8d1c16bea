package io.driftwatch.telemetry.alert;

/**
 * What an incident is about. Each problem has one dedup key per subject (see {@link Alert}), which
 * fires and resolves as runs observe it.
 */
public enum Problem {
    /** A completed run found dataset drift (the monitor's drift-share of its features drifted). */
    DATASET_DRIFT("dataset_drift", "DriftwatchDatasetDrift", Severity.WARNING),
    /** A completed run wants the model retrained (a task was enqueued, is open, or a guardrail held it back). */
    RETRAINING("retraining", "DriftwatchRetraining", Severity.INFO),
    /** driftJob failed or was stopped before the monitor's run completed. */
    RUN_FAILED("run_failed", "DriftwatchRunFailed", Severity.ERROR),
    /** canaryJob judged a candidate version ROLLBACK. */
    CANARY_ROLLBACK("canary_rollback", "DriftwatchCanaryRollback", Severity.CRITICAL);

    private final String id;
    private final String alertName;
    private final Severity defaultSeverity;

    Problem(String id, String alertName, Severity defaultSeverity) {
        this.id = id;
        this.alertName = alertName;
        this.defaultSeverity = defaultSeverity;
    }

    /** The last segment of its dedup keys and the {@code problem} label. */
    public String id() {
        return id;
    }

    /** Alertmanager's {@code alertname} label. */
    public String alertName() {
        return alertName;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
