package io.driftwatch.telemetry.alert;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One observation of a problem: firing or resolved, for one dedup key. The <em>dedup key</em> names the
 * problem and its subject and never changes while the problem persists, so a problem that lasts for nights
 * stays one incident in every sink:
 * <ul>
 *   <li>{@code driftwatch/<monitor>/dataset_drift}, {@code driftwatch/<monitor>/retraining},
 *       {@code driftwatch/<monitor>/run_failed};</li>
 *   <li>{@code driftwatch/driftJob/run_failed} when driftJob failed before any monitor's run was open;</li>
 *   <li>{@code driftwatch/canary/<model>/<candidate version>/canary_rollback}.</li>
 * </ul>
 *
 * @param monitor     the monitor, or null (canary and job-level problems)
 * @param model       the model, or null when unknown (job-level failure)
 * @param labels      further identifying labels (e.g. {@code candidate_version}); constant for a dedup key
 * @param summary     one line, at most {@value #MAX_SUMMARY} characters
 * @param description what was observed and what to do, several sentences
 * @param details     structured evidence (numbers, lists) for PagerDuty's custom_details and the webhook
 * @param runDate     the run date observed, or null (canary); older observations never override newer ones
 */
public record Alert(Problem problem, String dedupKey, Status status, AlertSeverity severity, String monitor, String model,
                    Map<String, String> labels, String summary, String description, Map<String, Object> details,
                    LocalDate runDate) {

    /** PagerDuty's limit for payload.summary, applied everywhere. */
    public static final int MAX_SUMMARY = 1024;

    /** Whether the problem is present. */
    public enum Status { FIRING, RESOLVED }

    public Alert {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        summary = abbreviate(summary, MAX_SUMMARY);
        description = description == null ? summary : description;
    }

    public boolean firing() {
        return status == Status.FIRING;
    }

    /** The dedup key of a monitor's problem. */
    public static String monitorKey(String monitor, Problem problem) {
        return "driftwatch/" + monitor + "/" + problem.id();
    }

    /** The dedup key of a driftJob failure that names no monitor. */
    public static String jobFailureKey() {
        return "driftwatch/driftJob/" + Problem.RUN_FAILED.id();
    }

    /** The dedup key of a candidate version's rollback. */
    public static String canaryKey(String model, String candidateVersion) {
        return "driftwatch/canary/" + model + "/" + candidateVersion + "/" + Problem.CANARY_ROLLBACK.id();
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
