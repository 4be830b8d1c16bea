package io.driftwatch.report;

import java.util.Locale;

/**
 * What the decide step did about retraining for one run; {@code drift_run.retraining_decision}.
 * Every outcome but {@link #NOT_NEEDED} means retraining was wanted; the {@code SKIPPED_*} ones name
 * the guardrail that held the task back.
 */
public enum RetrainingOutcome {
    /** Neither drift nor performance asked for retraining. */
    NOT_NEEDED(false, false),
    /** A task was enqueued, claimable at once. */
    ENQUEUED(true, false),
    /** A task was enqueued behind the approval gate. */
    AWAITING_APPROVAL(true, false),
    /** An earlier attempt of the same run already enqueued its task. */
    ALREADY_ENQUEUED(true, false),
    /** The model already has an open task. */
    SKIPPED_OPEN_TASK(true, true),
    /** The current window has fewer rows than the policy's min-rows. */
    SKIPPED_MIN_ROWS(true, true),
    /** The model was retrained within the policy's cooldown. */
    SKIPPED_COOLDOWN(true, true),
    /** The model reached the policy's max-tasks in its period. */
    SKIPPED_RATE_LIMIT(true, true);

    private final boolean wanted;
    private final boolean skipped;

    RetrainingOutcome(boolean wanted, boolean skipped) {
        this.wanted = wanted;
        this.skipped = skipped;
    }

    /** Whether retraining was wanted (whatever then happened to the task). */
    public boolean wanted() {
        return wanted;
    }

    /** Whether this decision put a task into the queue ({@link #ENQUEUED}, {@link #AWAITING_APPROVAL}). */
    public boolean enqueued() {
        return this == ENQUEUED || this == AWAITING_APPROVAL;
    }

    /** Whether a guardrail held a wanted task back. */
    public boolean skipped() {
        return skipped;
    }

    /** The guardrail in lower case for meter tags ({@code open_task}, {@code min_rows}, ...); null unless {@link #skipped()}. */
    public String guardrail() {
        return skipped ? name().substring("SKIPPED_".length()).toLowerCase(Locale.ROOT) : null;
    }
}
